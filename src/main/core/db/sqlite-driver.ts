/**
 * How the register file's statements and transactions run: Kysely's SQLite driver, with a write that
 * waits its turn behind another process's write instead of failing, prepared statements reused, and
 * rows made into objects here. Opening and checking the file is connection.ts's.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type BetterSqlite3 from 'better-sqlite3';
import {
  CompiledQuery,
  Kysely,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
  type SqliteDatabase,
  type SqliteDialectConfig,
} from 'kysely';
import type { Database } from './schema';

/**
 * The longest one try at the file's write lock holds up the thread (better-sqlite3's busy timeout,
 * during which nothing else in this process runs); the rest of a wait is spent asleep, with this
 * process's reads and other work going on.
 */
export const BUSY_SLICE_MS = 50;

/**
 * How long, in all, a write waits for another process's write to finish before it is refused as
 * busy: as long as on a team register (dialect.ts), long enough for a large import in another
 * window or the command line to commit.
 */
export const WRITE_WAIT_MS = 120_000;

export const isBusy = (error: unknown) => /^SQLITE_BUSY/.test(String((error as { code?: unknown } | null)?.code ?? ''));

/**
 * `attempt` again while it fails because the file is busy, asleep between tries (5 ms, doubling to
 * 100 ms), for at most `waitMs` in all; then the last refusal. `pause` runs around each sleep.
 */
export async function whileBusy<T>(waitMs: number, attempt: () => T | Promise<T>, pause?: { before(): Promise<void>; after(): Promise<void> }): Promise<T> {
  const until = Date.now() + waitMs;
  for (let wait = 5; ; wait = Math.min(wait * 2, 100)) {
    try {
      return await attempt();
    } catch (error) {
      if (!isBusy(error) || Date.now() + wait > until) throw error;
      await pause?.before();
      await sleep(wait);
      await pause?.after();
    }
  }
}

/** The one connection's turns, first come first served (Kysely's own mutex is private to its driver). */
class Turns {
  #held = false;
  #waiting: (() => void)[] = [];

  async take(): Promise<void> {
    if (!this.#held) {
      this.#held = true;
      return;
    }
    await new Promise<void>((next) => this.#waiting.push(next));
  }

  give(): void {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#held = false;
  }
}

/**
 * Kysely's SQLite driver, except that a transaction begins IMMEDIATE, taking the write lock at
 * BEGIN (Kysely's own begins DEFERRED, and a deferred transaction that reads and then writes, while
 * another process wrote meanwhile, fails at once with SQLITE_BUSY, which no wait can help), and that
 * a write meeting another process's lock waits for it, up to `waitMs`, in short tries with sleeps
 * between: while a transaction waits to begin, the connection is given back, so that this process's
 * reads go on (in WAL mode they never wait for a writer). A statement outside any transaction (the
 * migrations' bookkeeping, a sign-in's count of failed attempts) is tried again in the same way. In
 * this app every transaction is a write transaction.
 */
class WaitingDriver extends SqliteDriver {
  readonly #turns = new Turns();
  #connection: DatabaseConnection | undefined;
  #begin: BetterSqlite3.Statement | undefined;

  constructor(
    config: SqliteDialectConfig,
    private readonly sqlite: BetterSqlite3.Database,
    private readonly waitMs: number,
  ) {
    super(config);
  }

  override async acquireConnection(): Promise<DatabaseConnection> {
    await this.#turns.take();
    const connection = await super.acquireConnection();
    // SQLite's driver has one connection: wrapped once.
    this.#connection ??= {
      executeQuery: <R>(query: CompiledQuery): Promise<QueryResult<R>> =>
        this.sqlite.inTransaction ? connection.executeQuery<R>(query) : whileBusy(this.waitMs, () => connection.executeQuery<R>(query)),
      streamQuery: <R>(query: CompiledQuery, chunkSize?: number) => connection.streamQuery<R>(query, chunkSize),
    };
    return this.#connection;
  }

