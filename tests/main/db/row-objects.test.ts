/**
 * The SQLite connection reads rows as arrays and builds their objects itself (connection.ts): the
 * objects must be exactly better-sqlite3's own, for every kind of value and statement.
 */
import Database from 'better-sqlite3';
import { CompiledQuery } from 'kysely';
import { describe, expect, it } from 'vitest';
import { kyselyOver } from '../../../src/main/core/db/sqlite-driver';
import { onPostgres, SQLITE_ONLY } from '../../helpers/engine';

describe.skipIf(onPostgres)(`rows read through the connection ${SQLITE_ONLY}`, () => {
  const sqlite = new Database(':memory:');
  sqlite.exec(`create table t (id integer primary key, name text, amount real, data blob, note text);
    insert into t (name, amount, data, note) values ('张三', 1.5, x'00ff', null), ('=x', -2, null, 'a"b'), (null, 0, x'', '');`);
  const db = kyselyOver(sqlite);
  const both = async (text: string, ...params: unknown[]) => ({
    ours: (await db.executeQuery(CompiledQuery.raw(text, params))).rows,
    theirs: sqlite.prepare(text).all(...params),
  });

  it('are the objects better-sqlite3 builds: texts, numbers, blobs, nulls, in column order', async () => {
    const { ours, theirs } = await both('select * from t where id >= ? order by id', 1);
    expect(ours).toEqual(theirs);
    expect(ours.map((row) => Object.keys(row as object))).toEqual(theirs.map((row) => Object.keys(row as object)));
    expect(Object.getPrototypeOf(ours[0])).toBe(Object.prototype);
    expect((ours[0] as { data: Buffer }).data).toEqual(Buffer.from([0, 255]));
  });

  it('keep the last of two columns of the same name, as better-sqlite3 does', async () => {
    const { ours, theirs } = await both('select a.name, b.name from t a join t b on b.id = a.id + 1 order by a.id');
    expect(ours).toEqual(theirs);
    expect(ours[0]).toEqual({ name: '=x' });
  });

  it('come back from an insert … returning, and a second run of the same statement reads afresh', async () => {
    const first = (await db.executeQuery(CompiledQuery.raw("insert into t (name) values ('李四') returning id, name", []))).rows;
    expect(first).toEqual([{ id: 4, name: '李四' }]);
    const again = await both('select count(*) as n from t');
    expect(again.ours).toEqual([{ n: 4 }]);
    expect(again.ours).toEqual(again.theirs);
  });
});
