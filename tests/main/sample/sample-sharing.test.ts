import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeWorkbench, type TestWorkbench } from '../../helpers/workbench';

let wb: TestWorkbench;
beforeEach(async () => {
  wb = await makeWorkbench();
  await wb.call('app:setup', { template: 'sample', organisationName: '码尚云', language: 'zh-CN' });
});
afterEach(async () => {
  await wb.close();
});

describe('the sample register’s sharing side', () => {
  it('holds the policy’s recipients with their flows and clause references', async () => {
    const partners = await wb.call('partners:list', { pageSize: 50 });
    const byName = new Map(partners.items.map((p) => [p.name, p]));
    expect(byName.get('上海敖维计算机发展有限公司')).toMatchObject({ role: 'affiliate', policyClause: '4.1.3' });
    expect(byName.get('依法设立的征信机构')).toMatchObject({ role: 'credit_bureau', policyClause: '3.3.5' });
    expect(byName.get('行政、司法机关')).toMatchObject({ role: 'state_organ', policyClause: '4.1.2' });
    expect([...byName.values()].filter((p) => p.role === 'advertising_provider').map((p) => p.policyClause).sort()).toEqual(['7.1', '7.4']);
    expect(partners.items.every((p) => p.flowCount > 0)).toBe(true);
    const identity = (await wb.call('categories:list', { search: 'REG-IDENTITY' })).items[0]!;
    const recipients = await wb.call('flows:list', { categoryId: identity.id, pageSize: 50 });
    expect(recipients.items.map((f) => f.partnerName)).toContain('依法设立的征信机构');
  });

  it('imports the sample policy as the first version, with the clauses the register cites', async () => {
    const versions = await wb.call('policy:versions', {});
    expect(versions).toHaveLength(1);
    expect((await wb.call('policy:clause', { number: '4.1.3' }))?.text).toContain('关联公司');
    expect((await wb.call('policy:clause', { number: '3.2.1.1' }))?.linkedCount).toBeGreaterThan(0);
  });

  it('has no agreements and no SDK reviews, so the gap checks fire', async () => {
    expect((await wb.call('agreements:list', {})).total).toBe(0);
    const gaps = new Map((await wb.call('gaps:summary', {})).map((g) => [g.id, g.count]));
    // Seven recipients, but the disclosures to 行政、司法机关 are required by law and need no agreement.
    expect(gaps.get('partner-without-agreement')).toBe(6);
    expect(gaps.get('sdk-provider-without-review')).toBe(2);
    expect(gaps.get('clause-promise-unheld')).toBeGreaterThanOrEqual(2);
    expect((await wb.call('gaps:list', { checkId: 'clause-promise-unheld', pageSize: 50 })).items.map((i) => i.label)).toEqual(
      expect.arrayContaining(['4.1.5', '4.1.6']),
    );
  });
});
