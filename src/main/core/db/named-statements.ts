/**
 * Each statement a register runs on a server, parsed once per connection: the query builder's
 * statements go to the server as named (prepared) statements, so that a list's second call skips
 * parsing and analysing its text. Sessions run with `plan_cache_mode=force_custom_plan`
 * (`postgresPool`), so every call is still planned for its own values, as an unnamed statement is:
 * a generic plan, which the server would otherwise switch to after five calls, cannot tell a status
 * that 30 requests hold from one that 900,000 hold.
 */
import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { PostgresCursor, PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';

/**
 * How many statements one connection keeps prepared at most. A connection that reaches it is
 * closed when it goes back to the pool (the server frees its statements with it) and the pool opens
 * a new one when it needs one: the statements a session holds stay bounded however many shapes of
 * list it is asked for.
 */
export const STATEMENTS_PER_CONNECTION = 300;

/**
 * A statement worth preparing: a query or a change with one statement in it. `begin`, `commit`,
 * schema changes and the two-statement start of a write (`begin; select pg_advisory_xact_lock…`)
 * go as they are.
 */
const PREPARED = /^\s*(select|with|insert|update|delete)\b/i;

/** A statement's name on its connection: its text's digest, so that one text has one name. */
const nameOf = (text: string) => `pw_${createHash('sha1').update(text).digest('hex').slice(0, 32)}`;

/**
 * Errors after which a connection's prepared statements cannot be trusted: 0A000 "cached plan must
 * not change result type" (another process changed a table a `select *` reads), 26000 a statement
 * the server no longer holds (a pooler between the app and the server). The statement runs again
 * unnamed, which answers a read outside a transaction (inside one, the transaction has already
 * failed, and the call fails with the first error); the connection is closed as it goes back.
 */
const STALE = (error: unknown) => {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '26000' || (code === '0A000' && /cached plan/i.test(String((error as Error).message)));
};

/** `pool` as Kysely's pool, its clients' statements named (see above); one wrapper per pg client. */
export function namingStatements(pool: pg.Pool): PostgresPool {
  const wrappers = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  const wrap = (client: pg.PoolClient): PostgresPoolClient => {
    const names = new Set<string>();
    let stale = false;
    function query<R>(sql: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>>;
    function query<R>(cursor: PostgresCursor<R>): PostgresCursor<R>;
    function query(sqlOrCursor: string | PostgresCursor<unknown>, parameters: ReadonlyArray<unknown> = []): unknown {
      if (typeof sqlOrCursor !== 'string') return client.query(sqlOrCursor as never);
      const values = [...parameters];
      if (!PREPARED.test(sqlOrCursor) || sqlOrCursor.includes(';')) return client.query(sqlOrCursor, values);
      const name = nameOf(sqlOrCursor);
      names.add(name);
      return client.query({ name, text: sqlOrCursor, values }).catch((error: unknown) => {
        if (!STALE(error)) throw error;
        stale = true;
        return client.query(sqlOrCursor, values).catch(() => {
          throw error;
        });
      });
    }
    return {
      query,
      release(destroy?: boolean) {
        client.release(destroy === true || stale || names.size >= STATEMENTS_PER_CONNECTION || undefined);
      },
    };
  };
  return {
    async connect() {
      const client = await pool.connect();
      let wrapper = wrappers.get(client);
      if (!wrapper) wrappers.set(client, (wrapper = wrap(client)));
      return wrapper;
    },
    end: () => pool.end(),
  };
}
