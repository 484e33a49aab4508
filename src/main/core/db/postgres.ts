/**
 * A team register on a PostgreSQL server: Kysely's PostgresDialect over a `pg` pool. The pool's type
 * parsers give the app the same values SQLite gives it (see `valueParsers`), so that every rule,
 * every report and the audit log's hashes are the same on both engines.
 */
import pg from 'pg';
import { setTimeout as sleep } from 'node:timers/promises';
import { CompiledQuery, Kysely, PostgresDialect, PostgresDriver, type DatabaseConnection, type Driver, type Transaction, type TransactionBuilder, type TransactionSettings } from 'kysely';
import type { Database } from './schema';
import { isRetryableWriteFailure, POSTGRES_WRITE_LOCK, WRITE_ATTEMPTS } from './dialect';

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
}

/**
 * A pool on the server named by `url`, every session in UTC. A connection the server ends while it
 * sits idle in the pool (a restart, an administrator, a network cut) only leaves the pool: the next
 * call opens a new one, or fails with the connection error of its own. Unhandled, that idle
 * connection's error would end the whole process.
 */
export function postgresPool(options: PostgresOptions, onIdleError: (error: Error) => void = () => {}): pg.Pool {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.maxConnections ?? 5,
    types: valueParsers(),
    options: '-c TimeZone=UTC',
    connectionTimeoutMillis: 10_000,
  });
  pool.on('error', onIdleError);
  return pool;
}

/** Kysely's driver, except that every transaction takes the register's write lock as it begins (dialect.ts). */
class WriteLockingDriver extends PostgresDriver {
  override async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    await super.beginTransaction(connection, settings);
    try {
      await connection.executeQuery(POSTGRES_WRITE_LOCK);
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
    return new WriteLockingDriver({ pool: this.pool });
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
      if (prop === 'execute') return <T>(fn: (trx: Transaction<DB>) => Promise<T>) => withWriteRetries(() => target.execute(fn));
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

/** The register's Kysely on a server: its transactions take the write lock and are retried after a deadlock. */
class RegisterKysely extends Kysely<Database> {
  override transaction(): TransactionBuilder<Database> {
    return retrying(super.transaction());
  }
}

export function kyselyOverPool(pool: pg.Pool): Kysely<Database> {
  return new RegisterKysely({ dialect: new RegisterPostgresDialect(pool) });
}
