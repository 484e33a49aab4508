/**
 * Finding requests on the desk: a page of the list and how many requests match, from the tallies
 * where they can answer (request-list-tallies.ts) and otherwise by counting; the statements
 * themselves are in request-list-query.repository.ts, the indexes they read in
 * request-list-indexes.ts. Writing and working a request is in requests.repository.ts.
 */
import type { RequestSortField } from '@shared/domain/requests';
import type { Executor } from '../db/executor';
import { rowsOf, rowsPlanned } from '../db/query';
import { engineOf, ftsPhrase, requestContains } from '../db/dialect';
import { newestMatches, sampledDensity } from './newest-matches';
import {
  budgetedWalkQuery,
  denseMatchesQuery,
  nothingButSearch,
  referenceCountQuery,
  referenceSpanQuery,
  requestCountQuery,
  requestPageQuery,
  searchShape,
  type RequestSummaryRow,
} from './request-list-query.repository';
import { hasDue, type RequestFilters } from './request-filters';
import { dueTallyQuery, tallies, tallyTotalQuery, type Sizes } from './request-list-tallies';
import { holdsReference, leadOf, rangeLeadOf, yearIndexOf, type ListLead } from './request-list-indexes';

export { SUMMARY_COLUMNS, requestCountQuery, requestPageQuery, type RequestSummaryRow } from './request-list-query.repository';
export type { RequestFilters } from './request-filters';
export { leadOf, type ListLead } from './request-list-indexes';

/** Whether a list's total is counted by a query (a search, a due window) rather than read from the tallies. */
const countedByQuery = (f: RequestFilters) => searchShape(f.search).kind !== 'none' || hasDue(f);

/**
 * What tells a common trigram of a search from a rare one, and how far a search reads and counts.
 * A common trigram (the "380" of most mobile numbers, "com" of most addresses) is a list in the
 * search index as long as the register, which FTS5 reads whole for a phrase: at 1,000,000 requests,
 * 11–26 ms for a phone number that one request holds. Its first `sample` entries are read: a
 * trigram held by `dense` of the requests or more over the stretch of ids they span is common.
 * Where the common ones would have the phrase read more than `readAbove` entries, the requests
 * holding every rare one are counted up to `candidates`; fewer, and those alone are read, each
 * tested for the whole text in 1–2 µs. Otherwise the first `candidates` requests holding the phrase
 * are read (0: the phrase is read whole, as the plan test's truth); fewer, and they are the list.
 * More, and the search is dense: its total is counted up to `countUpTo` (`Page.totalCapped` past
 * it), as counting 250,000 matches exactly reads the index for 100 ms, and with a filter beside it
 * looks up each match's request (among the open requests, 10,000 of them found in 77 ms). A
 * reference's beginning that no more than `sortReferencesUpTo` requests hold is read from the
 * references' range whole and sorted (its 11,100 matches, REQ-2025-12, in 5–8 ms at a million;
 * their walk along the order of due dates passed the year's later numbers first: 43–70 ms). A
 * dense text's walk reads `walkRows` rows, or enough for its page at a density of `walkDensity`,
 * before its matches are sorted instead (`manyMatchesList`): a text that few requests of the
 * newest hold, such as "2023-1", walked 300,000 requests for 330–620 ms. On PostgreSQL a text that
 * the planner's sample says many hold is looked for among the newest `newestRows` requests first
 * (newest-matches.ts); the GIN index's bitmap costs `bitmapMatchCost` rows of a range walked for
 * each match, as it reads every entry of the text's trigrams whatever the limit (qq.com's 250,000
 * matches at a million: 30 ms, where 12,000 rows were walked and tested in 8 ms).
 */
export const TRIGRAM_RARITY = { sample: 200, dense: 0.02, readAbove: 200_000, candidates: 2000, countUpTo: 1000, sortReferencesUpTo: 20_000, walkRows: 5000, walkDensity: 0.05, newestRows: 12_000, bitmapMatchCost: 0.1 };

