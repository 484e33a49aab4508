import { test, expect, screenshot } from './fixtures';
import { RequestsPage } from './pages/RequestsPage';

// Keyboard-only work on a busy two-core machine can take a while: a generous budget, no timed assertions.
test.describe.configure({ timeout: 150_000 });

// 14:30 on Tuesday 17 November 2026 in Shanghai.
const NOW = '2026-11-17T06:30:00.000Z';

test.describe('keyboard first (English)', () => {
  test.use({ hostOptions: { template: 'sample', lang: 'en', clock: NOW } });

  test('three calls logged back to back with the keyboard alone, each channel chosen by type-ahead', async ({ page, host }) => {
    // Only the address is given with something other than the keyboard: no click from here on.
    await page.goto(host.url);
    await expect(page.getByRole('navigation', { name: 'Main navigation' })).toBeVisible();
    const requests = new RequestsPage(page);
    const calls = [
      // The kind is typed as a fast typist does: a few letters, then Tab.
      { typed: 'em', channel: 'email', name: '王小明', contact: '13800138000', account: 'U-1', kindSearch: 'del', kind: 'deletion' },
      { typed: 'let', channel: 'letter', name: '李雷', contact: 'li.lei@example.com', account: 'U-2', kindSearch: 'corr', kind: 'correction' },
      { typed: 'o', channel: 'other', name: '韩梅梅', contact: '13900139000', account: 'U-3', kindSearch: 'port', kind: 'portability' },
    ];
    for (const [i, c] of calls.entries()) {
      // From anywhere (the saved screen of the call before included): a fresh form, focus on Channel.
      await requests.openIntakeByShortcut();
      await expect(requests.textbox(requests.text.name)).toHaveValue('');
      // Typed at full speed, with no pause: the channel is chosen as it is typed, before Tab leaves it.
      await page.keyboard.type(c.typed);
      await expect(page.getByRole('combobox', { name: 'Channel' })).toHaveValue(c.channel === 'email' ? 'Email' : c.channel === 'letter' ? 'Letter' : 'Other');
      await requests.logByKeyboard({ ...c, details: `Call ${i + 1}` });
      await expect(page.getByTestId('intake-reference')).toHaveText(`REQ-2026-000${i + 1}`);
      await expect(page.getByTestId('intake-result')).toBeFocused();
    }
    await screenshot(page, 'keyboard-third-call-saved');

    // What was saved is what was typed: three requests, each with its own channel, kind, requester and details.
    const list = await host.api<{ items: { id: number; reference: string }[] }>('requests:list', { pageSize: 10 });
    const saved = [];
    for (const item of [...(list.value?.items ?? [])].sort((a, b) => a.reference.localeCompare(b.reference))) {
      const r = await host.api<{ reference: string; channel: string; kind: string; requesterName: string; requesterContact: string; accountRef: string; details: string }>('requests:get', { id: item.id });
      const v = r.value!;
      saved.push([v.reference, v.channel, v.kind, v.requesterName, v.requesterContact, v.accountRef, v.details]);
    }
    expect(saved).toEqual(calls.map((c, i) => [`REQ-2026-000${i + 1}`, c.channel, c.kind, c.name, c.contact, c.account, `Call ${i + 1}`]));
  });

  test('the ? overlay lists the shortcuts; search, next and previous record work from the keyboard', async ({ page, host }) => {
    await page.goto(host.url);
    await expect(page.getByRole('navigation', { name: 'Main navigation' })).toBeVisible();
    await page.keyboard.press('Shift+?');
    const overlay = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect(overlay).toBeVisible();
    const table = overlay.getByRole('table', { name: 'Keyboard shortcuts and what they do' });
    for (const action of ['Log a new request', 'Go to the search box', 'Save the form', 'Next record', 'Previous record']) {
      await expect(table.getByRole('cell', { name: new RegExp(`^${action}`) })).toBeVisible();
    }
    await expect(table.getByRole('row', { name: /Log a new request/ })).toContainText('CtrlShiftN');
    await screenshot(page, 'shortcuts-overlay');
    await page.keyboard.press('Escape');
    await expect(overlay).toBeHidden();
    // The shell's button opens the same list.
    await page.getByRole('button', { name: 'Shortcuts (?)' }).click();
    await expect(overlay).toBeVisible();
    await page.keyboard.press('Escape');

    // Search: Ctrl+K puts the cursor in the list's search box.
    await page.getByRole('navigation').getByRole('link', { name: 'Sharing partners' }).click();
    await expect(page.getByRole('heading', { name: 'Sharing partners', level: 2 })).toBeVisible();
    await page.keyboard.press('Control+K');
    await expect(page.getByRole('searchbox')).toBeFocused();

    // Next and previous record follow the list the record was opened from.
    const links = page.getByRole('table').first().getByRole('link');
    const first = (await links.nth(0).textContent())!.trim();
    const second = (await links.nth(1).textContent())!.trim();
    await links.nth(0).click();
    await expect(page.getByRole('heading', { name: first, level: 2 })).toBeVisible();
    await page.keyboard.press('Control+Shift+ArrowDown');
    await expect(page.getByRole('heading', { name: second, level: 2 })).toBeVisible();
    await page.keyboard.press('Control+Shift+ArrowUp');
    await expect(page.getByRole('heading', { name: first, level: 2 })).toBeVisible();
  });
});
