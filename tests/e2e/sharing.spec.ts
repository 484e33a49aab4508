import { test, expect, screenshot } from './fixtures';
import { WelcomePage } from './pages/WelcomePage';
import { SharingPage } from './pages/SharingPage';

test.use({ hostOptions: { template: 'sample', clock: '2026-11-17T06:30:00.000Z' } });

test('a partner with a flow, linked to a policy clause, seen from the partner and from the category', async ({ page, host }) => {
  await page.goto(host.url);
  const s = new SharingPage(page);

  // The sample opens on the dashboard, with the gap checks at work.
  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
  await expect.poll(() => s.gapCount('partner-without-agreement')).toBe(6);
  await screenshot(page, 'dashboard');

  await s.nav('Sharing partners');
  await expect(page.getByText('1–7 of 7')).toBeVisible();
  await screenshot(page, 'partners-list');

  // Create a partner and link it to clause 4.1.4: the clause text shows beside the form and the record.
  await page.getByRole('link', { name: 'New partner' }).click();
  await s.save();
  await expect(page.getByText('Required').first()).toBeVisible();
  await s.textbox('Name').fill('云存储服务商');
  await s.choose('Role (PIPL)', 'Entrusted processor (PIPL Art. 21)');
  await s.choose('Sharing basis', 'Contract with the user');
  await s.search('Policy clause', '4.1.4', /(^|· )4\.1\.4 /);
  await expect(page.getByTestId('clause-text')).toContainText('与授权合作伙伴共享');
  await screenshot(page, 'partner-form');
  await s.save();
  await expect(page.getByRole('heading', { name: '云存储服务商', level: 2 })).toBeVisible();
  await expect(page.getByTestId('clause-text')).toContainText('与授权合作伙伴共享');

  // A flow from the partner's side.
  await page.getByRole('button', { name: 'Add flow' }).click();
  const dialog = page.getByRole('dialog');
  await s.search('Collection category', 'REG-IDENTITY', /^REG-IDENTITY/, dialog);
  await s.textbox('Purpose', dialog).fill('存储备份');
  await s.textbox('Frequency', dialog).fill('每日');
  await s.choose('Method', 'File transfer', dialog);
  await screenshot(page, 'flow-form');
  await s.save(dialog);
  await expect(dialog).toBeHidden();
  const flows = page.getByRole('table', { name: 'Sharing flows' });
  await expect(flows.getByRole('row')).toHaveCount(2);
  await expect(flows).toContainText('存储备份');
  await screenshot(page, 'partner-detail');

  // The same flow from the category's side; edit it there.
  await flows.getByRole('link', { name: 'REG-IDENTITY' }).click();
  const recipients = page.getByRole('table', { name: 'Sharing flows' });
  await expect(recipients).toContainText('云存储服务商');
  await expect(page.getByTestId('clause-text')).toContainText('3.2.1.1');
  await screenshot(page, 'category-detail-recipients');
  await recipients.getByRole('button', { name: 'Edit flow 云存储服务商' }).click();
  await s.textbox('Frequency', page.getByRole('dialog')).fill('每周');
  await s.save(page.getByRole('dialog'));
  await expect(recipients).toContainText('每周');

  // Deleting a partner that still receives information is refused with what depends on it.
  await recipients.getByRole('link', { name: '云存储服务商' }).click();
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete', exact: true }).click();
  const refusal = page.getByRole('alert').filter({ hasText: 'Cannot delete the sharing partner “云存储服务商”' });
  await expect(refusal).toContainText('records still depend on it (sharing flows: 1, agreements: 0, SDKs: 0, SDK reviews: 0) — REG-IDENTITY · 存储备份');
  await screenshot(page, 'partner-delete-refused');
  await refusal.locator('button').click();

  // Retired: no new flows from its page.
  await page.getByRole('button', { name: 'Retire', exact: true }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Retire', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Reactivate' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Add flow' })).toHaveCount(0);
});

test('an SDK review: a review without a result is refused, then recorded, and its gap clears', async ({ page, host }) => {
  await page.goto(host.url);
  const s = new SharingPage(page);
  await expect.poll(() => s.gapCount('sdk-provider-without-review')).toBe(2);

  await s.nav('SDK security reviews');
  await page.getByRole('link', { name: 'New SDK' }).click();
  await s.textbox('SDK name').fill('广告统计 JS SDK');
  await s.search('Vendor (partner)', 'advertising', 'Third-party advertising companies');
  await s.choose('Platform', 'Web');
  await s.textbox('Purpose').fill('广告效果统计');
  await screenshot(page, 'sdk-form');
  await s.save();
  await expect(page.getByRole('heading', { name: '广告统计 JS SDK' })).toBeVisible();
  await expect(page.getByText('Not reviewed yet.')).toBeVisible();

  await page.getByRole('link', { name: 'New review' }).click();
  await s.textbox('Version').fill('2.3.0');
  await s.textbox('Reviewer').fill('王五');
  await page.getByRole('button', { name: 'Add permission' }).click();
  await s.textbox('Permission 1').fill('读取 Cookie');
  await s.textbox('Why it is needed 1').fill('识别广告展示');
  await page.getByRole('checkbox', { name: 'Initialises only after the user agrees to the policy' }).check();
  await page.getByRole('checkbox', { name: 'Can be switched off' }).check();
  await s.save();
  await expect(page.getByText('Choose the result of the review')).toBeVisible();
  await screenshot(page, 'sdk-review-form');
  await s.choose('Result', 'Approved with conditions');
  await page.getByRole('textbox', { name: 'Findings' }).fill('须在用户同意后加载');
  await s.save();
  await expect(page.getByRole('link', { name: 'Version 2.3.0' })).toBeVisible();
  await expect(page.getByText('读取 Cookie (Optional)')).toBeVisible();
  await screenshot(page, 'sdk-detail');

  // A review of a new version keeps the earlier one.
  await page.getByRole('link', { name: 'New review' }).click();
  await s.textbox('Version').fill('2.4.0');
  await s.textbox('Reviewer').fill('王五');
  await s.choose('Result', 'Approved');
  await s.save();
  await expect(page.getByRole('link', { name: 'Version 2.4.0' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Version 2.3.0' })).toBeVisible();

  await s.nav('SDK security reviews');
  await expect(page.getByRole('table', { name: 'SDKs' })).toContainText('2.4.0');
  await screenshot(page, 'sdks-list');
  await s.nav('Dashboard');
  await expect.poll(() => s.gapCount('sdk-provider-without-review')).toBe(1);
});
