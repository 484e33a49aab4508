import { test, expect } from './fixtures';

// The renderer fetches ahead (the dashboard's reads with the first call, the next page of a list,
// a page's first read beside its chunk) and loads its words and charts apart: what it shows must
// still be what the core answers. Speed is measured by `npm run bench:renderer`, not here.
test.describe.configure({ timeout: 150_000 });

const NOW = '2026-11-17T06:30:00.000Z';
const HOUR = 3_600_000;

test.describe('what the renderer fetches ahead is what it shows', () => {
  test.use({ hostOptions: { template: 'sample', lang: 'en', clock: NOW } });

  test('the dashboard counts the core’s requests, and each page of the desk shows the core’s rows for it', async ({ page, host }) => {
    // 60 requests, one an hour back from now (open, not yet due), and 4 from 40 days ago, overdue.
    for (let i = 0; i < 64; i++) {
      const receivedAt = new Date(Date.parse(NOW) - (i < 60 ? (i + 1) * HOUR : 40 * 24 * HOUR + i * HOUR)).toISOString();
      const created = await host.api('requests:create', {
        channel: 'email',
        receivedAt,
        requesterName: `Requester ${i}`,
        requesterContact: `r${i}@example.com`,
        accountRef: '',
        kind: 'access_copy',
        details: '',
        concernsMinor: false,
        assignee: '',
      });
      expect(created.error ?? null).toBeNull();
    }
    const dashboard = (await host.api<{ counts: { open: number; overdue: number } }>('requests:dashboard', {})).value!;
    expect(dashboard.counts.overdue).toBeGreaterThanOrEqual(4);

    await page.goto(host.url);
    await expect(page.getByTestId('count-open')).toHaveText(String(dashboard.counts.open));
    await expect(page.getByTestId('count-overdue')).toHaveText(String(dashboard.counts.overdue));
    // The charts come after the numbers, and they come.
    await expect(page.getByRole('region', { name: 'Requests', exact: true }).locator('.recharts-responsive-container, .recharts-wrapper').first()).toBeAttached();

    const pageOf = async (n: number) => {
      const listed = await host.api<{ items: { reference: string }[]; total: number }>('requests:list', { page: n, pageSize: 25, search: '' });
      return { refs: listed.value!.items.map((r) => r.reference), total: listed.value!.total };
    };
    const table = page.getByRole('table', { name: 'Requests, with their status and deadline' });
    const shownRefs = () => table.locator('tbody tr td:first-child a');

    // The entry's name carries the overdue badge beside the word.
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: /^Requests/ }).click();
    const first = await pageOf(1);
    expect(first.total).toBeGreaterThan(50);
    await expect(shownRefs()).toHaveText(first.refs);
    await expect(page.getByText(`1–25 of ${first.total}`, { exact: true })).toBeVisible();

    // Page 2 was fetched ahead while page 1 was shown; page 3 while page 2 was.
    await page.getByRole('button', { name: 'Next page' }).click();
    await expect(page.getByText(`26–50 of ${first.total}`, { exact: true })).toBeVisible();
    await expect(shownRefs()).toHaveText((await pageOf(2)).refs);
    await page.getByRole('button', { name: 'Next page' }).click();
    await expect(page.getByText(`51–${Math.min(75, first.total)} of ${first.total}`, { exact: true })).toBeVisible();
    await expect(shownRefs()).toHaveText((await pageOf(3)).refs);
    await page.getByRole('button', { name: 'Previous page' }).click();
    await expect(shownRefs()).toHaveText((await pageOf(2)).refs);

    // A filter asks afresh: no row of the unfiltered pages stays on screen.
    await page.goto(`${host.url.split('#')[0]}#/requests?due=overdue`);
    const overdue = await host.api<{ items: { reference: string }[] }>('requests:list', { page: 1, pageSize: 25, search: '', due: 'overdue' });
    await expect(shownRefs()).toHaveText(overdue.value!.items.map((r) => r.reference));
  });
});
