import type { Page } from '@playwright/test';
import { test, expect, screenshot } from './fixtures';

// Type-ahead on the workbench's selects, in both languages: letters typed into a select choose the
// option they begin (or whose word they begin), as in a native select; Chinese as it is inserted or
// as an input method composes and commits it. What is saved is what was typed.

test.describe.configure({ timeout: 150_000 });

const NOW = '2026-11-17T06:30:00.000Z';

/** What an input method does: compose the pinyin in the field, then commit the characters. */
async function composeWithIme(page: Page, pinyin: string, committed: string) {
  const cdp = await page.context().newCDPSession(page);
  for (let i = 1; i <= pinyin.length; i++) {
    await cdp.send('Input.imeSetComposition', { text: pinyin.slice(0, i), selectionStart: i, selectionEnd: i });
  }
  await cdp.send('Input.insertText', { text: committed });
  await cdp.detach();
}

const WORDS = {
  en: {
    channel: 'Channel', kind: 'Kind of request', name: "Requester's name", contact: 'Phone or email',
    email: 'Email', letter: 'Letter', deletion: 'Deletion',
    refuse: 'Refuse', reason: 'Reason for refusal', identity: "The requester's identity could not be verified", other: 'Other (please state)',
    settings: 'Settings', counting: 'Counting mode', working: 'Working days', calendar: 'Calendar days',
    nav: 'Requests', pageSize: 'Rows per page',
  },
  'zh-CN': {
    channel: '渠道', kind: '请求类型', name: '请求人姓名', contact: '电话或邮箱',
    email: '电子邮件', letter: '信函', deletion: '删除',
    refuse: '拒绝', reason: '拒绝理由', identity: '无法核验请求人的身份', other: '其他原因（请说明）',
    settings: '设置', counting: '计算方式', working: '工作日', calendar: '自然日',
    nav: '个人信息请求', pageSize: '每页行数',
  },
} as const;

for (const lang of ['en', 'zh-CN'] as const) {
  const w = WORDS[lang];
  test.describe(`type-ahead on selects (${lang})`, () => {
    test.use({ hostOptions: { template: 'empty', lang, clock: NOW } });

    test(`typing into a select chooses the option typed, and that is what is saved (${lang})`, async ({ page, host }) => {
      await page.goto(host.url);
      // The shortcut is the shell's: wait until the shell is on screen (a loaded machine starts slowly).
      await expect(page.getByRole('link', { name: w.nav })).toBeVisible();
      await page.keyboard.press('Control+Shift+N');
      const channel = page.getByRole('combobox', { name: w.channel });
      await expect(channel).toBeFocused();
      await expect(channel).toHaveValue(lang === 'en' ? 'Hotline' : '热线电话');

      // Plain select: the option changes as the letters are typed, with no list opened.
      if (lang === 'en') {
        await page.keyboard.type('let');
        await expect(channel).toHaveValue(w.letter);
        await page.waitForTimeout(1200); // a pause starts a new prefix
        await page.keyboard.type('e');
        await expect(channel).toHaveValue(w.email);
      } else {
        // Inserted as a whole (as Playwright and some input methods do), then composed from pinyin.
        await page.keyboard.insertText('信');
        await expect(channel).toHaveValue(w.letter);
        await page.waitForTimeout(1200);
        await composeWithIme(page, 'dian', '电');
        await expect(channel).toHaveValue(w.email);
      }
      await expect(page.getByRole('listbox')).toHaveCount(0);

      // With the list open, typing moves to the option and Enter keeps it.
      await page.waitForTimeout(1200);
      await page.keyboard.press('ArrowDown');
      await expect(page.getByRole('listbox')).toBeVisible();
      if (lang === 'en') await page.keyboard.type('l');
      else await page.keyboard.insertText('信');
      await page.keyboard.press('Enter');
      await expect(page.getByRole('listbox')).toHaveCount(0);
      await expect(channel).toHaveValue(w.letter);

      // Searchable select: focus takes the whole text, typing lists the best match first, Tab takes it.
      await page.getByRole('textbox', { name: w.name, exact: true }).fill('周九');
      await page.getByRole('textbox', { name: w.contact, exact: true }).fill('13700137000');
      const kind = page.getByRole('combobox', { name: w.kind });
      await kind.focus();
      if (lang === 'en') await page.keyboard.type('del');
      else await page.keyboard.insertText('删');
      await page.keyboard.press('Tab');
      await expect(kind).toHaveValue(w.deletion);
      await screenshot(page, 'type-ahead-intake');
      await page.keyboard.press('Control+Enter');
      await expect(page.getByTestId('intake-reference')).toHaveText('REQ-2026-0001');

      const saved = await host.api<{ items: { channel: string; kind: string }[] }>('requests:list', { pageSize: 10 });
      expect(saved.value?.items.map((r) => [r.channel, r.kind])).toEqual([['letter', 'deletion']]);

      // In a dialog: the refusal reason, found by a word of its label.
      await page.getByRole('link', { name: w.nav }).first().click();
      await page.getByRole('link', { name: 'REQ-2026-0001' }).click();
      await page.getByRole('button', { name: w.refuse, exact: true }).click();
      const dialog = page.getByRole('dialog', { name: w.refuse });
      const reason = dialog.getByRole('combobox', { name: w.reason });
      await expect(reason).toBeFocused();
      if (lang === 'en') await page.keyboard.type('identity');
      else await page.keyboard.insertText('无法');
      await expect(reason).toHaveValue(w.identity);
      await page.waitForTimeout(1200);
      if (lang === 'en') await page.keyboard.type('oth');
      else await page.keyboard.insertText('其');
      await expect(reason).toHaveValue(w.other);
      await page.keyboard.press('Escape');

      // Settings: the counting mode.
      await page.getByRole('link', { name: w.settings }).first().click();
      const counting = page.getByRole('combobox', { name: w.counting });
      await expect(counting).toHaveValue(w.calendar);
      await counting.focus();
      if (lang === 'en') await page.keyboard.type('w');
      else await page.keyboard.insertText('工');
      await expect(counting).toHaveValue(w.working);

      // A list's page size, typed as a number.
      await page.getByRole('link', { name: w.nav }).first().click();
      const size = page.getByRole('combobox', { name: w.pageSize });
      await size.focus();
      await page.keyboard.type('5');
      await expect(size).toHaveValue('50');
      await screenshot(page, 'type-ahead-page-size');
    });
  });
}
