import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { test, expect, type Locator, type Page } from '@playwright/test';
import { screenshot, startHost, type WebHost } from './fixtures';
import { act, LANGS, logRequest, NOW, prepare, value, word, type Ids, type Lang } from './pages/SampleRegister';

/**
 * The catalogue of pictures: every route of the router and every dialog, in both languages, saved
 * as tests/artifacts/screens/<lang>/<name>.png for a person to look at (issue 12, point 8).
 *
 * One web host and one page per language; the walk moves by the address, without reloading, and
 * waits for the host's answers before each picture. A route the router has and the walk does not
 * visit fails the spec, so a new page cannot go without its picture. (Help → About is Electron's
 * own message box, outside the renderer: it is not pictured here.)
 */

const ROUTER = resolve(__dirname, '../../src/renderer/src/app/routes.tsx');
const IMPORT_FIXTURES = resolve(__dirname, '../fixtures/import');

/** The paths of the router's ROUTES table, as its source lists them. */
function routerPaths(): string[] {
  const source = readFileSync(ROUTER, 'utf8');
  const table = source.slice(source.indexOf('export const ROUTES'));
  const paths = [...table.matchAll(/\{\s*path:\s*'([^']+)',\s*element:/g)].map((m) => m[1]!);
  if (paths.length < 10) throw new Error(`read only ${paths.length} routes from ${ROUTER}`);
  return paths;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The walk's tools for one language on one page. */
function walker(page: Page, lang: Lang) {
  const w = (key: string, params?: Record<string, string>) => word(lang, key, params);
  const visited = new Set<string>();
  let inflight = 0;
  page.on('request', () => inflight++);
  page.on('requestfinished', () => inflight--);
  page.on('requestfailed', () => inflight--);

  /** Until nothing has been asked of the host for a third of a second. */
  const quiet = async () => {
    for (let calm = 0; calm < 3; ) {
      await page.waitForTimeout(110);
      calm = inflight <= 0 ? calm + 1 : 0;
    }
  };
  /** Until the page is drawn: its answers in, no spinner, transitions done. */
  const settle = async () => {
    await quiet();
    await expect(page.locator('main .mantine-Loader-root, [role="dialog"] .mantine-Loader-root')).toHaveCount(0);
    await quiet();
    await page.waitForTimeout(200);
  };
  /** Closes the notifications on screen, so that a picture shows what it is named after. */
  const clearToasts = async () => {
    const close = page.locator('.mantine-Notification-root button');
    // A notification still sliding in is never "stable": its close button is clicked regardless.
    await expect(async () => {
      if ((await close.count()) > 0) await close.first().click({ force: true, timeout: 1_000 });
      expect(await close.count()).toBe(0);
    }).toPass({ timeout: 10_000 });
    await expect(page.locator('.mantine-Notification-root')).toHaveCount(0);
  };
  const shot = async (name: string, { keepToasts = false } = {}) => {
    if (!keepToasts) await clearToasts();
    await settle();
    await screenshot(page, name, 'screens');
  };
  /** Goes to a route (`pattern` is the router's path it shows) and pictures it. */
  const go = async (pattern: string, route: string, name: string) => {
    visited.add(pattern);
    // Focus left on the last page's control (a dialog's opener) would show its ring on the next picture.
    await page.evaluate((r) => {
      (document.activeElement as HTMLElement | null)?.blur();
      window.location.hash = `#${r}`;
    }, route);
    await page.waitForFunction((r) => window.location.hash === `#${r}`, route);
    await expect(page.getByRole('heading', { level: 2 }).first()).toBeVisible();
    await shot(name);
  };
  const button = (name: string, within: Page | Locator = page) =>
    // A button may add what it acts on to its name ("Restore on next start: backup-….sqlite").
    within.getByRole('button', { name: new RegExp(`^${escape(name)}(: |$)`) }).first();
  /** Opens a dialog by clicking `opener`, pictures it as dialog-<name>, closes it with Escape. */
  const dialog = async (opener: Locator | string, name: string, inside?: (d: Locator) => Promise<void>) => {
    await (typeof opener === 'string' ? button(opener) : opener).click();
    const d = page.getByRole('dialog').last();
    await expect(d).toBeVisible();
    await shot(`dialog-${name}`);
    if (inside) await inside(d);
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toHaveCount(0);
  };
  /** Submits the page's form as it is (empty), to picture its errors beside the fields. */
  const submitEmpty = async (name: string) => {
    await page.locator('main button[type="submit"]').first().click();
    await expect(page.locator('main [aria-invalid="true"]').first()).toBeVisible();
    await shot(name);
  };
  return { w, visited, settle, shot, go, button, dialog, submitEmpty, clearToasts };
}

interface More {
  /** A partner with sharing flows, to open a flow's edit and delete dialogs. */
  flowPartner: number;
  flowName: string;
  /** A check whose gaps can be decided, with one record already accepted (so that it can be reopened). */
  decidable: string;
  openRecord: string;
  decidedRecord: string;
  refused: number;
  withdrawn: number;
}

/** What the catalogue shows beyond the accessibility spec's records. */
async function prepareMore(host: WebHost): Promise<More> {
  type Flow = { partnerId: number; categoryCode: string };
  const flows = await value<{ items: Flow[] }>(host, 'flows:list', { pageSize: 50 });
  const flow = flows.items[0];
  if (!flow) throw new Error('the sample register has no sharing flow');
  type Summary = { id: string; count: number; decidable: boolean };
  const checks = await value<Summary[]>(host, 'gaps:summary', {});
  const check = checks.find((c) => c.decidable && c.count >= 2);
  if (!check) throw new Error('the sample register has no decidable check with two gaps');
  const items = (await value<{ items: { id: number; label: string }[] }>(host, 'gaps:list', { checkId: check.id })).items;
  await value(host, 'gaps:decide', { checkId: check.id, recordId: items[1]!.id, revision: null, decision: 'accepted', reason: 'Agreement under negotiation; risk accepted by the officer.', reviewOn: '2027-02-01' });
  const refused = await act(host, await logRequest(host, '周敏'), 'refuse', {
    refusalReason: 'identity_not_verified',
    explanation: 'We could not confirm that the account is yours.',
    complaintRouteGiven: true,
  });
  const withdrawn = await act(host, await logRequest(host, '吴刚'), 'withdraw', { reason: 'Asked by phone to stop.' });
  return { flowPartner: flow.partnerId, flowName: flow.categoryCode, decidable: check.id, openRecord: items[0]!.label, decidedRecord: items[1]!.label, refused: refused.id, withdrawn: withdrawn.id };
}

test.describe.configure({ mode: 'parallel' });

for (const lang of LANGS) {
  test(`every screen and dialog, pictured (${lang})`, async ({ browser }) => {
    // Measured at 8 to 10 minutes per language on a shared, loaded two-core machine.
    test.setTimeout(900_000);
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    const { w, visited, settle, shot, go, button, dialog, submitEmpty, clearToasts } = walker(page, lang);
    const hosts: WebHost[] = [];
    try {
      await test.step('the welcome screen of a new register', async () => {
        const empty = await startHost({ lang, clock: NOW });
        hosts.push(empty);
        await page.goto(empty.url);
        await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
        await shot('welcome');
        await page.goto('about:blank');
        await empty.stop();
      });

      const host = await startHost({ lang, template: 'sample', clock: NOW });
      hosts.push(host);
      const ids: Ids = await prepare(host);
      const more = await prepareMore(host);
      await page.goto(host.url);
      await expect(page.getByRole('navigation', { name: w('common:nav.label') })).toBeVisible();
      await settle();

      await test.step('dashboard and the shortcuts overlay', async () => {
        await go('/', '/', 'dashboard');
        await dialog(w('common:shortcuts.button'), 'shortcuts');
      });

      await test.step('categories', async () => {
        await go('/categories', '/categories', 'categories-list');
        await go('/categories/new', '/categories/new', 'category-form');
        await submitEmpty('category-form-errors');
        await go('/categories/:id', `/categories/${ids.category}`, 'category-detail');
        await dialog(w('common:actions.retire'), 'category-retire');
        await dialog(w('common:actions.delete'), 'category-delete');
        await go('/categories/:id/edit', `/categories/${ids.category}/edit`, 'category-edit');
      });

      await test.step('partners and sharing flows', async () => {
        await go('/partners', '/partners', 'partners-list');
        await go('/partners/new', '/partners/new', 'partner-form');
        await submitEmpty('partner-form-errors');
        await go('/partners/:id', `/partners/${more.flowPartner}`, 'partner-detail');
        await dialog(w('common:actions.retire'), 'partner-retire');
        await dialog(w('common:actions.delete'), 'partner-delete');
        await dialog(w('flows:new'), 'flow-new');
        await dialog(page.getByRole('button', { name: w('flows:editFlow', { name: more.flowName }) }).first(), 'flow-edit');
        await dialog(page.getByRole('button', { name: w('flows:deleteFlow', { name: more.flowName }) }).first(), 'flow-delete');
        await go('/partners/:id/edit', `/partners/${more.flowPartner}/edit`, 'partner-edit');
      });

      await test.step('agreements', async () => {
        await go('/agreements', '/agreements', 'agreements-list');
        await go('/agreements/new', '/agreements/new', 'agreement-form');
        await submitEmpty('agreement-form-errors');
        await go('/agreements/:id', `/agreements/${ids.agreement}`, 'agreement-detail');
        await dialog(w('common:actions.delete'), 'agreement-delete');
        await go('/agreements/:id/edit', `/agreements/${ids.agreement}/edit`, 'agreement-edit');
      });

      await test.step('SDKs and their reviews', async () => {
        await go('/sdks', '/sdks', 'sdks-list');
        await go('/sdks/new', '/sdks/new', 'sdk-form');
        await submitEmpty('sdk-form-errors');
        await go('/sdks/:id', `/sdks/${ids.sdk}`, 'sdk-detail');
        await dialog(w('common:actions.retire'), 'sdk-retire');
        await dialog(w('common:actions.delete'), 'sdk-delete');
        await go('/sdks/:id/edit', `/sdks/${ids.sdk}/edit`, 'sdk-edit');
        await go('/sdks/:id/reviews/new', `/sdks/${ids.sdk}/reviews/new`, 'review-form');
        await submitEmpty('review-form-errors');
        await go('/sdks/:id/reviews/:reviewId', `/sdks/${ids.sdk}/reviews/${ids.review}`, 'review-edit');
      });

      await test.step('policy and its import', async () => {
        await go('/policy', '/policy', 'policy');
        await dialog(w('policy:import'), 'policy-import', async (d) => {
          await d.getByRole('textbox', { name: w('policy:fields.text') }).fill(lang === 'en' ? '1. Who we are\nExample Ltd.\n2. What we collect\n2.1 Your phone number, to sign you in.\n2.2 Your address, to deliver orders.' : '一、我们是谁\n示例有限公司。\n二、我们收集的信息\n（一）手机号码，用于登录。\n（二）收货地址，用于配送。');
          await button(w('policy:preview'), d).click();
          await expect(d.getByRole('table')).toBeVisible();
          await shot('dialog-policy-import-preview');
        });
      });

      await test.step('gaps and the decisions about them', async () => {
        await go('/gaps/:checkId', `/gaps/${more.decidable}`, 'gap-list');
        const actions = (record: string) => page.getByRole('button', { name: w('gaps:actionsFor', { record }) });
        const decide = async (record: string, item: string, name: string) => {
          await actions(record).click();
          await dialog(page.getByRole('menuitem', { name: w(item) }), name);
        };
        await decide(more.openRecord, 'gaps:decide.assign', 'gap-assign');
        await decide(more.openRecord, 'gaps:decide.accept', 'gap-accept');
        await decide(more.openRecord, 'gaps:decide.notApplicable', 'gap-not-applicable');
        await decide(more.decidedRecord, 'gaps:decide.reopen', 'gap-reopen');
        if (ids.gap !== more.decidable) await go('/gaps/:checkId', `/gaps/${ids.gap}`, 'gap-list-first');
      });

      await test.step('the requests desk', async () => {
        await go('/requests', '/requests', 'requests-list');
        await dialog(w('requests:purge.button'), 'requests-purge');
        await go('/requests/calendar', '/requests/calendar', 'holiday-calendar');
        await go('/requests/new', '/requests/new', 'request-intake');
        await page.getByRole('button', { name: w('common:dateFields.pickDateTime') }).first().click();
        await expect(page.getByRole('dialog')).toBeVisible();
        await shot('request-intake-date-picker');
        await page.keyboard.press('Escape');
        await submitEmpty('request-intake-errors');
        await page.getByRole('textbox', { name: w('requests:fields.requesterName'), exact: true }).fill('周杰');
        await page.getByRole('textbox', { name: w('requests:fields.requesterContact'), exact: true }).fill('13800138000');
        await button(w('requests:intake.save')).click();
        await expect(page.getByTestId('intake-result')).toBeVisible();
        await shot('request-intake-saved', { keepToasts: true });
      });

      await test.step('a request in each state, with its action dialogs', async () => {
        const r = ids.requests;
        const detail = (id: number, name: string) => go('/requests/:id', `/requests/${id}`, name);
        await detail(r.new, 'request-new');
        for (const a of ['startVerification', 'verify', 'pause', 'refuse', 'withdraw', 'note']) await dialog(w(`requests:action.${a}`), `request-${a}`);
        await detail(r.in_progress, 'request-in-progress');
        await dialog(w('requests:action.respond'), 'request-respond');
        // The letter for an extension asks for the reason; sent, it goes on the timeline.
        await page.getByRole('combobox', { name: w('requests:templates.template') }).click();
        await page.getByRole('option', { name: w('requests:templates.kinds.extension') }).click();
        await expect(page.getByRole('textbox', { name: w('requests:templates.reason') })).toBeVisible();
        await page.getByRole('textbox', { name: w('requests:templates.reason') }).fill(lang === 'en' ? 'The records are kept by two departments.' : '相关记录分别由两个部门保存。');
        await shot('request-letter-extension');
        await button(w('requests:templates.send')).click();
        await expect(page.locator('.mantine-Notification-root')).toBeVisible();
        await shot('request-letter-sent', { keepToasts: true });
        await detail(r.awaiting, 'request-awaiting');
        await dialog(w('requests:action.resume'), 'request-resume');
        await detail(r.responded, 'request-responded');
        await dialog(w('requests:action.close'), 'request-close');
        await detail(r.closed, 'request-closed');
        await dialog(w('requests:action.reopen'), 'request-reopen');
        await detail(more.refused, 'request-refused');
        await detail(more.withdrawn, 'request-withdrawn');
        await go('/requests/:id/edit', `/requests/${r.new}/edit`, 'request-edit');
      });

      await test.step('reports, import and backups', async () => {
        await go('/reports', '/reports', 'reports');
        await go('/import', '/import', 'import');
        await page.locator('input[type="file"]').first().setInputFiles({ name: 'ropa-zh.csv', mimeType: 'text/csv', buffer: readFileSync(resolve(IMPORT_FIXTURES, 'ropa-zh.csv')) });
        await expect(page.getByRole('heading', { name: w('reports:import.previewTitle') })).toBeVisible();
        await shot('import-preview-issues');
        await button(w('reports:mapping.mapColumns')).click();
        const mapping = page.getByRole('dialog').last();
        await expect(mapping).toBeVisible();
        await shot('dialog-import-mapping');
        await button(w('reports:mapping.apply'), mapping).click();
        await expect(page.getByRole('dialog')).toHaveCount(0);
        await shot('import-preview-mapped');
        await go('/backups', '/backups', 'backups');
        await dialog(w('reports:backup.restore'), 'backup-restore');
        await button(w('reports:backup.restore')).click();
        await button(w('reports:backup.restore'), page.getByRole('dialog')).click();
        await expect(page.getByRole('dialog')).toHaveCount(0);
        await expect(button(w('reports:backup.cancel'))).toBeVisible();
        await shot('backups-restore-pending', { keepToasts: true });
        await button(w('reports:backup.cancel')).click();
        await expect(button(w('reports:backup.cancel'))).toHaveCount(0);
      });

      await test.step('settings, letter templates and the audit check', async () => {
        await go('/settings', '/settings', 'settings');
        await button(w('settings:verify')).click();
        await expect(page.getByRole('status').filter({ hasText: /\S/ }).first()).toBeVisible();
        await shot('settings-audit-verified');
        await button(w('common:actions.save')).click();
        await expect(page.locator('.mantine-Notification-root')).toBeVisible();
        await page.evaluate(() => window.scrollTo(0, 0));
        await shot('settings-saved', { keepToasts: true });
        await clearToasts();
        const subject = page.getByRole('textbox', { name: w('requests:letters.subject') });
        await subject.fill(`${await subject.inputValue()} *`);
        await button(w('requests:letters.save')).click();
        await expect(button(w('requests:letters.reset'))).toBeEnabled();
        await dialog(w('requests:letters.reset'), 'letter-template-reset');
      });

      const missing = routerPaths().filter((p) => !visited.has(p));
      expect(missing, `routes of the router with no picture (${lang})`).toEqual([]);
    } finally {
      await context.close();
      for (const h of hosts) await h.stop();
    }
  });
}
