import { test, expect, screenshot } from './fixtures';
import { RequestsPage } from './pages/RequestsPage';

// Two browsers and logging by keyboard on a busy two-core machine: a generous budget.
test.describe.configure({ timeout: 120_000 });

// 14:30 on Tuesday 17 November 2026 in Shanghai.
const NOW = '2026-11-17T06:30:00.000Z';

test.describe('two windows on one register', () => {
  test.use({ hostOptions: { template: 'sample', lang: 'en', clock: NOW } });

  test('a request logged in one window appears in the other without a reload', async ({ browser, host }) => {
    const [first, second] = await Promise.all([browser.newContext(), browser.newContext()]);
    const [logging, watching] = await Promise.all([first.newPage(), second.newPage()]);
    for (const page of [logging, watching]) {
      await page.goto(host.url);
      await expect(page.getByRole('navigation', { name: 'Main navigation' })).toBeVisible();
    }
    await watching.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: /^Requests/ }).click();
    const list = new RequestsPage(watching).table;
    await expect(list).toBeVisible();
    // Marks this page: a reload would lose the mark.
    await watching.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
    await expect(list.getByText('Remote Caller')).toHaveCount(0);

    const requests = new RequestsPage(logging);
    await requests.openIntakeByShortcut();
    await requests.logByKeyboard({
      name: 'Remote Caller',
      contact: '13900139000',
      account: 'U-77001',
      kindSearch: 'Access',
      details: 'Asks for a copy of the personal information held.',
    });
    const reference = (await logging.getByTestId('intake-reference').textContent())!;
    expect(reference).toMatch(/^REQ-2026-\d{4}$/);

    // The other window finds out by itself within a few seconds, and shows the new request.
    await expect(list.getByRole('row').filter({ hasText: reference })).toBeVisible({ timeout: 15_000 });
    await expect(list.getByText('Remote Caller')).toBeVisible();
    expect(await watching.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    await Promise.all([first.close(), second.close()]);
  });
});

const EDITING_WORDS = {
  en: { nav: 'Collection categories', edit: 'Edit', notes: 'Notes', save: 'Save', warning: 'Someone saved a change to this record elsewhere while you were editing', refused: 'was changed elsewhere since you opened it' },
  'zh-CN': { nav: '个人信息收集类别', edit: '编辑', notes: '备注', save: '保存', warning: '在您编辑期间，此记录已在别处被修改并保存', refused: '自您打开以来' },
} as const;

for (const [lang, words] of Object.entries(EDITING_WORDS) as [keyof typeof EDITING_WORDS, (typeof EDITING_WORDS)[keyof typeof EDITING_WORDS]][]) {
  test.describe(`${lang}: a record being edited when another window saves it`, () => {
    test.use({ hostOptions: { template: 'sample', lang, clock: NOW } });

    test('the form keeps what was typed and warns, and its save is refused instead of overwriting the other change', async ({ page, host }) => {
      const listed = await host.api<{ items: { id: number; code: string }[] }>('categories:list', { page: 1, pageSize: 1 });
      const { id, code } = listed.value!.items[0]!;
      const category = (await host.api<Record<string, unknown>>('categories:get', { id })).value!;
      await page.goto(host.url);
      await page.getByRole('navigation', { name: /Main navigation|主导航/ }).getByRole('link', { name: words.nav }).click();
      await page.getByRole('main').getByRole('link', { name: code }).first().click();
      await page.getByRole('link', { name: words.edit, exact: true }).click();
      const notes = page.getByRole('textbox', { name: words.notes, exact: true });
      await notes.fill('typed in this window');

      const { status: _s, createdAt: _c, updatedAt: _u, dataItemCount: _d, ...values } = category;
      const other = await host.api('categories:update', { ...values, notes: 'saved in the other window' });
      expect(other.ok, other.error?.message).toBe(true);

      // The page refreshes by itself (the remote-changes poll): the form says so and keeps the typing.
      await expect(page.getByRole('alert').filter({ hasText: words.warning })).toBeVisible({ timeout: 15_000 });
      await expect(notes).toHaveValue('typed in this window');
      await screenshot(page, 'record-changed-elsewhere');
      await page.getByRole('button', { name: words.save, exact: true }).click();
      await expect(page.getByText(words.refused)).toBeVisible();
      const after = await host.api<{ notes: string }>('categories:get', { id });
      expect(after.value!.notes).toBe('saved in the other window');
    });
  });
}
