import { CompiledQuery, sql, type RawBuilder } from 'kysely';
import { containsPattern, isPostgres, rawStatement } from './dialect';
import type { Executor } from './executor';
import { readerWith } from './postgres';

export { containsPattern };

/**
 * `column like '%text%' escape '\'`, case-insensitive for Latin letters as SQLite's LIKE is; on
 * PostgreSQL, ILIKE.
 */
export function likeContains(db: Executor, column: RawBuilder<unknown> | ReturnType<typeof sql.ref>, text: string) {
  return isPostgres(db)
    ? sql<boolean>`${column} ilike ${containsPattern(text)} escape '\\'`
    : sql<boolean>`${column} like ${containsPattern(text)} escape '\\'`;
}

export const toBool = (value: number): boolean => value === 1;
export const fromBool = (value: boolean): number => (value ? 1 : 0);

/**
 * A search's page walks the order's index, testing each row against the matches, when at least one
 * row in this many matches (a page of 25 then lies within about 1,000 rows when the matches spread
 * along the order); sparser matches are found through the search indexes and sorted, at most one
 * row in this many of the table.
 */
export const SEARCH_WALKS_DENSER_THAN = 40;

/**
 * The page and the total of a list that may be searched. Without a search, both at once. With one,
 * the total first (counted through the search indexes): none, no page to read; then the page, told
 * whether to walk the order's index (`walkOrder`: the matches are dense in `table`, whose last id
 * bounds its rows) or to sort the matches.
 */
export async function searchedPage<R>(
  db: Executor,
  table: 'partners' | 'sharing_flows' | 'agreements' | 'sdks',
  search: string,
  count: () => Promise<number>,
  page: (walkOrder: boolean) => Promise<R[]>,
): Promise<[R[], number]> {
  if (!search.trim()) return Promise.all([page(false), count()]);
  const total = await count();
  if (total === 0) return [[], 0];
  const { last } = await db.selectFrom(table).select((eb) => eb.fn.max<number | null>('id').as('last')).executeTakeFirstOrThrow();
  return [await page(total * SEARCH_WALKS_DENSER_THAN >= Number(last ?? 0)), total];
}

export function pageOffset(page: number, pageSize: number): number {
  return (page - 1) * pageSize;
}

/** The rows of a hand-written statement (the list queries chosen from their query plans). */
export async function rowsOf<T>(db: Executor, text: string, params: readonly unknown[]): Promise<T[]> {
  return (await db.executeQuery<T>(rawStatement(db, text, params))).rows;
}

/**
 * How PostgreSQL reads a statement whose plan its statistics cannot choose safely: a search's
 * pattern, whose share of the rows the planner guesses from a sample of a hundred values per
 * column (at a million requests, the four digits 7354, which 961 hold, were taken for 10,000, and
 * the page walked every request in 1.9 s). `matches`: from the GIN index's bitmap of the rows that
 * may match, never the table nor an order's index row by row. `range`: along a B-tree index range
 * (the filters', or the order's), never the table whole nor a bitmap of every match first. SQLite's
 * statements name their index themselves (`requestsFrom`).
 */
export type FixedPlan = 'matches' | 'range';
/** The planner's ways each plan turns off. */
const PLANS_OFF: Record<FixedPlan, Readonly<Record<string, 'off'>>> = {
  matches: { enable_seqscan: 'off', enable_indexscan: 'off' },
  range: { enable_seqscan: 'off', enable_bitmapscan: 'off' },
};

/**
 * `rowsOf`, read the way `plan` says. On PostgreSQL, outside a transaction, on a connection of the
 * register's reader pool that holds the planner's settings for the plan (`readerWith`, postgres.ts:
 * one round trip); inside the caller's transaction, with the other ways off for this statement
 * alone (SET LOCAL).
 */
export async function rowsPlanned<T>(db: Executor, plan: FixedPlan, text: string, params: readonly unknown[]): Promise<T[]> {
  if (!isPostgres(db)) return rowsOf<T>(db, text, params);
  if (!db.isTransaction) {
    const reader = readerWith(db, PLANS_OFF[plan]);
    if (!reader) throw new Error('A fixed plan on PostgreSQL needs the register opened by openDatabase, or one of its transactions');
    return rowsOf<T>(reader, text, params);
  }
  // The settings back as they were for the transaction's next statements. A statement that fails
  // aborts that transaction, whose rollback ends the settings with it.
  const setLocal = (value: string) => CompiledQuery.raw(Object.keys(PLANS_OFF[plan]).map((name) => `set local ${name} = ${value}`).join('; '));
  await db.executeQuery(setLocal('off'));
  const rows = await rowsOf<T>(db, text, params);
  await db.executeQuery(setLocal('default'));
  return rows;
}