/**
 * How a search of three characters or more reads: on SQLite `filters` with `rareTerms` where reading
 * the search index for the rare trigrams alone costs less than reading the phrase (TRIGRAM_RARITY),
 * each request they give then tested for the whole text (db/dialect.ts `requestTextSearch`, the same
 * requests as the phrase); otherwise `matchIds` when fewer than `candidates` requests hold the text,
 * else `dense`: they are many, and a page is found sooner along the order's index. The trigrams'
 * samples only choose the rare ones: whether a search is dense is read from the index itself, as a
 * trigram's first entries can be rare where its later ones are not (a year's references). A text
 * holding a letter with a case outside ASCII (SQLite's lower() folds ASCII alone, where the index
 * folds every letter) is read by id or by its phrase, never tested on the row. On PostgreSQL the
 * first `candidates` matches come from the pg_trgm GIN index's bitmap (`rowsPlanned`), by id where
 * they are fewer, else dense, whatever the planner would guess of the pattern's share (at a million
 * requests it took 961 for 10,000 and walked every request). Beside a filter, a text its sample
 * says at least `candidates` requests hold is dense (`sampled`) without them: the filtered matches
 * counted next are real, and no more than the bound are the list whatever the sample said.
 */
export async function textSearchPlan(
  db: Executor,
  f: RequestFilters,
  rarity = TRIGRAM_RARITY,
): Promise<{ filters: RequestFilters; dense: boolean; spread?: number; sampled?: true }> {
  const plain = { filters: f, dense: false };
  const shape = searchShape(f.search);
  if (shape.kind !== 'text' || f.rareTerms || f.matchIds || rarity.candidates === 0) return plain;
  const postgres = engineOf(db) === 'postgres';
  const chars = [...shape.text.toLowerCase()];
  const foldsOnRow = postgres || !chars.some((c) => c > '\x7f' && c.toLowerCase() !== c.toUpperCase());
  if (foldsOnRow && !postgres) {
    const rare = await rareTrigrams(db, chars, rarity);
    if (rare) return { filters: { ...f, rareTerms: rare }, dense: false };
  }
  const newest = postgres ? await newestMatches(db, shape.text, rarity) : null;
  // Beside a filter, the filtered matches counted next decide: the sample spares the first ones (newest-matches.ts `sampledDensity`).
  const sampled = postgres && !newest && !nothingButSearch(f) ? await sampledDensity(db, shape.text, rarity.candidates) : null;
  if (sampled !== null) return { filters: f, dense: true, spread: sampled, sampled: true };
  const held = (newest ?? (await heldMatches(db, shape.text, rarity.candidates))).sort((a, b) => a - b);
  if (held.length < rarity.candidates) return { filters: { ...f, matchIds: held }, dense: false };
  if (!foldsOnRow) return plain;
  // The share of the requests the first matches were among (read in the order of ids, or of the table's pages): of all, about the share holding the text.
  const spread = held.length / (held[held.length - 1]! - held[0]! + 1);
  return { filters: f, dense: true, spread };
}

/** The ids of the first `upTo` requests holding `text`: from SQLite's trigram index, or the pg_trgm GIN index's bitmap. */
async function heldMatches(db: Executor, text: string, upTo: number): Promise<number[]> {
  const w = engineOf(db) === 'sqlite' ? { from: 'requests_fts', id: 'rowid', where: 'requests_fts match ?', params: [ftsPhrase(text)] } : { from: 'requests r', id: 'r.id', ...requestContains(db, text) };
  return (await rowsPlanned<{ id: number }>(db, 'matches', `select ${w.id} as id from ${w.from} where ${w.where} limit ${upTo}`, w.params)).map((r) => Number(r.id));
}

