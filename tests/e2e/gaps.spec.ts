import type { Page } from '@playwright/test';
import { test, expect, screenshot } from './fixtures';

/** The words of each language that the walk through the gaps uses. */
const WORDS = {
  en: {
    check: /Partners receiving information with no agreement in force/,
    table: 'Records to fix',
    actions: (record: string) => `Actions: ${record}`,
    accept: 'Accept',
    assign: 'Assign',
    reason: 'Reason',
    reviewOn: 'Review date',
    owner: 'Owner',
    dueOn: 'Due date',
    save: 'Save decision',
    accepted: 'Accepted',
    inHand: 'In hand',
    back: 'Dashboard',
    exception: 'A disclosure to a state organ that the law requires',
    basis: 'Privacy policy cl. 4.1.5; PIPL Art. 21',
    reasonText: 'The contract ends on 31 December; the risk was accepted in writing by the officer.',
    settledFilter: /^Accepted \/ not applicable 1$/,
    withdraw: 'Withdraw decision',
    cancel: 'Cancel',
  },
  'zh-CN': {
    check: /接收信息但无有效协议的合作方/,
    table: '需要处理的记录',
    actions: (record: string) => `操作：${record}`,
    accept: '接受',
    assign: '指定负责人',
    reason: '理由',
    reviewOn: '复核日期',
    owner: '负责人',
    dueOn: '完成期限',
    save: '保存决定',
    accepted: '已接受',
    inHand: '处理中',
    back: '总览',
    exception: '依法向国家机关提供',
    basis: '隐私政策第4.1.5条；《个人信息保护法》第二十一条',
    reasonText: '合作将于 12 月 31 日终止，负责人已书面确认接受此风险。',
    settledFilter: /^已接受\/不适用 1$/,
    withdraw: '撤销决定',
    cancel: '取消',
  },
} as const;

const count = async (page: Page, id: string) => Number(await page.getByTestId(id).textContent());

for (const lang of ['en', 'zh-CN'] as const) {
  test.describe(`gaps in ${lang}`, () => {
    test.use({ hostOptions: { template: 'sample', lang, clock: '2026-11-17T06:30:00.000Z' } });

    test('accept one gap with a reason and assign another: the dashboard counts move and the headline drops', async ({ page, host }) => {
      const w = WORDS[lang];
      await page.goto(host.url);
      const counts = page.getByTestId('gap-counts');
      await expect(counts).toBeVisible();
      const open = await count(page, 'gaps-open');
      expect(open).toBeGreaterThan(2);
      expect(await count(page, 'gaps-in-hand')).toBe(0);
      expect(await count(page, 'gaps-settled')).toBe(0);
      await screenshot(page, 'gaps-dashboard-before');

      // The check's page: its basis, its exceptions, and no gap for the state organ the law requires disclosures to.
      await page.getByRole('link', { name: w.check }).click();
      const table = page.getByRole('table', { name: w.table });
      await expect(table.getByRole('row')).toHaveCount(1 + 6);
      await expect(table).not.toContainText(lang === 'en' ? 'Administrative and judicial authorities' : '行政、司法机关');
      await expect(page.getByTestId('gap-basis')).toHaveText(w.basis);
      await expect(page.getByTestId('gap-exceptions')).toContainText(w.exception);
      await expect(table).toContainText(lang === 'en' ? '4 sharing flows' : '4 条共享流');
      await screenshot(page, 'gaps-list');

      // Accept: a blank reason is refused beside its field; then saved with a reason and a review date.
      // The sample register is in the language it was set up in.
      const first = lang === 'en' ? 'Shanghai Aowei Computer Development Co., Ltd.' : '上海敖维计算机发展有限公司';
      await page.getByRole('button', { name: w.actions(first) }).click();
      await page.getByRole('menuitem', { name: w.accept, exact: true }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('button', { name: w.save }).click();
      await expect(dialog.getByLabel(w.reason)).toHaveAttribute('aria-invalid', 'true');
      await screenshot(page, 'gaps-accept-dialog-errors');
      await dialog.getByLabel(w.reason).fill(w.reasonText);
      await dialog.getByRole('textbox', { name: w.reviewOn }).fill('2027-06-30');
      await screenshot(page, 'gaps-accept-dialog');
      await dialog.getByRole('button', { name: w.save }).click();
      await expect(dialog).toBeHidden();
      const row = table.getByRole('row').filter({ hasText: first });
      await expect(row).toContainText(w.accepted);
      await expect(row).toContainText(w.reasonText);

      // Assign an owner and a due date to another.
      const second = lang === 'en' ? 'Third-party advertising companies' : '第三方广告公司';
      await page.getByRole('button', { name: w.actions(second) }).click();
      await page.getByRole('menuitem', { name: w.assign, exact: true }).click();
      await dialog.getByRole('textbox', { name: w.owner }).fill(lang === 'en' ? 'Legal, Wang Min' : '法务部 王敏');
      await dialog.getByRole('textbox', { name: w.dueOn }).fill('2026-12-15');
      await screenshot(page, 'gaps-assign-dialog');
      await dialog.getByRole('button', { name: w.save }).click();
      await expect(dialog).toBeHidden();
      await expect(table.getByRole('row').filter({ hasText: second })).toContainText(w.inHand);
      await page.locator('label').filter({ hasText: w.settledFilter }).click();
      await expect(page.getByRole('radio', { name: w.settledFilter })).toBeChecked();
      await expect(table.getByRole('row')).toHaveCount(1 + 1);
      await screenshot(page, 'gaps-list-settled');

      // Withdrawing a decision asks first; cancelled here, so the counts below still hold.
      await page.getByRole('button', { name: w.actions(first) }).click();
      await page.getByRole('menuitem', { name: w.withdraw, exact: true }).click();
      await expect(dialog).toContainText(first);
      await screenshot(page, 'gaps-withdraw-dialog');
      await dialog.getByRole('button', { name: w.cancel, exact: true }).click();
      await expect(dialog).toBeHidden();

      // Back to the page the navigation names the same way: the headline counts only open gaps.
      await page.getByRole('main').getByRole('link', { name: w.back, exact: true }).click();
      await expect.poll(() => count(page, 'gaps-open')).toBe(open - 2);
      expect(await count(page, 'gaps-in-hand')).toBe(1);
      expect(await count(page, 'gaps-settled')).toBe(1);
      await screenshot(page, 'gaps-dashboard-after');
    });
  });
}
