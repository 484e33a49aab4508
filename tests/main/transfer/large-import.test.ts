import { describe, expect, it } from 'vitest';
import { makeWorkbench } from '../../helpers/workbench';
import { columnOf, onPostgres } from '../../helpers/engine';

/**
 * A large import in one transaction leaves the register as quick to list as one written request by
 * request: on PostgreSQL the tallies that lists sum whole are written again compactly, and the
 * tables analysed, as the import commits; on SQLite the planner's statistics are gathered.
 */
const HEADER = "Channel,Received at,Requester's name,Phone or email,Kind of request";
const KINDS = ['Deletion', 'Access and copy', 'Correction'];
const base64 = (text: string) => Buffer.from(`\ufeff${text}`).toString('base64');

describe('a large import', () => {
  it('keeps the tallies right and, on PostgreSQL, no larger than their rows need', async () => {
    const wb = await makeWorkbench({ now: '2026-11-20T02:00:00.000Z' });
    await wb.call('app:setup', { template: 'empty', organisationName: 'Org', language: 'en' });
    const rows = Array.from({ length: 3000 }, (_, i) => `${i % 2 ? 'Email' : 'Hotline'},2026-11-${String(1 + (i % 18)).padStart(2, '0')} 10:00,Caller ${i},1380000${String(i).padStart(4, '0')},${KINDS[i % 3]}`);
    await wb.call('transfer:import', { fileName: 'history.csv', base64: base64([HEADER, ...rows].join('\r\n')) });

    // The totals read from the tallies are the rows' own.
    expect((await wb.call('requests:list', {})).total).toBe(3000);
    expect((await wb.call('requests:list', { channel: 'email' })).total).toBe(1500);
    expect((await wb.call('requests:list', { kind: 'deletion', channel: 'hotline' })).total).toBe(500);
    if (!onPostgres) return;
    // 3,000 updates of a few tally rows in one transaction: two pages at most once rewritten (about 20 before).
    const [pages] = await columnOf<number>(wb.ctx.db, `select pg_relation_size('request_tallies') / current_setting('block_size')::int`);
    expect(Number(pages)).toBeLessThanOrEqual(2);
    // The planner knows the imported rows.
    const [analysed] = await columnOf<number>(wb.ctx.db, `select count(*) from pg_stats where tablename = 'requests' and attname = 'requester_contact'`);
    expect(Number(analysed)).toBe(1);
    await wb.close();
  }, 120_000);
});
