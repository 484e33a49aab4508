import { test, expect, screenshot } from './fixtures';
import { WelcomePage } from './pages/WelcomePage';
import { CategoriesPage } from './pages/CategoriesPage';

test('first start from the sample, then create, edit, search, retire and delete a category', async ({ page, host }) => {
  await page.goto(host.url);
  await expect(page.getByRole('heading', { name: 'Welcome to Privacy Workbench' })).toBeVisible();
  await screenshot(page, 'welcome');
  await new WelcomePage(page).startFrom('sample', 'Test Org Ltd');
  // The workbench opens on the dashboard; the categories are one click away.
  await page.getByRole('navigation').getByRole('link', { name: 'Collection categories' }).click();

  const categories = new CategoriesPage(page);
  await expect(page.getByTestId('header-organisation')).toHaveText('Test Org Ltd');
  await expect(page.getByTestId('header-database')).toHaveAttribute('title', host.dbPath);
  await expect(page.getByText('1–13 of 13')).toBeVisible();
  await expect(categories.table.getByRole('link', { name: 'REG-IDENTITY' })).toBeVisible();
  await screenshot(page, 'categories-list');

  // Create: a first attempt with a missing name and a sensitive kind left out is refused beside each field.
  await page.getByRole('link', { name: 'New category' }).click();
  await page.getByRole('textbox', { name: 'Code', exact: true }).fill('sup-voice');
  await categories.addDataItems(['通话录音', '来电号码']);
  await page.getByRole('textbox', { name: 'Purposes', exact: true }).fill('记录热线通话以核实请求');
  await page.getByRole('switch', { name: 'Sensitive personal information (PIPL Art. 28)' }).check();
  await categories.save();
  await expect(page.getByText('Required').first()).toBeVisible();
  await expect(page.getByText('Choose the kind of sensitive information (PIPL Art. 28)')).toBeVisible();
  await screenshot(page, 'category-form-errors');

  await page.getByRole('textbox', { name: 'Name', exact: true }).fill('热线通话记录');
  await categories.chooseOption('Kind of sensitive information', 'Biometric');
  await categories.chooseOption('Stage', 'From support');
  // The clause is picked from the policy's clauses, searched by number.
  await page.getByRole('combobox', { name: 'Policy clause', exact: true }).fill('3.3.3');
  await page.getByRole('option', { name: /^3\.3\.3 / }).click();
  await categories.save();
  await expect(page.getByRole('heading', { name: 'SUP-VOICE · 热线通话记录' })).toBeVisible();
  await expect(page.getByText('通话录音, 来电号码')).toBeVisible();
  await screenshot(page, 'category-detail');

  // Edit: add a retention period; the history shows the change.
  await page.getByRole('link', { name: 'Edit' }).click();
  await page.getByRole('textbox', { name: 'Retention period', exact: true }).fill('180 天');
  await page.getByRole('textbox', { name: 'Retention in days' }).fill('180');
  await screenshot(page, 'category-form');
  await categories.save();
  await expect(page.getByText('180 天 (180)')).toBeVisible();
  await expect(page.getByText('Changed: Retention period, Retention in days')).toBeVisible();

  // Search by a data item finds it from the list.
  await page.getByRole('link', { name: 'Back', exact: true }).click();
  await categories.search('来电号码');
  await expect(categories.rows()).toHaveCount(1);
  await expect(categories.rows().first()).toContainText('SUP-VOICE');

  // Retire: asks first, then the status shows on the record and in the status filter.
  await categories.open('SUP-VOICE');
  await page.getByRole('button', { name: 'Retire' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Retire' }).click();
  await expect(page.getByText('Retired', { exact: true }).first()).toBeVisible();
  await expect(page.getByRole('button', { name: 'Reactivate' })).toBeVisible();

  // Delete: only after typing the code.
  await page.getByRole('button', { name: 'Delete' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('button', { name: 'Delete' })).toBeDisabled();
  await dialog.getByLabel('Type SUP-VOICE to confirm').fill('SUP-VOICE');
  await screenshot(page, 'category-delete-confirm');
  await dialog.getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByText('1–13 of 13')).toBeVisible();
  await categories.search('SUP-VOICE');
  await expect(page.getByText('Nothing here yet.')).toBeVisible();

  // The register on disk agrees with the screen.
  const list = await host.api<{ total: number }>('categories:list', { search: 'SUP-VOICE' });
  expect(list.value?.total).toBe(0);
});

test('a duplicate code is refused beside the field', async ({ page, host }) => {
  await page.goto(host.url);
  await new WelcomePage(page).startFrom('sample', 'Org');
  await page.getByRole('navigation').getByRole('link', { name: 'Collection categories' }).click();
  const categories = new CategoriesPage(page);
  await page.getByRole('link', { name: 'New category' }).click();
  await page.getByRole('textbox', { name: 'Code', exact: true }).fill('REG-IDENTITY');
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill('重复');
  await categories.addDataItems(['姓名']);
  await page.getByRole('textbox', { name: 'Purposes', exact: true }).fill('测试');
  await categories.save();
  await expect(page.getByText('Another category already uses this code')).toBeVisible();
});
