import { CompiledQuery, sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import { OPEN_STATUSES, REQUEST_KINDS, type RequestSortField, type RequestStatus } from '@shared/domain/requests';
import type { RequestEventsTable, RequestPausesTable, RequestsTable } from '../db/schema';
import type { BulkWriter } from '../db/bulk';
import type { Executor } from '../context';
import { pageOffset } from '../db/query';

export type RequestRow = Selectable<RequestsTable>;
export type RequestEventRow = Selectable<RequestEventsTable>;

/** The filters, already turned into statuses and instants by the service. */
export interface RequestFilters {
  search: string;
  statuses?: readonly RequestStatus[];
  kind?: string;
  channel?: string;
  dueAfter?: string;
  dueBy?: string;
  dueUnknown?: boolean;
}

export const SUMMARY_COLUMNS = [
  'r.id',
  'r.reference',
  'r.channel',
  'r.received_at',
  'r.requester_name',
  'r.kind',
  'r.status',
  'r.concerns_minor',
  'r.assignee',
  'r.due_date',
  'r.due_at',
  'r.deadline_problem',
  'r.revision',
  'r.updated_at',
] as const;

export type RequestSummaryRow = Pick<
  RequestRow,
  | 'id'
  | 'reference'
  | 'channel'
  | 'received_at'
  | 'requester_name'
  | 'kind'
  | 'status'
  | 'concerns_minor'
  | 'assignee'
  | 'due_date'
  | 'due_at'
  | 'deadline_problem'
  | 'revision'
  | 'updated_at'
>;

/**
 * Which index a page is read from: the index of one filtered column (`status`, `kind`, `channel`)
 * followed by the sort, the partial indexes of open requests (`open`), or the sort's own (`all`).
 * Each (lead, sort) pair names the index whose order is the list's order, so that a page is the
 * first rows of one index range (migration 2026_12_01_1230_requests_fast_lists).
 */
export type ListLead = 'all' | 'status' | 'kind' | 'channel' | 'open';

const LIST_INDEXES: Record<ListLead, Record<RequestSortField, string>> = {
  all: {
    reference: 'requests_reference_order_idx',
    receivedAt: 'requests_received_idx',
    dueAt: 'requests_due_idx',
    updatedAt: 'requests_updated_idx',
    status: 'requests_status_received_idx',
    kind: 'requests_kind_received_idx',
  },
  status: {
    reference: 'requests_status_reference_idx',
    receivedAt: 'requests_status_received_idx',
    dueAt: 'requests_status_due_idx',
    updatedAt: 'requests_status_updated_idx',
    status: 'requests_status_received_idx',
    kind: 'requests_status_kind_received_idx',
  },
  kind: {
    reference: 'requests_kind_reference_idx',
    receivedAt: 'requests_kind_received_idx',
    dueAt: 'requests_kind_due_idx',
    updatedAt: 'requests_kind_updated_idx',
    status: 'requests_kind_status_received_idx',
    kind: 'requests_kind_received_idx',
  },
  channel: {
    reference: 'requests_channel_reference_idx',
    receivedAt: 'requests_channel_received_idx',
    dueAt: 'requests_channel_due_idx',
    updatedAt: 'requests_channel_updated_idx',
    status: 'requests_channel_status_received_idx',
    kind: 'requests_channel_kind_received_idx',
  },
  open: {
    reference: 'requests_open_reference_idx',
    receivedAt: 'requests_open_received_idx',
    dueAt: 'requests_open_due_idx',
    updatedAt: 'requests_open_updated_idx',
    status: 'requests_open_status_idx',
    kind: 'requests_open_kind_idx',
  },
};

/** The open statuses as the partial indexes' condition is written (SQLite uses them only for the same text). */
const OPEN_CONDITION = `r.status in (${OPEN_STATUSES.map((s) => `'${s}'`).join(', ')})`;
const OPEN_SET = new Set<string>(OPEN_STATUSES);

/** References are REQ-<year>-<number>: REQ-2026-10000 after REQ-2026-9999 (year prefix, then length, then text). */
function orderBy(by: RequestSortField, dir: 'asc' | 'desc'): string {
  const d = dir === 'asc' ? 'asc' : 'desc';
  switch (by) {
    case 'reference':
      return `substr(r.reference, 1, 8) ${d}, length(r.reference) ${d}, r.reference ${d}, r.id ${d}`;
    case 'status':
    case 'kind':
      // Many requests share a status or a kind: within one, by the time received.
      return `r.${by} ${d}, r.received_at ${d}, r.id ${d}`;
    case 'receivedAt':
      return `r.received_at ${d}, r.id ${d}`;
    case 'dueAt':
      return `r.due_at ${d}, r.id ${d}`;
    case 'updatedAt':
      return `r.updated_at ${d}, r.id ${d}`;
  }
}

/** A search term: a reference (whole or its beginning), at least three characters (the trigram index), or fewer (names that begin with them). */
type SearchShape = { kind: 'none' } | { kind: 'reference'; prefix: string } | { kind: 'text'; phrase: string } | { kind: 'short'; prefix: string };

/** Above this many matches, a short search walks the order's index instead of sorting its matches. */
export const SHORT_SEARCH_SORT_LIMIT = 2000;

/** How many characters a trigram needs: a shorter search cannot use the full-text index. */
export const TRIGRAM = 3;

function searchShape(search: string): SearchShape {
  const text = search.trim();
  if (!text) return { kind: 'none' };
  if (/^REQ-\d{4}-\d*$/i.test(text)) return { kind: 'reference', prefix: text.toUpperCase() };
  if ([...text].length >= TRIGRAM) return { kind: 'text', phrase: `"${text.replace(/"/g, '""')}"` };
  return { kind: 'short', prefix: text };
}

interface Where {
  from: string;
  where: string[];
  params: unknown[];
}

/** The FROM and WHERE of a list: `lead` chooses the index (ignored for a search, which starts from its matches). */
function listWhere(f: RequestFilters, lead: ListLead, sort: RequestSortField | null, walk = false): Where {
  const where: string[] = [];
  const params: unknown[] = [];
  const shape = searchShape(f.search);
  let from: string;
  if (shape.kind === 'text') {
    // From the matches of the trigram index, each joined to its request (then sorted: as many as match).
    from = 'requests_fts cross join requests r on r.id = requests_fts.rowid';
    where.push('requests_fts match ?');
    params.push(shape.phrase);
  } else if (shape.kind === 'short') {
    // Few names begin so: from the index of names, then sorted. Many: along the order's index.
    from = walk && sort ? `requests r indexed by ${LIST_INDEXES[lead][sort]}` : 'requests r indexed by requests_name_idx';
    where.push('r.requester_name collate nocase >= ?', 'r.requester_name collate nocase < ?');
    params.push(shape.prefix, `${shape.prefix}\uffff`);
  } else if (shape.kind === 'reference') {
    from = 'requests r';
    where.push('r.reference >= ?', 'r.reference < ?');
    params.push(shape.prefix, `${shape.prefix}\uffff`);
  } else {
    from = sort ? `requests r indexed by ${LIST_INDEXES[lead][sort]}` : 'requests r';
  }
  if (lead === 'open' && (shape.kind === 'none' || (shape.kind === 'short' && walk))) where.push(OPEN_CONDITION);
  if (f.statuses) {
    if (f.statuses.length === 1) where.push('r.status = ?');
    else where.push(`r.status in (${f.statuses.map(() => '?').join(', ')})`);
    params.push(...f.statuses);
  }
  if (f.kind) {
    where.push('r.kind = ?');
    params.push(f.kind);
  }
  if (f.channel) {
    where.push('r.channel = ?');
    params.push(f.channel);
  }
  if (f.dueUnknown) where.push('r.due_at is null');
  if (f.dueAfter) {
    where.push('r.due_at > ?');
    params.push(f.dueAfter);
  }
  if (f.dueBy) {
    where.push('r.due_at <= ?');
    params.push(f.dueBy);
  }
  return { from, where, params };
}

const whereText = (w: Where) => (w.where.length ? ` where ${w.where.join(' and ')}` : '');
const hasDue = (f: RequestFilters) => !!(f.dueUnknown || f.dueAfter || f.dueBy);
const onlyOpen = (f: RequestFilters) => !!f.statuses && f.statuses.length > 0 && f.statuses.every((s) => OPEN_SET.has(s));

async function rowsOf<T>(db: Executor, text: string, params: readonly unknown[]): Promise<T[]> {
  return (await db.executeQuery<T>(CompiledQuery.raw(text, [...params]))).rows;
}

/** Sums of request_tallies: per filter value, and for all the filters together. */
async function tallies(db: Executor, f: RequestFilters): Promise<{ total: number; status: number; kind: number; channel: number }> {
  const parts: string[] = [];
  const params: unknown[] = [];
  const each: string[] = [];
  const eachParams: unknown[] = [];
  if (f.statuses) {
    parts.push(`status in (${f.statuses.map(() => '?').join(', ')})`);
    params.push(...f.statuses);
    if (f.statuses.length === 1) {
      each.push(`(select coalesce(sum(n), 0) from request_tallies where status = ?) as status`);
      eachParams.push(f.statuses[0]);
    }
  }
  for (const column of ['kind', 'channel'] as const) {
    const value = f[column];
    if (!value) continue;
    parts.push(`${column} = ?`);
    params.push(value);
    each.push(`(select coalesce(sum(n), 0) from request_tallies where ${column} = ?) as ${column}`);
    eachParams.push(value);
  }
  const text = `select (select coalesce(sum(n), 0) from request_tallies${parts.length ? ` where ${parts.join(' and ')}` : ''}) as total${each.map((e) => `, ${e}`).join('')}`;
  const [row] = await rowsOf<Record<string, number>>(db, text, [...params, ...eachParams]);
  const n = (key: string) => (row?.[key] === undefined ? Infinity : Number(row[key]));
  return { total: n('total'), status: n('status'), kind: n('kind'), channel: n('channel') };
}

/**
 * The index to read a page of `f` from. Open statuses (several, or with a due window): the open
 * requests' partial indexes. Otherwise the index of the filtered column with the fewest requests,
 * from the exact tallies: walking it reads at most that many rows to find a page.
 */
export function leadOf(f: RequestFilters, counts: { status: number; kind: number; channel: number } | null): ListLead {
  if (onlyOpen(f) && (f.statuses!.length > 1 || hasDue(f))) return 'open';
  const single: [ListLead, number][] = [];
  if (f.statuses?.length === 1) single.push(['status', counts?.status ?? 0]);
  if (f.kind) single.push(['kind', counts?.kind ?? 0]);
  if (f.channel) single.push(['channel', counts?.channel ?? 0]);
  if (single.length === 0) return 'all';
  return single.reduce((best, next) => (next[1] < best[1] ? next : best))[0];
}

/** The query of one page (its SQL and parameters): for tests of its plan. */
export function requestPageQuery(
  f: RequestFilters,
  sort: { by: RequestSortField; dir: 'asc' | 'desc' },
  page: number,
  pageSize: number,
  lead: ListLead,
  walk = false,
): { sql: string; params: unknown[] } {
  const w = listWhere(f, lead, sort.by, walk);
  return {
    sql: `select ${SUMMARY_COLUMNS.join(', ')} from ${w.from}${whereText(w)} order by ${orderBy(sort.by, sort.dir)} limit ? offset ?`,
    params: [...w.params, pageSize, pageOffset(page, pageSize)],
  };
}

/** The query that counts what a list matches, when the tallies cannot answer it (a search, a due window). */
export function requestCountQuery(f: RequestFilters): { sql: string; params: unknown[] } {
  if (searchShape(f.search).kind === 'none') {
    // Open requests in a due window: a covering partial index, as large as the open requests.
    const w = listWhere(f, 'open', null);
    return { sql: `select count(*) as n from requests r indexed by requests_open_count_idx${whereText(w)}`, params: w.params };
  }
  const w = listWhere(f, 'all', null);
  return { sql: `select count(*) as n from ${w.from}${whereText(w)}`, params: w.params };
}

/** Whether a list's total is counted by a query (a search, a due window) rather than read from the tallies. */
const countedByQuery = (f: RequestFilters) => searchShape(f.search).kind !== 'none' || hasDue(f);

/** How many requests match the filters. */
export async function countRequests(db: Executor, f: RequestFilters): Promise<number> {
  if (!countedByQuery(f)) return (await tallies(db, f)).total;
  const q = requestCountQuery(f);
  const [row] = await rowsOf<{ n: number }>(db, q.sql, q.params);
  return Number(row?.n ?? 0);
}

/** A page of the list and how many requests match in all. */
export async function findRequestList(
  db: Executor,
  f: RequestFilters,
  sort: { by: RequestSortField; dir: 'asc' | 'desc' },
  page: number,
  pageSize: number,
): Promise<{ rows: RequestSummaryRow[]; total: number }> {
  const searching = searchShape(f.search).kind !== 'none';
  const counts = countedByQuery(f) ? null : await tallies(db, f);
  const total = counts ? counts.total : await countRequests(db, f);
  if (total === 0) return { rows: [], total };
  // A short search that many names begin with (one common surname): walking the order's index finds
  // a page after reading about (page depth × all ÷ matches) rows, fewer than sorting every match.
  const walk = searchShape(f.search).kind === 'short' && total > SHORT_SEARCH_SORT_LIMIT;
  const lead = searching && !walk ? 'all' : leadOf(f, counts ?? (hasDue(f) || searching ? null : await tallies(db, f)));
  const q = requestPageQuery(f, sort, page, pageSize, lead, walk);
  return { rows: await rowsOf<RequestSummaryRow>(db, q.sql, q.params), total };
}

/** A page of the list, without its total. */
export async function findRequestPage(
  db: Executor,
  f: RequestFilters,
  sort: { by: RequestSortField; dir: 'asc' | 'desc' },
  page: number,
  pageSize: number,
): Promise<RequestSummaryRow[]> {
  const searching = searchShape(f.search).kind !== 'none';
  const multi = [f.statuses?.length === 1, !!f.kind, !!f.channel].filter(Boolean).length > 1;
  const lead = searching ? 'all' : leadOf(f, multi && !hasDue(f) ? await tallies(db, f) : null);
  const q = requestPageQuery(f, sort, page, pageSize, lead);
  return rowsOf<RequestSummaryRow>(db, q.sql, q.params);
}

/**
 * How many requests exist, from the yearly reference counters: requests are never deleted, so the
 * numbers handed out are the rows held — without counting a million rows for an unfiltered list.
 */
export async function countAllRequestsByCounters(db: Executor): Promise<number> {
  const { n } = await db
    .selectFrom('request_counters')
    .select((eb) => eb.fn.sum<number>('last_number').as('n'))
    .executeTakeFirstOrThrow();
  return Number(n ?? 0);
}

export async function findRequestById(db: Executor, id: number): Promise<RequestRow | undefined> {
  return db.selectFrom('requests').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The next number of the year's reference sequence (REQ-2026-0001, -0002, …), taken inside the caller's transaction. */
export async function takeNextReferenceNumber(db: Executor, year: number): Promise<number> {
  const row = await db
    .insertInto('request_counters')
    .values({ year, last_number: 1 })
    .onConflict((oc) => oc.column('year').doUpdateSet((eb) => ({ last_number: eb('request_counters.last_number', '+', 1) })))
    .returning('last_number')
    .executeTakeFirstOrThrow();
  return row.last_number;
}

/** Reserves `count` consecutive numbers for a year; answers the first. */
export async function takeReferenceNumbers(db: Executor, year: number, count: number): Promise<number> {
  const row = await db
    .insertInto('request_counters')
    .values({ year, last_number: count })
    .onConflict((oc) => oc.column('year').doUpdateSet((eb) => ({ last_number: eb('request_counters.last_number', '+', count) })))
    .returning('last_number')
    .executeTakeFirstOrThrow();
  return row.last_number - count + 1;
}

export async function insertRequest(db: Executor, row: Insertable<RequestsTable>): Promise<number> {
  const { id } = await db.insertInto('requests').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** Updates only at the stored revision; answers 0 or 1. */
export async function updateRequestAtRevision(
  db: Executor,
  id: number,
  revision: number,
  changes: Updateable<RequestsTable>,
): Promise<number> {
  const result = await db
    .updateTable('requests')
    .set({ ...changes, revision: revision + 1 })
    .where('id', '=', id)
    .where('revision', '=', revision)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Many new requests through the transaction's bulk writer; answers their ids in order. */
export function insertRequestsInBulk(bulk: BulkWriter, rows: readonly Insertable<RequestsTable>[]): number[] {
  return bulk.insertRows('requests', rows);
}

export function insertRequestEventsInBulk(bulk: BulkWriter, rows: readonly Insertable<RequestEventsTable>[]): void {
  bulk.insertRows('request_events', rows);
}

export async function insertRequestEvents(db: Executor, rows: Insertable<RequestEventsTable>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    await db.insertInto('request_events').values(rows.slice(i, i + 500)).execute();
  }
}

export async function findRequestEvents(db: Executor, requestId: number, limit: number, offset: number) {
  return db
    .selectFrom('request_events')
    .selectAll()
    .where('request_id', '=', requestId)
    .orderBy('id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
}

export async function countRequestEvents(db: Executor, requestId: number): Promise<number> {
  const { n } = await db
    .selectFrom('request_events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('request_id', '=', requestId)
    .executeTakeFirstOrThrow();
  return Number(n);
}

export async function findPauses(db: Executor, requestId: number) {
  return db.selectFrom('request_pauses').selectAll().where('request_id', '=', requestId).orderBy('id').execute();
}

/** Pauses of every request in the given statuses (for recomputing all open deadlines at once). */
export async function findPausesOfStatuses(db: Executor, statuses: readonly string[]) {
  return db
    .selectFrom('request_pauses as p')
    .innerJoin('requests as r', 'r.id', 'p.request_id')
    .select(['p.request_id', 'p.started_at', 'p.ended_at'])
    .where('r.status', 'in', [...statuses])
    .orderBy('p.id')
    .execute();
}

export async function findDeadlineFactsOfStatuses(db: Executor, statuses: readonly string[]) {
  return db
    .selectFrom('requests')
    .select(['id', 'received_at', 'identity_verified_at', 'identity_result', 'due_date', 'due_at', 'deadline_problem'])
    .where('status', 'in', [...statuses])
    .execute();
}

/** Sets the same deadline on many requests (grouped by result: open requests share few distinct due dates). */
export async function setDeadlineOfIds(
  db: Executor,
  ids: number[],
  deadline: { due_date: string | null; due_at: string | null; deadline_problem: string | null },
): Promise<void> {
  for (let i = 0; i < ids.length; i += 900) {
    await db.updateTable('requests').set(deadline).where('id', 'in', ids.slice(i, i + 900)).execute();
  }
}

// Pauses --------------------------------------------------------------------------------------

export async function insertPause(db: Executor, row: Insertable<RequestPausesTable>): Promise<void> {
  await db.insertInto('request_pauses').values(row).execute();
}

/** The pause of a request that has not ended yet, if any. */
export async function findOpenPause(db: Executor, requestId: number) {
  return db.selectFrom('request_pauses').select(['id', 'started_at', 'reason']).where('request_id', '=', requestId).where('ended_at', 'is', null).executeTakeFirst();
}

export async function endPause(db: Executor, pauseId: number, at: string, resumeReason: string): Promise<void> {
  await db.updateTable('request_pauses').set({ ended_at: at, resume_reason: resumeReason }).where('id', '=', pauseId).execute();
}

/** Ends every open pause of a request at `at` (it was refused or withdrawn while paused). */
export async function endOpenPauses(db: Executor, requestId: number, at: string): Promise<void> {
  await db.updateTable('request_pauses').set({ ended_at: at }).where('request_id', '=', requestId).where('ended_at', 'is', null).execute();
}

// Desk figures ----------------------------------------------------------------------------------

/**
 * Requests answered (responded or refused) in [from, to], and how many of them on time: at or before
 * their due time, as `answeredOnTime` in the timeliness rule says.
 */
export async function countRequestsAnsweredBetween(db: Executor, from: string, to: string): Promise<{ answered: number; onTime: number }> {
  const row = await db
    .selectFrom('requests')
    .select((eb) => [
      eb.fn.countAll<number>().as('n'),
      eb.fn.sum<number>(eb.case().when('responded_at', '<=', eb.ref('due_at')).then(1).else(0).end()).as('onTime'),
    ])
    .where('responded_at', '>=', from)
    .where('responded_at', '<=', to)
    .executeTakeFirstOrThrow();
  return { answered: Number(row.n), onTime: Number(row.onTime ?? 0) };
}

/**
 * Requests received since `since`, per kind: one range of the (kind, received_at) index per kind, so
 * that the count reads only the requests received since then, whatever the register's size.
 */
export async function countRequestsByKindSince(db: Executor, since: string): Promise<{ kind: string; count: number }[]> {
  const rows = await rowsOf<{ kind: string; n: number }>(
    db,
    `select k.value as kind, (select count(*) from requests r indexed by requests_kind_received_idx where r.kind = k.value and r.received_at >= ?) as n
     from json_each(?) k`,
    [since, JSON.stringify(REQUEST_KINDS)],
  );
  return rows.filter((r) => Number(r.n) > 0).map((r) => ({ kind: r.kind, count: Number(r.n) }));
}

/** Requests received since `since`, counted per UTC hour (`2026-11-17T06`). */
export async function countRequestsByUtcHourSince(db: Executor, since: string): Promise<{ hour: string; count: number }[]> {
  const rows = await db
    .selectFrom('requests')
    .select([sql<string>`substr(received_at, 1, 13)`.as('hour'), (eb) => eb.fn.countAll<number>().as('n')])
    .where('received_at', '>=', since)
    .groupBy(sql`substr(received_at, 1, 13)`)
    .execute();
  return rows.map((r) => ({ hour: r.hour, count: Number(r.n) }));
}

/** Requests in `statuses` due by `dueBy` with no reminder sent on `day`, soonest first. */
export async function findRequestsToRemind(db: Executor, statuses: readonly string[], dueBy: string, day: string, limit: number) {
  return db
    .selectFrom('requests as r')
    .select(['r.id', 'r.reference', 'r.status', 'r.due_at', 'r.due_date'])
    .where('r.status', 'in', [...statuses])
    .where('r.due_at', '<=', dueBy)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('request_reminders as m').select('m.day').whereRef('m.request_id', '=', 'r.id').where('m.day', '=', day))))
    .orderBy('r.due_at')
    .limit(limit)
    .execute();
}

export async function insertReminders(db: Executor, rows: { request_id: number; day: string; state: string; sent_at: string }[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 300) {
    await db.insertInto('request_reminders').values(rows.slice(i, i + 300)).onConflict((oc) => oc.doNothing()).execute();
  }
}

// Reports -----------------------------------------------------------------------------------------

/** The columns a requests report reads. */
const REPORT_COLUMNS = [
  'id',
  'reference',
  'channel',
  'received_at',
  'requester_name',
  'requester_contact',
  'account_ref',
  'kind',
  'details',
  'concerns_minor',
  'assignee',
  'status',
  'due_date',
  'due_at',
  'deadline_problem',
  'responded_at',
  'closed_at',
] as const;

/** Requests received in [start, end) (either open), after `afterId` in id order: a report's next batch. */
export async function findRequestsReceivedBetween(db: Executor, bounds: { start?: string; end?: string }, afterId: number, limit: number) {
  let query = db.selectFrom('requests').select(REPORT_COLUMNS).where('id', '>', afterId);
  if (bounds.start) query = query.where('received_at', '>=', bounds.start);
  if (bounds.end) query = query.where('received_at', '<', bounds.end);
  return query.orderBy('id').limit(limit).execute();
}

// Retention -----------------------------------------------------------------------------------------

/** Closed requests closed at or before `cutoff` whose requester is not anonymised yet. */
export async function findIdsOfRequestsClosedBefore(db: Executor, cutoff: string): Promise<number[]> {
  const rows = await db
    .selectFrom('requests')
    .select('id')
    .where('status', '=', 'closed')
    .where('closed_at', '<=', cutoff)
    .where('anonymised_at', 'is', null)
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Empties the requester's details and every written text of these requests (the request, its
 * timeline and its pauses), keeping dates, kinds and statuses for statistics.
 */
/**
 * Removes the requester's details of these requests, and the files kept with them (their rows;
 * answers the files those rows named, for the caller to remove once nothing else keeps them).
 */
export async function anonymiseRequesters(db: Executor, ids: readonly number[], now: string): Promise<Array<{ sha256: string; file_name: string }>> {
  const files: Array<{ sha256: string; file_name: string }> = [];
  for (let i = 0; i < ids.length; i += 900) {
    const chunk = ids.slice(i, i + 900);
    await db
      .updateTable('requests')
      .set((eb) => ({
        requester_name: '',
        requester_contact: '',
        account_ref: '',
        details: '',
        response_summary: '',
        refusal_note: '',
        anonymised_at: now,
        updated_at: now,
        revision: eb('revision', '+', 1),
      }))
      .where('id', 'in', chunk)
      .execute();
    await db.updateTable('request_events').set({ text: '' }).where('request_id', 'in', chunk).execute();
    await db.updateTable('request_pauses').set({ reason: '', resume_reason: '' }).where('request_id', 'in', chunk).execute();
    files.push(...(await db.deleteFrom('request_attachments').where('request_id', 'in', chunk).returning(['sha256', 'file_name']).execute()));
  }
  return files;
}

/** The references among `references` that a request already has. */
export async function findExistingReferences(db: Executor, references: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < references.length; i += 500) {
    const rows = await db.selectFrom('requests').select('reference').where('reference', 'in', references.slice(i, i + 500)).execute();
    for (const r of rows) found.add(r.reference);
  }
  return found;
}

/** Raises a year's reference counter to at least `number` (an imported REQ-YYYY-NNNN), so that new references never repeat it. */
export async function raiseReferenceCounter(db: Executor, year: number, number: number): Promise<void> {
  await db
    .insertInto('request_counters')
    .values({ year, last_number: number })
    .onConflict((oc) => oc.column('year').doUpdateSet((eb) => ({ last_number: sql<number>`max(${eb.ref('request_counters.last_number')}, ${number})` })))
    .execute();
}
