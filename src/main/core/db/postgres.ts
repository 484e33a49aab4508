/**
 * A team register on a PostgreSQL server: Kysely's PostgresDialect over a `pg` pool. The pool's type
 * parsers give the app the same values SQLite gives it (see `valueParsers`), so that every rule,
 * every report and the audit log's hashes are the same on both engines.
 */
import pg from 'pg';
import { setTimeout as sleep } from 'node:timers/promises';
import { CompiledQuery, Kysely, PostgresDialect, PostgresDriver, type DatabaseConnection, type Driver, type Transaction, type TransactionBuilder, type TransactionSettings } from 'kysely';
import type { Database } from './schema';
import { namingStatements } from './named-statements';
import { isRetryableWriteFailure, markWriteLocked, POSTGRES_WRITE_LOCK, WRITE_ATTEMPTS } from './dialect';

/** PostgreSQL type oids whose values the app reads in SQLite's form. */
const OID = { bool: 16, int8: 20, numeric: 1700, date: 1082, timestamp: 1114, timestamptz: 1184, json: 114, jsonb: 3802 } as const;

/**
 * An instant as the server writes it with `TimeZone=UTC` (`2026-11-17 06:30:00.123+00`) as the ISO
 * text the app writes (`2026-11-17T06:30:00.123Z`), milliseconds always present.
 */
export function isoOfTimestamptz(text: string): string {
  const m = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(?:\.(\d+))?\+00(?::00)?$/.exec(text);
  if (m) return `${m[1]}T${m[2]}.${(m[3] ?? '').padEnd(3, '0').slice(0, 3)}Z`;
  return new Date(text.replace(' ', 'T').replace(/([+-]\d{2})$/, '$1:00')).toISOString();
}

const identity = (text: string) => text;

/**
 * Booleans as 0 and 1 (the app's types, SQLite's values); counts and sums as numbers; dates as
 * `YYYY-MM-DD`; instants as ISO text; JSON as the text the app parses itself.
 */
export function valueParsers(): pg.CustomTypesConfig {
  const parsers: Record<number, (text: string) => unknown> = {
    [OID.bool]: (text) => (text === 't' ? 1 : 0),
    [OID.int8]: Number,
    [OID.numeric]: Number,
    [OID.date]: identity,
    [OID.timestamp]: identity,
    [OID.timestamptz]: isoOfTimestamptz,
    [OID.json]: identity,
    [OID.jsonb]: identity,
  };
  return {
    getTypeParser: ((oid: number, format?: string) =>
      parsers[oid] ?? (pg.types.getTypeParser as (o: number, f?: string) => unknown)(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
  };
}

export interface PostgresOptions {
  url: string;
  /** Connections the pool keeps at most. */
  maxConnections?: number;
  /** Server settings each connection of the pool opens with, beside `TimeZone=UTC`. */
  settings?: Readonly<Record<string, string>>;
  /** How long a connection stays open unused (pg's default: 10 s). */
  idleMs?: number;
}

/**
 * A pool on the server named by `url`, every session in UTC and without JIT compilation: the
 * server compiles a statement whose estimated cost is high, which for a list's statement of a few
 * milliseconds adds tens (a search at 1M requests: up to 500 ms against a median of 90). Every
 * prepared statement is planned for the values of its call (named-statements.ts). A
 * connection the server ends while it sits idle in the pool (a restart, an administrator, a network
 * cut) only leaves the pool: the next call opens a new one, or fails with the connection error of
 * its own. Unhandled, that idle connection's error would end the whole process.
 */
export function postgresPool(options: PostgresOptions, onIdleError: (error: Error) => void = () => {}): pg.Pool {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.maxConnections ?? 5,
    types: valueParsers(),
    options: Object.entries({ TimeZone: 'UTC', jit: 'off', plan_cache_mode: 'force_custom_plan', ...options.settings })
      .map(([name, value]) => `-c ${name}=${value}`)
      .join(' '),
    connectionTimeoutMillis: 10_000,
    ...(options.idleMs === undefined ? {} : { idleTimeoutMillis: options.idleMs }),
  });
  pool.on('error', onIdleError);
  // A connection lost while checked out but between queries (a transaction's, or Kysely's between
  // two statements) emits its error on the client, where nobody listens: that would end the process
  // too. The call that uses it next fails with the error of its own (UNAVAILABLE, router.ts).
  pool.on('connect', (client) => client.on('error', onIdleError));
  return pool;
}

/**
 * BEGIN and the write lock in one round trip to the server: two statements in one simple query
 * (it has no parameters), run in order, the lock's as the transaction's first.
 */
const BEGIN_WRITE_LOCKED = CompiledQuery.raw(`begin; ${POSTGRES_WRITE_LOCK.sql}`);

/** Kysely's driver, except that every transaction takes the register's write lock as it begins (dialect.ts). */
class WriteLockingDriver extends PostgresDriver {
  override async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const plain = !settings.isolationLevel && !settings.accessMode;
    if (!plain) await super.beginTransaction(connection, settings);
    try {
      await connection.executeQuery(plain ? BEGIN_WRITE_LOCKED : POSTGRES_WRITE_LOCK);
    } catch (error) {
      // Kysely rolls back only a transaction that has begun: this one must not go back to the pool open.
      await connection.executeQuery(CompiledQuery.raw('rollback')).catch(() => {});
      throw error;
    }
  }
}

class RegisterPostgresDialect extends PostgresDialect {
  constructor(private readonly pool: pg.Pool) {
    super({ pool });
  }

  override createDriver(): Driver {
    return new WriteLockingDriver({ pool: namingStatements(this.pool) });
  }
}