/** The trigrams of `chars` that few requests hold, where reading them alone costs less than the phrase (TRIGRAM_RARITY); else null. */
async function rareTrigrams(db: Executor, chars: string[], rarity: typeof TRIGRAM_RARITY): Promise<string[] | null> {
  const trigrams = [...new Set(chars.slice(0, -2).map((_, i) => chars.slice(i, i + 3).join('')))];
  const sampled = trigrams.map((_, k) => `select ${k} as k, rowid from (select rowid from requests_fts where requests_fts match ? limit ${rarity.sample})`);
  const samples = await rowsOf<{ k: number; n: number; lo: number; hi: number; top: number }>(
    db,
    `select k, count(*) as n, min(rowid) as lo, max(rowid) as hi, (select max(id) from requests) as top from (${sampled.join(' union all ')}) group by k`,
    trigrams.map(ftsPhrase),
  );
  // Each common trigram with the number of requests it is held by, as its sample's stretch suggests.
  const common = new Map<number, number>();
  for (const s of samples) {
    const density = rarity.sample / (Number(s.hi) - Number(s.lo) + 1);
    if (Number(s.n) >= rarity.sample && density >= rarity.dense) common.set(Number(s.k), density * Number(s.top));
  }
  const rare = trigrams.filter((_, k) => !common.has(k));
  if (rare.length === 0 || common.size === 0 || [...common.values()].reduce((a, b) => a + b, 0) < rarity.readAbove) return null;
  const [held] = await rowsOf<{ n: number }>(db, `select count(*) as n from (select rowid from requests_fts where requests_fts match ? limit ${rarity.candidates})`, [rare.map(ftsPhrase).join(' AND ')]);
  return Number(held?.n ?? rarity.candidates) < rarity.candidates ? rare : null;
}

/** The statement that counts what `f` matches, when the status/kind/channel tallies cannot. */
const countQueryOf = (db: Executor, f: RequestFilters) => dueTallyQuery(f) ?? requestCountQuery(f, engineOf(db));

/** How many requests match filters whose search is already planned (`textSearchPlan`). */
async function countRequests(db: Executor, f: RequestFilters): Promise<number> {
  if (!countedByQuery(f)) return (await tallies(db, f)).total;
  const q = countQueryOf(db, f);
  const [row] = await rowsOf<{ n: number }>(db, q.sql, q.params);
  return Number(row?.n ?? 0);
}

/**
 * How many requests match each of several filters, in one statement (the desk's counts are one call
 * to the database): each from the tallies where they answer it, else counted.
 */
export async function countRequestsEach(db: Executor, list: readonly RequestFilters[]): Promise<number[]> {
  if (list.length === 0) return [];
  const queries = list.map((f) => (countedByQuery(f) ? countQueryOf(db, f) : tallyTotalQuery(f)));
  const [row] = await rowsOf<Record<string, number>>(db, `select ${queries.map((q, k) => `(${q.sql}) as c${k}`).join(', ')}`, queries.flatMap((q) => q.params));
  return queries.map((_, k) => Number(row?.[`c${k}`] ?? 0));
}

/**
 * What a row of a short search's sort costs, in rows of a walk: the sort looks its matches up in
 * the order of their names, scattered over the table, and sorts them; the walk reads an index in
 * its order. Measured at 1,000,000 requests (`{search:赵,kind:access_copy}`): its 1,818 matches
 * sorted in 1.9–7 ms, the walk of about 2,000 rows to its page in 0.4 ms.
 */
export const SORT_ROW_COST = 4;

/**
 * How a short search reads its page, from exact counts: its matches, `total` (counted from the index
 * of names, which holds the filtered columns), sorted; or a walk along the order's index of the
 * lead (the filter with the fewest requests, or the open requests), `leadSize` requests, which meets
 * a match about every leadSize ÷ total rows (a name's beginning says nothing of its request's
 * time, status, kind or due time) and so reads about depth × leadSize ÷ total rows for a page
 * ending at `depth`. The walk when that costs less than the sort.
 */
