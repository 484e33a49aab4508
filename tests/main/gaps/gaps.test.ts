import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GapItem } from '../../../src/shared/domain/gaps';
import { GAP_CHECKS } from '../../../src/main/core/gaps/registry';
import { makeWorkbench, type TestWorkbench } from '../../helpers/workbench';
import { agreementFixture, categoryFixture, flowFixture, partnerFixture } from '../../helpers/fixtures';

let wb: TestWorkbench;
beforeEach(async () => {
  wb = await makeWorkbench(); // 2026-11-17 in Shanghai
});
afterEach(async () => {
  await wb.close();
});

async function count(id: string): Promise<number> {
  const summary = await wb.call('gaps:summary', {});
  const check = summary.find((s) => s.id === id);
  if (!check) throw new Error(`no check ${id}`);
  return check.count;
}
async function items(id: string): Promise<GapItem[]> {
  return (await wb.call('gaps:list', { checkId: id })).items;
}

const sdkValues = (vendorPartnerId: number) => ({ name: '推送 SDK', vendorPartnerId, platform: 'android' as const, purpose: '推送', policyClause: '4.1.6', notes: '' });
const reviewValues = (sdkId: number, overrides: Record<string, unknown> = {}) => ({
  sdkId,
  version: '1.0',
  categoryIds: [],
  permissions: [],
  checklist: [],
  reviewer: '张三',
  reviewedOn: '2026-10-01',
  result: 'approved' as const,
  findings: '',
  nextReviewDue: null,
  ...overrides,
});

it('the registry holds every check of DESIGN.md once, and the summary answers each with a title key', async () => {
  const ids = GAP_CHECKS.map((c) => c.id);
  expect(new Set(ids).size).toBe(ids.length);
  const summary = await wb.call('gaps:summary', {});
  expect(summary.map((s) => s.id)).toEqual(ids);
  expect(summary.every((s) => s.count === 0 && s.titleKey.includes(':'))).toBe(true);
  const unknown = await wb.invoke('gaps:list', { checkId: 'no-such-check' });
  expect(unknown.ok).toBe(false);
});

describe('partner with a flow but no agreement in force', () => {
  it('fires for the partner, links to it, and clears once an agreement is signed', async () => {
    const p = await wb.call('partners:create', partnerFixture());
    const c = await wb.call('categories:create', categoryFixture());
    expect(await count('partner-without-agreement')).toBe(0); // no flow yet
    await wb.call('flows:create', flowFixture(p.id, c.id));
    expect(await items('partner-without-agreement')).toEqual([
      { entity: 'partner', id: p.id, label: p.name, detail: { key: 'gaps:detail.flows', params: { value: 1, count: 1 } }, path: `/partners/${p.id}`, status: 'open', decision: null },
    ]);
    const draft = await wb.call('agreements:create', agreementFixture(p.id, { signedOn: null, expiresOn: null }));
    expect(await count('partner-without-agreement')).toBe(1); // a draft is not in force
    const { id, revision, partnerName: _n, status: _s, document: _d, createdAt: _c, updatedAt: _u, ...values } = draft;
    await wb.call('agreements:update', { ...values, id, revision, signedOn: '2026-01-01' });
    expect(await count('partner-without-agreement')).toBe(0);
  });
});

describe('agreement expiring within 30 days or expired while flows remain', () => {
  it('fires 30 days ahead, keeps firing once expired, and clears with a later agreement or a renewal', async () => {
    const p = await wb.call('partners:create', partnerFixture());
    const c = await wb.call('categories:create', categoryFixture());
    await wb.call('flows:create', flowFixture(p.id, c.id));
    const a = await wb.call('agreements:create', agreementFixture(p.id, { expiresOn: '2026-12-18' }));
    expect(await count('agreement-expiring')).toBe(0); // 31 days away
    wb.setNow('2026-11-18T01:00:00.000Z'); // 30 days away
    expect((await items('agreement-expiring')).map((i) => i.detail?.params)).toEqual([{ value: '2026-12-18' }]);
    wb.setNow('2027-01-05T00:00:00.000Z'); // expired, flows remain
    expect((await items('agreement-expiring')).map((i) => i.label)).toEqual([`NDA-2026-001 · ${p.name}`]);
    // A later agreement with the partner takes over: the old one no longer counts.
    await wb.call('agreements:create', agreementFixture(p.id, { referenceNo: 'NDA-2027', signedOn: '2027-01-01', expiresOn: '2028-01-01' }));
    expect(await count('agreement-expiring')).toBe(0);
    wb.setNow('2026-11-18T01:00:00.000Z');
    const { id, revision, partnerName: _n, status: _s, document: _d, createdAt: _c, updatedAt: _u, ...values } = (await wb.call('agreements:get', { id: a.id }));
    await wb.call('agreements:update', { ...values, id, revision, autoRenews: true });
    expect(await count('agreement-expiring')).toBe(0);
  });
});

