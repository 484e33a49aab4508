import { test, expect, screenshot } from './fixtures';

// Hundreds of calls to build the history first: a generous budget, no timed assertions.
test.describe.configure({ timeout: 180_000 });

const NOW = '2026-11-17T06:30:00.000Z';

interface Req {
  id: number;
  revision: number;
}

test.describe('long histories', () => {
  test.use({ hostOptions: { template: 'empty', lang: 'en', clock: NOW } });

  test('a request with hundreds of timeline entries shows a few at a time, as a list that counts them all, and loads the rest as it scrolls', async ({ page, host }) => {
    const created = await host.api<Req>('requests:create', {
      channel: 'hotline',
      receivedAt: '2026-11-17T02:00:00.000Z',
      requesterName: '李娜',
      requesterContact: '13900139000',
      accountRef: '',
      kind: 'access_copy',
      details: '',
      concernsMinor: false,
      assignee: '',
    });
    expect(created.ok).toBe(true);
    let r = created.value!;
    const act = async (input: Record<string, unknown>) => {
      const answer = await host.api<Req>('requests:act', { id: r.id, revision: r.revision, ...input });
      expect(answer.ok, JSON.stringify(answer.error)).toBe(true);
      r = answer.value!;
    };
    await act({ action: 'startVerification', note: '' });
    await act({ action: 'verify', method: 'sms_code', result: 'verified', note: '' });
    for (let i = 0; i < 130; i++) {
      await act({ action: 'pause', reason: `Asked for the account number (${i + 1})` });
      await act({ action: 'resume', reason: `Account number received (${i + 1})` });
    }
    const events = await host.api<{ total: number }>('requests:events', { id: r.id, page: 1, pageSize: 1 });
    const total = events.value!.total;
    expect(total).toBeGreaterThan(250);

    await page.goto(host.url);
    await page.evaluate((id) => (location.hash = `#/requests/${id}`), r.id);
    const timeline = page.getByRole('list', { name: 'Timeline' });
    await expect(timeline).toBeVisible();
    const entries = timeline.getByRole('listitem');
    await expect(entries.first()).toHaveAttribute('aria-setsize', String(total));
    await expect(entries.first()).toHaveAttribute('aria-posinset', '1');
    // Only what is in view, and a few around it, is in the page.
    expect(await entries.count()).toBeLessThan(40);
    await screenshot(page, 'request-timeline-long');

    // Scrolled to the end (the panel is reachable by keyboard), the oldest entry is the request being logged.
    const panel = page.getByRole('group', { name: 'Timeline' });
    await panel.focus();
    const last = timeline.locator(`[aria-posinset="${total}"]`);
    for (let i = 0; i < 40 && !(await last.count()); i++) {
      await page.keyboard.press('End');
      await panel.evaluate((el) => el.scrollTo(0, el.scrollHeight));
      await page.waitForTimeout(100);
    }
    await expect(last).toContainText('Logged');
    await screenshot(page, 'request-timeline-long-end');
    expect(await entries.count()).toBeLessThan(40);
  });
});
