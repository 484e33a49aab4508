import { readFileSync } from 'node:fs';
import type { Download } from '@playwright/test';
import ExcelJS from 'exceljs';
import { test, expect, screenshot } from './fixtures';
import { TransferPages } from './pages/TransferPages';

const NOW = '2026-11-17T06:30:00.000Z';

/** Logs one request through the web host's API. */
async function logRequest(host: { api(channel: string, input: unknown): Promise<{ ok: boolean }> }, requesterName: string, requesterContact: string) {
  const created = await host.api('requests:create', {
    channel: 'email',
    receivedAt: '2026-11-16T02:00:00Z',
    requesterName,
    requesterContact,
    accountRef: '',
    kind: 'deletion',
    details: '',
    concernsMinor: false,
    assignee: '',
  });
  expect(created.ok).toBe(true);
}

/** The requester's name and contact (columns 4 and 5) of the first request in a downloaded requests workbook. */
async function requesterCells(downloads: Download[]): Promise<unknown[]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(await downloads[0]!.path());
  // The first sheet after the cover is the request log.
  const row = book.worksheets.find((sheet) => !['Cover', '封面'].includes(sheet.name))!.getRow(2);
  return [row.getCell(4).value, row.getCell(5).value];
}

test.describe('reports, import and backups (English)', () => {
  test.use({ hostOptions: { template: 'sample', lang: 'en', clock: NOW } });

  test('the register exports as XLSX and PDF from the Reports page', async ({ page, host }) => {
    await page.goto(host.url);
    const pages = new TransferPages(page, 'en');
    await pages.open('reports');
    await pages.choose('format', 'Excel workbook (XLSX)');
    await screenshot(page, 'reports');
    const [xlsx] = await pages.exportFiles();
    expect(xlsx!.suggestedFilename()).toBe('register-2026-11-17.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(await xlsx!.path());
    const sheet = book.getWorksheet('Collection categories')!;
    expect(sheet.getRow(1).getCell(1).value).toBe('Code');
    expect(sheet.getRow(2).getCell(1).value).toBe('REG-IDENTITY');
    await expect(page.getByRole('table', { name: 'Exported files' })).toContainText('register-2026-11-17.xlsx');

    await pages.choose('format', 'PDF');
    const [pdf] = await pages.exportFiles();
    expect(pdf!.suggestedFilename()).toBe('register-2026-11-17.pdf');
    expect(readFileSync(await pdf!.path()).subarray(0, 5).toString()).toBe('%PDF-');
    await screenshot(page, 'reports-exported');
  });

  test("the requests report masks requesters' details unless the checkbox asks for them", async ({ page, host }) => {
    await logRequest(host, 'Jane Smith', 'jane.smith@example.com');
    await page.goto(host.url);
    const pages = new TransferPages(page, 'en');
    await pages.open('reports');
    const details = page.getByRole('checkbox', { name: "Include requesters' names, contacts and account references" });
    await expect(details).toHaveCount(0); // the register holds no requesters
    await pages.choose('report', 'Request log with timeliness');
    await pages.choose('format', 'Excel workbook (XLSX)');
    await expect(details).not.toBeChecked();
    await expect(page.getByText('The file will then hold these personal details in full.', { exact: false })).toBeVisible();
    const masked = await requesterCells(await pages.exportFiles());
    expect(masked).toEqual(['J*** S***', 'j***@example.com']);

    await details.check();
    await screenshot(page, 'reports-requester-details');
    expect(await requesterCells(await pages.exportFiles())).toEqual(['Jane Smith', 'jane.smith@example.com']);

    await pages.choose('format', 'PDF');
    await expect(details).toHaveCount(0); // the PDF shows references only
    await pages.choose('report', 'Register of personal information processing activities');
    await pages.choose('format', 'JSON');
    await expect(page.getByText('This file holds personal information', { exact: false })).toBeVisible();
    await screenshot(page, 'reports-json-personal');
  });

  test('an import with errors lists them by row and column and writes nothing; a good file then imports', async ({ page, host }) => {
    await page.goto(host.url);
    const pages = new TransferPages(page, 'en');
    await pages.open('import');
    const header = 'Code,Name,Stage,Data items,Whose information,Purposes,Legal basis (PIPL Art. 13),How it is collected,Retention in days';
    const bad = [
      header,
      'IMP-1,Imported one,At registration,Name,Individual user,Sign-up,Consent,Provided by the user,30',
      'IMP-1,Again,At registration,Name,Individual user,Sign-up,Consent,Provided by the user,30',
      'IMP-2,Bad stage,Someday,Name,Individual user,Sign-up,Consent,Provided by the user,thirty',
      'REG-IDENTITY,Exists,At registration,Name,Individual user,Sign-up,Consent,Provided by the user,',
    ].join('\n');
    await pages.chooseFile('categories.csv', `\ufeff${bad}`);
    await expect(pages.issues).toBeVisible();
    await expect(pages.issueAt(3, 'Code')).toContainText('IMP-1 appears again (first on row 2)');
    await expect(pages.issueAt(4, 'Stage')).toContainText('“Someday” is not one of the allowed values');
    await expect(pages.issueAt(4, 'Retention in days')).toContainText('“thirty” is not a number');
    await expect(pages.issueAt(5, 'Code')).toContainText('REG-IDENTITY already exists in the register');
    // With problems nothing will go in, and the button says so rather than counting rows.
    await expect(page.getByRole('button', { name: 'Nothing will be imported: 4 problems to fix' })).toBeDisabled();
    await screenshot(page, 'import-errors');
    const listed = await host.api<{ total: number }>('categories:list', { search: 'IMP-' });
    expect(listed.value!.total).toBe(0);

    // Thousands of problems are shown a page at a time.
    const many = [header, ...Array.from({ length: 120 }, (_, i) => `MANY-${i},Many,Someday,Name,Individual user,Sign-up,Consent,Provided by the user,30`)].join('\n');
    await pages.chooseFile('categories.csv', `\ufeff${many}`);
    await expect(page.getByText('1–50 of 120', { exact: true })).toBeVisible();
    await expect(pages.issues.locator('tbody tr')).toHaveCount(50);
    await page.getByRole('button', { name: 'Next page' }).click();
    await page.getByRole('button', { name: 'Next page' }).click();
    await expect(page.getByText('101–120 of 120', { exact: true })).toBeVisible();
    await expect(pages.issueAt(121, 'Stage')).toContainText('“Someday” is not one of the allowed values');
    await screenshot(page, 'import-errors-paged');

    await pages.chooseFile('categories.csv', `\ufeff${bad.split('\n').slice(0, 2).join('\n')}`);
    await expect(page.getByRole('status').filter({ hasText: 'No problems' })).toBeVisible();
    await screenshot(page, 'import-preview-ok');
    await page.getByRole('button', { name: 'Import 1 row' }).click();
    await expect(page.getByText('Imported: Collection categories: 1')).toBeVisible();
    const after = await host.api<{ total: number }>('categories:list', { search: 'IMP-' });
    expect(after.value!.total).toBe(1);
  });

  test('a backup is taken from the Backups page and a restore is scheduled for the next start', async ({ page, host }) => {
    await page.goto(host.url);
    const pages = new TransferPages(page, 'en');
    await pages.open('backups');
    await page.getByRole('button', { name: 'Back up now' }).click();
    const table = page.getByRole('table', { name: 'Backups of the register' });
    await expect(table.getByRole('cell', { name: /^manual-2026-11-17T06-30-00Z\.sqlite$/ })).toBeVisible();
    await table.getByRole('button', { name: 'Restore on next start: manual-2026-11-17T06-30-00Z.sqlite' }).click();
    await screenshot(page, 'backup-restore-confirm');
    await page.getByRole('dialog').getByRole('button', { name: 'Restore on next start' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'On the next start the register will be restored from manual-2026-11-17T06-30-00Z.sqlite' })).toBeVisible();
    await screenshot(page, 'backups');
  });
});