describe('SDK checks', () => {
  it('an SDK never reviewed, and an SDK provider with no reviewed SDK, fire until a review is recorded', async () => {
    const vendor = await wb.call('partners:create', partnerFixture({ name: '推送服务商', role: 'sdk_provider' }));
    expect((await items('sdk-provider-without-review')).map((i) => i.label)).toEqual(['推送服务商']);
    const sdk = await wb.call('sdks:create', sdkValues(vendor.id));
    expect((await items('sdk-without-review')).map((i) => i.path)).toEqual([`/sdks/${sdk.id}`]);
    await wb.call('sdks:addReview', reviewValues(sdk.id));
    expect(await count('sdk-without-review')).toBe(0);
    expect(await count('sdk-provider-without-review')).toBe(0);
  });

  it('a review older than 12 months or past its due date fires; a new review clears it', async () => {
    const vendor = await wb.call('partners:create', partnerFixture({ role: 'sdk_provider' }));
    const sdk = await wb.call('sdks:create', sdkValues(vendor.id));
    await wb.call('sdks:addReview', reviewValues(sdk.id, { reviewedOn: '2025-11-16' }));
    expect((await items('sdk-review-stale')).map((i) => i.detail?.params)).toEqual([{ value: '2025-11-16' }]);
    await wb.call('sdks:addReview', reviewValues(sdk.id, { version: '1.1', reviewedOn: '2026-11-10', nextReviewDue: '2026-11-16' }));
    expect(await count('sdk-review-stale')).toBe(1); // past its own next-review date
    await wb.call('sdks:addReview', reviewValues(sdk.id, { version: '1.2', reviewedOn: '2026-11-17', nextReviewDue: '2027-05-17' }));
    expect(await count('sdk-review-stale')).toBe(0);
  });

  it('a rejected SDK still in use fires until it is retired', async () => {
    const vendor = await wb.call('partners:create', partnerFixture({ role: 'sdk_provider' }));
    const sdk = await wb.call('sdks:create', sdkValues(vendor.id));
    await wb.call('sdks:addReview', reviewValues(sdk.id, { result: 'rejected', findings: '初始化早于同意' }));
    expect((await items('sdk-review-rejected')).map((i) => i.detail?.params)).toEqual([{ value: '1.0' }]);
    const loaded = await wb.call('sdks:get', { id: sdk.id });
    await wb.call('sdks:setStatus', { id: sdk.id, revision: loaded.revision, status: 'retired' });
    expect(await count('sdk-review-rejected')).toBe(0);
  });
});

describe('category checks', () => {
  async function fix(id: number, changes: Record<string, unknown>) {
    const c = await wb.call('categories:get', { id });
    const { status: _s, createdAt: _c, updatedAt: _u, ...values } = c;
    await wb.call('categories:update', { ...values, ...changes } as never);
  }

  it.each([
    ['sensitive-without-separate-consent', { sensitive: true, sensitiveKind: 'specific_identity' }, { separateConsent: true }],
    ['category-cross-border-without-mechanism', { storageLocation: 'cross_border', crossBorderMechanism: 'none' }, { crossBorderMechanism: 'standard_contract' }],
    ['category-without-retention', { retention: '', retentionDays: null }, { retentionDays: 365 }],
    ['minor-without-guardian-consent', { subjectType: 'minor' }, { guardianConsent: true }],
    ['category-without-clause', { policyClause: '' }, { policyClause: '3.2.1.1' }],
  ] as const)('%s fires for the category and clears when it is fixed', async (checkId, gap, fixed) => {
    const c = await wb.call('categories:create', categoryFixture(gap as never));
    expect(await items(checkId)).toEqual([
      { entity: 'category', id: c.id, label: 'REG-TEST · 测试类别', detail: expect.objectContaining({ key: expect.stringMatching(/^gaps:detail\./) }), path: `/categories/${c.id}`, status: 'open', decision: null },
    ]);
    await fix(c.id, fixed);
    expect(await count(checkId)).toBe(0);
  });
});

