import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, type MigrationProvider } from 'kysely';
import { DatabaseOpenError, openFailure, storageProblemOf } from '../errors';
import type { Database } from './schema';
import { migrations } from './migrations';
import { refreshPlannerStatistics, type Engine } from './dialect';
import { registerOnServer, serverProblemOf } from './postgres';
import { isPostgresUrl, shownLocation } from '../paths';
import { BUSY_SLICE_MS, kyselyOver, whileBusy } from './sqlite-driver';

export { DatabaseOpenError, type DatabaseProblem } from '../errors';

export interface OpenOptions {
  /** A file path, `:memory:` for tests, or a `postgres://` URL (a team register on a server). */
  path: string;
  /** A better-sqlite3 binary built for another runtime (the Electron host passes its own). */
  nativeBinding?: string;
  /** How long opening waits for another process's write to the file to finish before it refuses the register as locked, in ms (BUSY_TIMEOUT_MS). */
  busyTimeoutMs?: number;
  /** How long a write waits for another process's write to the file, in ms (WRITE_WAIT_MS in sqlite-driver.ts). */
  writeWaitMs?: number;
  /**
   * Refuse a path that holds no register (no file, or an empty one) instead of creating one: for
   * the read-only commands, where a mistyped path must not turn into a new, empty register.
   */
  mustExist?: boolean;
}

/** How long opening waits for another process's write to finish before the register is refused as locked. */
export const BUSY_TIMEOUT_MS = 5000;

export interface OpenDatabase {
  engine: Engine;
  db: Kysely<Database>;
  /** The SQLite connection (backups, bulk writes); absent on PostgreSQL. */
  sqlite?: BetterSqlite3.Database;
  path: string;
  schemaVersion: string;
  close(): Promise<void>;
}

const SQLITE_HEADER = 'SQLite format 3\u0000';

const provider: MigrationProvider = { getMigrations: async () => migrations };
export const LATEST_MIGRATION = Object.keys(migrations).sort().at(-1) ?? '';

