import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildReport } from '../../../src/main/core/reports/reports.service';
import { renderReportHtml } from '../../../src/main/core/reports/render-html';
import { makeWorkbench, type TestWorkbench } from '../../helpers/workbench';
import { partnerFixture } from '../../helpers/fixtures';

let wb: TestWorkbench;
beforeEach(async () => {
  wb = await makeWorkbench({ language: 'zh-CN' });
  await wb.call('app:setup', { template: 'empty', organisationName: '示例公司', language: 'zh-CN' });
});
afterEach(async () => {
  await wb.close();
});

const CHINESE = ['隐私政策', '一、我们如何收集信息', '（一）注册', '注册时收集手机号码。', '（二）设备', '收集设备型号。', '二、我们如何共享信息', '（一）关联公司', '仅在必要时共享。'].join('\n');

describe('clause labels as the policy writes them', () => {
  it('keeps 三、（二）-style numbers with the version, beside the reference records cite', async () => {
    await wb.call('policy:import', { title: '隐私政策', versionLabel: 'v1', text: CHINESE });
    const clauses = (await wb.call('policy:clauses', { page: 1, pageSize: 50 })).items;
    expect(clauses.map((c) => [c.number, c.label])).toEqual([
      ['1', '一、'],
      ['1.1', '一、（一）'],
      ['1.2', '一、（二）'],
      ['2', '二、'],
      ['2.1', '二、（一）'],
    ]);
    // A record cites the stable reference; the clause it cites is found by it, label and all.
    await wb.call('partners:create', partnerFixture({ policyClause: '2.1' }));
    expect(await wb.call('policy:clause', { number: '2.1' })).toMatchObject({ label: '二、（一）', linkedCount: 1 });
    // The register PDF names the clause as written, then the reference.
    const { html } = await renderReportHtml(await buildReport(wb.ctx, { report: 'register', format: 'pdf' }));
    expect(html).toContain('二、（一） · 2.1');
  });

  it('keeps decimal references working: the label is the number, shown once', async () => {
    await wb.call('policy:import', { title: 'Policy', versionLabel: 'v1', text: '1. Scope\nThis policy.\n3. Sharing\n3.2 Partners\nWe share with partners.\n3.2.1 Payment\nPayment providers.' });
    expect(await wb.call('policy:clause', { number: '3.2.1' })).toMatchObject({ number: '3.2.1', label: '3.2.1' });
    await wb.call('partners:create', partnerFixture({ policyClause: '3.2.1' }));
    const { html } = await renderReportHtml(await buildReport(wb.ctx, { report: 'register', format: 'pdf' }));
    expect(html).toContain('>3.2.1<');
    expect(html).not.toContain('3.2.1 · 3.2.1');
  });
});
