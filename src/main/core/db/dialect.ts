/**
 * Everything that differs between the two engines a register runs on: SQLite (one officer's file,
 * the default) and PostgreSQL (a team register on a server). Repositories call these helpers and
 * never branch on the engine themselves; anything written here must answer the same values on both.
 */
import { CompiledQuery, PostgresAdapter, sql, type Expression, type RawBuilder } from 'kysely';

export type Engine = 'sqlite' | 'postgres';

/** Anything that runs queries (the database, a transaction, a migration's handle), or an engine named. */
type HasExecutor = { getExecutor(): { adapter: unknown } } | Engine;

export function engineOf(db: HasExecutor): Engine {
  if (typeof db === 'string') return db;
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

export const isPostgres = (db: HasExecutor) => engineOf(db) === 'postgres';

/**
 * A hand-written statement with `?` placeholders, as it runs on this engine: PostgreSQL numbers its
 * parameters (`$1`, `$2`…). The statements given here hold no `?` inside a literal.
 */
export function rawStatement(db: HasExecutor, text: string, params: readonly unknown[]): CompiledQuery {
  if (!isPostgres(db)) return CompiledQuery.raw(text, [...params]);
  let n = 0;
  return CompiledQuery.raw(
    text.replace(/\?/g, () => `$${(n += 1)}`),
    [...params],
  );
}

/** The larger of two values: SQLite's two-argument `max`, PostgreSQL's `greatest`. */
export function greatestOf(db: HasExecutor, a: Expression<unknown> | RawBuilder<unknown>, b: unknown): RawBuilder<number> {
  return isPostgres(db) ? sql<number>`greatest(${a}, ${b})` : sql<number>`max(${a}, ${b})`;
}

/**
 * The hour of an instant column as `YYYY-MM-DDTHH` (UTC), the first 13 characters of the ISO text
 * SQLite keeps; PostgreSQL keeps a `timestamptz` and formats it in UTC.
 */
export function utcHourOf(db: HasExecutor, column: string): RawBuilder<string> {
  return isPostgres(db) ? sql<string>`to_char(${sql.ref(column)} at time zone 'UTC', 'YYYY-MM-DD"T"HH24')` : sql<string>`substr(${sql.ref(column)}, 1, 13)`;
}

/** The elements of a JSON array held in a column (or given as a parameter), as a set with a `value` column. */
export function jsonElements(db: HasExecutor, json: Expression<unknown> | RawBuilder<unknown>, alias: string): RawBuilder<unknown> {
  return isPostgres(db)
    ? sql`jsonb_array_elements_text(${json}::jsonb) as ${sql.raw(alias)}(value)`
    : sql`json_each(${json}) as ${sql.raw(alias)}`;
}

/** `json_each(?)` of a hand-written statement: the rows of a JSON array parameter, in a column `value`. */
export function jsonElementsText(db: HasExecutor, alias: string): string {
  return isPostgres(db) ? `jsonb_array_elements_text(?::jsonb) as ${alias}(value)` : `json_each(?) ${alias}`;
}

/** A boolean column's value for the statements of a repository: SQLite keeps 0 and 1. */
export const TRUE_LITERAL = sql.raw('true');
export const FALSE_LITERAL = sql.raw('false');

/**
 * Where the requests list reads from: on SQLite a named index (the plan chosen for each order, see
 * request-list.repository.ts); PostgreSQL's planner picks its own.
 */
export function requestsFrom(db: HasExecutor, index?: string): string {
  return index && !isPostgres(db) ? `requests r indexed by ${index}` : 'requests r';
}

/**
 * The requests whose reference, requester's name, contact or account contain `text` (three
 * characters or more): SQLite's FTS5 trigram index (a quoted phrase), PostgreSQL's pg_trgm GIN index
 * with ILIKE. Both kept by the same transaction as the write, so an anonymised requester is no longer
 * found the moment the anonymisation commits.
 */
export function requestTextSearch(db: HasExecutor, text: string): { from: string; where: string; params: unknown[] } {
  if (isPostgres(db)) {
    const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    return {
      from: 'requests r',
      where: `(r.reference ilike ? or r.requester_name ilike ? or r.requester_contact ilike ? or r.account_ref ilike ?)`,
      params: [pattern, pattern, pattern, pattern],
    };
  }
  return {
    from: 'requests_fts cross join requests r on r.id = requests_fts.rowid',
    where: 'requests_fts match ?',
    params: [`"${text.replace(/"/g, '""')}"`],
  };
}

/** Requester names that begin with `prefix`, whatever the case of Latin letters. */
export function namePrefix(db: HasExecutor, prefix: string): { where: string[]; params: unknown[] } {
  if (isPostgres(db)) {
    // LIKE on the lower-case name: served by its text_pattern_ops index whatever the database's collation.
    return { where: ["lower(r.requester_name) like ? escape '\\'"], params: [`${prefix.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`] };
  }
  return { where: ['r.requester_name collate nocase >= ?', 'r.requester_name collate nocase < ?'], params: [prefix, `${prefix}\uffff`] };
}

/** How many parameters one statement may carry: SQLite's default limit; PostgreSQL takes 65,535. */
export function maxParameters(db: HasExecutor): number {
  return isPostgres(db) ? 65_535 : 32_766;
}

/** The tables of the app (not the engine's or Kysely's own, nor the search index's and tallies' internals). */
export const INTERNAL_TABLE = /^(sqlite_|kysely_migration|requests_fts($|_)|request_(tallies|intake_tallies|answer_tallies|due_tallies)$|cache_revisions$)/;
