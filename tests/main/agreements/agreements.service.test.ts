import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { agreementStatus, MAX_DOCUMENT_BYTES } from '../../../src/shared/domain/agreements';
import { makeWorkbench, tableCounts, type TestWorkbench } from '../../helpers/workbench';
import { agreementFixture, partnerFixture } from '../../helpers/fixtures';
import { keptAs, keptFiles } from '../../helpers/kept-files';

let wb: TestWorkbench;
let partnerId: number;
beforeEach(async () => {
  wb = await makeWorkbench(); // 2026-11-17 in Shanghai
  partnerId = (await wb.call('partners:create', partnerFixture())).id;
});
afterEach(async () => {
  await wb.close();
});

const documents = () => keptFiles(wb.ctx, 'documents');

describe('agreement status from its dates (clock frozen at 2026-11-17)', () => {
  const base = { signedOn: '2026-01-01', effectiveFrom: null, expiresOn: '2026-12-31', autoRenews: false, terminated: false };
  it.each([
    ['in force between signing and expiry', base, 'active'],
    ['a draft until signed', { ...base, signedOn: null }, 'draft'],
    ['pending before it takes effect', { ...base, effectiveFrom: '2026-12-01' }, 'pending'],
    ['expired the day after its expiry', { ...base, expiresOn: '2026-11-16' }, 'expired'],
    ['still in force on its expiry day', { ...base, expiresOn: '2026-11-17' }, 'active'],
    ['in force past its expiry when it renews', { ...base, expiresOn: '2026-01-31', autoRenews: true }, 'active'],
    ['open-ended when it has no expiry', { ...base, expiresOn: null }, 'active'],
    ['terminated whatever the dates', { ...base, terminated: true }, 'terminated'],
  ] as const)('is %s', async (_name, dates, expected) => {
    expect(agreementStatus(dates, '2026-11-17')).toBe(expected);
    const created = await wb.call('agreements:create', agreementFixture(partnerId, { ...dates, referenceNo: `R-${expected}` }));
    expect(created.status).toBe(expected);
    // The list computes the same status in SQL, and filters by it.
    const listed = await wb.call('agreements:list', { status: expected });
    expect(listed.items.map((a) => a.referenceNo)).toEqual([`R-${expected}`]);
  });

  it('filters one partner’s agreements by each status, in each order, as the status of each says', async () => {
    const other = (await wb.call('partners:create', partnerFixture({ name: '另一合作方' }))).id;
    const shapes = [base, { ...base, signedOn: null }, { ...base, effectiveFrom: '2026-12-01' }, { ...base, expiresOn: '2026-11-16' }, { ...base, terminated: true }, { ...base, expiresOn: null }];
    for (const [i, dates] of shapes.entries()) {
      await wb.call('agreements:create', agreementFixture(partnerId, { ...dates, referenceNo: `P-${i}`, expiresOn: dates.expiresOn === base.expiresOn ? `2027-0${i + 1}-01` : dates.expiresOn }));
      await wb.call('agreements:create', agreementFixture(other, { ...dates, referenceNo: `O-${i}` }));
    }
    const all = (await wb.call('agreements:list', { partnerId, pageSize: 100 })).items;
    expect(all).toHaveLength(shapes.length);
    for (const status of ['active', 'draft', 'pending', 'expired', 'terminated'] as const) {
      for (const sortBy of ['referenceNo', 'expiresOn', 'updatedAt', 'partner'] as const) {
        const listed = await wb.call('agreements:list', { partnerId, status, sortBy, sortDir: 'desc' });
        const expected = all.filter((a) => a.status === status).map((a) => a.referenceNo);
        expect(listed.total, `${status} by ${sortBy}`).toBe(expected.length);
        expect([...listed.items.map((a) => a.referenceNo)].sort(), `${status} by ${sortBy}`).toEqual(expected.sort());
      }
    }
    const activeByReference = await wb.call('agreements:list', { partnerId, status: 'active', sortBy: 'referenceNo', sortDir: 'desc' });
    expect(activeByReference.items.map((a) => a.referenceNo)).toEqual(['P-5', 'P-0']);
  });

  it('moves from active to expired as the clock passes the expiry date', async () => {
    const a = await wb.call('agreements:create', agreementFixture(partnerId, { expiresOn: '2026-11-20' }));
    expect(a.status).toBe('active');
    wb.setNow('2026-11-20T17:00:00.000Z'); // 21 November in Shanghai
    expect((await wb.call('agreements:get', { id: a.id })).status).toBe('expired');
  });
});

