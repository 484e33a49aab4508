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

export function pageOffset(page: number, pageSize: number): number {
  return (page - 1) * pageSize;
}

/** The rows of a hand-written statement (the list queries chosen from their query plans). */
export async function rowsOf<T>(db: Executor, text: string, params: readonly unknown[]): Promise<T[]> {
  return (await db.executeQuery<T>(rawStatement(db, text, params))).rows;
}
