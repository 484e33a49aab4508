import { test, expect, screenshot } from './fixtures';
import { SharingPage } from './pages/SharingPage';

test.use({ hostOptions: { template: 'sample', lang: 'zh-CN', clock: '2026-11-17T06:30:00.000Z' } });

test('the sharing register in Chinese: every screen', async ({ page, host }) => {
  test.setTimeout(150_000);
  // Records to show on the detail screens, made through the API as a second client would.
  const partners = await host.api<{ items: { id: number; name: string }[] }>('partners:list', { search: '敖维' });
  const partnerId = partners.value!.items[0]!.id;
  const agreement = await host.api<{ id: number }>('agreements:create', {
    partnerId,
    kind: 'entrusted_processing',
    referenceNo: 'AW-DPA-2026',
    signedOn: '2026-03-01',
    effectiveFrom: null,
    expiresOn: '2026-12-01',
    autoRenews: false,
    terminated: false,
    checklist: ['purpose', 'duration', 'method'],
    policyClause: '4.1.5',
    notes: '',
  });
  const ads = await host.api<{ items: { id: number }[] }>('partners:list', { search: '第三方广告公司' });
  const sdk = await host.api<{ id: number }>('sdks:create', { name: '广告统计 SDK', vendorPartnerId: ads.value!.items[0]!.id, platform: 'web', purpose: '广告效果统计', policyClause: '4.1.6', notes: '' });
  await host.api('sdks:addReview', {
    sdkId: sdk.value!.id,
    version: '2.3.0',
    categoryIds: [],
    permissions: [{ name: '读取 Cookie', required: false, purpose: '识别广告展示' }],
    checklist: ['necessary', 'init_after_consent'],
    reviewer: '王五',
    reviewedOn: '2026-11-01',
    result: 'approved_with_conditions',
    findings: '须在用户同意后加载',
    nextReviewDue: '2027-05-01',
  });

  await page.goto(host.url);
  const s = new SharingPage(page);
  await expect(page.getByRole('heading', { name: '登记册缺口' })).toBeVisible();
  await screenshot(page, 'dashboard');
  await page.getByRole('link', { name: /接收信息但无有效协议的合作方/ }).click();
  await expect(page.getByRole('table', { name: '需要处理的记录' })).toBeVisible();
  await screenshot(page, 'gap-list');

  await s.nav('共享合作方');
  await expect(page.getByRole('table', { name: '共享合作方' })).toContainText('上海敖维计算机发展有限公司');
  await screenshot(page, 'partners-list');
  await page.getByRole('link', { name: '上海敖维计算机发展有限公司' }).click();
  await expect(page.getByTestId('clause-text')).toContainText('与关联公司间共享');
  await screenshot(page, 'partner-detail');
  await page.getByRole('button', { name: '添加共享流' }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await screenshot(page, 'flow-form');
  await page.getByRole('dialog').getByRole('button', { name: '取消' }).click();
  await page.getByRole('link', { name: '编辑', exact: true }).click();
  await expect(page.getByRole('textbox', { name: '名称', exact: true })).toHaveValue('上海敖维计算机发展有限公司');
  await screenshot(page, 'partner-form');

  await s.nav('协议');
  await expect(page.getByRole('table', { name: '协议' })).toContainText('AW-DPA-2026');
  await screenshot(page, 'agreements-list');
  await page.goto(`${new URL(host.url).origin}/#/agreements/${agreement.value!.id}`);
  await expect(page.getByText('有效', { exact: true }).first()).toBeVisible();
  await screenshot(page, 'agreement-detail');
  await page.getByRole('link', { name: '编辑', exact: true }).click();
  await expect(page.getByRole('textbox', { name: '协议编号', exact: true })).toHaveValue('AW-DPA-2026');
  await screenshot(page, 'agreement-form');

  await s.nav('SDK 安全评估');
  await expect(page.getByRole('table', { name: 'SDK' })).toContainText('广告统计 SDK');
  await screenshot(page, 'sdks-list');
  await page.getByRole('link', { name: '广告统计 SDK' }).click();
  await expect(page.getByText('读取 Cookie（可选）')).toBeVisible();
  await screenshot(page, 'sdk-detail');
  await page.getByRole('link', { name: '新建评估' }).click();
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await expect(page.getByText('请选择评估结论')).toBeVisible();
  await screenshot(page, 'sdk-review-form');
  await page.getByRole('button', { name: '取消' }).click();
  await page.getByRole('link', { name: '编辑', exact: true }).click();
  await screenshot(page, 'sdk-form');

  await s.nav('隐私政策');
  await expect(page.getByRole('table', { name: '政策条款' })).toContainText('3.2.1.1');
  await screenshot(page, 'policy');
  await page.getByRole('button', { name: '导入政策版本' }).click();
  await screenshot(page, 'policy-import');
  await page.getByRole('dialog').getByRole('button', { name: '取消' }).click();

  await s.nav('个人信息收集类别');
  await page.getByRole('link', { name: 'REG-IDENTITY' }).click();
  await expect(page.getByRole('table', { name: '共享流' })).toContainText('依法设立的征信机构');
  await screenshot(page, 'category-detail-recipients');
});
