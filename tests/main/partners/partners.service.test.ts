import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeWorkbench, tableCounts, type TestWorkbench } from '../../helpers/workbench';
import { agreementFixture, categoryFixture, flowFixture, partnerFixture } from '../../helpers/fixtures';

let wb: TestWorkbench;
beforeEach(async () => {
  wb = await makeWorkbench();
});
afterEach(async () => {
  await wb.close();
});

describe('sharing partners', () => {
  it('creates a partner with every field, active at revision 1, and audits it', async () => {
    const p = await wb.call('partners:create', partnerFixture({ contact: 'dpo@aowei.example' }));
    expect(p).toMatchObject({ name: '上海敖维计算机发展有限公司', role: 'affiliate', status: 'active', revision: 1, policyClause: '4.1.3' });
    const history = await wb.call('audit:forEntity', { entity: 'partner', entityId: p.id });
    expect(history.items.map((e) => e.action)).toEqual(['create']);
  });

  it('refuses a role outside PIPL’s list beside the field', async () => {
    const result = await wb.invoke('partners:create', { ...partnerFixture(), role: 'legitimate_interest' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.error.fieldErrors ?? {})).toEqual(['role']);
  });

  it('lists, searches, filters by role and status, sorts and counts flows', async () => {
    const a = await wb.call('partners:create', partnerFixture({ name: 'B 征信', role: 'credit_bureau', countryRegion: '中国' }));
    await wb.call('partners:create', partnerFixture({ name: 'A 广告', role: 'advertising_provider', countryRegion: '新加坡' }));
    const c = await wb.call('categories:create', categoryFixture());
    await wb.call('flows:create', flowFixture(a.id, c.id));
    const byName = await wb.call('partners:list', {});
    expect(byName.items.map((p) => p.name)).toEqual(['A 广告', 'B 征信']);
    expect(byName.items[1]?.flowCount).toBe(1);
    expect((await wb.call('partners:list', { role: 'credit_bureau' })).items.map((p) => p.name)).toEqual(['B 征信']);
    expect((await wb.call('partners:list', { search: '新加坡' })).items.map((p) => p.name)).toEqual(['A 广告']);
    expect((await wb.call('partners:list', { sortBy: 'name', sortDir: 'desc', pageSize: 1 })).items.map((p) => p.name)).toEqual(['B 征信']);
    await wb.call('partners:setStatus', { id: a.id, revision: a.revision, status: 'retired' });
    expect((await wb.call('partners:list', { status: 'active' })).total).toBe(1);
  });

  it('searches flows, agreements and SDKs by their own text and by their partner’s or category’s name, page and total alike', async () => {
    const credit = await wb.call('partners:create', partnerFixture({ name: '北京征信有限公司' }));
    const ads = await wb.call('partners:create', partnerFixture({ name: '广告联盟' }));
    const device = await wb.call('categories:create', categoryFixture({ code: 'USE-DEVICE', name: '设备信息' }));
    const contact = await wb.call('categories:create', categoryFixture({ code: 'REG-PHONE', name: '联系方式' }));
    await wb.call('flows:create', flowFixture(credit.id, device.id, { purpose: '信用评估' }));
    await wb.call('flows:create', flowFixture(ads.id, contact.id, { purpose: '广告投放' }));
    await wb.call('flows:create', flowFixture(ads.id, device.id, { purpose: '反作弊' }));
    await wb.call('agreements:create', agreementFixture(credit.id, { referenceNo: 'DPA-001' }));
    await wb.call('agreements:create', agreementFixture(ads.id, { referenceNo: 'NDA-002' }));
    await wb.call('sdks:create', { name: '推送 SDK', vendorPartnerId: ads.id, platform: 'android', purpose: '消息推送', policyClause: '', notes: '' });
    await wb.call('sdks:create', { name: '征信核验 SDK', vendorPartnerId: ads.id, platform: 'ios', purpose: '核验', policyClause: '', notes: '' });
    const flows = async (search: string) => {
      const page = await wb.call('flows:list', { search, sortBy: 'purpose' });
      return { total: page.total, purposes: page.items.map((f) => f.purpose) };
    };
    expect(await flows('征信')).toEqual({ total: 1, purposes: ['信用评估'] }); // the partner's name
    expect(await flows('DEVICE')).toEqual({ total: 2, purposes: ['信用评估', '反作弊'].sort() }); // the category's code
    expect(await flows('联系')).toEqual({ total: 1, purposes: ['广告投放'] }); // the category's name
    expect(await flows('广告')).toEqual({ total: 2, purposes: ['反作弊', '广告投放'].sort() }); // the purpose, and the partner's name
    expect(await flows('无此')).toEqual({ total: 0, purposes: [] });
    const agreements = async (search: string) => {
      const page = await wb.call('agreements:list', { search, sortBy: 'referenceNo' });
      return [page.total, page.items.map((a) => a.referenceNo)];
    };
    expect(await agreements('征信')).toEqual([1, ['DPA-001']]);
    expect(await agreements('NDA')).toEqual([1, ['NDA-002']]);
    expect(await agreements('有限')).toEqual([1, ['DPA-001']]);
    const sdks = async (search: string) => {
      const page = await wb.call('sdks:list', { search, sortBy: 'name' });
      return [page.total, page.items.map((k) => k.name).sort()];
    };
    expect(await sdks('广告联盟')).toEqual([2, ['征信核验 SDK', '推送 SDK'].sort()]); // the vendor's name
    expect(await sdks('征信')).toEqual([1, ['征信核验 SDK']]); // its own name (its vendor is the advertiser)
  });

  it('records only the changed fields of an edit and refuses a stale revision', async () => {
    const p = await wb.call('partners:create', partnerFixture());
    const { id, revision, status: _s, createdAt: _c, updatedAt: _u, ...values } = p;
    const saved = await wb.call('partners:update', { ...values, id, revision, contact: '021-62345678' });
    expect(saved.revision).toBe(2);
    const history = await wb.call('audit:forEntity', { entity: 'partner', entityId: id });
    expect(history.items[0]?.changedFields).toEqual(['contact']);
    const stale = await wb.invoke('partners:update', { ...values, id, revision, contact: 'x' });
    expect(stale.ok).toBe(false);
    if (!stale.ok) expect(stale.error.code).toBe('CONFLICT');
  });

  it('refuses to delete a partner that still has flows or agreements, listing them, and deletes it once they are gone', async () => {
    const p = await wb.call('partners:create', partnerFixture());
    const c = await wb.call('categories:create', categoryFixture({ code: 'USE-DEVICE' }));
    const flow = await wb.call('flows:create', flowFixture(p.id, c.id));
    const agreement = await wb.call('agreements:create', agreementFixture(p.id));
    const before = await tableCounts(wb);
    const refused = await wb.invoke('partners:delete', { id: p.id, revision: p.revision });
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.code).toBe('CONFLICT');
      expect(refused.error.message).toContain('USE-DEVICE');
      expect(refused.error.message).toContain('NDA-2026-001');
      expect(refused.error.message).toContain('records still depend on it (sharing flows: 1, agreements: 1, SDKs: 0, SDK reviews: 0)');
    }
    expect(await tableCounts(wb)).toEqual(before);
    await wb.call('flows:delete', { id: flow.id, revision: flow.revision });
    await wb.call('agreements:delete', { id: agreement.id, revision: agreement.revision });
    await wb.call('partners:delete', { id: p.id, revision: p.revision });
    expect((await wb.call('partners:list', {})).total).toBe(0);
  });
});

