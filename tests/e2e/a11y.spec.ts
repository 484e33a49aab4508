import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';
import { startHost, type WebHost } from './fixtures';
import { LANGS, NOW, prepare, word, type Ids } from './pages/SampleRegister';

/**
 * The accessibility gate: every screen and every dialog, in both languages, checked by axe-core
 * against WCAG 2.1 A and AA. Any serious or critical violation fails the suite. The pictures of
 * the same screens and dialogs are taken by screens.spec.ts.
 *
 * One web host per language (and per worker) serves all its tests; each test opens one page.
 */

/** Fails with a readable list of what axe found (rule, impact, the first elements). */
async function expectAccessible(page: Page, where: string): Promise<void> {
  // Let Mantine's transitions (modals fade in) finish before checking colours.
  await page.waitForTimeout(250);
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = serious.map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.slice(0, 4).map((n) => `${n.target.join(' ')} — ${n.failureSummary?.split('\n')[1]?.trim() ?? ''}`).join('\n    ')}`);
  expect(report, `axe on ${where}`).toEqual([]);
}

for (const lang of LANGS) {
  const test = base.extend<object, { shared: { host: WebHost; ids: Ids } }>({
    shared: [
      async ({}, use) => {
        const host = await startHost({ lang, template: 'sample', clock: NOW });
        const ids = await prepare(host);
        await use({ host, ids });
        await host.stop();
      },
      { scope: 'worker' },
    ],
  });
  const w = (key: string, params?: Record<string, string>) => word(lang, key, params);

  /** Opens the workbench at a route and waits for its first heading. */
  const open = async (page: Page, host: WebHost, route: string) => {
    // Nothing the page asks for is missing (the favicon included).
    page.on('response', (r) => expect.soft(r.status(), `${r.url()} answered`).not.toBe(404));
    await page.goto(host.url);
    await expect(page.getByRole('navigation', { name: w('common:nav.label') })).toBeVisible();
    await page.evaluate((r) => (window.location.hash = `#${r}`), route);
    await expect(page.getByRole('heading', { level: 2 }).first()).toBeVisible();
    await expect(page.getByRole('progressbar')).toHaveCount(0);
    await page.waitForLoadState('networkidle');
  };

  /** Opens a dialog with the button that names it, checks it, closes it. */
  const dialog = async (page: Page, button: string, name: string) => {
    // A button may add what it acts on to its name ("Restore on next start: backup-….sqlite").
    await page.getByRole('button', { name: new RegExp(`^${button.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(: |$)`) }).first().click();
    const d = page.getByRole('dialog').last();
    await expect(d).toBeVisible();
    await expectAccessible(page, `${name} (${lang})`);
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toHaveCount(0);
  };

  test.describe(`accessibility (${lang})`, () => {
    test.describe.configure({ mode: 'parallel', timeout: 150_000 });

    const screens: { name: string; route: (ids: Ids) => string; dialogs?: (ids: Ids) => [button: string, name: string][] }[] = [
      { name: 'dashboard', route: () => '/' },
      { name: 'categories-list', route: () => '/categories' },
      {
        name: 'category-detail',
        route: (ids) => `/categories/${ids.category}`,
        dialogs: () => [
          [w('common:actions.retire'), 'category-retire'],
          [w('common:actions.delete'), 'category-delete'],
        ],
      },
      { name: 'category-form', route: () => '/categories/new' },
      { name: 'category-edit', route: (ids) => `/categories/${ids.category}/edit` },
      { name: 'partners-list', route: () => '/partners' },
      {
        name: 'partner-detail',
        route: (ids) => `/partners/${ids.partner}`,
        dialogs: () => [
          [w('common:actions.retire'), 'partner-retire'],
          [w('common:actions.delete'), 'partner-delete'],
          [w('flows:new'), 'flow-new'],
        ],
      },
      { name: 'partner-form', route: () => '/partners/new' },
      { name: 'agreements-list', route: () => '/agreements' },
      { name: 'agreement-detail', route: (ids) => `/agreements/${ids.agreement}`, dialogs: () => [[w('common:actions.delete'), 'agreement-delete']] },
      { name: 'agreement-form', route: () => '/agreements/new' },
      { name: 'sdks-list', route: () => '/sdks' },
      {
        name: 'sdk-detail',
        route: (ids) => `/sdks/${ids.sdk}`,
        dialogs: () => [
          [w('common:actions.retire'), 'sdk-retire'],
          [w('common:actions.delete'), 'sdk-delete'],
        ],
      },
      { name: 'sdk-form', route: () => '/sdks/new' },
      { name: 'review-form', route: (ids) => `/sdks/${ids.sdk}/reviews/new` },
      { name: 'review-edit', route: (ids) => (ids.review ? `/sdks/${ids.sdk}/reviews/${ids.review}` : `/sdks/${ids.sdk}/reviews/new`) },
      { name: 'policy', route: () => '/policy', dialogs: () => [[w('policy:import'), 'policy-import']] },
      { name: 'gap-list', route: (ids) => `/gaps/${ids.gap}` },
      { name: 'requests-list', route: () => '/requests', dialogs: () => [[w('requests:purge.button'), 'requests-purge']] },
      { name: 'request-intake', route: () => '/requests/new' },
      { name: 'holiday-calendar', route: () => '/requests/calendar' },
      {
        name: 'request-new',
        route: (ids) => `/requests/${ids.requests.new}`,
        dialogs: () => (['startVerification', 'verify', 'pause', 'refuse', 'withdraw', 'note'] as const).map((a) => [w(`requests:action.${a}`), `request-${a}`]),
      },
      { name: 'request-in-progress', route: (ids) => `/requests/${ids.requests.in_progress}`, dialogs: () => [[w('requests:action.respond'), 'request-respond']] },
      { name: 'request-awaiting', route: (ids) => `/requests/${ids.requests.awaiting}`, dialogs: () => [[w('requests:action.resume'), 'request-resume']] },
      { name: 'request-responded', route: (ids) => `/requests/${ids.requests.responded}`, dialogs: () => [[w('requests:action.close'), 'request-close']] },
      { name: 'request-closed', route: (ids) => `/requests/${ids.requests.closed}`, dialogs: () => [[w('requests:action.reopen'), 'request-reopen']] },
      { name: 'request-edit', route: (ids) => `/requests/${ids.requests.new}/edit` },
      { name: 'reports', route: () => '/reports' },
      { name: 'import', route: () => '/import' },
      { name: 'backups', route: () => '/backups', dialogs: () => [[w('reports:backup.restore'), 'backup-restore']] },
      { name: 'settings', route: () => '/settings' },
    ];

    for (const screen of screens) {
      test(`${screen.name} and its dialogs`, async ({ page, shared }) => {
        const route = screen.route(shared.ids);
        await open(page, shared.host, route);
        await expectAccessible(page, `${screen.name} (${lang}, ${route})`);
        for (const [button, name] of screen.dialogs?.(shared.ids) ?? []) await dialog(page, button, name);
      });
    }

    test('the saved screen after logging a request', async ({ page, shared }) => {
      await open(page, shared.host, '/requests/new');
      await page.getByRole('textbox', { name: w('requests:fields.requesterName'), exact: true }).fill('周杰');
      await page.getByRole('textbox', { name: w('requests:fields.requesterContact'), exact: true }).fill('13800138000');
      await page.getByRole('button', { name: w('requests:intake.save'), exact: true }).click();
      await expect(page.getByTestId('intake-result')).toBeVisible();
      await expectAccessible(page, `request-intake-saved (${lang})`);
    });

    test('the welcome screen of a new register', async ({ page }) => {
      const host = await startHost({ lang, clock: NOW });
      try {
        await page.goto(host.url);
        await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
        await expectAccessible(page, `welcome (${lang})`);
      } finally {
        await host.stop();
      }
    });
  });
}
