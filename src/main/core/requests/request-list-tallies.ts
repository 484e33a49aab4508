/**
 * A requests list's totals from the tallies that triggers keep in every write's transaction
 * (request_tallies per status, kind and channel; the due tallies of open requests), however many
 * requests there are; request-list.repository.ts counts what they cannot answer.
 */
import { OPEN_STATUSES } from '@shared/domain/requests';
import type { Executor } from '../db/executor';
import { rowsOf } from '../db/query';
import { dueConditions, onlyOpen, type RequestFilters } from './request-filters';
import type { LeadCounts } from './request-list-indexes';
import { searchShape } from './request-list-query.repository';

/** The statement parts of request_tallies: the requests matching the status, kind and channel filters. */
function tallyWhere(f: RequestFilters): { where: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (f.statuses) {
    parts.push(`status in (${f.statuses.map(() => '?').join(', ')})`);
    params.push(...f.statuses);
  }
  for (const column of ['kind', 'channel'] as const) {
    const value = f[column];
    if (!value) continue;
    parts.push(`${column} = ?`);
    params.push(value);
  }
  return { where: parts.length ? ` where ${parts.join(' and ')}` : '', params };
}

/** How many requests match the status, kind and channel filters, as a sum of request_tallies. */
export function tallyTotalQuery(f: RequestFilters): { sql: string; params: unknown[] } {
  const w = tallyWhere(f);
  return { sql: `select coalesce(sum(n), 0) as n from request_tallies${w.where}`, params: w.params };
}

/** Sums of request_tallies: per filter value, for all the filters together, and (`sizes`) all requests and the open ones. */
export async function tallies(
  db: Executor,
  f: RequestFilters,
  sizes = false,
): Promise<LeadCounts & { total: number; all: number; open: number }> {
  const each: string[] = [];
  const eachParams: unknown[] = [];
  if (f.statuses?.length === 1) {
    each.push(`(select coalesce(sum(n), 0) from request_tallies where status = ?) as status`);
    eachParams.push(f.statuses[0]);
  }
  for (const column of ['kind', 'channel'] as const) {
    const value = f[column];
    if (!value) continue;
    each.push(`(select coalesce(sum(n), 0) from request_tallies where ${column} = ?) as ${column}`);
    eachParams.push(value);
  }
  if (sizes) {
    each.push(`(select coalesce(sum(n), 0) from request_tallies) as every`);
    each.push(`(select coalesce(sum(n), 0) from request_tallies where status in (${OPEN_STATUSES.map(() => '?').join(', ')})) as open`);
    eachParams.push(...OPEN_STATUSES);
  }
  const total = tallyTotalQuery(f);
  const text = `select (${total.sql}) as total${each.map((e) => `, ${e}`).join('')}`;
  const [row] = await rowsOf<Record<string, number>>(db, text, [...total.params, ...eachParams]);
  const n = (key: string) => (row?.[key] === undefined ? Infinity : Number(row[key]));
  return {
    total: n('total'),
    status: n('status'),
    kind: n('kind'),
    channel: n('channel'),
    all: n('every'),
    open: n('open'),
  };
}

export type Sizes = Awaited<ReturnType<typeof tallies>>;

/**
 * Open requests in a due window (the desk's counts, the due filters' totals), with no other filter
 * or with a kind or a channel: a sum over request_due_tallies (one row per status and due time) or
 * request_due_kind_tallies / request_due_channel_tallies (per status, kind or channel, and due
 * time), or for a due time not known over request_undated_tallies (one row per status), however
 * many requests are open. A kind and a channel together are counted from the covering index, whose
 * prefix they are.
 */
export function dueTallyQuery(f: RequestFilters): { sql: string; params: unknown[] } | null {
  if (searchShape(f.search).kind !== 'none' || (f.kind && f.channel) || !(f.dueUnknown || f.dueAfter || f.dueBy) || !onlyOpen(f)) return null;
  const where = [`status in (${f.statuses!.map(() => '?').join(', ')})`];
  const params: unknown[] = [...f.statuses!];
  if (f.dueUnknown) {
    if (f.dueAfter || f.dueBy || f.kind || f.channel) return null; // no window asks for both; undated requests are few
    return { sql: `select coalesce(sum(n), 0) as n from request_undated_tallies where ${where.join(' and ')}`, params };
  }
  let tally = 'request_due_tallies';
  for (const column of ['kind', 'channel'] as const) {
    if (!f[column]) continue;
    tally = `request_due_${column}_tallies`;
    where.push(`${column} = ?`);
    params.push(f[column]);
  }
  const due = dueConditions(f, 'due_at');
  where.push(...due.where);
  params.push(...due.params);
  return { sql: `select coalesce(sum(n), 0) as n from ${tally} where ${where.join(' and ')}`, params };
}