export function shortSearchWalks(total: number, leadSize: number, depth: number): boolean {
  return depth * leadSize < SORT_ROW_COST * total * total;
}

/**
 * A search of three characters or more: its page and its total from one reading of the search
 * index (the total a window over every match, counted before the page is cut from them). A
 * search's cost is that reading: the digits of a phone number are in most requests' contacts, and
 * a separate count read the index again. A page past the last match counts them alone.
 */
async function findTextSearchList(
  db: Executor,
  f: RequestFilters,
  sort: { by: RequestSortField; dir: 'asc' | 'desc' },
  page: number,
  pageSize: number,
): Promise<{ rows: RequestSummaryRow[]; total: number }> {
  const q = requestPageQuery(f, sort, page, pageSize, 'all', false, engineOf(db), true);
  const rows = await rowsOf<RequestSummaryRow & { list_total?: number | string }>(db, q.sql, q.params);
  if (rows.length === 0) return { rows, total: page === 1 ? 0 : await countRequests(db, f) };
  const total = Number(rows[0]!.list_total);
  for (const row of rows) delete row.list_total;
  return { rows, total };
}

/**
 * A page of the list and how many requests match in all: exactly, except for a search that many
 * requests hold (`denseSearchList`).
 */
export async function findRequestList(
  db: Executor,
  f: RequestFilters,
  sort: { by: RequestSortField; dir: 'asc' | 'desc' },
  page: number,
  pageSize: number,
): Promise<{ rows: RequestSummaryRow[]; total: number; capped?: true }> {
  const shape = searchShape(f.search).kind;
  if (shape === 'text') {
    const plan = await textSearchPlan(db, f);
    return plan.dense ? denseSearchList(db, f, sort, page, pageSize, plan.spread!, plan.sampled === true) : findTextSearchList(db, plan.filters, sort, page, pageSize);
  }
  const reference = searchShape(f.search);
  // (No match read ahead, TRIGRAM_RARITY.candidates 0: the references' range counted and sorted whole, the plan test's truth.)
  if (reference.kind === 'reference' && TRIGRAM_RARITY.candidates > 0) return referencePrefixList(db, f, sort, page, pageSize, reference.prefix);
  const counts = countedByQuery(f) ? null : await tallies(db, f);
  const total = counts ? counts.total : await countRequests(db, f);
  if (total === 0) return { rows: [], total };
  let lead: ListLead = 'all';
  let walk = false;
  if (shape === 'short') {
    // A name's beginning says nothing of its request's time and state: walked along the order's
    // index where that finds the page sooner than sorting every match.
    const sizes = await tallies(db, f, true);
    lead = leadOf(f, sizes);
    walk = shortSearchWalks(total, leadSizeOf(lead, sizes), page * pageSize);
  } else if (shape === 'none') {
    lead = leadOf(f, counts ?? (hasDue(f) ? null : await tallies(db, f)), sort.by);
  }
  const q = requestPageQuery(f, sort, page, pageSize, lead, walk, engineOf(db));
  // A short search's matches from the index of names and sorted, or its walk: on PostgreSQL too, whatever the planner guesses of a name's beginning.
  if (shape === 'short') return { rows: await rowsPlanned<RequestSummaryRow>(db, walk ? 'range' : 'matches', q.sql, q.params), total };
  return { rows: await rowsOf<RequestSummaryRow>(db, q.sql, q.params), total };
}

/** How many requests a list's lead holds. Without an order, leadOf names no pair: one column, the open requests or all. */
const leadSizeOf = (lead: ListLead, sizes: Sizes) =>
  lead === 'status' || lead === 'kind' || lead === 'channel' ? sizes[lead] : lead === 'all' ? sizes.all : sizes.open;

