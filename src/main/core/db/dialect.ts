/**
 * Everything that differs between the two engines a register runs on: SQLite (one officer's file,
 * the default) and PostgreSQL (a team register on a server). Repositories call these helpers and
 * never branch on the engine themselves; anything written here must answer the same values on both.
 */
import { CompiledQuery, PostgresAdapter, sql, type Expression, type Kysely, type RawBuilder } from 'kysely';

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
 * A column written so that SQLite's planner does not look for an index on it (a unary plus), where
 * another filter already narrows the rows to a handful and the order's index should lead: the
 * partner's agreements, walked in the order asked. PostgreSQL's planner picks its own.
 */
export function unindexed(db: HasExecutor, column: string): RawBuilder<unknown> {
  return isPostgres(db) ? sql.raw(column) : sql.raw(`+${column}`);
}

/**
 * The requests whose reference, requester's name, contact or account contain `text` (three
 * characters or more): SQLite's FTS5 trigram index (a quoted phrase), PostgreSQL's pg_trgm GIN index
 * with ILIKE. Both kept by the same transaction as the write, so an anonymised requester is no longer
 * found the moment the anonymisation commits.
 */
export function requestTextSearch(db: HasExecutor, text: string, rareTerms?: readonly string[]): { from: string; where: string; params: unknown[] } {
  if (isPostgres(db)) return { from: 'requests r', ...requestContains(db, text) };
  const from = 'requests_fts cross join requests r on r.id = requests_fts.rowid';
  if (!rareTerms?.length) return { from, where: 'requests_fts match ?', params: [ftsPhrase(text)] };
  // The requests holding every rare trigram, few, each then tested for the whole text.
  const contains = requestContains(db, text);
  return { from, where: `requests_fts match ? and ${contains.where}`, params: [rareTerms.map(ftsPhrase).join(' AND '), ...contains.params] };
}

/**
 * The request `r` holds `text` in one of the columns the search indexes, tested on the row. On
 * SQLite the same requests as requests_fts's phrase for a text that holds no letter with a case
 * outside ASCII (SQLite's lower() folds ASCII alone, where the index folds every letter; the caller
 * checks); on PostgreSQL ILIKE, which the pg_trgm GIN index serves too.
 */
export function requestContains(db: HasExecutor, text: string): { where: string; params: string[] } {
  if (isPostgres(db)) {
    const pattern = containsPattern(text);
    return { where: `(${REQUEST_SEARCHED.map((c) => `r.${c} ilike ?`).join(' or ')})`, params: REQUEST_SEARCHED.map(() => pattern) };
  }
  const folded = text.toLowerCase();
  return { where: `(${REQUEST_SEARCHED.map((c) => `instr(lower(r.${c}), ?) > 0`).join(' or ')})`, params: REQUEST_SEARCHED.map(() => folded) };
}

/** `%text%` with LIKE's own wildcards escaped, for `like … escape '\\'` (PostgreSQL's ILIKE escapes with a backslash too). */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The columns of requests that requests_fts indexes (migration 2026_12_01_1230_requests_fast_lists). */
export const REQUEST_SEARCHED = ['reference', 'requester_name', 'requester_contact', 'account_ref'] as const;

/** `text` as one FTS5 phrase: with the trigram tokenizer, every row that holds it anywhere in a column. */
export const ftsPhrase = (text: string) => `"${text.replace(/"/g, '""')}"`;

/**
 * `column` begins with `text`, whatever the case of Latin letters (caselessPrefix), for a column whose
 * index sorts as stored: on SQLite one range of that index per way of writing the letters.
 */
export function beginsWith(db: HasExecutor, column: string, text: string): RawBuilder<boolean> {
  const rule = caselessPrefix(db, text, 'binary');
  const c = sql.ref(column);
  if (rule.kind === 'like') return sql<boolean>`lower(${c}) like ${rule.pattern} escape '\\'`;
  const collate = rule.nocase ? sql.raw(' collate nocase') : sql.raw('');
  return sql<boolean>`(${sql.join(
    rule.ranges.map(([from, to]) => sql`(${c}${collate} >= ${from} and ${c}${collate} < ${to})`),
    sql` or `,
  )})`;
}

/**
 * The test of `sharingTextMatches` on the row itself (`columns` may name the row's alias): on
 * PostgreSQL for any search, on SQLite for one character (a prefix of the first column; longer
 * searches there are a match of the FTS5 index, `sharingTextMatches`).
 */