describe('agreements', () => {
  it('refuses an expiry before the signing date beside the expiry field, writing nothing', async () => {
    const before = await tableCounts(wb);
    const result = await wb.invoke('agreements:create', agreementFixture(partnerId, { signedOn: '2026-05-01', expiresOn: '2026-04-30' }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.fieldErrors).toEqual({ expiresOn: 'Cannot be before the signing date' });
    expect(await tableCounts(wb)).toEqual(before);
  });

  it('keeps the Art. 21 checklist, audits an edit and sorts by expiry', async () => {
    const a = await wb.call('agreements:create', agreementFixture(partnerId, { checklist: ['purpose', 'return_or_delete'] }));
    expect(a.checklist).toEqual(['purpose', 'return_or_delete']);
    await wb.call('agreements:create', agreementFixture(partnerId, { referenceNo: 'DPA-2', expiresOn: '2026-12-01' }));
    const { id, revision, partnerName: _p, status: _s, document: _d, createdAt: _c, updatedAt: _u, ...values } = a;
    await wb.call('agreements:update', { ...values, id, revision, autoRenews: true });
    const history = await wb.call('audit:forEntity', { entity: 'agreement', entityId: id });
    expect(history.items[0]?.changedFields).toEqual(['autoRenews']);
    const list = await wb.call('agreements:list', { sortBy: 'expiresOn' });
    expect(list.items.map((x) => x.referenceNo)).toEqual(['DPA-2', 'NDA-2026-001']);
  });
});

describe('the signed document', () => {
  const pdf = Buffer.from('%PDF-1.4 signed agreement');

  it('is copied into the data folder under its SHA-256, downloadable, and opened by the host that can', async () => {
    const a = await wb.call('agreements:create', agreementFixture(partnerId));
    const saved = await wb.call('agreements:attach', { id: a.id, revision: a.revision, fileName: '保密协议.pdf', mimeType: 'application/pdf', base64: pdf.toString('base64') });
    expect(saved.document).toMatchObject({ fileName: '保密协议.pdf', size: pdf.length });
    expect(await documents()).toEqual([keptAs(saved.document!.sha256, 'pdf')]);
    expect(saved.document!.sha256).toMatch(/^[0-9a-f]{64}$/);
    const download = await wb.call('agreements:download', { id: a.id });
    expect(Buffer.from(download.base64, 'base64').toString()).toBe('%PDF-1.4 signed agreement');
    expect(await wb.call('agreements:open', { id: a.id })).toEqual({ opened: false }); // the test host cannot open files
    const opened: string[] = [];
    wb.ctx.platform.openFile = async (path) => void opened.push(path);
    expect(await wb.call('agreements:open', { id: a.id })).toEqual({ opened: true });
    expect(opened[0]).toBe(join(wb.ctx.dataDir, 'documents', `${saved.document!.sha256}.pdf`));
    const history = await wb.call('audit:forEntity', { entity: 'agreement', entityId: a.id });
    expect(history.items[0]?.changedFields).toEqual(['document']);
  });

  it('refuses an unreadable or oversized file beside the field, leaving no file behind', async () => {
    const a = await wb.call('agreements:create', agreementFixture(partnerId));
    const bad = await wb.invoke('agreements:attach', { id: a.id, revision: a.revision, fileName: 'x.pdf', base64: '%%%not base64' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.fieldErrors?.document).toBe('The file could not be read');
    const big = Buffer.alloc(MAX_DOCUMENT_BYTES + 1, 1).toString('base64');
    const tooBig = await wb.invoke('agreements:attach', { id: a.id, revision: a.revision, fileName: 'x.pdf', base64: big });
    expect(tooBig.ok).toBe(false);
    if (!tooBig.ok) expect(tooBig.error.fieldErrors?.document).toBe('The file is larger than 10 MB');
    expect(await documents()).toEqual([]);
  });

  it('removes the file it wrote when the save fails (a stale revision)', async () => {
    const a = await wb.call('agreements:create', agreementFixture(partnerId));
    const stale = await wb.invoke('agreements:attach', { id: a.id, revision: a.revision + 5, fileName: 'x.pdf', base64: pdf.toString('base64') });
    expect(stale.ok).toBe(false);
    if (!stale.ok) expect(stale.error.code).toBe('CONFLICT');
    expect(await documents()).toEqual([]);
  });

  it('keeps a file shared by two agreements until neither uses it', async () => {
    const a = await wb.call('agreements:create', agreementFixture(partnerId));
    const b = await wb.call('agreements:create', agreementFixture(partnerId, { referenceNo: 'NDA-2' }));
    const base64 = pdf.toString('base64');
    const a2 = await wb.call('agreements:attach', { id: a.id, revision: a.revision, fileName: 'a.pdf', base64 });
    const b2 = await wb.call('agreements:attach', { id: b.id, revision: b.revision, fileName: 'b.pdf', base64 });
    await wb.call('agreements:detach', { id: a2.id, revision: a2.revision });
    expect(await documents()).toHaveLength(1);
    await wb.call('agreements:delete', { id: b2.id, revision: b2.revision });
    expect(await documents()).toEqual([]);
  });
});
