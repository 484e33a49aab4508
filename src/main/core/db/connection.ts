import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, type MigrationProvider } from 'kysely';
import type { Database } from './schema';
import { migrations } from './migrations';

export type DatabaseProblem = 'not_sqlite' | 'locked' | 'newer_schema' | 'unreadable';

/** Why a database file could not be opened. The file is left exactly as it was. */
export class DatabaseOpenError extends Error {
  constructor(
    readonly problem: DatabaseProblem,
    readonly path: string,
    detail: string,
  ) {
    super(detail);
    this.name = 'DatabaseOpenError';
  }
}

export interface OpenOptions {
  /** A file path, or `:memory:` for tests. */
  path: string;
  /** A better-sqlite3 binary built for another runtime (the Electron host passes its own). */
  nativeBinding?: string;
  /** How long a writer waits for another connection's lock, in ms. */
  busyTimeoutMs?: number;
}

export interface OpenDatabase {
  db: Kysely<Database>;
  sqlite: BetterSqlite3.Database;
  path: string;
  schemaVersion: string;
  close(): Promise<void>;
}

const SQLITE_HEADER = 'SQLite format 3\u0000';

const provider: MigrationProvider = { getMigrations: async () => migrations };
export const LATEST_MIGRATION = Object.keys(migrations).sort().at(-1) ?? '';

function checkHeader(path: string): void {
  if (path === ':memory:' || !existsSync(path)) return;
  if (statSync(path).size === 0) return;
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(16);
    const read = readSync(fd, buffer, 0, 16, 0);
    if (read < 16 || buffer.toString('latin1') !== SQLITE_HEADER) {
      throw new DatabaseOpenError('not_sqlite', path, `${path} is not a SQLite database.`);
    }
  } finally {
    closeSync(fd);
  }
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code ?? '';
  return code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED');
}

/** Names of migrations this database has run that this build of the app does not know. */
async function unknownMigrations(db: Kysely<Database>): Promise<string[]> {
  const tables = await db.introspection.getTables({ withInternalKyselyTables: true });
  if (!tables.some((t) => t.name === 'kysely_migration')) return [];
  const rows = await db
    .withTables<{ kysely_migration: { name: string } }>()
    .selectFrom('kysely_migration')
    .select('name')
    .execute();
  return rows.map((r) => r.name).filter((name) => !(name in migrations));
}

/**
 * Opens (or creates) the register: refuses a file that is not SQLite, one that another program
 * holds locked, or one written by a newer version of the app, before changing anything; then
 * turns on WAL and foreign keys and brings the schema up to date, each migration in a transaction.
 */
export async function openDatabase(options: OpenOptions): Promise<OpenDatabase> {
  const { path } = options;
  checkHeader(path);
  let sqlite: BetterSqlite3.Database;
  try {
    sqlite = new BetterSqlite3(path, {
      timeout: options.busyTimeoutMs ?? 5000,
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    });
  } catch (error) {
    throw new DatabaseOpenError('unreadable', path, `${path} cannot be opened: ${(error as Error).message}`);
  }
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  try {
    try {
      sqlite.pragma('schema_version'); // reads the header: fails fast on a corrupt or encrypted file
    } catch (error) {
      if (isBusy(error)) throw error;
      throw new DatabaseOpenError('not_sqlite', path, `${path} is not a readable SQLite database: ${(error as Error).message}`);
    }
    const newer = await unknownMigrations(db);
    if (newer.length > 0) {
      throw new DatabaseOpenError(
        'newer_schema',
        path,
        `${path} was written by a newer version of Privacy Workbench (schema ${newer.join(', ')}). Update the app to open it.`,
      );
    }
    if (path !== ':memory:') sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('synchronous = NORMAL');
    const { error } = await new Migrator({ db, provider }).migrateToLatest();
    if (error) throw error;
  } catch (error) {
    await db.destroy();
    if (error instanceof DatabaseOpenError) throw error;
    if (isBusy(error)) {
      throw new DatabaseOpenError('locked', path, `${path} is locked by another program. Close it there and try again.`);
    }
    throw new DatabaseOpenError('unreadable', path, `${path} cannot be opened: ${(error as Error).message}`);
  }
  return {
    db,
    sqlite,
    path,
    schemaVersion: LATEST_MIGRATION,
    close: () => db.destroy(),
  };
}