export function sharingTextCondition(db: HasExecutor, columns: readonly string[], text: string): RawBuilder<boolean> {
  const length = [...text].length;
  if (length === 1) return beginsWith(db, columns[0]!, text);
  if (!isPostgres(db)) throw new Error('A search of two characters or more is a match of the FTS5 index on SQLite (sharingTextMatches)');
  if (length === 2) {
    // Two characters have no trigram: the GIN index of each text's pairs of characters finds the
    // texts that may hold them (migration 2026_12_02_1700), and the same test as ILIKE (the
    // lower-case text holds the lower-case search, with strpos, which the trigram index cannot
    // take for its own and would read whole) decides. Written as two conditions, so that the
    // planner tests the cheap one first on a row read along the list's order, and the index's
    // own condition is not computed again on each match.
    const folded = sql`lower(${text}::text)`;
    return sql<boolean>`(${sql.join(
      columns.map((c) => sql`strpos(lower(${sql.ref(c)}), ${folded}) > 0`),
      sql` or `,
    )}) and (${sql.join(
      columns.map((c) => sql`text_pairs(${sql.ref(c)}) @> array[${folded}]`),
      sql` or `,
    )})`;
  }
  const pattern = containsPattern(text);
  return sql<boolean>`(${sql.join(
    columns.map((c) => sql`${sql.ref(c)} ilike ${pattern} escape '\\'`),
    sql` or `,
  )})`;
}

/**
 * Whether the row `alias` of a sharing register's `table` matches a search in `columns`, as a
 * condition on that row: on PostgreSQL (and for one character) the row's own test, which the
 * planner serves from the GIN index for that row; on SQLite, its id among the FTS5 index's matches.
 */
export function sharingTextHeld(db: HasExecutor, table: string, alias: string, columns: readonly string[], text: string): RawBuilder<boolean> {
  if ([...text].length === 1 || isPostgres(db)) return sharingTextCondition(db, columns.map((c) => `${alias}.${c}`), text);
  return sql<boolean>`${sql.ref(`${alias}.id`)} in (${sharingTextMatches(db, table, columns, text)})`;
}

/**
 * The ids of a sharing register's table (partners, sharing_flows, agreements, sdks) whose `columns`
 * contain `text`, as a subquery for `id in (…)`. What a search matches, by its length in characters:
 * three or more, anywhere in the columns; two, anywhere too (on SQLite the trigrams that begin with
 * them, read from the index's terms: each text is indexed with a character after it, so that its
 * last two characters begin a trigram as well); one, only where the first column (the name, the
 * purpose, the reference) begins with it, as one character anywhere would match nearly every row.
 * SQLite: the table's FTS5 trigram index (migration 2026_12_02_1610); PostgreSQL: ILIKE, served by
 * the pg_trgm GIN index from three characters, and two through the GIN index of each text's pairs of
 * characters (2026_12_02_1700). Every index is kept by the transaction of the write.
 */
export function sharingTextMatches(db: HasExecutor, table: string, columns: readonly string[], text: string): RawBuilder<unknown> {
  const t = sql.table(table);
  if ([...text].length === 1 || isPostgres(db)) return sql`select id from ${t} where ${sharingTextCondition(db, columns, text)}`;
  const fts = sql.table(`${table}_fts`);
  if ([...text].length === 2) {
    const folded = text.toLowerCase();
    return sql`select doc from ${sql.table(`${table}_fts_terms`)} where term >= ${folded} and term < ${prefixUpperBound(folded)} and col in (${sql.join(columns.map((c) => sql.lit(c)))})`;
  }
  return sql`select rowid from ${fts} where ${fts} match ${`{${columns.join(' ')}} : ${ftsPhrase(text)}`}`;
}

/**
 * After a committed write that removed personal text (the retention purge), lets nothing of the old
 * text stay in the tables and their search index. PostgreSQL keeps the old version of an updated row,
 * and the pg_trgm index's entries that point at it, until a vacuum: here a vacuum of these tables at
 * once, its index pass forced (PostgreSQL may skip it when few rows changed). SQLite's search index
 * deletes securely as it is written (requests_fts, secure-delete) and needs nothing. Outside any
 * transaction; a version an open transaction elsewhere still sees stays until the next vacuum.
 */
export async function dropOldRowVersions(db: Kysely<any>, tables: readonly string[]): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`vacuum (index_cleanup on) ${sql.join(tables.map((table) => sql.table(table)))}`.execute(db);
}

/** Rows SQLite's ANALYZE reads per index when it gathers statistics: enough for the planner, bounded at any size. */
const ANALYSIS_LIMIT = 1000;