/**
 * Runs `attempt` again, a few times and after a short random pause, while it fails only because it
 * met another writer (a deadlock, a serialisation failure): the user's save waits instead of failing.
 * The transaction that failed was rolled back whole, so running it again writes it once.
 */
export async function withWriteRetries<T>(attempt: () => Promise<T>): Promise<T> {
  for (let n = 1; ; n += 1) {
    try {
      return await attempt();
    } catch (error) {
      if (n >= WRITE_ATTEMPTS || !isRetryableWriteFailure(error)) throw error;
      await sleep(Math.round(Math.random() * 20 * n));
    }
  }
}

/** A transaction builder whose `execute` runs the transaction again after a retryable failure. */
function retrying<DB>(builder: TransactionBuilder<DB>): TransactionBuilder<DB> {
  return new Proxy(builder, {
    get(target, prop) {
      // Each attempt's transaction took the write lock as it began (WriteLockingDriver).
      if (prop === 'execute')
        return <T>(fn: (trx: Transaction<DB>) => Promise<T>) =>
          withWriteRetries(() =>
            target.execute((trx) => {
              markWriteLocked(trx);
              return fn(trx);
            }),
          );
      const value = Reflect.get(target, prop, target) as unknown;
      if (typeof value !== 'function') return value;
      // setIsolationLevel and the like answer a new builder: it retries too.
      return (...args: unknown[]) => {
        const answer = (value as (...a: unknown[]) => unknown).apply(target, args);
        return answer && typeof answer === 'object' && 'execute' in answer ? retrying(answer as TransactionBuilder<DB>) : answer;
      };
    },
  });
}

/**
 * Connections a set of reader settings keeps at most, and how long each stays open unused: through
 * a spell of searching, so that a search does not wait for a new connection (the main pool stays
 * open through the screens' look for changes every 3 s).
 */
const READERS = { connections: 2, idleMs: 5 * 60_000 };

/**
 * The register's Kysely on a server: its transactions take the write lock and are retried after a
 * deadlock. Reads that must run with other planner settings (`rowsPlanned`, query.ts) run on
 * pools of their own (`readerWith`), whose connections open read-only with those settings for
 * their whole life: such a read is one round trip, with no transaction and no SET LOCAL around
 * it, and no connection of the main pool ever holds a setting that another call did not ask for.
 */
class RegisterKysely extends Kysely<Database> {
  readonly #readers = new Map<string, Kysely<Database>>();

  constructor(private readonly options: PostgresOptions) {
    super({ dialect: new RegisterPostgresDialect(postgresPool(options)) });
  }

  override transaction(): TransactionBuilder<Database> {
    return retrying(super.transaction());
  }

  readerWith(settings: Readonly<Record<string, string>>): Kysely<Database> {
    const key = JSON.stringify(settings);
    let reader = this.#readers.get(key);
    if (!reader) {
      const pool = postgresPool({ ...this.options, maxConnections: READERS.connections, idleMs: READERS.idleMs, settings: { ...settings, default_transaction_read_only: 'on' } });
      this.#readers.set(key, (reader = new Kysely<Database>({ dialect: new PostgresDialect({ pool: namingStatements(pool) }) })));
    }
    return reader;
  }

  override async destroy(): Promise<void> {
    const readers = [...this.#readers.values()];
    this.#readers.clear();
    await Promise.all([super.destroy(), ...readers.map((reader) => reader.destroy())]);
  }
}

/** A register on the server `options` names (nothing is connected before its first statement). */
export function registerOnServer(options: PostgresOptions): Kysely<Database> {
  return new RegisterKysely(options);
}

/**
 * The register's reader on `db`'s server whose connections hold `settings`; null for a transaction
 * (its statements must run on its own connection) and for anything but a register's Kysely.
 */
export function readerWith(db: Kysely<Database> | Transaction<Database>, settings: Readonly<Record<string, string>>): Kysely<Database> | null {
  return db instanceof RegisterKysely && !db.isTransaction ? db.readerWith(settings) : null;
}

/** What stands between the workbench and its server, read from the error `pg` or Node answered. */
export type ServerProblem = 'server_unreachable' | 'server_auth' | 'server_tls' | 'server_no_database';

/** Node's and OpenSSL's codes for a certificate that cannot be trusted, or a name it does not cover. */
const TLS_CODES = /^(ERR_TLS_|ERR_SSL_|CERT_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_(GET_ISSUER_CERT|VERIFY_LEAF_SIGNATURE)|HOSTNAME_MISMATCH)/;
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'EPIPE']);

/**
 * The server problem an error means, or null for anything else (a query's own error). SQLSTATE
 * codes: 28P01 wrong password, 28000 no matching pg_hba.conf line (or TLS refused by it), 3D000 no
 * such database, 57P01–57P03 the server shutting down or starting, 08xxx the connection lost.
 */
export function serverProblemOf(error: unknown): ServerProblem | null {
  const { code, message } = { code: String((error as { code?: unknown } | null)?.code ?? ''), message: String((error as Error | null)?.message ?? '') };
  if (TLS_CODES.test(code) || /does not support SSL|SSL|certificate|self[- ]signed|no encryption/i.test(message)) {
    if (code !== '28P01') return 'server_tls';
  }
  if (code === '28P01' || code === '28000' || /password authentication failed|client password must be a string|SASL/i.test(message)) return 'server_auth';
  if (code === '3D000') return 'server_no_database';
  if (UNREACHABLE_CODES.has(code) || /^57P0[123]$/.test(code) || /^08/.test(code)) return 'server_unreachable';
  if (/Connection terminated|timeout expired|connect ECONNREFUSED|Client has encountered a connection error|Connection ended/i.test(message)) return 'server_unreachable';
  return null;
}
