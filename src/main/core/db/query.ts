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
 * Up to this many matches, a search's page is its matches found through the search indexes and
 * sorted (at most this many rows); above it, the page walks the order's index and tests each row
 * against the matches, which are then at least one row in (all ÷ this many) on average.
 */
export const SEARCH_SORTS_AT_MOST = 1000;

/**
 * The page and the total of a list that may be searched. Without a search, both at once. With one,
 * the total first (counted through the search indexes): none, no page to read; then the page, told
 * whether to walk the order's index (`walkOrder`, more matches than SEARCH_SORTS_AT_MOST) or to sort
 * the matches.
 */
export async function searchedPage<R>(search: string, count: () => Promise<number>, page: (walkOrder: boolean) => Promise<R[]>): Promise<[R[], number]> {
  if (!search.trim()) return Promise.all([page(false), count()]);
  const total = await count();
  if (total === 0) return [[], 0];
  return [await page(total > SEARCH_SORTS_AT_MOST), total];
}

export function pageOffset(page: number, pageSize: number): number {
  return (page - 1) * pageSize;
}

/** The rows of a hand-written statement (the list queries chosen from their query plans). */
export async function rowsOf<T>(db: Executor, text: string, params: readonly unknown[]): Promise<T[]> {
  return (await db.executeQuery<T>(rawStatement(db, text, params))).rows;
}