/**
 * Statistics for the query planner, as SQLite advises for a connection that stays open: at open and
 * after a large write (an import, a register copied in), `optimize` analyses each table whose rows have
 * no statistics yet or have grown or shrunk many times over since, reading at most ANALYSIS_LIMIT rows
 * per index (a register filled by another program gets its statistics on the first open: about 0.2 s
 * at 100,000 requests; otherwise well under a millisecond). PostgreSQL's autovacuum analyses a server's
 * tables itself.
 */
export async function refreshPlannerStatistics(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) return;
  await sql.raw(`pragma analysis_limit = ${ANALYSIS_LIMIT}`).execute(db);
  await sql.raw('pragma optimize = 0x10002').execute(db);
}

/**
 * The least text greater than every text that begins with `prefix`, in SQLite's order of UTF-8 bytes
 * (the order of code points): `prefix` with its last character replaced by the next one (`赵` →
 * `赶`), so that a range `>= prefix and < bound` also holds a name whose next character lies beyond
 * the basic plane (`赵𠮷`), which `prefix + '\uffff'` would leave out. `caseless`: for a comparison
 * under NOCASE, which folds A–Z to a–z, so that no capital letter can be the next character.
 */
export function prefixUpperBound(prefix: string, caseless = false): string {
  const chars = [...(caseless ? prefix.replace(/[A-Z]/g, (c) => c.toLowerCase()) : prefix)];
  while (chars.length > 0) {
    let next = chars.pop()!.codePointAt(0)! + 1;
    if (next === 0xd800) next = 0xe000; // never a lone surrogate
    if (caseless && next >= 0x41 && next <= 0x5a) next = 0x5b;
    if (next <= 0x10ffff) return chars.join('') + String.fromCodePoint(next);
  }
  return String.fromCodePoint(0x10ffff, 0x10ffff); // a prefix of nothing but the last code point: no name has one
}

/**
 * The one rule of "begins with, whatever the case of Latin letters" that a short search follows, in the
 * terms the column's index serves. PostgreSQL: LIKE on the lower-case text, `%` and `_` escaped, served
 * by a text_pattern_ops index on lower(column) whatever the database's collation (the requester
 * names' index carries the filtered columns too, migration 2026_12_02_1700). SQLite, where NOCASE
 * folds A–Z alone: for an index under NOCASE (`nocase`: the requester names), one range compared
 * under NOCASE; for an index as stored (`binary`), one range per way of writing the prefix's letters
 * (at most 8, for three letters), else the NOCASE range, which that index cannot serve but which
 * matches the same rows.
 */
export type CaselessPrefix = { kind: 'like'; pattern: string } | { kind: 'ranges'; nocase: boolean; ranges: [from: string, to: string][] };

const MAX_CASE_RANGES = 8;

export function caselessPrefix(db: HasExecutor, prefix: string, index: 'nocase' | 'binary'): CaselessPrefix {
  if (isPostgres(db)) return { kind: 'like', pattern: `${prefix.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%` };
  const nocase: CaselessPrefix = { kind: 'ranges', nocase: true, ranges: [[prefix, prefixUpperBound(prefix, true)]] };
  if (index === 'nocase') return nocase;
  let spellings = [''];
  for (const ch of prefix) {
    const both = /[A-Za-z]/.test(ch) ? [ch.toLowerCase(), ch.toUpperCase()] : [ch];
    spellings = spellings.flatMap((s) => both.map((c) => s + c));
    if (spellings.length > MAX_CASE_RANGES) return nocase;
  }
  return { kind: 'ranges', nocase: false, ranges: spellings.map((s) => [s, prefixUpperBound(s)]) };
}

/** Requester names that begin with `prefix` (caselessPrefix, the names' index being under NOCASE), as conditions and their values. */
export function namePrefix(db: HasExecutor, prefix: string): { where: string[]; params: unknown[] } {
  const rule = caselessPrefix(db, prefix, 'nocase');
  if (rule.kind === 'like') return { where: ["lower(r.requester_name) like ? escape '\\'"], params: [rule.pattern] };
  const [[from, to]] = rule.ranges as [[string, string]];
  return { where: ['r.requester_name collate nocase >= ?', 'r.requester_name collate nocase < ?'], params: [from, to] };
}

/**
 * An ORDER BY term for a column that may be null, with nulls the lowest values as SQLite sorts them
 * (first going up, last going down); PostgreSQL sorts nulls as the highest unless told.
 */
export function nullsLowest(db: HasExecutor, column: string, dir: 'asc' | 'desc'): string {
  if (!isPostgres(db)) return `${column} ${dir}`;
  return `${column} ${dir} ${dir === 'asc' ? 'nulls first' : 'nulls last'}`;
}