/**
 * What a row of a dense search's walk along the filters' range costs (read, and tested for the text:
 * `requestContains`), in matches of the search index (each joined to its request to test the
 * filters): about the same. Measured at 1,000,000 requests, raw: the 91,191 requests of one kind
 * walked in 257–288 ms (2.8–3.2 µs a row); the 250,385, 34,554 and 23,968 matches of "qq.com", "138"
 * and "wang" joined in 364, 62 and 69–79 ms (1.5, 1.8 and 2.9–3.3 µs a match: the fewer the
 * matches, the fewer share a page of the table).
 */
export const RANGE_ROW_COST = 1;

/** How many matches of a search's own index are read until one past TRIGRAM_RARITY.countUpTo passes the filters: bound × all ÷ filtered. */
const readToBound = (sizes: Sizes) => ((TRIGRAM_RARITY.countUpTo + 1) * sizes.all) / Math.max(sizes.total, 1);

/** The filters' own index range (rangeLeadOf) where reading it whole costs less than reading the search's own index, of `held` matches, to the bound; else none. */
function cheaperRange(f: RequestFilters, sizes: Sizes, held: number): ListLead | undefined {
  const range = rangeLeadOf(f);
  return range !== 'all' && sizes.total * RANGE_ROW_COST < Math.min(held, readToBound(sizes)) ? range : undefined;
}

/**
 * A list that many requests may match (a dense search, a reference's beginning): its first
 * TRIGRAM_RARITY.countUpTo + 1 matches by id (denseMatchesQuery, along `range` or the search's own
 * index). No more than the bound, and they are every match: the page is read by their ids and
 * sorted. More (`capped`, `total` the bound): walked along the order's index, which meets a match
 * every few rows: the lead's (`leadOf`, or `walk.lead`), with the filters `walk.filters` gives for
 * it.
 */
async function manyMatchesList(
  db: Executor,
  f: RequestFilters,
  sort: { by: RequestSortField; dir: 'asc' | 'desc' },
  page: number,
  pageSize: number,
  sizes: Sizes,
  range: ListLead | undefined,
  walk: { lead?: ListLead; filters?: (lead: ListLead) => Promise<RequestFilters>; moreThanBound?: boolean } = {},
): Promise<{ rows: RequestSummaryRow[]; total: number; capped?: true }> {
  const upTo = TRIGRAM_RARITY.countUpTo;
  const engine = engineOf(db);
  if (!walk.moreThanBound) {
    const found = denseMatchesQuery(f, engine, upTo, range);
    // A text's matches from its search index's bitmap; a reference's along the references' own range.
    const plan = range || searchShape(f.search).kind === 'reference' ? 'range' : 'matches';
    const ids = (await rowsPlanned<{ id: number }>(db, plan, found.sql, found.params)).map((r) => Number(r.id));
    if (ids.length === 0) return { rows: [], total: 0 };
    if (ids.length <= upTo) {
      const q = requestPageQuery({ ...f, matchIds: ids }, sort, page, pageSize, 'all', false, engine);
      return { rows: await rowsOf<RequestSummaryRow>(db, q.sql, q.params), total: ids.length };
    }
  }
  const lead = walk.lead ?? leadOf(f, sizes, sort.by);
  if (searchShape(f.search).kind === 'text') {
    // A text's walk reads so many rows at most (TRIGRAM_RARITY.walkRows, or enough for the page's
    // depth at a density of walkDensity): no page there, and its matches are not where the order
    // begins (the requests of one time) or few; then they are sorted, as many as they are.
    const budget = Math.max(TRIGRAM_RARITY.walkRows, (page * pageSize) / TRIGRAM_RARITY.walkDensity);
    const b = budgetedWalkQuery(f, sort, page, pageSize, lead, engine, budget);
    const walkedRows = await rowsPlanned<RequestSummaryRow>(db, 'range', b.sql, b.params);
    if (walkedRows.length === pageSize) return { rows: walkedRows, total: upTo, capped: true };
    const sorted = requestPageQuery(f, sort, page, pageSize, 'all', false, engine);
    return { rows: await rowsPlanned<RequestSummaryRow>(db, 'matches', sorted.sql, sorted.params), total: upTo, capped: true };
  }
  const q = requestPageQuery(walk.filters ? await walk.filters(lead) : f, sort, page, pageSize, lead, true, engine);
  return { rows: await rowsPlanned<RequestSummaryRow>(db, 'range', q.sql, q.params), total: upTo, capped: true };
}

