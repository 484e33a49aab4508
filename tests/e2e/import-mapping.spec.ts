import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { test, expect, screenshot } from './fixtures';
import { TransferPages } from './pages/TransferPages';

const FIXTURES = resolve(__dirname, '../fixtures/import');
const NOW = '2026-11-20T02:00:00.000Z';

test.describe('import through a mapping (中文)', () => {
  test.use({ hostOptions: { template: 'empty', lang: 'zh-CN', clock: NOW } });

  test('导入页先说明各登记册的列并提供模板；处理活动记录表经映射导入', async ({ page, host }) => {
    await page.goto(host.url);
    const pages = new TransferPages(page, 'zh-CN');
    await pages.open('import');
    // Before any file: the columns each register takes, required marked, with the accepted values.
    const guide = page.getByRole('table', { name: '收集类别' });
    await expect(guide.getByRole('row').filter({ hasText: '合法性基础' })).toContainText('必填');
    await expect(guide.getByRole('row').filter({ hasText: '合法性基础' })).toContainText('个人同意、订立、履行合同或人力资源管理');
    await expect(page.getByText('未选择文件', { exact: true })).toBeVisible();
    await expect(page.getByRole('button', { name: '没有可导入的行' })).toBeDisabled();
    await screenshot(page, 'import-guide');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'XLSX 模板' }).click()]);
    expect(download.suggestedFilename()).toBe('收集类别导入模板.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(await download.path());
    expect(book.worksheets.map((w) => w.name)).toEqual(['收集类别', '填写说明']);
    expect(book.worksheets[0]!.getRow(1).getCell(1).value).toBe('编号');

    // The office's own table: refused as it is, with a button that says nothing will be imported.
    await pages.chooseFile('处理活动记录.csv', readFileSync(join(FIXTURES, 'ropa-zh.csv')));
    await expect(page.getByText('处理活动记录.csv', { exact: true })).toBeVisible();
    await expect(pages.issues).toBeVisible();
    await expect(page.getByRole('button', { name: /^不会导入任何行/ })).toBeDisabled();

    await page.getByRole('button', { name: '映射列…' }).click();
    const dialog = page.getByRole('dialog', { name: '将“处理活动记录.csv”映射到登记册' });
    await expect(dialog.getByRole('combobox', { name: '名称: 文件中的列' })).toHaveValue('处理活动');
    await expect(dialog.getByRole('combobox', { name: '合法性基础（《个人信息保护法》第十三条）: 合同履行' })).toHaveValue('订立、履行合同或人力资源管理');
    await expect(dialog.getByRole('textbox', { name: '编号: 默认值（文件中没有值时使用）' })).toHaveValue('ROPA-{row}');
    await dialog.getByRole('textbox', { name: '映射名称' }).fill('个人信息处理活动记录表');
    await screenshot(page, 'import-mapping-dialog');
    await dialog.getByRole('button', { name: '保存映射' }).click();
    await expect(page.getByText('映射“个人信息处理活动记录表”已保存')).toBeVisible();
    await dialog.getByRole('button', { name: '按此映射检查文件' }).click();
    await expect(page.getByRole('status').filter({ hasText: '未发现问题' })).toBeVisible();
    await expect(page.getByText('按映射“个人信息处理活动记录表”读取。')).toBeVisible();
    await screenshot(page, 'import-mapped-preview');
    await page.getByRole('button', { name: '导入 5 行' }).click();
    await expect(page.getByText(/^已导入：收集类别: ?5$/)).toBeVisible();
    const categories = await host.api<{ total: number }>('categories:list', {});
    expect(categories.value!.total).toBe(5);
    const partners = await host.api<{ items: { name: string }[] }>('partners:list', { pageSize: 50 });
    expect(partners.value!.items.map((p) => p.name)).toContain('Acme HR Inc.');
    const saved = await host.api<{ name: string }[]>('transfer:mappings', {});
    expect(saved.value!.map((m) => m.name)).toEqual(['个人信息处理活动记录表']);
  });
});

test.describe('import through a mapping (English)', () => {
  test.use({ hostOptions: { template: 'empty', lang: 'en', clock: NOW } });

  test('a ticket system’s request log is mapped in the dialog and moves in with its history', async ({ page, host }) => {
    await page.goto(host.url);
    const pages = new TransferPages(page, 'en');
    await pages.open('import');
    await expect(page.getByRole('button', { name: 'Choose a file…' })).toBeVisible();
    await screenshot(page, 'import-guide');
    await pages.chooseFile('tickets.csv', readFileSync(join(FIXTURES, 'tickets-history.csv')));
    await expect(page.getByRole('button', { name: /^Nothing will be imported/ })).toBeDisabled();
    await page.getByRole('button', { name: 'Map columns…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Map “tickets.csv” to a register' });
    await expect(dialog.getByRole('combobox', { name: 'Register', exact: true })).toHaveValue('Requests');
    await expect(dialog.getByRole('combobox', { name: 'Reference: Column in the file', exact: true })).toHaveValue('Ticket ID');
    await expect(dialog.getByRole('combobox', { name: 'Status: Rejected', exact: true })).toHaveValue('Refused');
    // The user changes a suggestion: stopping marketing is treated here as an objection to processing.
    const unsubscribe = dialog.getByRole('combobox', { name: 'Kind of request: Unsubscribe', exact: true });
    await expect(unsubscribe).toHaveValue('Withdrawal of consent');
    await unsubscribe.click();
    await page.getByRole('option', { name: 'Restriction or objection', exact: true }).click();
    await expect(unsubscribe).toHaveValue('Restriction or objection');
    await screenshot(page, 'import-mapping-dialog');
    await dialog.getByRole('button', { name: 'Check the file with this mapping' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'No problems' })).toBeVisible();
    await screenshot(page, 'import-mapped-preview');
    await page.getByRole('button', { name: 'Import 5 rows' }).click();
    await expect(page.getByText(/^Imported: Requests: 5$/)).toBeVisible();
    const list = await host.api<{ items: { reference: string; status: string }[] }>('requests:list', { pageSize: 50 });
    const kinds = await host.api<{ items: { reference: string; kind: string }[] }>('requests:list', { pageSize: 50 });
    expect(kinds.value!.items.find((r) => r.reference === 'PRIV-1005')!.kind).toBe('restriction_objection');
    expect(list.value!.items.map((r) => [r.reference, r.status]).sort()).toEqual([
      ['PRIV-1001', 'responded'],
      ['PRIV-1002', 'responded'],
      ['PRIV-1003', 'refused'],
      ['PRIV-1004', 'new'],
      ['PRIV-1005', 'closed'],
    ]);
  });
});