  override async releaseConnection(): Promise<void> {
    await super.releaseConnection();
    this.#turns.give();
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    const begin = (this.#begin ??= this.sqlite.prepare('begin immediate'));
    await whileBusy(this.waitMs, () => begin.run(), {
      // Nothing has begun: the connection is this process's to use while the writer sleeps.
      before: () => this.releaseConnection(),
      after: async () => {
        await this.#turns.take();
        await super.acquireConnection();
      },
    });
    void connection;
  }

  /**
   * SQLite rolls a transaction back by itself after some errors (a full disk, an I/O error); a
   * second ROLLBACK would then throw "no transaction is active" and hide the real cause.
   */
  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    if (this.sqlite.inTransaction) await super.rollbackTransaction(connection);
  }
}

/** A statement as Kysely's SQLite driver uses it, and whether it is being iterated. */
type KyselyStatement = Pick<BetterSqlite3.Statement, 'reader' | 'busy' | 'all' | 'run' | 'iterate'>;

/**
 * A reading statement whose rows come from SQLite as arrays and are made into objects here.
 * better-sqlite3 builds each row object through V8's C++ interface, which is most of what reading a
 * large page costs beyond SQLite itself (an export of 100,000 requests: 0.39–0.46 s with its objects,
 * 0.27 s with the same objects built in JavaScript). The objects are the same: plain, with the
 * columns in order, a later column of the same name replacing an earlier one.
 */
function rowsBuiltHere(statement: BetterSqlite3.Statement): KyselyStatement {
  if (!statement.reader) return statement;
  const names = statement.columns().map((c) => c.name);
  // A column named like an object's prototype would set the prototype instead: left to better-sqlite3.
  if (names.includes('__proto__')) return statement;
  statement.raw(true);
  const toObject = (row: unknown[]): Record<string, unknown> => {
    const object: Record<string, unknown> = {};
    for (let i = 0; i < names.length; i += 1) object[names[i]!] = row[i];
    return object;
  };
  return {
    reader: true,
    get busy() {
      return statement.busy;
    },
    all(...params: unknown[]) {
      const rows = statement.all(...params) as unknown[][];
      const objects = new Array<Record<string, unknown>>(rows.length);
      for (let i = 0; i < rows.length; i += 1) objects[i] = toObject(rows[i]!);
      return objects;
    },
    run: (...params: unknown[]) => statement.run(...params),
    *iterate(...params: unknown[]) {
      for (const row of statement.iterate(...params) as IterableIterator<unknown[]>) yield toObject(row);
    },
  } as KyselyStatement;
}

/** How many prepared statements a connection keeps for reuse (the app runs a few hundred distinct ones). */
const STATEMENT_CACHE_SIZE = 500;

/**
 * The connection as Kysely's driver sees it, except that `prepare` answers the statement prepared
 * before for the same SQL: preparing costs about as much as running a small query. A statement still
 * being iterated (a stream) is busy, and then a new one is prepared for the caller.
 */
function withStatementCache(sqlite: BetterSqlite3.Database): SqliteDatabase {
  const cache = new Map<string, KyselyStatement>();
  return {
    prepare(text: string) {
      const cached = cache.get(text);
      if (cached && !cached.busy) {
        cache.delete(text);
        cache.set(text, cached); // the most recently used last: the first is evicted
        return cached;
      }
      const statement = rowsBuiltHere(sqlite.prepare(text));
      if (!cached) {
        cache.set(text, statement);
        if (cache.size > STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
      }
      return statement;
    },
    close() {
      cache.clear();
      sqlite.close();
    },
  } as SqliteDatabase;
}

class RegisterDialect extends SqliteDialect {
  constructor(
    private readonly sqlite: BetterSqlite3.Database,
    private readonly waitMs: number,
  ) {
    super({ database: sqlite });
  }

  override createDriver(): Driver {
    return new WaitingDriver({ database: withStatementCache(this.sqlite) }, this.sqlite, this.waitMs);
  }
}

/**
 * A Kysely instance over a better-sqlite3 connection (opened with `BUSY_SLICE_MS` as its busy
 * timeout) whose transactions begin IMMEDIATE and whose writes wait up to `waitMs` for another
 * process's.
 */
export function kyselyOver(sqlite: BetterSqlite3.Database, waitMs = WRITE_WAIT_MS): Kysely<Database> {
  return new Kysely<Database>({ dialect: new RegisterDialect(sqlite, waitMs) });
}
