import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { freshPostgresRegister, onPostgres } from '../../helpers/engine';
import { registerOnServer } from '../../../src/main/core/db/postgres';
import { rowsOf } from '../../../src/main/core/db/query';
import { STATEMENTS_PER_CONNECTION } from '../../../src/main/core/db/named-statements';
import type { Database } from '../../../src/main/core/db/schema';

/**
 * A register's statements on a server are parsed once per connection and planned at every call for
 * that call's values; a connection holds a bounded number of them, and a statement whose table
 * another session changed still answers.
 */
let server: { url: string; drop(): Promise<void> };
let db: Kysely<Database>;
beforeEach(async () => {
  if (!onPostgres) return;
  server = await freshPostgresRegister();
  // One connection, so that every statement below runs on the session it asks about.
  db = registerOnServer({ url: server.url, maxConnections: 1 });
});
afterEach(async () => {
  if (!onPostgres) return;
  await db.destroy();
  await server.drop();
});

interface Held {
  statement: string;
  custom_plans: number;
  generic_plans: number;
}
const held = () => rowsOf<Held>(db, `select statement, custom_plans, generic_plans from pg_prepared_statements order by prepare_time`, []);
const backend = async () => (await rowsOf<{ pid: number }>(db, `select pg_backend_pid() as pid`, []))[0]!.pid;

describe.runIf(onPostgres)('statements on a server', () => {
  it('parses a list statement once and plans each call for its own values, never a generic plan', async () => {
    const byStatus = (status: 'new' | 'closed') => db.selectFrom('requests').select('id').where('status', '=', status).orderBy('id').limit(25).execute();
    for (let i = 0; i < 12; i++) await byStatus(i % 3 ? 'closed' : 'new');
    const list = (await held()).filter((s) => s.statement.includes('from "requests"'));
    // One statement on the session, planned twelve times: the server's own choice would move to a generic plan after five.
    expect(list).toEqual([{ statement: expect.stringContaining('"status" = $1'), custom_plans: 12, generic_plans: 0 }]);
  });

  it(`closes a connection once it holds ${STATEMENTS_PER_CONNECTION} statements, and the next call opens a new one`, async () => {
    const first = await backend();
    for (let i = 0; i < STATEMENTS_PER_CONNECTION - 2; i++) await rowsOf(db, `select ${i} as n`, []);
    expect(await backend()).toBe(first);
    await rowsOf(db, `select 'one more' as n`, []);
    const next = await backend();
    expect(next).not.toBe(first);
    expect((await held()).length).toBeLessThanOrEqual(2);
  });

  it('answers a statement whose table another session has changed since it was prepared', async () => {
    await rowsOf(db, `create table notes (a integer)`, []);
    await rowsOf(db, `insert into notes (a) values (?)`, [1]);
    const read = () => rowsOf(db, `select * from notes`, []);
    expect(await read()).toEqual([{ a: 1 }]);
    const other = new pg.Client({ connectionString: server.url });
    await other.connect();
    try {
      await other.query(`alter table notes add column b text default 'x'`);
    } finally {
      await other.end();
    }
    // The prepared plan's columns no longer match: the server refuses it, the statement runs again as a new one.
    expect(await read()).toEqual([{ a: 1, b: 'x' }]);
    expect(await read()).toEqual([{ a: 1, b: 'x' }]);
  });
});