describe('partner and flow checks', () => {
  it('a partner citing no clause fires until it cites one', async () => {
    const p = await wb.call('partners:create', partnerFixture({ policyClause: '' }));
    expect(await count('partner-without-clause')).toBe(1);
    const { id, revision, status: _s, createdAt: _c, updatedAt: _u, ...values } = p;
    await wb.call('partners:update', { ...values, id, revision, policyClause: '4.1.3' });
    expect(await count('partner-without-clause')).toBe(0);
  });

  it('a flow across the border without a mechanism fires until one is given', async () => {
    const p = await wb.call('partners:create', partnerFixture({ role: 'overseas_recipient', countryRegion: '新加坡' }));
    const c = await wb.call('categories:create', categoryFixture());
    const f = await wb.call('flows:create', flowFixture(p.id, c.id, { crossBorder: true }));
    expect((await items('flow-cross-border-without-mechanism')).map((i) => i.path)).toEqual([`/partners/${p.id}`]);
    const { id, revision, partnerName: _a, partnerStatus: _b, categoryCode: _c, categoryName: _d, createdAt: _e, updatedAt: _f, ...values } = f;
    await wb.call('flows:update', { ...values, id, revision, crossBorderMechanism: 'standard_contract' });
    expect(await count('flow-cross-border-without-mechanism')).toBe(0);
  });
});

describe('register entries citing no policy clause', () => {
  it('a flow, an agreement and an SDK in use each fire until they cite a clause; a terminated agreement and a retired SDK do not', async () => {
    const p = await wb.call('partners:create', partnerFixture());
    const c = await wb.call('categories:create', categoryFixture());
    const flow = await wb.call('flows:create', flowFixture(p.id, c.id, { policyClause: '' }));
    const agreement = await wb.call('agreements:create', agreementFixture(p.id, { policyClause: '' }));
    const sdk = await wb.call('sdks:create', { ...sdkValues(p.id), policyClause: '' });
    expect(await items('flow-without-clause')).toEqual([
      { entity: 'flow', id: flow.id, label: `${p.name} → ${c.name}`, detail: { key: 'gaps:detail.purpose', params: { value: flow.purpose } }, path: `/partners/${p.id}`, status: 'open', decision: null },
    ]);
    expect(await items('agreement-without-clause')).toEqual([
      {
        entity: 'agreement',
        id: agreement.id,
        label: `NDA-2026-001 · ${p.name}`,
        detail: { key: 'gaps:detail.agreementKind', params: { value: 'agreements:kind.confidentiality' } },
        path: `/agreements/${agreement.id}`,
        status: 'open',
        decision: null,
      },
    ]);
    expect(await items('sdk-without-clause')).toEqual([
      { entity: 'sdk', id: sdk.id, label: '推送 SDK', detail: { key: 'gaps:detail.vendor', params: { value: p.name } }, path: `/sdks/${sdk.id}`, status: 'open', decision: null },
    ]);

    const { id: flowId, revision: flowRevision, partnerName: _a, partnerStatus: _b, categoryCode: _c, categoryName: _d, createdAt: _e, updatedAt: _f, ...flowValues } = flow;
    await wb.call('flows:update', { ...flowValues, id: flowId, revision: flowRevision, policyClause: '4.1.3' });
    expect(await count('flow-without-clause')).toBe(0);

    const { id, revision, partnerName: _n, status: _s, document: _doc, createdAt: _ca, updatedAt: _ua, ...values } = agreement;
    await wb.call('agreements:update', { ...values, id, revision, terminated: true });
    expect(await count('agreement-without-clause')).toBe(0);

    await wb.call('sdks:setStatus', { id: sdk.id, revision: sdk.revision, status: 'retired' });
    expect(await count('sdk-without-clause')).toBe(0);
  });
});

describe('policy clause promising what the register does not hold', () => {
  it('fires for 4.1.5 with no agreement citing it, and clears when one does', async () => {
    await wb.call('policy:import', { title: '政策', versionLabel: 'v1', text: '4.1.5签署保密协议\n4.1.6安全检测\n' });
    expect((await items('clause-promise-unheld')).map((i) => i.label)).toEqual(['4.1.5', '4.1.6']);
    const p = await wb.call('partners:create', partnerFixture());
    await wb.call('agreements:create', agreementFixture(p.id, { policyClause: '4.1.5' }));
    expect((await items('clause-promise-unheld')).map((i) => i.label)).toEqual(['4.1.6']);
  });
});
