import { sql, type RawBuilder } from 'kysely';
import { isPostgres, rawStatement } from './dialect';
import type { Executor } from '../context';

/** `%text%` with LIKE's own wildcards escaped, for `like … escape '\'`. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

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