describe('sharing flows', () => {
  it('is seen from both sides: the partner’s flows and the category’s recipients', async () => {
    const p1 = await wb.call('partners:create', partnerFixture({ name: 'A 公司' }));
    const p2 = await wb.call('partners:create', partnerFixture({ name: 'B 公司' }));
    const c = await wb.call('categories:create', categoryFixture());
    await wb.call('flows:create', flowFixture(p1.id, c.id));
    await wb.call('flows:create', flowFixture(p2.id, c.id, { purpose: '市场推广', method: 'file' }));
    const ofCategory = await wb.call('flows:list', { categoryId: c.id });
    expect(ofCategory.items.map((f) => f.partnerName)).toEqual(['A 公司', 'B 公司']);
    const ofPartner = await wb.call('flows:list', { partnerId: p2.id });
    expect(ofPartner.items.map((f) => [f.categoryCode, f.purpose, f.method])).toEqual([['REG-TEST', '市场推广', 'file']]);
  });

  it('is unique per partner, category and purpose', async () => {
    const p = await wb.call('partners:create', partnerFixture());
    const c = await wb.call('categories:create', categoryFixture());
    await wb.call('flows:create', flowFixture(p.id, c.id));
    const again = await wb.invoke('flows:create', flowFixture(p.id, c.id));
    expect(again.ok).toBe(false);
    if (!again.ok) {
      expect(again.error.code).toBe('CONFLICT');
      expect(again.error.fieldErrors?.purpose).toBe('This partner already receives this category for this purpose');
    }
  });

  it('refuses a flow to a retired partner beside the partner field, writing nothing', async () => {
    const p = await wb.call('partners:create', partnerFixture());
    const c = await wb.call('categories:create', categoryFixture());
    await wb.call('partners:setStatus', { id: p.id, revision: p.revision, status: 'retired' });
    const before = await tableCounts(wb);
    const result = await wb.invoke('flows:create', flowFixture(p.id, c.id));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.fieldErrors?.partnerId).toBe('This partner is retired: reactivate it before sharing with it');
    expect(await tableCounts(wb)).toEqual(before);
  });

  it('refuses a mechanism on a flow that stays in China', async () => {
    const p = await wb.call('partners:create', partnerFixture());
    const c = await wb.call('categories:create', categoryFixture());
    const result = await wb.invoke('flows:create', flowFixture(p.id, c.id, { crossBorderMechanism: 'standard_contract' }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.error.fieldErrors ?? {})).toEqual(['crossBorderMechanism']);
  });

  it('audits edits and deletes, and a category with flows cannot be deleted', async () => {
    const p = await wb.call('partners:create', partnerFixture({ name: '授权合作伙伴' }));
    const c = await wb.call('categories:create', categoryFixture());
    const flow = await wb.call('flows:create', flowFixture(p.id, c.id));
    const { id, revision, partnerName: _a, partnerStatus: _b, categoryCode: _c, categoryName: _d, createdAt: _e, updatedAt: _f, ...values } = flow;
    const saved = await wb.call('flows:update', { ...values, id, revision, frequency: '每日' });
    expect(saved.frequency).toBe('每日');
    const refused = await wb.invoke('categories:delete', { id: c.id, revision: c.revision });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.message).toContain('授权合作伙伴');
    await wb.call('flows:delete', { id, revision: saved.revision });
    const history = await wb.call('audit:forEntity', { entity: 'flow', entityId: id });
    expect(history.items.map((e) => e.action)).toEqual(['delete', 'update', 'create']);
    await wb.call('categories:delete', { id: c.id, revision: c.revision });
  });
});
