import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Request } from '../../../src/shared/domain/requests';
import { makeWorkbench, type TestWorkbench } from '../../helpers/workbench';
import { requestFixture } from '../../helpers/fixtures';

/**
 * Search runs on a trigram index of reference, name, contact and account, written by the same
 * transaction as the request: what the list finds is what is stored, and what the retention purge
 * removes leaves the index too.
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

/** Every term the index holds (fts5vocab), and the raw bytes of its shadow tables. */
function indexContents(): { terms: string[]; bytes: Buffer } {
  sqlite().exec(`create virtual table if not exists temp.requests_fts_terms using fts5vocab(main, requests_fts, 'row')`);
  const terms = (sqlite().prepare('select term from temp.requests_fts_terms').all() as { term: string }[]).map((t) => t.term);
  const blobs = (sqlite().prepare('select block from requests_fts_data').all() as { block: Buffer }[]).map((b) => b.block);
  const idx = (sqlite().prepare('select term from requests_fts_idx').all() as { term: Buffer | null }[]).map((t) => t.term ?? Buffer.alloc(0));
  return { terms, bytes: Buffer.concat([...blobs, ...idx]) };
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
    expect(await found('REQ-2026-000')).toEqual(['REQ-2026-0003', 'REQ-2026-0002', 'REQ-2026-0001']);
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

  it('forgets an anonymised requester entirely: no match, and no trace in the index’s own tables', async () => {
    wb.setNow('2022-03-01T02:00:00Z');
    let old = await wb.call('requests:create', requestFixture({ receivedAt: '2022-03-01T01:00:00Z', requesterName: '慕容复', requesterContact: 'murong.fu@example.org', accountRef: 'ACC-991177' }));
    old = await act(old, { action: 'verify', method: 'sms_code', result: 'verified' });
    old = await act(old, { action: 'respond', summary: 'done' });
    await act(old, { action: 'close' });
    wb.setNow('2026-11-17T06:30:00Z');
    await wb.call('requests:create', requestFixture({ requesterName: '王语嫣', requesterContact: 'wang@example.com', accountRef: 'ACC-1' }));
    expect(await found('慕容复')).toEqual([old.reference]);
    expect(indexContents().terms).toContain('慕容复');

    expect((await wb.call('requests:purge', {})).anonymised).toBe(1);
    for (const part of ['慕容复', '慕容', 'murong', 'fu@example.org', '991177']) expect(await found(part), part).toEqual([]);
    const { terms, bytes } = indexContents();
    for (const trigram of ['慕容复', 'mur', 'uro', 'ron', 'ong', 'g.f', '.fu', '911', '177']) expect(terms, trigram).not.toContain(trigram);
    for (const text of ['慕容', 'murong', '991177']) expect(bytes.includes(Buffer.from(text)), text).toBe(false);
    expect(terms).toContain('王语嫣'); // the rest of the index is intact
    expect(await found('王语嫣')).toHaveLength(1);
    expect(sqlite().prepare(`select count(*) as n from requests_fts where requests_fts match '"慕容复"'`).get()).toEqual({ n: 0 });
    sqlite().exec(`insert into requests_fts (requests_fts, rank) values ('integrity-check', 1)`); // the index agrees with the requests
  });
});