/** How many parameters one statement may carry: SQLite's default limit; PostgreSQL takes 65,535. */
export function maxParameters(db: HasExecutor): number {
  return isPostgres(db) ? 65_535 : 32_766;
}

/**
 * The tables of the app (not the engine's or Kysely's own, nor the search index's and tallies'
 * internals, nor a team register's audit anchor, which belongs to the register it was signed in).
 */
export const INTERNAL_TABLE = /^(sqlite_|kysely_migration|(requests|partners|sharing_flows|agreements|sdks)_fts($|_)|request_(tallies|intake_tallies|answer_tallies|due_tallies|due_kind_tallies|due_channel_tallies|undated_tallies)$|policy_citation_tallies$|(sharing_flow|partner|partner_flow|sdk|agreement)_tallies$|cache_revisions$|stored_files$|audit_anchor$)/;

/**
 * Where a register's file bytes live (the emails and attachments kept with requests, agreements'
 * documents): on a PostgreSQL server in its `stored_files` table, so that every workbench of a team
 * opens them; in a register file's folder beside it on SQLite, as for a single officer always. The
 * table is not one of the register's rows (INTERNAL_TABLE): the JSON export lists the files' rows,
 * never their bytes, and the register copy carries the bytes itself (transfer/copy-register.ts).
 */
export const bytesInRegister = (db: HasExecutor) => isPostgres(db);

/**
 * The register's write lock on PostgreSQL: a transaction-scoped advisory lock that every transaction
 * of the app takes as its first statement (postgres.ts), the way SQLite's `BEGIN IMMEDIATE` takes the
 * file's write lock. Writers from every workbench on the server therefore run one after another:
 * the audit chain's head is read and extended by one writer at a time, a year's reference counter is
 * raised and used in the same turn, and a revision read in a transaction is still the stored one when
 * the transaction writes. The key is the register's own (Kysely's migrator takes another).
 */
const WRITE_LOCK_KEY = 0x5057_5245_4749_5354n; // "PWREGIST"
/**
 * How long a writer waits for its turn before it is refused as busy, nothing written. Long enough
 * for another workbench's large import (one transaction, holding the lock until it commits) to
 * finish, so that a save waits instead of failing; the server's administrator may set another wait
 * for the register's database, `ALTER DATABASE … SET privacy_workbench.write_lock_wait = '30s'`
 * (docs/team-mode.md), which every new connection then reads.
 */
export const WRITE_LOCK_WAIT_SETTING = 'privacy_workbench.write_lock_wait';
const WRITE_LOCK_WAIT = '2min';

/** The statement that takes the write lock, waiting as long as the database's setting says, else WRITE_LOCK_WAIT (lock_timeout, for this transaction only). */
export const POSTGRES_WRITE_LOCK = CompiledQuery.raw(
  `select set_config('lock_timeout', coalesce(nullif(current_setting('${WRITE_LOCK_WAIT_SETTING}', true), ''), '${WRITE_LOCK_WAIT}'), true), pg_advisory_xact_lock(${WRITE_LOCK_KEY})`,
);

/**
 * The transactions that took the write lock as they began (postgres.ts marks every transaction of a
 * register's Kysely): asking again would cost a round trip to the server and change nothing.
 */
const beganWriteLocked = new WeakSet<object>();

export function markWriteLocked(trx: object): void {
  beganWriteLocked.add(trx);
}

/**
 * Makes sure the calling transaction holds the register's write lock: on PostgreSQL a transaction
 * that took it as it began holds it until it ends; any other takes it now (an advisory lock its
 * session holds is granted at once). On SQLite the transaction holds the file's write lock since
 * BEGIN IMMEDIATE. For code that must not run without it (the audit chain's append).
 */
export async function holdWriteLock(trx: HasExecutor & { executeQuery(query: CompiledQuery): Promise<unknown> }): Promise<void> {
  if (isPostgres(trx) && !beganWriteLocked.has(trx)) await trx.executeQuery(POSTGRES_WRITE_LOCK);
}

/**
 * Whether a transaction failed only because it met another writer's, and runs again as it was:
 * PostgreSQL's serialisation failure and deadlock (SQLSTATE 40001, 40P01). SQLite has neither: its
 * writers wait for the write lock at BEGIN (busy timeout), and a lock still held after that is
 * refused as `locked` (errors.ts).
 */
export function isRetryableWriteFailure(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '40001' || code === '40P01';
}

/** How many times a transaction runs at most when it keeps meeting retryable failures. */
export const WRITE_ATTEMPTS = 5;