test.describe('reports and import (中文)', () => {
  test.use({ hostOptions: { template: 'sample', lang: 'zh-CN', clock: NOW } });

  test('报告、导入与备份页面', async ({ page, host }) => {
    await page.goto(host.url);
    const pages = new TransferPages(page, 'zh-CN');
    await pages.open('reports');
    await pages.choose('format', 'CSV（每个工作表一个文件）');
    const [csv] = await pages.exportFiles();
    const text = readFileSync(await csv!.path(), 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).toContain('实名认证身份识别信息');
    await screenshot(page, 'reports');
    await logRequest(host, '张三丰', '13812345678');
    await pages.choose('report', '个人信息权利请求记录及时效');
    await pages.choose('format', 'Excel 工作簿（XLSX）');
    const details = page.getByRole('checkbox', { name: '包含请求人的姓名、联系方式和账号' });
    await expect(details).not.toBeChecked();
    expect(await requesterCells(await pages.exportFiles())).toEqual(['张*丰', '138****5678']);
    await details.check();
    await expect(page.getByText('勾选后，导出文件将包含这些个人信息的完整内容。', { exact: false })).toBeVisible();
    await screenshot(page, 'reports-requester-details');
    expect(await requesterCells(await pages.exportFiles())).toEqual(['张三丰', '13812345678']);
    await pages.choose('report', '个人信息处理活动记录');
    await pages.choose('format', 'JSON');
    await expect(page.getByText('该文件含有个人信息', { exact: false })).toBeVisible();
    await screenshot(page, 'reports-json-personal');
    await pages.open('import');
    await pages.chooseFile('类别.csv', '\ufeff编号,名称,收集环节\nA B,测试,某时');
    await expect(pages.issues).toBeVisible();
    await screenshot(page, 'import-errors');
    await pages.open('backups');
    await page.getByRole('button', { name: '立即备份' }).click();
    await expect(page.getByRole('table', { name: '登记册备份' }).locator('tbody tr')).not.toHaveCount(0);
    await screenshot(page, 'backups');
  });
});
