/**
 * The statements of the requests desk's list: its filters, orders and search as SQL, each served
 * by one index range (migrations 2026_12_01_1230_requests_fast_lists, 2026_12_02_1600_request_name_filters).
 * Which of them a call runs, and its totals, is request-list.repository.ts's.
 */
import { OPEN_STATUSES, type RequestSortField } from '@shared/domain/requests';
import { pageOffset } from '../db/query';
import { jsonElementsText, namePrefix, nullsLowest, prefixUpperBound, requestContains, requestsFrom, requestTextSearch, type Engine } from '../db/dialect';
import type { RequestRow } from './requests.repository';
import { dueConditions, hasDue, onlyOpen, type RequestFilters } from './request-filters';
import { leadIndex, yearIndexOf, type ListLead } from './request-list-indexes';

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

/** The open statuses as the partial indexes' condition is written (SQLite uses them only for the same text). */
const OPEN_CONDITION = `r.status in (${OPEN_STATUSES.map((s) => `'${s}'`).join(', ')})`;

/** How many characters of a reference name its year (REQ-2025), the first column of the indexes of years. */
const YEAR_LENGTH = 8;

/** The keys of the order of references before the reference itself: its year, then its length. */
const REFERENCE_KEYS = { year: `substr(r.reference, 1, ${YEAR_LENGTH})`, length: 'length(r.reference)' };

/**
 * References are REQ-<year>-<number>: REQ-2026-10000 after REQ-2026-9999 (year prefix, then length,
 * then text); `keys` names those two where a subquery selected them as columns.
 */
function orderBy(engine: Engine, by: RequestSortField, dir: 'asc' | 'desc', keys = REFERENCE_KEYS): string {
  const d = dir === 'asc' ? 'asc' : 'desc';
  switch (by) {
    case 'reference':
      return `${keys.year} ${d}, ${keys.length} ${d}, r.reference ${d}, r.id ${d}`;
    case 'status':
    case 'kind':
      // Many requests share a status or a kind: within one, by the time received.
      return `r.${by} ${d}, r.received_at ${d}, r.id ${d}`;
    case 'receivedAt':
      return `r.received_at ${d}, r.id ${d}`;
    case 'dueAt':
      // A request without a due date first going up, last going down, on either engine.
      return `${nullsLowest(engine, 'r.due_at', d)}, r.id ${d}`;
    case 'updatedAt':
      return `r.updated_at ${d}, r.id ${d}`;
  }
}

/** The index SQLite makes for the UNIQUE constraint on `requests.reference` (its first one). */
const REFERENCE_INDEX = 'sqlite_autoindex_requests_1';

/** A search term: a reference (whole or its beginning), at least three characters (the trigram index), or fewer (names that begin with them). */
type SearchShape = { kind: 'none' } | { kind: 'reference'; prefix: string } | { kind: 'text'; text: string } | { kind: 'short'; prefix: string };

/** How many characters a trigram needs: a shorter search cannot use the full-text index. */
export const TRIGRAM = 3;

/** What a reference (REQ-<year>-<number>) begins with, from its year on: read from the references' own index, not searched as a text. */
export const REFERENCE_BEGINNING = /^REQ-\d{4}(-\d*)?$/i;

export function searchShape(search: string): SearchShape {
  const text = search.trim();
  if (!text) return { kind: 'none' };
  // A year's references with or without the hyphen after it (REQ-2025, REQ-2025-), or their first digits.
  if (REFERENCE_BEGINNING.test(text)) return { kind: 'reference', prefix: text.toUpperCase() };
  if ([...text].length >= TRIGRAM) return { kind: 'text', text };
  return { kind: 'short', prefix: text };
}

interface Where {
  from: string;
  where: string[];
  params: unknown[];
  /** A key before the order's, the same for every row the list holds, that the walk's index puts first. */
  leading?: string;
}