/**
 * A search that many requests hold (`textSearchPlan`'s `dense`, and `spread` the share of the
 * requests its first matches were among, so about spread × all match, or the planner's sample's
 * share where `sampled`): `manyMatchesList`, read from
 * the search index's matches until one past the bound passes the filters, or along the filters'
 * own range where even reading it whole costs less. A text held by the requests of one time (a
 * year's references) is met late in a walk.
 */
async function denseSearchList(
  db: Executor,
  f: RequestFilters,
  sort: { by: RequestSortField; dir: 'asc' | 'desc' },
  page: number,
  pageSize: number,
  spread: number,
  sampled: boolean,
): Promise<{ rows: RequestSummaryRow[]; total: number; capped?: true }> {
  const sizes = await tallies(db, f, true);
  // With no filter beside the text, the matches textSearchPlan read ahead are already more than the bound.
  const unfiltered = nothingButSearch(f) && TRIGRAM_RARITY.candidates > TRIGRAM_RARITY.countUpTo;
  // A sampled share is a guess: the range only where walking it whole costs less than that many matches' bitmap (BitmapAnd with the filters' own index, on PostgreSQL).
  const range = sampled ? rangeBeforeBitmap(f, sizes, spread, true) : (cheaperRange(f, sizes, spread * sizes.all) ?? (engineOf(db) === 'postgres' ? rangeBeforeBitmap(f, sizes, spread) : undefined));
  return manyMatchesList(db, f, sort, page, pageSize, sizes, range, { moreThanBound: unfiltered });
}

/**
 * On PostgreSQL, the filters' own range (rangeLeadOf) where walking it until one past the bound
 * passes the text, about bound ÷ spread rows (or the whole range), costs less than the bitmap of
 * every match: a text that one request in four holds, beside a status, is counted along that
 * status's requests in a few thousand rows; else none. `whole`: priced as read to its end, as a
 * guessed share must be (the matches may all lie at the range's far end). At a million requests
 * the bitmap beside a filter is read with the filter's own index (BitmapAnd): "Wang" (3%) among
 * the 28,743 open deletions in 9 ms, where walking them took 47 ms.
 */
function rangeBeforeBitmap(f: RequestFilters, sizes: Sizes, spread: number, whole = false): ListLead | undefined {
  const range = rangeLeadOf(f);
  const walked = whole ? sizes.total : Math.min(sizes.total, (TRIGRAM_RARITY.countUpTo + 1) / Math.max(spread, 1e-9));
  return range !== 'all' && walked * RANGE_ROW_COST < spread * sizes.all * TRIGRAM_RARITY.bitmapMatchCost ? range : undefined;
}

/**
 * A reference's beginning (a year's, REQ-2025-, holds up to a year's requests): where no more than
 * TRIGRAM_RARITY.sortReferencesUpTo hold it, its matches sorted; more, `manyMatchesList`, along
 * the references' range or the filters' where even reading that whole costs less (the references
 * counted that far in their own index). Past the bound, the walk keeps within its year in the
 * order of references and along the indexes of years (by due date, last update, time received:
 * with any filter, unless the filters' range holds fewer requests), whose entries hold the
 * reference (`holdsReference`); along the other orders' indexes, between the first and last time
 * received of the matches (`referenceSpanQuery`).
 */
