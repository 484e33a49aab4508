import { test, expect } from './fixtures';
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
