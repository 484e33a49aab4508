import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, NO_MIGRATIONS, SqliteDialect, type Migration } from 'kysely';
import { migrations } from '../../src/main/core/db/migrations';

/**
 * One migration's test, the way the app meets it on a user's disk: a fresh database brought to the
 * migration before it, rows written as that version wrote them (raw SQL, that version's columns),
 * then this one migration, and a look at what became of the rows.
 */

export const MIGRATION_NAMES = Object.keys(migrations);

/** A timestamp as every version so far writes them (ISO 8601, UTC). */
export const AT = '2026-11-17T06:30:00.000Z';

export function freshDatabase() {
  const sqlite = new BetterSqlite3(':memory:');
  sqlite.pragma('foreign_keys = ON'); // as the app opens every register (db/connection.ts)
  return { sqlite, db: new Kysely<unknown>({ dialect: new SqliteDialect({ database: sqlite }) }) };
}

export const migratorFor = (db: Kysely<unknown>, list: Record<string, Migration> = migrations) =>
  new Migrator({ db, provider: { getMigrations: async () => list } });

export type Row = Record<string, unknown>;

export interface MigrationStep {
  sqlite: BetterSqlite3.Database;
  /** Runs one statement with positional parameters, returning the new row's id. */
  insert(statement: string, ...params: unknown[]): number;
  /** Runs this step's migration, and only it. */
  migrate(): Promise<void>;
  tables(): string[];
  /** Every row of every table of the app, by table (Kysely's own bookkeeping left out). */
  snapshot(): Record<string, Row[]>;
  /** The columns (or expressions) of an index, in order; undefined when there is no such index. */
  indexColumns(index: string): string[] | undefined;
  /** The indexes this step's migration created, each with its columns (SQLite's automatic ones left out). */
  addedIndexes(): Record<string, string[]>;
  /** SQLite's plan for a query, its details joined by " / ". */
  plan(query: string, ...params: unknown[]): string;
  close(): Promise<void>;
}

/** Rows in the order they were written; a table without rowid (the search index's own) by all its columns. */
function rowOrder(sqlite: BetterSqlite3.Database, table: string): string {
  const listed = sqlite.prepare(`select wr from pragma_table_list where schema = 'main' and name = ?`).get(table) as { wr: number } | undefined;
  if (!listed?.wr) return 'rowid';
  const columns = sqlite.prepare(`select count(*) as n from pragma_table_info(?)`).get(table) as { n: number };
  return Array.from({ length: columns.n }, (_, i) => String(i + 1)).join(', ');
}

export async function migrationStep(name: string): Promise<MigrationStep> {
  const at = MIGRATION_NAMES.indexOf(name);
  if (at < 0) throw new Error(`${name} is not in the list of src/main/core/db/migrations/index.ts`);
  const { sqlite, db } = freshDatabase();
  const migrator = migratorFor(db);
  const before = await migrator.migrateTo(at === 0 ? NO_MIGRATIONS : MIGRATION_NAMES[at - 1]!);
  if (before.error) throw before.error;

  const tables = () =>
    (sqlite.prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%' order by name`).all() as { name: string }[]).map(
      (t) => t.name,
    );

  const indexNames = () =>
    (sqlite.prepare(`select name from sqlite_master where type = 'index' and name not like 'sqlite_autoindex_%' order by name`).all() as { name: string }[]).map(
      (i) => i.name,
    );
  let indexesBefore: string[] = [];

  const step: MigrationStep = {
    sqlite,
    insert: (statement, ...params) => Number(sqlite.prepare(statement).run(...params).lastInsertRowid),
    async migrate() {
      indexesBefore = indexNames();
      const { error, results } = await migrator.migrateTo(name);
      if (error) throw error;
      const ran = (results ?? []).map((r) => `${r.migrationName} ${r.direction} ${r.status}`);
      if (ran.join() !== `${name} Up Success`) throw new Error(`expected ${name} alone to run, got: ${ran.join('; ') || 'nothing'}`);
    },
    tables,
    snapshot: () => Object.fromEntries(tables().map((t) => [t, sqlite.prepare(`select * from "${t}" order by ${rowOrder(sqlite, t)}`).all() as Row[]])),
    indexColumns(index) {
      const found = sqlite.prepare(`select sql from sqlite_master where type = 'index' and name = ?`).get(index) as { sql: string | null } | undefined;
      if (!found) return undefined;
      const columns = sqlite.prepare(`select name from pragma_index_xinfo(?) where key = 1 order by seqno`).all(index) as { name: string | null }[];
      // An expression has no column name: give it as written in the index's definition.
      if (columns.some((c) => c.name === null)) return [found.sql!.slice(found.sql!.indexOf('(') + 1, found.sql!.lastIndexOf(')')).trim()];
      return columns.map((c) => c.name!);
    },
    addedIndexes: () => Object.fromEntries(indexNames().filter((i) => !indexesBefore.includes(i)).map((i) => [i, step.indexColumns(i)!])),
    plan: (query, ...params) =>
      (sqlite.prepare(`explain query plan ${query}`).all(...params) as { detail: string }[]).map((r) => r.detail).join(' / '),
    close: () => db.destroy(),
  };
  return step;
}

/** The message of the error a statement raises, or "accepted" when SQLite takes it. */
export function refusal(run: () => unknown): string {
  try {
    run();
    return 'accepted';
  } catch (e) {
    return (e as Error).message;
  }
}