function checkHeader(path: string, mustExist: boolean): void {
  if (path === ':memory:') return;
  if (!existsSync(path)) {
    if (mustExist) throw new DatabaseOpenError('missing', path);
    return;
  }
  if (statSync(path).size === 0) {
    if (mustExist) throw new DatabaseOpenError('empty', path);
    return;
  }
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(16);
    const read = readSync(fd, buffer, 0, 16, 0);
    if (read < 16 || buffer.toString('latin1') !== SQLITE_HEADER) {
      throw new DatabaseOpenError('not_sqlite', path);
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * Takes the write lock and makes a change that is rolled back: a register another process holds
 * locked (waited for up to the busy timeout), or one this process may not write (read-only file or
 * folder, no permission), is refused now, at open, not at the user's first save.
 */
async function checkWritable(sqlite: BetterSqlite3.Database, waitMs: number): Promise<void> {
  const version = Number(sqlite.pragma('user_version', { simple: true }));
  await whileBusy(waitMs, () => sqlite.prepare('begin immediate').run());
  try {
    sqlite.pragma(`user_version = ${version}`);
  } finally {
    if (sqlite.inTransaction) sqlite.prepare('rollback').run();
  }
}

/**
 * What the database holds before anything is changed: nothing (a new register), a register of this
 * version or an older one, a register of a newer version (migrations this build does not know), or
 * something else altogether — tables of another program, or another program's migrations — which
 * is refused rather than given a register's tables beside its own.
 */
type Found = { kind: 'new' } | { kind: 'register' } | { kind: 'newer'; migrations: string[] } | { kind: 'foreign'; tables: string[] };

const FIRST_MIGRATION = Object.keys(migrations).sort()[0] ?? '';

async function whatTheDatabaseHolds(db: Kysely<Database>): Promise<Found> {
  const tables = (await db.introspection.getTables({ withInternalKyselyTables: true })).map((t) => t.name);
  if (!tables.includes('kysely_migration')) {
    const others = tables.filter((name) => name !== 'kysely_migration_lock');
    return others.length === 0 ? { kind: 'new' } : { kind: 'foreign', tables: others };
  }
  const names = (
    await db.withTables<{ kysely_migration: { name: string } }>().selectFrom('kysely_migration').select('name').execute()
  ).map((r) => r.name);
  if (names.length === 0) return tables.length > 2 ? { kind: 'foreign', tables } : { kind: 'new' };
  if (!names.includes(FIRST_MIGRATION)) return { kind: 'foreign', tables };
  const unknown = names.filter((name) => !(name in migrations));
  return unknown.length > 0 ? { kind: 'newer', migrations: unknown } : { kind: 'register' };
}

/** Refuses, before any migration runs, a database of a newer version or one that is not a register. */
async function checkBeforeMigrating(db: Kysely<Database>, shown: string): Promise<void> {
  const found = await whatTheDatabaseHolds(db);
  if (found.kind === 'newer') throw new DatabaseOpenError('newer_schema', shown, { migrations: found.migrations.join(', ') });
  if (found.kind === 'foreign') throw new DatabaseOpenError('not_register', shown, { tables: found.tables.slice(0, 5).join(', ') });
}

/**
 * Opens (or creates) the register: refuses a file that is not SQLite, one that another program
 * holds locked, one that cannot be written, or one written by a newer version of the app, before
 * changing anything; then turns on WAL and foreign keys and brings the schema up to date, each
 * migration in a transaction.
 */
export async function openDatabase(options: OpenOptions): Promise<OpenDatabase> {
  if (isPostgresUrl(options.path)) return openPostgres(options.path);
  const { path } = options;
  checkHeader(path, options.mustExist ?? false);
  let sqlite: BetterSqlite3.Database;
  try {
    sqlite = new BetterSqlite3(path, {
      timeout: BUSY_SLICE_MS,
      ...(options.mustExist ? { fileMustExist: true } : {}),
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    });
  } catch (error) {
    throw openFailure(path, error);
  }
  const db = kyselyOver(sqlite, options.writeWaitMs);
  try {
    try {
      sqlite.pragma('schema_version'); // reads the header: fails fast on a corrupt or encrypted file
    } catch (error) {
      if (storageProblemOf(error)) throw error;
      throw new DatabaseOpenError('not_sqlite', path);
    }
    await checkBeforeMigrating(db, path);
    if (path !== ':memory:') {
      await checkWritable(sqlite, options.busyTimeoutMs ?? BUSY_TIMEOUT_MS);
      sqlite.pragma('journal_mode = WAL');
    }
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('synchronous = NORMAL');
    const { error } = await new Migrator({ db, provider }).migrateToLatest();
    if (error) throw error;
    await refreshPlannerStatistics(db);
  } catch (error) {
    await db.destroy();
    throw openFailure(path, error);
  }
  return {
    engine: 'sqlite',
    db,
    sqlite,
    path,
    schemaVersion: LATEST_MIGRATION,
    close: () => db.destroy(),
  };
}

/**
 * On PostgreSQL Kysely's migrator runs every pending migration, and the row that records it, in one
 * transaction (DDL is transactional there) under its advisory lock; a migration's own
 * `db.transaction()` then joins that transaction instead of opening another.
 */
function joiningTransactions(trx: Kysely<unknown>): Kysely<unknown> {
  return new Proxy(trx, {
    get(target, prop) {
      if (prop === 'transaction') return () => ({ execute: (fn: (t: Kysely<unknown>) => Promise<unknown>) => fn(target) });
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

const oneTransactionProvider: MigrationProvider = {
  getMigrations: async () =>
    Object.fromEntries(
      Object.entries(migrations).map(([name, m]) => [
        name,
        { up: (db: Kysely<unknown>) => m.up(joiningTransactions(db)), ...(m.down ? { down: (db: Kysely<unknown>) => m.down!(joiningTransactions(db)) } : {}) },
      ]),
    ),
};

/**
 * A server's error met while opening, as the problem the user is shown: the server down or out of
 * reach, the password or the role refused, TLS, no such database; anything else as unreadable.
 */
export function serverOpenFailure(url: string, error: unknown): DatabaseOpenError {
  if (error instanceof DatabaseOpenError) return error;
  const problem = serverProblemOf(error);
  const detail = (error as Error)?.message ?? String(error);
  let params: Record<string, string> = { detail };
  try {
    const parsed = new URL(url);
    params = { ...params, server: `${parsed.hostname}:${parsed.port || '5432'}`, database: decodeURIComponent(parsed.pathname.slice(1)), user: decodeURIComponent(parsed.username) };
  } catch {
    // An address that is no URL at all: named as given.
  }
  return new DatabaseOpenError(problem ?? 'unreadable', shownLocation(url), params);
}

/**
 * Reads what a server's database holds without changing anything: whether it answers, and whether
 * it is empty, a register (of this version or older), newer, or something else. For the "Test
 * connection" button.
 */
export async function checkPostgres(url: string): Promise<{ newRegister: boolean }> {
  let db: Kysely<Database> | null = null;
  try {
    db = registerOnServer({ url, maxConnections: 1 });
    await checkBeforeMigrating(db, shownLocation(url));
    return { newRegister: (await whatTheDatabaseHolds(db)).kind === 'new' };
  } catch (error) {
    throw serverOpenFailure(url, error);
  } finally {
    await db?.destroy().catch(() => {});
  }
}

/**
 * Opens a team register on a PostgreSQL server: refuses one written by a newer version of the app,
 * and a database that is not a register, before any migration runs; then brings the schema up to
 * date (Kysely's migrator holds an advisory lock meanwhile, so two workbenches starting together
 * migrate once). Messages name the server without the password.
 */
async function openPostgres(url: string): Promise<OpenDatabase> {
  let db: Kysely<Database> | null = null;
  try {
    // A URL pg cannot parse, or a CA file that cannot be read, throws here.
    db = registerOnServer({ url });
    await checkBeforeMigrating(db, shownLocation(url));
    const { error } = await new Migrator({ db, provider: oneTransactionProvider }).migrateToLatest();
    if (error) throw error;
  } catch (error) {
    await db?.destroy().catch(() => {});
    throw serverOpenFailure(url, error);
  }
  const open = db;
  return { engine: 'postgres', db: open, path: url, schemaVersion: LATEST_MIGRATION, close: () => open.destroy() };
}

/**
 * Runs `read` on one consistent snapshot of a register while it stays open for writing: on a
 * SQLite file, a read-only connection of its own in one read transaction (WAL lets the register's
 * own connection write meanwhile, unseen by it); on PostgreSQL, a REPEATABLE READ, READ ONLY
 * transaction of the pool. A register in memory (tests) is read as it is.
 */
export async function withReadSnapshot<T>(
  register: { db: Kysely<Database>; dbPath: string; nativeBinding?: string },
  read: (db: Kysely<Database>) => Promise<T>,
): Promise<T> {
  if (isPostgresUrl(register.dbPath)) {
    return register.db
      .transaction()
      .setIsolationLevel('repeatable read')
      .setAccessMode('read only')
      .execute((trx) => read(trx));
  }
  if (register.dbPath === ':memory:') return read(register.db);
  const sqlite = new BetterSqlite3(register.dbPath, {
    readonly: true,
    fileMustExist: true,
    timeout: BUSY_TIMEOUT_MS,
    ...(register.nativeBinding ? { nativeBinding: register.nativeBinding } : {}),
  });
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  try {
    sqlite.prepare('begin').run();
    return await read(db);
  } finally {
    if (sqlite.inTransaction) sqlite.prepare('rollback').run();
    await db.destroy();
  }
}
