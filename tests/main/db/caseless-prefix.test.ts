import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { makeWorkbench, type TestWorkbench } from '../../helpers/workbench';
import { onPostgres, rowsOf, run } from '../../helpers/engine';
import { beginsWith, caselessPrefix, namePrefix } from '../../../src/main/core/db/dialect';

/**
 * "Begins with, whatever the case of Latin letters" (db/dialect.ts caselessPrefix): one rule behind
 * the sharing registers' one-character search (beginsWith, a column indexed as stored) and the desk's
 * short name search (namePrefix, names indexed under NOCASE), on both engines, against the same
 * question asked of the names in JavaScript.
 */
let wb: TestWorkbench;

const NAMES = ['Abel', 'ABBA', 'abc', 'aBx', 'Ac', 'b', 'Äpfel', '张伟', '张𠮷', '章', '100%_off', '100x_off', '_under', 'a_b', 'azure', 'AZ', 'Abc Def'];
const PREFIXES = ['a', 'A', 'aB', 'Ab', 'ab', 'abc', 'ABC D', '张', '100%', '100%_', '_', 'a_', 'z', 'x', '𠮷'];

const expected = (prefix: string) =>
  NAMES.filter((n) => n.replace(/[A-Z]/g, (c) => c.toLowerCase()).startsWith(prefix.replace(/[A-Z]/g, (c) => c.toLowerCase()))).sort();

beforeAll(async () => {
  wb = await makeWorkbench();
  await run(wb.ctx.db, 'create table prefix_probe (id integer primary key, name text not null)');
  await run(wb.ctx.db, 'create index prefix_probe_name on prefix_probe (name)');
  for (const [i, name] of NAMES.entries()) await run(wb.ctx.db, 'insert into prefix_probe (id, name) values (?, ?)', i + 1, name);
});

afterAll(async () => {
  await wb?.close();
});

describe('a prefix whatever the case of Latin letters', () => {
  it.each(PREFIXES)('%s: the names that begin with it, as a column indexed as stored', async (prefix) => {
    const rows = await sql<{ name: string }>`select name from prefix_probe where ${beginsWith(wb.ctx.db, 'name', prefix)}`.execute(wb.ctx.db);
    expect(rows.rows.map((r) => r.name).sort()).toEqual(expected(prefix));
  });

  it.each(PREFIXES)('%s: the same names through the rule the requester names follow', async (prefix) => {
    const rule = namePrefix(wb.ctx.db, prefix);
    const where = rule.where.map((w) => w.replaceAll('r.requester_name', 'name')).join(' and ');
    const rows = await rowsOf<{ name: string }>(wb.ctx.db, `select name from prefix_probe where ${where}`, ...rule.params);
    expect(rows.map((r) => r.name).sort()).toEqual(expected(prefix));
  });

  it.skipIf(onPostgres)('reads the column’s own index for up to three letters, each way of writing them a range of it', async () => {
    for (const prefix of ['a', 'aB', 'abc']) {
      const q = sql`select name from prefix_probe where ${beginsWith(wb.ctx.db, 'name', prefix)}`.compile(wb.ctx.db);
      const plan = wb.database.sqlite!.prepare(`explain query plan ${q.sql}`).all(...q.parameters) as { detail: string }[];
      expect(plan.map((p) => p.detail).join('\n')).toMatch(/USING (COVERING )?INDEX prefix_probe_name/);
      expect(plan.map((p) => p.detail).join('\n')).not.toMatch(/SCAN prefix_probe\b(?! USING)/);
    }
    const four = caselessPrefix(wb.ctx.db, 'abcd', 'binary');
    expect(four).toEqual({ kind: 'ranges', nocase: true, ranges: [['abcd', 'abce']] });
    expect(caselessPrefix(wb.ctx.db, 'aB', 'binary')).toMatchObject({ nocase: false, ranges: [['ab', 'ac'], ['aB', 'aC'], ['Ab', 'Ac'], ['AB', 'AC']] });
  });
});
