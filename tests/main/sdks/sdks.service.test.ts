import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReviewInput } from '../../../src/shared/domain/sdks';
import { makeWorkbench, tableCounts, type TestWorkbench } from '../../helpers/workbench';
import { categoryFixture, partnerFixture } from '../../helpers/fixtures';

let wb: TestWorkbench;
let vendorId: number;
let categoryId: number;
beforeEach(async () => {
  wb = await makeWorkbench();
  vendorId = (await wb.call('partners:create', partnerFixture({ name: '某推送服务商', role: 'sdk_provider', policyClause: '4.1.6' }))).id;
  categoryId = (await wb.call('categories:create', categoryFixture({ code: 'USE-DEVICE' }))).id;
});
afterEach(async () => {
  await wb.close();
});

const review = (sdkId: number, overrides: Partial<ReviewInput> = {}): ReviewInput => ({
  sdkId,
  version: '3.1.0',
  categoryIds: [categoryId],
  permissions: [
    { name: 'READ_PHONE_STATE', required: false, purpose: '识别设备以推送消息' },
    { name: 'INTERNET', required: true, purpose: '接收推送' },
  ],
  checklist: ['necessary', 'init_after_consent'],
  reviewer: '张三',
  reviewedOn: '2026-11-01',
  result: 'approved',
  findings: '',
  nextReviewDue: '2027-11-01',
  ...overrides,
});

describe('SDK security reviews', () => {
  it('records an SDK and a review with its categories, permissions and checklist', async () => {
    const sdk = await wb.call('sdks:create', { name: '推送 SDK', vendorPartnerId: vendorId, platform: 'android', purpose: '消息推送', policyClause: '4.1.6', notes: '' });
    const r = await wb.call('sdks:addReview', review(sdk.id));
    expect(r.categories.map((c) => c.code)).toEqual(['USE-DEVICE']);
    expect(r.permissions).toEqual([
      { name: 'READ_PHONE_STATE', required: false, purpose: '识别设备以推送消息' },
      { name: 'INTERNET', required: true, purpose: '接收推送' },
    ]);
    const loaded = await wb.call('sdks:get', { id: sdk.id });
    expect(loaded.vendorName).toBe('某推送服务商');
    expect(loaded.reviews[0]?.checklist).toEqual(['necessary', 'init_after_consent']);
    expect((await wb.call('audit:forEntity', { entity: 'sdkReview', entityId: r.id })).items.map((e) => e.action)).toEqual(['create']);
  });

  it('keeps the history: a review of a new version is added, the list shows the latest', async () => {
    const sdk = await wb.call('sdks:create', { name: '推送 SDK', vendorPartnerId: vendorId, platform: 'android', purpose: '消息推送', policyClause: '', notes: '' });
    await wb.call('sdks:addReview', review(sdk.id, { version: '3.0.0', reviewedOn: '2025-10-01', nextReviewDue: null }));
    await wb.call('sdks:addReview', review(sdk.id, { version: '3.1.0', result: 'approved_with_conditions', findings: '需关闭热更新' }));
    const loaded = await wb.call('sdks:get', { id: sdk.id });
    expect(loaded.reviews.map((r) => r.version)).toEqual(['3.1.0', '3.0.0']);
    const list = await wb.call('sdks:list', {});
    expect(list.items[0]).toMatchObject({ lastVersion: '3.1.0', lastResult: 'approved_with_conditions', reviewCount: 2, lastReviewedOn: '2026-11-01' });
  });

  it('sorts by the latest review’s date, as the reviews stand after each is added or moved to another date', async () => {
    const sdk = (name: string) => wb.call('sdks:create', { name, vendorPartnerId: vendorId, platform: 'android', purpose: '统计', policyClause: '', notes: '' });
    const [a, b, c] = [await sdk('甲 SDK'), await sdk('乙 SDK'), await sdk('丙 SDK')];
    await wb.call('sdks:addReview', review(a.id, { reviewedOn: '2026-02-01' }));
    const moved = await wb.call('sdks:addReview', review(a.id, { reviewedOn: '2026-10-01' }));
    await wb.call('sdks:addReview', review(b.id, { reviewedOn: '2026-06-01' }));
    const order = async (sortDir: 'asc' | 'desc') => {
      const items = (await wb.call('sdks:list', { sortBy: 'lastReviewedOn', sortDir })).items.filter((i) => i.lastReviewedOn !== null);
      return items.map((i) => [i.id, i.lastReviewedOn]);
    };
    expect(await order('desc')).toEqual([[a.id, '2026-10-01'], [b.id, '2026-06-01']]);
    // The later review of `a` moved back to January: its latest review is now February's.
    await wb.call('sdks:updateReview', { ...review(a.id, { reviewedOn: '2026-01-15' }), id: moved.id, revision: moved.revision });
    await wb.call('sdks:addReview', review(c.id, { reviewedOn: '2026-03-01' }));
    expect(await order('desc')).toEqual([[b.id, '2026-06-01'], [c.id, '2026-03-01'], [a.id, '2026-02-01']]);
    expect(await order('asc')).toEqual([[a.id, '2026-02-01'], [c.id, '2026-03-01'], [b.id, '2026-06-01']]);
  });

  it('refuses a review without a result, and one that is not simply approved without findings, beside the fields', async () => {
    const sdk = await wb.call('sdks:create', { name: '推送 SDK', vendorPartnerId: vendorId, platform: 'ios', purpose: '消息推送', policyClause: '', notes: '' });
    const before = await tableCounts(wb);
    const { result: _r, ...withoutResult } = review(sdk.id);
    const noResult = await wb.invoke('sdks:addReview', withoutResult);
    expect(noResult.ok).toBe(false);
    if (!noResult.ok) expect(noResult.error.fieldErrors?.result).toBe('Choose the result of the review');
    const rejected = await wb.invoke('sdks:addReview', review(sdk.id, { result: 'rejected' }));
    expect(rejected.ok).toBe(false);
    if (!rejected.ok) expect(Object.keys(rejected.error.fieldErrors ?? {})).toEqual(['findings']);
    expect(await tableCounts(wb)).toEqual(before);
  });

  it('does not delete an SDK that has reviews, nor a partner that provides SDKs', async () => {
    const sdk = await wb.call('sdks:create', { name: '推送 SDK', vendorPartnerId: vendorId, platform: 'web', purpose: '消息推送', policyClause: '', notes: '' });
    await wb.call('sdks:addReview', review(sdk.id));
    const refused = await wb.invoke('sdks:delete', { id: sdk.id, revision: sdk.revision });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.message).toContain('3.1.0');
    const partner = await wb.call('partners:get', { id: vendorId });
    const partnerRefused = await wb.invoke('partners:delete', { id: vendorId, revision: partner.revision });
    expect(partnerRefused.ok).toBe(false);
    if (!partnerRefused.ok) expect(partnerRefused.error.message).toContain('推送 SDK');
    const category = await wb.call('categories:get', { id: categoryId });
    const categoryRefused = await wb.invoke('categories:delete', { id: categoryId, revision: category.revision });
    expect(categoryRefused.ok).toBe(false);
  });

  it('refuses the same SDK name twice on one platform', async () => {
    const values = { name: '推送 SDK', vendorPartnerId: vendorId, platform: 'android' as const, purpose: '消息推送', policyClause: '', notes: '' };
    await wb.call('sdks:create', values);
    const again = await wb.invoke('sdks:create', values);
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.error.fieldErrors?.name).toBe('An SDK with this name already exists for this platform');
  });
});
