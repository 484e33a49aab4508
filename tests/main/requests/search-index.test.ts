import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Request } from '../../../src/shared/domain/requests';
import { makeWorkbench, type TestWorkbench } from '../../helpers/workbench';
import { requestFixture } from '../../helpers/fixtures';
import { onPostgres, rowsOf, run } from '../../helpers/engine';

/**
 * Search runs on a trigram index of reference, name, contact and account (SQLite's FTS5, PostgreSQL's
 * pg_trgm GIN), written by the same transaction as the request: what the list finds is what is
 * stored, and what the retention purge removes leaves the index too.
 */
let wb: TestWorkbench;
beforeEach(async () => {
  wb = await makeWorkbench();
});
afterEach(async () => {
  await wb.close();
});

const act = (r: Request, input: Record<string, unknown>) => wb.call('requests:act', { id: r.id, revision: r.revision, ...input } as never);
const found = async (search: string) => (await wb.call('requests:list', { search })).items.map((r) => r.reference);
const sqlite = () => wb.database.sqlite!;

/** Every term SQLite's index holds (fts5vocab), and the raw bytes of its shadow tables. */
function indexContents(): { terms: string[]; bytes: Buffer } {
  sqlite().exec(`create virtual table if not exists temp.requests_fts_terms using fts5vocab(main, requests_fts, 'row')`);
  const terms = (sqlite().prepare('select term from temp.requests_fts_terms').all() as { term: string }[]).map((t) => t.term);
  const blobs = (sqlite().prepare('select block from requests_fts_data').all() as { block: Buffer }[]).map((b) => b.block);
  const idx = (sqlite().prepare('select term from requests_fts_idx').all() as { term: Buffer | null }[]).map((t) => t.term ?? Buffer.alloc(0));
  return { terms, bytes: Buffer.concat([...blobs, ...idx]) };
}

type SearchedColumn = 'requester_name' | 'requester_contact' | 'account_ref';

/**
 * How many rows PostgreSQL's search index (pg_trgm GIN) itself points at for a text in a column,
 * before the table's rows are looked at: from the plan of the search run with the index forced.
 * A dead version of a row that the index still points at is counted; a hit the table then drops is not.
 */
async function indexedRows(column: SearchedColumn, text: string): Promise<number> {
  return wb.ctx.db.transaction().execute(async (trx) => {
    await run(trx, 'set local enable_seqscan = off');
    const [row] = await rowsOf<{ 'QUERY PLAN': string }>(trx, `explain (analyze, format json) select id from requests where ${column} ilike ?`, `%${text}%`);
    const nodes: { 'Node Type': string; 'Index Name'?: string; 'Actual Rows': number }[] = [];
    const walk = (node: { Plans?: unknown[] } & (typeof nodes)[number]) => {
      nodes.push(node);
      for (const child of node.Plans ?? []) walk(child as never);
    };
    walk(JSON.parse(row!['QUERY PLAN'])[0].Plan);
    const scans = nodes.filter((n) => n['Node Type'] === 'Bitmap Index Scan');
    expect(scans.map((n) => n['Index Name'])).toEqual(['requests_search_idx']);
    return scans[0]!['Actual Rows'];
  });
}

/** Row versions of the requests table, live or dead, whose stored bytes hold a text (pageinspect). */
async function rowVersionsHolding(text: string): Promise<number> {
  await run(wb.ctx.db, 'create extension if not exists pageinspect');
  const [row] = await rowsOf<{ n: number }>(
    wb.ctx.db,
    `select count(*) as n from generate_series(0, pg_relation_size('requests') / current_setting('block_size')::int - 1) as b,
      heap_page_items(get_raw_page('requests', b::int)) as item where position(convert_to(?, 'UTF8') in item.t_data) > 0`,
    text,
  );
  return row!.n;
}

