import { test, expect, screenshot } from './fixtures';

test.use({ hostOptions: { lang: 'zh-CN', template: 'sample' } });

test('the workbench follows the system language, switches to English and remembers it', async ({ page, host }) => {
  await page.goto(host.url);
  await page.getByRole('navigation').getByRole('link', { name: '个人信息收集类别' }).click();
  await expect(page.getByRole('heading', { name: '个人信息收集类别' })).toBeVisible();
  await expect(page.getByRole('link', { name: '设置' })).toBeVisible();
  await screenshot(page, 'categories-list');

  await page.getByRole('link', { name: 'REG-IDENTITY', exact: true }).click();
  await expect(page.getByText('履行法定职责或义务')).toBeVisible();
  await screenshot(page, 'category-detail');
  await page.getByRole('link', { name: '编辑' }).click();
  await expect(page.getByRole('textbox', { name: '编号', exact: true })).toHaveValue('REG-IDENTITY');
  await screenshot(page, 'category-form');

  await page.getByRole('link', { name: '设置' }).click();
  await expect(page.getByLabel('隐私热线')).toHaveValue('400-779-0025');
  await screenshot(page, 'settings');

  await page.getByRole('combobox', { name: '界面语言' }).click();
  await page.getByRole('option', { name: 'English' }).click();
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
  await expect(page.getByLabel('Privacy hotline')).toHaveValue('400-779-0025');
  await screenshot(page, 'settings');

  // Remembered in the register: a fresh page load comes back in English.
  await page.reload();
  await expect(page.getByRole('link', { name: 'Collection categories' })).toBeVisible();
  const settings = await host.api<{ language: string }>('settings:get', {});
  expect(settings.value?.language).toBe('en');
});

test('verifying the audit log from Settings reports it intact', async ({ page, host }) => {
  await page.goto(host.url);
  await page.getByRole('link', { name: '设置' }).click();
  await page.getByRole('button', { name: '校验审计日志' }).click();
  await expect(page.getByRole('status')).toContainText('审计日志完整');
});

test.describe('first start in Chinese', () => {
  test.use({ hostOptions: { lang: 'zh-CN' } });

  test('the welcome screen speaks Chinese and starts an empty register', async ({ page, host }) => {
    await page.goto(host.url);
    await expect(page.getByRole('heading', { name: '欢迎使用隐私合规工作台' })).toBeVisible();
    await page.getByRole('button', { name: '开始', exact: true }).click();
    await expect(page.getByText('必填')).toBeVisible(); // the organisation name is required
    await screenshot(page, 'welcome');
    await page.getByRole('textbox', { name: '组织名称' }).fill('某某科技有限公司');
    await page.getByRole('radio', { name: '从空白开始' }).check();
    await page.getByRole('button', { name: '开始', exact: true }).click();
    await expect(page.getByTestId('header-organisation')).toHaveText('某某科技有限公司');
    await expect(page.getByText('暂无记录。')).toBeVisible();
    const list = await host.api<{ total: number }>('categories:list', {});
    expect(list.value?.total).toBe(0);
  });
});
