import { sql, type RawBuilder } from 'kysely';

/** `%text%` with LIKE's own wildcards escaped, for `like … escape '\'`. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** `column like '%text%' escape '\'`, portable between SQLite and PostgreSQL. */
export function likeContains(column: RawBuilder<unknown> | ReturnType<typeof sql.ref>, text: string) {
  return sql<boolean>`${column} like ${containsPattern(text)} escape '\\'`;
}

export const toBool = (value: number): boolean => value === 1;
export const fromBool = (value: boolean): number => (value ? 1 : 0);

export function pageOffset(page: number, pageSize: number): number {
  return (page - 1) * pageSize;
}
