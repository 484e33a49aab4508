import type { Page } from '@playwright/test';
import { test, expect, screenshot } from './fixtures';

// Short made-up policies in the styles real ones use (not copied from any published policy).
const ZH = ['示例科技隐私政策', '目录', '一、我们如何收集信息 ........ 2', '二、我们如何共享信息 ........ 3', '三、联系我们 ........ 4', '一、我们如何收集信息', '（一）注册时', '1.1 手机号码，用于创建账号。', '1.2 昵称，用于展示。', '（二）使用时', '1.1 设备信息，包括设备型号。', '二、我们如何共享信息', '1.1 我们不会出售您的信息。', '1.1 委托处理时，我们会签订协议。', '三、联系我们', '邮件：privacy@example.cn'].join('\n');
const EN = ['# Example Ltd Privacy Policy', 'Last updated 1 March 2026.', '## 1. Information we collect', '1.1 Account data: your name and email address.', '1.2 Device data: model and operating system.', '## 2. Sharing', '(a) with processors under contract;', '(b) where the law requires.', '## 3. Your rights', 'Write to privacy@example.com.'].join('\n');

async function importFile(page: Page, name: string, content: string, title: string, version: string) {
  await page.getByRole('navigation').getByRole('link', { name: title, exact: true }).click();
  await page.getByRole('button', { name: /Import a policy version|导入政策版本/ }).click();
  const dialog = page.getByRole('dialog');
  await dialog.locator('input[type=file]').setInputFiles({ name, mimeType: 'text/plain', buffer: Buffer.from(content, 'utf8') });
  await expect(dialog.getByRole('table')).toBeVisible();
  await dialog.getByRole('textbox').first().fill(title);
  await dialog.getByRole('textbox').nth(1).fill(version);
  return dialog;
}

test.describe('in English', () => {
  test.use({ hostOptions: { template: 'empty', lang: 'en', clock: '2026-11-17T06:30:00.000Z' } });
  test('a Markdown policy is previewed clause by clause before it is saved', async ({ page, host }) => {
    await page.goto(host.url);
    const dialog = await importFile(page, 'policy.md', EN, 'Privacy policy', '2026-03');
    const rows = dialog.getByRole('table').getByRole('row');
    // The one # heading is the title (preamble); ## 1. is clause 1, its 1.1 stays 1.1.
    await expect(rows).toHaveCount(1 + 7);
    await expect(rows.nth(2)).toContainText('1.1');
    await expect(rows.nth(2)).toContainText('Account data');
    await screenshot(page, 'policy-import-preview');
    await dialog.getByRole('button', { name: 'Import a policy version' }).click();
    await expect(page.getByText('Imported 7 clauses')).toBeVisible();
  });
});

test.describe('in Chinese', () => {
  test.use({ hostOptions: { template: 'empty', lang: 'zh-CN', clock: '2026-11-17T06:30:00.000Z' } });
  test('a Chinese policy keeps its contents in the preamble, numbers restarted 1.1 inside each section and warns of a repeat', async ({ page, host }) => {
    await page.goto(host.url);
    const dialog = await importFile(page, '隐私政策.txt', ZH, '隐私政策', '2026版');
    const rows = dialog.getByRole('table').getByRole('row');
    await expect(rows).toHaveCount(1 + 10);
    await expect(dialog.getByRole('row', { name: /2\.1\.1 二、1\.1/ })).toBeVisible();
    await expect(dialog.getByText('第 14 行：编号与前文重复，该条款保留为 2.1.1#2。')).toBeVisible();
    await screenshot(page, 'policy-import-preview');
    await dialog.getByRole('button', { name: '导入政策版本' }).click();
    await expect(page.getByText('已导入 10 个条款')).toBeVisible();
    await expect(page.getByRole('cell', { name: '2.1.1#2' })).toBeVisible();
  });
});
