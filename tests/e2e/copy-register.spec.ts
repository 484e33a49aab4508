import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, screenshot, test } from './fixtures';

/**
 * Settings → Move to a team register: the officer copies the register into a new file (a server
 * address works the same way; the unit tests copy onto PostgreSQL), sees the rows of every table
 * counted on both sides, and a target that already holds a register is refused in the user's language.
 */
type Lang = 'en' | 'zh-CN';
const I18N = resolve(__dirname, '../../src/shared/i18n');

function word(lang: Lang, key: string): string {
  const [ns, path] = key.split(':') as [string, string];
  let value: unknown = JSON.parse(readFileSync(resolve(I18N, lang, `${ns}.json`), 'utf8'));
  for (const part of path.split('.')) value = (value as Record<string, unknown>)[part];
  if (typeof value !== 'string') throw new Error(`no string at ${lang}/${key}`);
  return value;
}

for (const lang of ['en', 'zh-CN'] as Lang[]) {
  test.describe(lang, () => {
    test.use({ hostOptions: { lang, template: 'sample', clock: '2026-11-17T06:30:00.000Z' } });
    test.describe.configure({ timeout: 120_000 });

    test(`${lang}: copies the register into a new file, with the counts per table; refuses a target that is not empty`, async ({ page, host }) => {
      const w = (key: string) => word(lang, key);
      const target = join(mkdtempSync(join(tmpdir(), 'pw-e2e-copy-')), 'team.sqlite');
      await page.goto(host.url);
      await page.evaluate(() => (window.location.hash = '#/settings'));
      const section = page.getByRole('group', { name: w('settings:copy.section') });
      await expect(page.getByRole('heading', { level: 2, name: w('settings:title') })).toBeVisible();
      await expect(section).toBeVisible();
      await section.getByRole('button', { name: w('settings:copy.open') }).click();
      const dialog = page.getByRole('dialog', { name: w('settings:copy.title') });
      const input = dialog.getByRole('textbox', { name: w('settings:copy.target') });
      await input.fill(target);
      await screenshot(page, 'copy-register-dialog');
      const axe = await new AxeBuilder({ page }).include('[role="dialog"]').withTags(['wcag2a', 'wcag2aa']).analyze();
      expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);

      await dialog.getByRole('button', { name: w('settings:copy.start') }).click();
      await expect(dialog.getByText(w('settings:copy.doneTitle'))).toBeVisible({ timeout: 60_000 });
      const counts = dialog.getByRole('table', { name: w('settings:copy.countsLabel') });
      // Each table in the user's words, its database name beneath, then both counts.
      const row = counts.getByRole('row').filter({ hasText: 'collection_categories' });
      await expect(row.getByRole('cell').first()).toContainText(w('settings:copy.tables.collection_categories'));
      await expect(row.getByRole('cell').nth(1)).toHaveText('13');
      await expect(row.getByRole('cell').nth(2)).toHaveText('13');
      await expect(counts.getByRole('row').filter({ hasText: 'audit_log' }).getByRole('cell').nth(1)).not.toHaveText('0');
      expect(existsSync(target)).toBe(true);
      await screenshot(page, 'copy-register-done');
      await dialog.locator('form').getByRole('button', { name: word(lang, 'common:actions.close') }).click();

      // Once more into the same file: refused, naming it, in the user's language.
      await section.getByRole('button', { name: w('settings:copy.open') }).click();
      await dialog.getByRole('textbox', { name: w('settings:copy.target') }).fill(target);
      await dialog.getByRole('button', { name: w('settings:copy.start') }).click();
      const refusal = dialog.getByRole('alert');
      await expect(refusal).toContainText(w('settings:copy.failedTitle'));
      await expect(refusal).toContainText(target);
      await expect(refusal).toContainText(lang === 'en' ? 'is not empty' : '不是空的');
      await screenshot(page, 'copy-register-refused');
    });
  });
}