describe('searching requests', () => {
  it('finds a request by any part of its name, contact, account or reference, and a short search by the name’s beginning', async () => {
    await wb.call('requests:create', requestFixture({ requesterName: '欧阳娜娜', requesterContact: 'nana@example.com', accountRef: 'VIP-3307' }));
    await wb.call('requests:create', requestFixture({ requesterName: '张伟', requesterContact: '13912345678', accountRef: '' }));
    await wb.call('requests:create', requestFixture({ requesterName: 'Zhang Weiming', requesterContact: '13800000000', accountRef: '' }));
    expect(await found('阳娜娜')).toEqual(['REQ-2026-0001']);
    expect(await found('EXAMPLE.COM')).toEqual(['REQ-2026-0001']);
    expect(await found('p-33')).toEqual(['REQ-2026-0001']);
    expect(await found('1234567')).toEqual(['REQ-2026-0002']);
    expect(await found('weim')).toEqual(['REQ-2026-0003']);
    expect(await found('张伟')).toEqual(['REQ-2026-0002']);
    expect(await found('zh')).toEqual(['REQ-2026-0003']);
    expect(await found('伟')).toEqual([]); // one character matches the beginning of a name only
    // A name whose next character lies beyond the basic plane (𠮷, U+20BB7), and one after a sign.
    await wb.call('requests:create', requestFixture({ requesterName: '张𠮷', requesterContact: '13700000000', accountRef: '' }));
    await wb.call('requests:create', requestFixture({ requesterName: '@[Lab]', requesterContact: 'lab@example.org', accountRef: '' }));
    expect(await found('张')).toEqual(['REQ-2026-0004', 'REQ-2026-0002']);
    expect(await found('@')).toEqual(['REQ-2026-0005']);
    expect(await found('[')).toEqual([]);
    expect(await found('REQ-2026-000')).toEqual(['REQ-2026-0005', 'REQ-2026-0004', 'REQ-2026-0003', 'REQ-2026-0002', 'REQ-2026-0001']);
    expect((await wb.call('requests:list', { search: '"VIP' })).total).toBe(0); // quotes are text, not syntax
  });

  it('follows an edit of the requester at once, and a failed write leaves it as it was', async () => {
    const r = await wb.call('requests:create', requestFixture({ requesterName: '司马相如' }));
    await wb.call('requests:update', { id: r.id, revision: r.revision, ...requestFixture({ requesterName: '卓文君' }) } as never);
    expect(await found('司马相')).toEqual([]);
    expect(await found('卓文君')).toEqual([r.reference]);
    const refused = await wb.invoke('requests:create', requestFixture({ requesterName: '班昭班昭', receivedAt: '2030-01-01T00:00:00Z' }));
    expect(refused.ok).toBe(false);
    expect(await found('班昭班')).toEqual([]);
  });

  it('forgets an anonymised requester entirely: no match, and no trace in the index that serves the search', async () => {
    wb.setNow('2022-03-01T02:00:00Z');
    let old = await wb.call('requests:create', requestFixture({ receivedAt: '2022-03-01T01:00:00Z', requesterName: '慕容复', requesterContact: 'murong.fu@example.org', accountRef: 'ACC-991177' }));
    old = await act(old, { action: 'verify', method: 'sms_code', result: 'verified' });
    old = await act(old, { action: 'respond', summary: 'done' });
    await act(old, { action: 'close' });
    wb.setNow('2026-11-17T06:30:00Z');
    await wb.call('requests:create', requestFixture({ requesterName: '王语嫣', requesterContact: 'wang@example.com', accountRef: 'ACC-1' }));
    expect(await found('慕容复')).toEqual([old.reference]);
    if (onPostgres) {
      expect(await indexedRows('requester_name', '慕容复')).toBeGreaterThan(0);
      expect(await rowVersionsHolding('murong.fu@example.org')).toBeGreaterThan(0); // each step of the request left a version
    } else expect(indexContents().terms).toContain('慕容复');

    expect((await wb.call('requests:purge', {})).anonymised).toBe(1);
    for (const part of ['慕容复', '慕容', 'murong', 'fu@example.org', '991177']) expect(await found(part), part).toEqual([]);
    expect(await found('王语嫣')).toHaveLength(1);
    if (onPostgres) {
      // The index points at no version of the old row any more, and no version of it is left in the table.
      const parts: [SearchedColumn, string][] = [['requester_name', '慕容复'], ['requester_contact', 'murong'], ['requester_contact', 'fu@example.org'], ['account_ref', '991177']];
      for (const [column, part] of parts) expect(await indexedRows(column, part), part).toBe(0);
      for (const text of ['慕容复', 'murong', 'ACC-991177']) expect(await rowVersionsHolding(text), text).toBe(0);
      expect(await indexedRows('requester_name', '王语嫣')).toBe(1); // the rest of the index is intact
      return;
    }
    const { terms, bytes } = indexContents();
    for (const trigram of ['慕容复', 'mur', 'uro', 'ron', 'ong', 'g.f', '.fu', '911', '177']) expect(terms, trigram).not.toContain(trigram);
    for (const text of ['慕容', 'murong', '991177']) expect(bytes.includes(Buffer.from(text)), text).toBe(false);
    expect(terms).toContain('王语嫣'); // the rest of the index is intact
    expect(sqlite().prepare(`select count(*) as n from requests_fts where requests_fts match '"慕容复"'`).get()).toEqual({ n: 0 });
    sqlite().exec(`insert into requests_fts (requests_fts, rank) values ('integrity-check', 1)`); // the index agrees with the requests
  });
});
