import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeWorkbench, type TestWorkbench } from '../../helpers/workbench';
import { onPostgres } from '../../helpers/engine';
import { requestFixture } from '../../helpers/fixtures';
import { rowsOf, rowsPlanned } from '../../../src/main/core/db/query';
import { requestContains } from '../../../src/main/core/db/dialect';
import { requestPageQuery } from '../../../src/main/core/requests/request-list-query.repository';

/**
 * A statement read the way the app says on PostgreSQL (`rowsPlanned`): a search's matches from the
 * GIN index's bitmap, a walk along a B-tree range, whatever the planner would guess from its
 * statistics. The planner's other ways are off for that statement alone: never for the pool's next
 * call, nor for the rest of a caller's transaction, and not after the statement fails.
 */
const SETTINGS = `select current_setting('enable_seqscan') as seq, current_setting('enable_indexscan') as idx, current_setting('enable_bitmapscan') as bitmap`;
const ALL_ON = { seq: 'on', idx: 'on', bitmap: 'on' };

let wb: TestWorkbench;
beforeAll(async () => {
  wb = await makeWorkbench();
  for (const requesterContact of ['13800001111', '13800002222', 'wang@example.com']) await wb.call('requests:create', requestFixture({ requesterContact }));
});
afterAll(async () => {
  await wb.close();
});

describe.runIf(onPostgres)('a statement whose plan the app fixes, on PostgreSQL', () => {
  it('reads a search from the GIN index even where the table is small enough for the planner to read whole', async () => {
    const contains = requestContains(wb.ctx.db, '3800');
    const plan = (rows: { 'QUERY PLAN': string }[]) => rows.map((r) => r['QUERY PLAN']).join('\n');
    const guessed = plan(await rowsOf(wb.ctx.db, `explain select r.id from requests r where ${contains.where} limit 2000`, contains.params));
    const fixed = plan(await rowsPlanned(wb.ctx.db, 'matches', `explain select r.id from requests r where ${contains.where} limit 2000`, contains.params));
    expect(guessed).toMatch(/Seq Scan on requests/);
    expect(fixed).toMatch(/Bitmap Index Scan on requests_search_idx/);
    expect(fixed).not.toMatch(/Seq Scan/);
    const found = await rowsPlanned<{ id: number }>(wb.ctx.db, 'matches', `select r.id from requests r where ${contains.where}`, contains.params);
    expect(found).toHaveLength(2);
  });

  it('turns the other ways off for its statement alone, on every connection of the pool', async () => {
    expect(await rowsPlanned(wb.ctx.db, 'matches', SETTINGS, [])).toEqual([{ seq: 'off', idx: 'off', bitmap: 'on' }]);
    expect(await rowsPlanned(wb.ctx.db, 'range', SETTINGS, [])).toEqual([{ seq: 'off', idx: 'on', bitmap: 'off' }]);
    // Several at once take several connections; each is as it was after.
    await Promise.all(Array.from({ length: 8 }, (_, i) => rowsPlanned(wb.ctx.db, i % 2 ? 'range' : 'matches', SETTINGS, [])));
    const after = await Promise.all(Array.from({ length: 8 }, () => rowsOf(wb.ctx.db, SETTINGS, [])));
    expect(after.flat()).toEqual(Array.from({ length: 8 }, () => ALL_ON));
  });

  it('never compiles a statement to machine code, on the writer nor on a reader (a compile costs tens of milliseconds)', async () => {
    const jit = `select current_setting('jit') as jit`;
    expect(await rowsOf(wb.ctx.db, jit, [])).toEqual([{ jit: 'off' }]);
    expect(await rowsPlanned(wb.ctx.db, 'range', jit, [])).toEqual([{ jit: 'off' }]);
  });

  it('reads on connections that cannot write, and gives a failed statement its own error', async () => {
    const before = (await wb.call('requests:list', { pageSize: 100 })).total;
    await expect(rowsPlanned(wb.ctx.db, 'range', `insert into request_counters (year, last_number) values (1999, 1)`, [])).rejects.toThrow(/read-only transaction/);
    await expect(rowsPlanned(wb.ctx.db, 'range', `delete from requests`, [])).rejects.toThrow(/read-only transaction/);
    expect((await rowsOf<{ n: number }>(wb.ctx.db, `select count(*) as n from request_counters where year = 1999`, []))[0]!.n).toBe(0);
    expect((await wb.call('requests:list', { pageSize: 100 })).total).toBe(before);
    // The next read on the same connections answers as before.
    expect(await rowsPlanned(wb.ctx.db, 'range', SETTINGS, [])).toEqual([{ seq: 'off', idx: 'on', bitmap: 'off' }]);
  });

  it('leaves a caller\'s transaction as it found it, and the settings as they were after a statement that fails', async () => {
    const seen = await wb.ctx.db.transaction().execute(async (trx) => {
      const inside = await rowsPlanned(trx, 'range', SETTINGS, []);
      const next = await rowsOf(trx, SETTINGS, []);
      return { inside, next };
    });
    expect(seen).toEqual({ inside: [{ seq: 'off', idx: 'on', bitmap: 'off' }], next: [ALL_ON] });
    // A statement that fails inside a transaction reports its own error, and the rollback ends the settings.
    await expect(wb.ctx.db.transaction().execute((trx) => rowsPlanned(trx, 'matches', 'select no_such_column from requests', []))).rejects.toThrow(/no_such_column/);
    await expect(rowsPlanned(wb.ctx.db, 'matches', 'select no_such_column from requests', [])).rejects.toThrow(/no_such_column/);
    const after = await Promise.all(Array.from({ length: 8 }, () => rowsOf(wb.ctx.db, SETTINGS, [])));
    expect(after.flat()).toEqual(Array.from({ length: 8 }, () => ALL_ON));
  });

  it("walks a reference's year by due date and by last update along the index of years and that order, not the order's own index of every year", async () => {
    const plan = (rows: { 'QUERY PLAN': string }[]) => rows.map((r) => r['QUERY PLAN']).join('\n');
    for (const [by, index] of [['dueAt', 'requests_reference_year_due_idx'], ['updatedAt', 'requests_reference_year_updated_idx']] as const) {
      for (const dir of ['asc', 'desc'] as const) {
        const q = requestPageQuery({ search: 'REQ-2026-', receivedWithin: ['2026-01-01T00:00:00Z', '2026-12-31T00:00:00Z'] }, { by, dir }, 1, 25, 'all', true, 'postgres');
        const read = plan(await rowsPlanned(wb.ctx.db, 'range', `explain ${q.sql}`, q.params));
        expect(read, `${by} ${dir}`).toMatch(new RegExp(`Index Scan( Backward)? using ${index}`));
        expect(read, `${by} ${dir}`).not.toMatch(/Sort/);
        expect(await rowsPlanned(wb.ctx.db, 'range', q.sql, q.params), `${by} ${dir}`).toHaveLength(3);
      }
    }
  });
});

describe.skipIf(onPostgres)('a statement whose plan the app fixes, on SQLite', () => {
  it('is the statement as written: its index is named in its own text', async () => {
    const contains = requestContains(wb.ctx.db, '3800');
    const found = await rowsPlanned<{ id: number }>(wb.ctx.db, 'matches', `select r.id from requests r where ${contains.where}`, contains.params);
    expect(found).toHaveLength(2);
  });
});