async function referencePrefixList(
  db: Executor,
  f: RequestFilters,
  sort: { by: RequestSortField; dir: 'asc' | 'desc' },
  page: number,
  pageSize: number,
  prefix: string,
): Promise<{ rows: RequestSummaryRow[]; total: number; capped?: true }> {
  const engine = engineOf(db);
  const sizes = await tallies(db, f, true);
  // Counted in their own index as far as the choice needs: to whether they are few enough to sort, or (with filters) more than the filters' range holds.
  const counted = referenceCountQuery(engine, prefix, Math.max(TRIGRAM_RARITY.sortReferencesUpTo, cheaperRange(f, sizes, Infinity) ? sizes.total * RANGE_ROW_COST : 0) + 1);
  const held = Number((await rowsOf<{ n: number }>(db, counted.sql, counted.params))[0]?.n ?? 0);
  if (held <= TRIGRAM_RARITY.sortReferencesUpTo) {
    // Few enough: from the references' range, the page sorted and the total exact (on PostgreSQL from its bitmap, which no walk in another index's order can replace).
    const count = requestCountQuery(f, engine);
    const total = nothingButSearch(f) ? held : Number((await rowsPlanned<{ n: number }>(db, 'matches', count.sql, count.params))[0]?.n ?? 0);
    const q = requestPageQuery(f, sort, page, pageSize, 'all', false, engine);
    return { rows: total === 0 ? [] : await rowsPlanned<RequestSummaryRow>(db, 'matches', q.sql, q.params), total };
  }
  const range = cheaperRange(f, sizes, held);
  const spanned = async (): Promise<RequestFilters> => {
    const span = referenceSpanQuery(engine, prefix);
    const [within] = await rowsPlanned<{ lo: string; hi: string }>(db, 'range', span.sql, span.params);
    return { ...f, receivedWithin: [within!.lo, within!.hi] };
  };
  // Counted along the filters' range, which is in the order received after the filtered columns:
  // within the span, a range of it (new requests by hotline, REQ-2025-1, at a million: 13–16 ms
  // reading every year's, each request read for its reference).
  const bounded = range ? await spanned() : f;
  return manyMatchesList(db, bounded, sort, page, pageSize, sizes, range, {
    // By due date, last update or time received, along the year's index whatever else is filtered,
    // unless the filters' own range holds fewer requests than the beginning (`range`): the year's
    // index passes no other year's requests, and reads only the beginning's to test the filters.
    lead: !range && yearIndexOf('all', sort.by) ? 'all' : undefined,
    // Along an index whose entries hold the reference, tested there before a request is read, the
    // span would bound nothing: left out even when the count read it, for on PostgreSQL its bounds
    // made the planner sort every open match of a kind (REQ-2025-1 by last update: 13 ms, not 3).
    filters: async (lead) => (holdsReference(lead, sort.by) ? f : bounded.receivedWithin ? bounded : spanned()),
    // (No filter: the count just read is past the bound.)
    moreThanBound: nothingButSearch(f) && TRIGRAM_RARITY.sortReferencesUpTo >= TRIGRAM_RARITY.countUpTo,
  });
}

/** A page of the list, without its total. */
export async function findRequestPage(
  db: Executor,
  f: RequestFilters,
  sort: { by: RequestSortField; dir: 'asc' | 'desc' },
  page: number,
  pageSize: number,
): Promise<RequestSummaryRow[]> {
  const shape = searchShape(f.search).kind;
  const searching = shape !== 'none';
  if (shape === 'text') f = (await textSearchPlan(db, f)).filters;
  const multi = [f.statuses?.length === 1, !!f.kind, !!f.channel].filter(Boolean).length > 1;
  const lead = searching ? 'all' : leadOf(f, multi && !hasDue(f) ? await tallies(db, f) : null, sort.by);
  const q = requestPageQuery(f, sort, page, pageSize, lead, false, engineOf(db));
  return rowsOf<RequestSummaryRow>(db, q.sql, q.params);
}