/** The FROM and WHERE of a list: `lead` chooses the index (ignored for a search, which starts from its matches). */
export function listWhere(db: Engine, f: RequestFilters, lead: ListLead, sort: RequestSortField | null, walk = false): Where {
  const where: string[] = [];
  const params: unknown[] = [];
  const shape = searchShape(f.search);
  let from: string;
  let leading: string | undefined;
  if (shape.kind !== 'none' && shape.kind !== 'short' && f.matchIds) {
    from = 'requests r';
    where.push(`r.id in (select value${db === 'postgres' ? '::integer' : ''} from ${jsonElementsText(db, 'm')})`);
    params.push(JSON.stringify(f.matchIds));
  } else if (shape.kind === 'text' && walk && sort) {
    // Many requests hold it: along the order's index, each row tested, until a page is found.
    from = requestsFrom(db, leadIndex(lead, sort));
    const contains = requestContains(db, shape.text);
    where.push(contains.where);
    params.push(...contains.params);
  } else if (shape.kind === 'text') {
    // From the matches of the search index, each joined to its request (then sorted: as many as match).
    const search = requestTextSearch(db, shape.text, f.rareTerms);
    from = search.from;
    where.push(search.where);
    params.push(...search.params);
  } else if (shape.kind === 'short') {
    // Few names begin so: from the index of names, which holds the filtered columns too, then
    // sorted. Many: along the order's index.
    from = requestsFrom(db, walk && sort ? leadIndex(lead, sort) : nameIndexOf(f));
    const prefix = namePrefix(db, shape.prefix);
    where.push(...prefix.where);
    params.push(...prefix.params);
  } else if (shape.kind === 'reference') {
    // A reference's beginning that few requests hold: read from the references' own (unique) index
    // whatever else is filtered, rather than along a filter's index that the planner may prefer on
    // its statistics (an overdue window of a million requests: 120 ms instead of 0.1). Many (a
    // year's): along the order's index, where the year fixes the references' order's first column.
    const year = walk && sort ? yearIndexOf(lead, sort) : undefined;
    from = requestsFrom(db, walk && sort ? (year ?? leadIndex(lead, sort)) : REFERENCE_INDEX);
    where.push('r.reference >= ?', 'r.reference < ?');
    params.push(shape.prefix, prefixUpperBound(shape.prefix));
    if (year || (walk && sort === 'reference')) {
      // The year as a range, and first in the order where the year's index leads: with an equality
      // on it, SQLite sorts the rows rather than read them in the index's order, and PostgreSQL,
      // which then drops it from the order, walks the order's own index instead (every year's).
      where.push(`${REFERENCE_KEYS.year} >= ?`, `${REFERENCE_KEYS.year} <= ?`);
      params.push(shape.prefix.slice(0, YEAR_LENGTH), shape.prefix.slice(0, YEAR_LENGTH));
      if (year) leading = REFERENCE_KEYS.year;
    }
  } else {
    from = sort ? requestsFrom(db, leadIndex(lead, sort)) : 'requests r';
  }
  const open = ((lead === 'open' || lead === 'openKind') && (shape.kind === 'none' || walk)) || (shape.kind === 'short' && !walk && onlyOpen(f));
  if (open) where.push(OPEN_CONDITION);
  // Every open status is what the open condition already says: PostgreSQL, taking the two tests
  // for independent, halved its guess of the matches and sorted every open match of a kind rather
  // than walk the order's index (REQ-2025-1 by last update: 13 ms, not 3).
  if (f.statuses && !(open && new Set(f.statuses).size === OPEN_STATUSES.length && onlyOpen(f))) {
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
  if (f.receivedWithin) {
    where.push('r.received_at >= ?', 'r.received_at <= ?');
    params.push(...f.receivedWithin);
  }
  const due = dueConditions(f, 'r.due_at');
  where.push(...due.where);
  params.push(...due.params);
  return { from, where, params, leading };
}

/**
 * The index a short search reads its matches from: the names followed by the filtered columns, so
 * that the filters are tested in the index and only the matches are looked up; of the open requests
 * alone when the filters ask for open statuses only (migration 2026_12_02_1600_request_name_filters).
 */
const nameIndexOf = (f: RequestFilters) => (onlyOpen(f) ? 'requests_open_name_filters_idx' : 'requests_name_filters_idx');

export const whereText = (w: Where) => (w.where.length ? ` where ${w.where.join(' and ')}` : '');

/** The query of one page (its SQL and parameters), with `withTotal` each row carrying the count of every match (`list_total`): for tests of its plan. */
export function requestPageQuery(
  f: RequestFilters,
  sort: { by: RequestSortField; dir: 'asc' | 'desc' },
  page: number,
  pageSize: number,
  lead: ListLead,
  walk = false,
  engine: Engine = 'sqlite',
  withTotal = false,
): { sql: string; params: unknown[] } {
  const w = listWhere(engine, f, lead, sort.by, walk);
  const columns = withTotal ? [...SUMMARY_COLUMNS, 'count(*) over () as list_total'] : SUMMARY_COLUMNS;
  return {
    sql: `select ${columns.join(', ')} from ${w.from}${whereText(w)} order by ${w.leading ? `${w.leading} ${sort.dir}, ` : ''}${orderBy(engine, sort.by, sort.dir)} limit ? offset ?`,
    params: [...w.params, pageSize, pageOffset(page, pageSize)],
  };
}

/**
 * A page of a dense text's walk that reads no more than `budget` rows of the lead's index range (in
 * the list's order, those passing the filters), each then tested for the text: fewer rows than the
 * page, and the text's matches are not where the order begins (the requests of one time, such as a
 * part of a reference), to be sorted instead (request-list.repository.ts `manyMatchesList`).
 */
export function budgetedWalkQuery(
  f: RequestFilters,
  sort: { by: RequestSortField; dir: 'asc' | 'desc' },
  page: number,
  pageSize: number,
  lead: ListLead,
  engine: Engine,
  budget: number,
): { sql: string; params: unknown[] } {
  const w = listWhere(engine, { ...f, search: '' }, lead, sort.by);
  const contains = requestContains(engine, searchShape(f.search).kind === 'text' ? f.search.trim() : '');
  // The order's keys selected by name, so that the outer order is seen to be the walk's own (SQLite then sorts nothing).
  const keys = `${REFERENCE_KEYS.year} as reference_year, ${REFERENCE_KEYS.length} as reference_length`;
  const walked = `select ${SUMMARY_COLUMNS.join(', ')}, ${keys}, ${contains.where} as held from ${w.from}${whereText(w)} order by ${orderBy(engine, sort.by, sort.dir)} limit ${Math.max(1, Math.floor(budget))}`;
  const order = orderBy(engine, sort.by, sort.dir, { year: 'r.reference_year', length: 'r.reference_length' });
  return {
    sql: `select ${SUMMARY_COLUMNS.join(', ')} from (${walked}) as r where r.held order by ${order} limit ? offset ?`,
    params: [...contains.params, ...w.params, pageSize, pageOffset(page, pageSize)],
  };
}

/** The query that counts what a list matches, when the tallies cannot answer it (a search, a due window). */
export function requestCountQuery(f: RequestFilters, engine: Engine = 'sqlite'): { sql: string; params: unknown[] } {
  if (searchShape(f.search).kind === 'none') {
    // Open requests in a due window: a covering partial index, as large as the open requests. Those
    // with no due time (few: a deadline that could not be counted) of one kind or channel, along
    // the open requests' due times, where they come first: the covering index's kind column comes
    // before the channel, and without both it would read every open request.
    const w = listWhere(engine, f, 'open', null);
    const undated = f.dueUnknown && !(f.kind && f.channel);
    return { sql: `select count(*) as n from ${requestsFrom(engine, undated ? 'requests_open_due_idx' : 'requests_open_count_idx')}${whereText(w)}`, params: w.params };
  }
  const w = listWhere(engine, f, 'all', null);
  // A search alone (on SQLite, its phrase): counted in the search index, without reading the requests.
  return { sql: `select count(*) as n from ${searchedAlone(engine, f) ? 'requests_fts' : w.from}${whereText(w)}`, params: w.params };
}

/** No filter beside the search: no status, kind, channel or due window. */
export const nothingButSearch = (f: RequestFilters) => !f.statuses && !f.kind && !f.channel && !hasDue(f);

/** A search of three characters or more with no other filter, on SQLite: answered by the search index without the requests. */
const searchedAlone = (engine: Engine, f: RequestFilters) =>
  engine === 'sqlite' && nothingButSearch(f) && !f.rareTerms && !f.matchIds && searchShape(f.search).kind === 'text';

/**
 * The first `upTo` + 1 requests that hold a dense search's text (or a reference's beginning) and
 * pass the filters, by id: from the search index's matches, each joined to its request (the
 * references' range), or (`range`, rangeLeadOf) along the filters' own index range, each row tested
 * for the text. No more than `upTo`, and they are every match; one more, and the matches are more
 * than a count goes to.
 */
export function denseMatchesQuery(f: RequestFilters, engine: Engine, upTo: number, range?: ListLead): { sql: string; params: unknown[] } {
  const w = range ? listWhere(engine, f, range, 'receivedAt', true) : listWhere(engine, f, 'all', null);
  const alone = !range && searchedAlone(engine, f);
  return { sql: `select ${alone ? 'requests_fts.rowid' : 'r.id'} as id from ${alone ? 'requests_fts' : w.from}${whereText(w)} limit ${upTo + 1}`, params: w.params };
}

/**
 * The first and last time received of the requests whose reference begins with `prefix` (a year's,
 * REQ-2025-, or longer, REQ-2025-1): from either end of its year's range of the index of years and
 * times received, each read to its first match. The index's entries hold the reference (migration
 * 2026_12_04_1900), so that the year's other numbers at either end are passed there, never a
 * request read: two seeks for a year's references, and for REQ-2025-1 at a million requests the
 * 50,000 later numbers in 3–4 ms, where the matches' own times were each read (111,000: 7 ms).
 */
export function referenceSpanQuery(engine: Engine, prefix: string): { sql: string; params: unknown[] } {
  const year = prefix.slice(0, YEAR_LENGTH);
  const end = (d: 'asc' | 'desc') =>
    `(select r.received_at from ${requestsFrom(engine, 'requests_reference_year_received_idx')} where ${REFERENCE_KEYS.year} >= ? and ${REFERENCE_KEYS.year} <= ? and r.reference >= ? and r.reference < ? order by ${REFERENCE_KEYS.year} ${d}, r.received_at ${d} limit 1)`;
  const params = [year, year, prefix, prefixUpperBound(prefix)];
  return { sql: `select ${end('asc')} as lo, ${end('desc')} as hi`, params: [...params, ...params] };
}

/** How many requests' references begin with `prefix`, counted up to `upTo` in their own index. */
export function referenceCountQuery(engine: Engine, prefix: string, upTo: number): { sql: string; params: unknown[] } {
  return {
    sql: `select count(*) as n from (select 1 from ${requestsFrom(engine, REFERENCE_INDEX)} where r.reference >= ? and r.reference < ? limit ${upTo}) as held`,
    params: [prefix, prefixUpperBound(prefix)],
  };
}
