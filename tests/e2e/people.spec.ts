import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';
import { screenshot, startHost, type WebHost } from './fixtures';

/**
 * Team mode in the browser: people sign in on the sign-in page, and what their role may not do is
 * hidden from them and refused by the core (the same permission table). Both languages; the
 * sign-in page and Settings → People pass axe and are kept as screenshots.
 */

type Lang = 'en' | 'zh-CN';
const NOW = '2026-11-17T06:30:00.000Z';
const I18N = resolve(__dirname, '../../src/shared/i18n');

function word(lang: Lang, key: string, params: Record<string, string> = {}): string {
  const [ns, path] = key.split(':') as [string, string];
  let value: unknown = JSON.parse(readFileSync(resolve(I18N, lang, `${ns}.json`), 'utf8'));
  for (const part of path.split('.')) value = (value as Record<string, unknown>)[part];
  if (typeof value !== 'string') throw new Error(`no string at ${lang}/${key}`);
  return value.replace(/{{(\w+)}}/g, (_, p: string) => params[p] ?? '');
}

async function expectAccessible(page: Page, where: string): Promise<void> {
  await page.waitForTimeout(250);
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`), `axe on ${where}`).toEqual([]);
}

/** An API client that keeps its session cookie, as one browser would. */
function client(host: WebHost) {
  const origin = new URL(host.url).origin;
  let cookie = '';
  return async <T = unknown>(channel: string, input: unknown) => {
    const response = await fetch(`${origin}/api/${channel}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${host.token}`, 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
      body: JSON.stringify(input),
    });
    const set = response.headers.get('set-cookie');
    if (set) cookie = set.split(';')[0]!;
    return (await response.json()) as { ok: boolean; value?: T; error?: { code: string; message: string } };
  };
}

const PASSWORDS = { 'wang.fang': 'officer-password-1', 'li.na': 'desk-password-1', 'zhao.lei': 'viewer-password-1' } as const;

for (const lang of ['en', 'zh-CN'] as Lang[]) {
  const test = base.extend<object, { shared: { host: WebHost; categoryId: number } }>({
    shared: [
      async ({}, use) => {
        const host = await startHost({ lang, template: 'sample', clock: NOW });
        const api = client(host);
        // The first officer's password begins team mode; this session stays signed in as that officer.
        expect((await api('people:create', { signInName: 'wang.fang', displayName: '王芳', role: 'officer', password: PASSWORDS['wang.fang'] })).ok).toBe(true);
        expect((await api('people:create', { signInName: 'li.na', displayName: '李娜', role: 'desk', password: PASSWORDS['li.na'] })).ok).toBe(true);
        expect((await api('people:create', { signInName: 'zhao.lei', displayName: '赵磊', role: 'viewer', password: PASSWORDS['zhao.lei'] })).ok).toBe(true);
        const categories = await api<{ items: { id: number }[] }>('categories:list', {});
        await use({ host, categoryId: categories.value!.items[0]!.id });
        await host.stop();
      },
      { scope: 'worker' },
    ],
  });
  const w = (key: string, params?: Record<string, string>) => word(lang, key, params);
  // Each test signs in (a scrypt check) and runs axe on several screens: slow on a busy machine.
  test.describe.configure({ timeout: 180_000 });

  const signIn = async (page: Page, host: WebHost, name: keyof typeof PASSWORDS) => {
    await page.goto(host.url);
    await expect(page.getByRole('heading', { name: w('people:signIn.title') })).toBeVisible();
    await page.getByLabel(w('people:signIn.signInName')).fill(name);
    await page.getByRole('textbox', { name: w('people:signIn.password') }).fill(PASSWORDS[name]);
    await page.getByRole('button', { name: w('people:signIn.submit') }).click();
    await expect(page.getByRole('navigation', { name: w('common:nav.label') })).toBeVisible();
  };

  const nav = (page: Page) => page.getByRole('navigation', { name: w('common:nav.label') });
  const go = (page: Page, route: string) => page.evaluate((r) => (window.location.hash = `#${r}`), route);
  const refusal = (page: Page, channel: string, input: unknown) =>
    page.evaluate(async ([c, i]) => (window as unknown as { api: Record<string, (x: unknown) => Promise<unknown>> }).api[c as string]!(i), [channel, input] as const) as Promise<{
      ok: boolean;
      error?: { code: string; message: string };
    }>;

  test(`${lang}: the sign-in page refuses a wrong password, and passes axe`, async ({ page, shared }) => {
    await page.goto(shared.host.url);
    await expect(page.getByRole('heading', { name: w('people:signIn.title') })).toBeVisible();
    await expectAccessible(page, `sign-in (${lang})`);
    await screenshot(page, 'sign-in');
    await page.getByLabel(w('people:signIn.signInName')).fill('li.na');
    await page.getByRole('textbox', { name: w('people:signIn.password') }).fill('not-the-password');
    await page.getByRole('button', { name: w('people:signIn.submit') }).click();
    await expect(page.getByRole('alert')).toHaveText(word(lang, 'errors:signIn.wrong'));
    await screenshot(page, 'sign-in-refused');
  });

  test(`${lang}: the desk logs requests but sees no settings, imports, backups, deletes or register edits`, async ({ page, shared }) => {
    await signIn(page, shared.host, 'li.na');
    await expect(page.getByTestId('signed-in-as')).toContainText('李娜');
    await expect(nav(page).getByRole('link', { name: w('common:nav.settings') })).toHaveCount(0);
    await expect(nav(page).getByRole('link', { name: w('reports:nav.import') })).toHaveCount(0);
    await expect(nav(page).getByRole('link', { name: w('reports:nav.backups') })).toHaveCount(0);
    await go(page, `/categories/${shared.categoryId}`);
    await expect(page.getByRole('heading', { level: 2 }).first()).toBeVisible();
    await expect(page.getByRole('button', { name: w('common:actions.delete') })).toHaveCount(0);
    await expect(page.getByRole('button', { name: w('common:actions.retire') })).toHaveCount(0);
    await screenshot(page, 'desk-category');
    // A page the role may not use, opened by its address, sends the desk home.
    await go(page, '/settings');
    await expect(page).toHaveURL(/#\/$/);
    await go(page, '/requests');
    await expect(page.getByRole('link', { name: w('requests:new') })).toBeVisible();
    await expect(page.getByTestId('my-requests')).toBeVisible();
    await screenshot(page, 'desk-requests');
    // The core refuses what the screen hides.
    const deleted = await refusal(page, 'categories:delete', { id: shared.categoryId, revision: 1 });
    expect(deleted).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(deleted.error!.message).toBe(word(lang, 'errors:notPermitted', { role: word(lang, 'people:roles.desk'), area: 'categories', action: 'delete' }));
  });

  test(`${lang}: a viewer reads and exports, and can neither log nor work a request`, async ({ page, shared }) => {
    await signIn(page, shared.host, 'zhao.lei');
    await go(page, '/requests');
    await expect(page.getByRole('heading', { level: 2 }).first()).toBeVisible();
    await expect(page.getByRole('link', { name: w('requests:new') })).toHaveCount(0);
    await expect(nav(page).getByRole('link', { name: w('reports:nav.reports') })).toBeVisible();
    await screenshot(page, 'viewer-requests');
    const created = await refusal(page, 'requests:create', {});
    expect(created).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await refusal(page, 'settings:update', { organisationName: 'x' })).error?.code).toBe('FORBIDDEN');
    // Signing out ends the session: the next call is refused until someone signs in.
    await page.getByRole('button', { name: w('people:signIn.signOut') }).click();
    await expect(page.getByRole('heading', { name: w('people:signIn.title') })).toBeVisible();
    expect((await refusal(page, 'requests:list', {})).error?.code).toBe('FORBIDDEN');
  });

  test(`${lang}: the officer manages people in Settings → People, which passes axe`, async ({ page, shared }) => {
    await signIn(page, shared.host, 'wang.fang');
    await go(page, '/settings');
    const people = page.getByRole('group', { name: w('people:title') });
    await expect(people.getByRole('cell', { name: 'li.na' })).toBeVisible();
    await people.scrollIntoViewIfNeeded();
    await expectAccessible(page, `settings people (${lang})`);
    await screenshot(page, 'settings-people');
    await page.getByRole('button', { name: w('people:actions.add') }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toBeVisible();
    await expectAccessible(page, `add person (${lang})`);
    await screenshot(page, 'dialog-add-person');
    await dialog.getByRole('textbox', { name: w('people:fields.displayName'), exact: true }).fill('钱多');
    await dialog.getByRole('textbox', { name: w('people:fields.signInName'), exact: true }).fill('Li.Na');
    await dialog.getByRole('button', { name: w('people:actions.save') }).click();
    await expect(dialog.getByText(word(lang, 'errors:people.duplicate', { signInName: 'li.na' }))).toBeVisible();
    await dialog.getByRole('textbox', { name: w('people:fields.signInName'), exact: true }).fill('qian.duo');
    await dialog.getByRole('button', { name: w('people:actions.save') }).click();
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await expect(people.getByRole('cell', { name: 'qian.duo' })).toBeVisible();
    await page.getByRole('button', { name: `${w('people:actions.resetPassword')}: 李娜` }).click();
    await expect(page.getByRole('dialog')).toBeVisible();
    await expectAccessible(page, `reset password (${lang})`);
    await screenshot(page, 'dialog-reset-password');
  });
}
