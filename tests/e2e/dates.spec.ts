import { test, expect, screenshot } from './fixtures';
import { SharingPage } from './pages/SharingPage';

// One way per language to write a day and a time (src/shared/time.ts), on the screens that show them.
const LANGUAGES = [
  { lang: 'en', agreements: 'Agreements', sdks: 'SDK security reviews', requests: 'Requests', signed: '1 Mar 2026', expires: '1 Dec 2026', reviewed: '1 Nov 2026', next: '1 May 2027', due: '1 Dec 2026', week: '16 Nov' },
  { lang: 'zh-CN', agreements: '协议', sdks: 'SDK 安全评估', requests: '个人信息请求', signed: '2026年3月1日', expires: '2026年12月1日', reviewed: '2026年11月1日', next: '2027年5月1日', due: '2026年12月1日', week: '11月16日' },
] as const;

for (const w of LANGUAGES) {
  test.describe(`dates in ${w.lang}`, () => {
    test.use({ hostOptions: { template: 'sample', lang: w.lang, clock: '2026-11-17T06:30:00.000Z' } });

    test('the agreements, SDK reviews and requests screens write days as the language does', async ({ page, host }) => {
      test.setTimeout(90_000);
      const partners = await host.api<{ items: { id: number }[] }>('partners:list', {});
      const partnerId = partners.value!.items[0]!.id;
      await host.api('agreements:create', {
        partnerId, kind: 'entrusted_processing', referenceNo: 'DPA-2026', signedOn: '2026-03-01', effectiveFrom: null, expiresOn: '2026-12-01',
        autoRenews: false, terminated: false, checklist: ['purpose'], policyClause: '4.1.5', notes: '',
      });
      const sdk = await host.api<{ id: number }>('sdks:create', { name: 'Stats SDK', vendorPartnerId: partnerId, platform: 'web', purpose: 'Statistics', policyClause: '4.1.6', notes: '' });
      await host.api('sdks:addReview', {
        sdkId: sdk.value!.id, version: '2.3.0', categoryIds: [], permissions: [], checklist: ['necessary'], reviewer: 'Wang', reviewedOn: '2026-11-01',
        result: 'approved', findings: '', nextReviewDue: '2027-05-01',
      });
      // Received 16 November 09:00 in Shanghai: due (15 days) on 1 December.
      await host.api('requests:create', { channel: 'hotline', receivedAt: '2026-11-16T01:00:00.000Z', requesterName: 'Li', requesterContact: '13800138000', kind: 'deletion' });

      await page.goto(host.url);
      const s = new SharingPage(page);
      await s.nav(w.agreements);
      const row = page.getByRole('row').filter({ hasText: 'DPA-2026' });
      await expect(row).toContainText(w.signed);
      await expect(row).toContainText(w.expires);
      await screenshot(page, 'dates-agreements');

      await s.nav(w.sdks);
      const sdkRow = page.getByRole('row').filter({ hasText: 'Stats SDK' });
      await expect(sdkRow).toContainText(w.reviewed);
      await expect(sdkRow).toContainText(w.next);
      await sdkRow.getByRole('link', { name: 'Stats SDK' }).click();
      await expect(page.getByText(`${w.reviewed} · Wang`)).toBeVisible();
      await screenshot(page, 'dates-sdk-detail');

      await s.nav(w.requests);
      await expect(page.getByRole('row').filter({ hasText: 'REQ-2026-0001' })).toContainText(w.due);
      await screenshot(page, 'dates-requests');
      // No ISO day is left on these screens.
      await expect(page.locator('main')).not.toContainText('2026-12-01');
      // The dashboard's chart of weeks names each by its Monday, without the year.
      await page.getByRole('navigation').getByRole('link').first().click();
      await expect(page.getByRole('figure').last()).toContainText(w.week);
      await screenshot(page, 'dates-dashboard');
    });
  });
}
