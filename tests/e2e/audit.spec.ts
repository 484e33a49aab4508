import BetterSqlite3 from 'better-sqlite3';
import { test, expect, screenshot } from './fixtures';

test.use({ hostOptions: { lang: 'en', template: 'sample' } });

test('Settings says which audit check failed: entries removed at the end of the log', async ({ page, host }) => {
  // Someone with the register file, but not the key, removes the last three entries.
  const sqlite = new BetterSqlite3(host.dbPath);
  const { n } = sqlite.prepare('select count(*) as n from audit_log').get() as { n: number };
  sqlite.prepare('delete from audit_log where id > (select max(id) - 3 from audit_log)').run();
  sqlite.close();

  await page.goto(host.url);
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Verify the audit log' }).click();
  const status = page.getByRole('status');
  await expect(status).toContainText(`The audit log does not verify (${n - 3} entries checked)`);
  await expect(status).toContainText(`The log is shorter than its anchor: 3 entries missing (the anchor recorded ${n}, the log holds ${n - 3}).`);
  await screenshot(page, 'settings-audit-truncated');
});
