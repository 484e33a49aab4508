import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { onServer, startTestServer, type TestServer } from '../setup/postgres';
import { startRelay } from '../setup/tcp-relay';
import { screenshot, startHost, type WebHost } from './fixtures';
import { RequestsPage } from './pages/RequestsPage';
import { CategoriesPage } from './pages/CategoriesPage';
import { TransferPages } from './pages/TransferPages';

/**
 * The workbench on a PostgreSQL server, through the real renderer: a new team register set up on
 * the welcome screen with its first officer, then the main flows (log a request, work it to done,
 * add a category, export a report); the screens for a server that does not answer, a wrong
 * password, TLS, a newer schema and a database that is not a register, each in both languages,
 * with the way on through "Connect to a team register"; and a server lost while in use.
 * A throwaway server of the spec's own (tests/setup/postgres.ts) where the database role must give
 * its password (SCRAM), as on a real server.
 */

type Lang = 'en' | 'zh-CN';
const NOW = '2026-11-17T06:30:00.000Z';
const I18N = resolve(__dirname, '../../src/shared/i18n');
const ROLE = 'workbench';
const ROLE_PASSWORD = 'team-db-password-1';
const FIRST_MIGRATION = Object.keys(JSON.parse(readFileSync(resolve(__dirname, '../../src/main/core/db/migrations/released.json'), 'utf8')) as Record<string, string>).sort()[0]!;

function word(lang: Lang, key: string, params: Record<string, string> = {}): string {
  const [ns, path] = key.split(':') as [string, string];
  let value: unknown = JSON.parse(readFileSync(resolve(I18N, lang, `${ns}.json`), 'utf8'));
  for (const part of path.split('.')) value = (value as Record<string, unknown>)[part];
  if (typeof value !== 'string') throw new Error(`no string at ${lang}/${key}`);
  return value.replace(/{{(\w+)}}/g, (_, p: string) => params[p] ?? '');
}

interface Team {
  server: TestServer;
  port: number;
  /** A new, empty database owned by the workbench's role; its address with the given password. */
  database(name: string, password?: string): Promise<string>;
  sql(database: string, statement: string, asSuperuser?: boolean): Promise<void>;
}

const test = base.extend<object, { team: Team }>({
  team: [
    async ({}, use) => {
      const server = await startTestServer();
      const port = Number(new URL(server.base).port);
      // As on a real server: the workbench's role signs in with a SCRAM password; the tests' own
      // superuser stays trusted on loopback.
      await onServer(
        server.base,
        `create role ${ROLE} login password '${ROLE_PASSWORD}'`,
        `copy (select unnest(array['local all all trust', 'host all postgres 127.0.0.1/32 trust', 'host all all 127.0.0.1/32 scram-sha-256'])) to '${await hbaFile(server.base)}'`,
        'select pg_reload_conf()',
      );
      /** Runs a statement as the workbench's role (what it creates, the workbench may read). */
      const sql = async (database: string, statement: string, asSuperuser = false) => {
        const client = new pg.Client({ connectionString: asSuperuser ? `${server.base}/${database}` : `postgres://${ROLE}:${ROLE_PASSWORD}@127.0.0.1:${port}/${database}` });
        await client.connect();
        try {
          await client.query(statement);
        } finally {
          await client.end();
        }
      };
      await use({
        server,
        port,
        async database(name, password = ROLE_PASSWORD) {
          await onServer(server.base, `drop database if exists ${name} with (force)`, `create database ${name} owner ${ROLE}`);
          await sql(name, 'create extension if not exists pg_trgm', true);
          return `postgres://${ROLE}:${encodeURIComponent(password)}@127.0.0.1:${port}/${name}?sslmode=disable`;
        },
        sql,
      });
      await server.stop();
    },
    { scope: 'worker' },
  ],
});

async function hbaFile(base: string): Promise<string> {
  const client = new pg.Client({ connectionString: `${base}/postgres` });
  await client.connect();
  try {
    return (await client.query<{ hba_file: string }>('show hba_file')).rows[0]!.hba_file;
  } finally {
    await client.end();
  }
}

test.describe.configure({ timeout: 240_000 });

/** Sets up the new team register on the welcome screen, its first officer signed in at once. */
async function setUpTeamRegister(page: Page, host: WebHost, lang: Lang) {
  const w = (key: string) => word(lang, key);
  await page.goto(host.url);
  await expect(page.getByRole('heading', { name: w('welcome:title') })).toBeVisible();
  await expect(page.getByText(w('welcome:firstOfficer.intro'))).toBeVisible();
  await page.getByLabel(w('welcome:organisation')).fill('码尚云');
  await page.getByRole('textbox', { name: w('welcome:firstOfficer.signInName'), exact: true }).fill('wang.fang');
  await page.getByRole('textbox', { name: w('welcome:firstOfficer.displayName'), exact: true }).fill('王芳');
  await page.getByRole('textbox', { name: w('welcome:firstOfficer.password'), exact: true }).fill('officer-password-1');
  await page.getByRole('radio', { name: w('welcome:empty') }).check();
  await screenshot(page, 'team-welcome');
  await page.getByRole('button', { name: w('welcome:start'), exact: true }).click();
  await expect(page.getByRole('navigation', { name: w('common:nav.label') })).toBeVisible();
  await expect(page.getByTestId('signed-in-as')).toContainText('王芳');
}

test('on PostgreSQL: set up with the first officer, log a request and work it to done, add a category, export a report; a lost server shows a banner and coming back works', async ({ page, team }) => {
  const url = await team.database('pw_e2e_flows');
  // The workbench reaches the server through a relay that the test cuts and restores.
  const relay = await startRelay({ host: '127.0.0.1', port: team.port });
  const host = await startHost({ dbPath: url.replace(`:${team.port}/`, `:${relay.port}/`), lang: 'en', clock: NOW });
  try {
    await setUpTeamRegister(page, host, 'en');
    // The header names the server, never the database password.
    await expect(page.getByTestId('header-database')).toContainText('pw_e2e_flows');
    await expect(page.getByTestId('header-database')).not.toContainText(ROLE_PASSWORD);

    const requests = new RequestsPage(page);
    await requests.openIntakeByShortcut();
    await requests.logByKeyboard({ name: '王小明', contact: '13800138000', account: 'U-20481', kindSearch: 'Deletion', details: 'Caller asks to delete the browsing history.' });
    await expect(page.getByTestId('intake-reference')).toHaveText('REQ-2026-0001');
    await expect(page.getByTestId('intake-due')).toHaveText('Due by the end of 2 Dec 2026');
    await page.getByRole('link', { name: 'Open the request' }).click();
    await expect(page.getByRole('heading', { name: 'Request REQ-2026-0001' })).toBeVisible();
    await requests.act('Record identity check', (d) => requests.chooseIn(d, 'Method', 'SMS code to the registered phone'));
    await expect(requests.status()).toHaveText('In progress');
    await requests.act('Record response', (d) => d.getByRole('textbox', { name: 'What was done or sent' }).fill('Browsing history deleted; confirmation sent by SMS.'));
    await expect(requests.status()).toHaveText('Responded');
    await requests.act('Close');
    await expect(requests.status()).toHaveText('Closed');
    const timeline = page.getByTestId('request-timeline');
    for (const step of ['Logged', 'Identity verified', 'Response recorded', 'Closed']) await expect(timeline.getByText(step, { exact: true })).toBeVisible();
    // Every step is signed by the person who took it.
    await expect(timeline.getByText('王芳 (wang.fang)').first()).toBeVisible();
    await screenshot(page, 'team-request-closed');

    // The desk's search on the server: the contact's middle digits (the GIN index's matches, read by
    // id), the year's references and the name's first two characters each find the request.
    await page.evaluate(() => (location.hash = '#/requests'));
    const searchBox = page.getByLabel('Search reference, name, contact or account');
    const rows = page.getByRole('table', { name: 'Requests, with their status and deadline' }).getByRole('row');
    for (const text of ['0138000', 'REQ-2026-', '王小', 'u-2048']) {
      await searchBox.fill(text);
      await expect(page.getByText('1–1 of 1')).toBeVisible();
      await expect(rows.nth(1)).toContainText('REQ-2026-0001');
    }
    await screenshot(page, 'team-requests-search');
    await searchBox.fill('0138001');
    await expect(rows.filter({ hasText: 'REQ-2026-0001' })).toHaveCount(0);
    await searchBox.fill('');

    // A category.
    await page.getByRole('navigation').getByRole('link', { name: 'Collection categories' }).click();
    await page.getByRole('link', { name: 'New category' }).click();
    const categories = new CategoriesPage(page);
    await page.getByRole('textbox', { name: 'Code', exact: true }).fill('sup-voice');
    await page.getByRole('textbox', { name: 'Name', exact: true }).fill('热线通话记录');
    await categories.addDataItems(['通话录音', '来电号码']);
    await page.getByRole('textbox', { name: 'Purposes', exact: true }).fill('记录热线通话以核实请求');
    await categories.chooseOption('Stage', 'From support');
    await categories.save();
    await expect(page.getByRole('heading', { name: 'SUP-VOICE · 热线通话记录' })).toBeVisible();

    // The register as a workbook, with that category in it.
    const pages = new TransferPages(page, 'en');
    await pages.open('reports');
    await pages.choose('format', 'Excel workbook (XLSX)');
    const [xlsx] = await pages.exportFiles();
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(await xlsx!.path());
    expect(book.getWorksheet('Collection categories')!.getRow(2).getCell(1).value).toBe('SUP-VOICE');

    // The server goes away: the next call shows the banner, the screen stays as it was. (The desk's
    // list read a moment ago is still fresh in the renderer's cache: a search not made yet is a call.)
    await relay.cut();
    await page.getByRole('navigation').getByRole('link', { name: 'Requests', exact: true }).click();
    await page.getByLabel('Search reference, name, contact or account').fill('2026-0001');
    await expect(page.getByTestId('connection-lost')).toBeVisible();
    await expect(page.getByTestId('connection-lost')).toContainText(word('en', 'welcome:lost.title'));
    // A read failed, not a write: the banner says the screen is as last read, and the list that it could not be read, never that nothing matches.
    await expect(page.getByTestId('connection-lost')).toContainText(word('en', 'welcome:lost.bodyRead'));
    await expect(page.getByText(word('en', 'common:paging.failedOffline'))).toBeVisible();
    await expect(page.getByText(word('en', 'common:paging.empty'))).toHaveCount(0);
    await screenshot(page, 'team-connection-lost');
    // Back: Try again reads again, and the banner goes.
    await relay.restore();
    await page.getByTestId('connection-lost').getByRole('button', { name: word('en', 'welcome:lost.retry') }).click();
    await expect(page.getByTestId('connection-lost')).toHaveCount(0);
    await expect(page.getByRole('table', { name: requests.text.table }).getByRole('link', { name: 'REQ-2026-0001' })).toBeVisible();
  } finally {
    await host.stop();
    await relay.close();
  }
});

/** Calls the API from the page, as the person signed in there (the web host's session is the browser's cookie). */
function pageApi<T = unknown>(page: Page, channel: string, input: unknown): Promise<{ ok: boolean; value?: T; error?: { code: string; message: string } }> {
  return page.evaluate(([c, i]) => (window as unknown as { api: Record<string, (input: unknown) => Promise<never>> }).api[c]!(i), [channel, input] as const);
}

test('two web hosts on one server: an officer and a desk person log requests at once; references stay unique and gap-free, each sees the other\'s, and the chain verifies', async ({ browser, team }) => {
  const url = await team.database('pw_e2e_two_hosts');
  const officerHost = await startHost({ dbPath: url, lang: 'en', clock: NOW });
  const deskHost = await startHost({ dbPath: url, lang: 'en', clock: NOW });
  const [officerContext, deskContext] = await Promise.all([browser.newContext(), browser.newContext()]);
  try {
    const officer = await officerContext.newPage();
    await setUpTeamRegister(officer, officerHost, 'en');
    const person = await pageApi(officer, 'people:create', { signInName: 'li.na', displayName: '李娜', role: 'desk', password: 'desk-password-1' });
    expect(person.ok, person.error?.message).toBe(true);

    // The desk person signs in on the other host (in the register's language, which its officer chose).
    const desk = await deskContext.newPage();
    const z = (key: string) => word('en', key);
    await desk.goto(deskHost.url);
    await expect(desk.getByRole('heading', { name: z('people:signIn.title') })).toBeVisible();
    await desk.getByLabel(z('people:signIn.signInName')).fill('li.na');
    await desk.getByRole('textbox', { name: z('people:signIn.password') }).fill('desk-password-1');
    await desk.getByRole('button', { name: z('people:signIn.submit') }).click();
    await expect(desk.getByTestId('signed-in-as')).toContainText('李娜');
    for (const [page, name] of [[officer, 'Requests'], [desk, 'Requests']] as const) {
      await page.getByRole('navigation').getByRole('link', { name }).first().click();
    }

    // Both hosts log requests at the same time, each as its own person.
    const EACH = 8;
    const logAll = (page: Page, who: string) =>
      Promise.all(
        Array.from({ length: EACH }, (_, i) =>
          pageApi<{ reference: string }>(page, 'requests:create', {
            channel: 'hotline',
            receivedAt: '2026-11-17T02:00:00Z',
            requesterName: `${who} 来电 ${i + 1}`,
            requesterContact: `1390000${String(i).padStart(4, '0')}`,
            kind: 'access_copy',
          }),
        ),
      );
    const [fromOfficer, fromDesk] = await Promise.all([logAll(officer, '王芳'), logAll(desk, '李娜')]);
    const references = [...fromOfficer, ...fromDesk].map((r) => {
      expect(r.ok, r.error?.message).toBe(true);
      return r.value!.reference;
    });
    expect([...references].sort()).toEqual(Array.from({ length: 2 * EACH }, (_, i) => `REQ-2026-${String(i + 1).padStart(4, '0')}`));

    // Each screen shows the other's requests by itself (the remote-changes poll), without a reload.
    const last = `REQ-2026-${String(2 * EACH).padStart(4, '0')}`;
    for (const page of [officer, desk]) await expect(page.getByRole('link', { name: last })).toBeVisible({ timeout: 20_000 });
    await expect(officer.getByText('李娜 来电 1', { exact: true })).toBeVisible();
    await expect(desk.getByText('王芳 来电 1', { exact: true })).toBeVisible();
    await screenshot(desk, 'team-two-hosts-desk');

    // The one chain verifies from either host.
    for (const page of [officer, desk]) {
      const verified = await pageApi<{ ok: boolean; checked: number }>(page, 'audit:verify', {});
      expect(verified.ok, verified.error?.message).toBe(true);
      expect(verified.value!.ok).toBe(true);
      expect(verified.value!.checked).toBeGreaterThanOrEqual(2 * EACH);
    }
  } finally {
    await Promise.all([officerContext.close(), deskContext.close()]);
    await Promise.all([officerHost.stop(), deskHost.stop()]);
  }
});

for (const lang of ['en', 'zh-CN'] as Lang[]) {
  const w = (key: string, params?: Record<string, string>) => word(lang, key, params);
  const title = (page: Page) => page.getByTestId('connection-problem-title');

  test(`${lang}: a wrong password, then "Connect to a team register" with the right one sets up a new register`, async ({ page, team }) => {
    const good = await team.database(`pw_e2e_pw_${lang === 'en' ? 'en' : 'zh'}`);
    const host = await startHost({ dbPath: good.replace(ROLE_PASSWORD, 'not-the-password'), lang, clock: NOW });
    try {
      await page.goto(host.url);
      await expect(title(page)).toHaveText(w('welcome:problem.title.server_auth'));
      await expect(page.getByRole('alert').first()).toContainText(w('errors:open.server_auth', { server: `127.0.0.1:${team.port}`, user: ROLE }));
      await screenshot(page, 'team-problem-password');
      await page.getByRole('button', { name: w('welcome:problem.connectOther') }).click();
      const dialog = page.getByRole('dialog', { name: w('welcome:connect.title') });
      await dialog.getByRole('textbox', { name: w('welcome:connect.server'), exact: true }).fill('127.0.0.1');
      await dialog.getByRole('textbox', { name: w('welcome:connect.port'), exact: true }).fill(String(team.port));
      await dialog.getByRole('textbox', { name: w('welcome:connect.database'), exact: true }).fill(new URL(good).pathname.slice(1));
      await dialog.getByRole('textbox', { name: w('welcome:connect.user'), exact: true }).fill(ROLE);
      await dialog.getByRole('textbox', { name: w('welcome:connect.password'), exact: true }).fill('still-wrong');
      await page.getByRole('combobox', { name: w('welcome:connect.tls') }).click();
      await page.getByRole('option', { name: w('welcome:connect.tlsMode.disable') }).click();
      await expect(dialog.getByText(w('welcome:connect.tlsWeak'))).toBeVisible();
      await dialog.getByRole('button', { name: w('welcome:connect.test') }).click();
      await expect(dialog.getByTestId('connection-problem')).toContainText(w('errors:open.server_auth', { server: `127.0.0.1:${team.port}`, user: ROLE }));
      await dialog.getByRole('textbox', { name: w('welcome:connect.password'), exact: true }).fill(ROLE_PASSWORD);
      await dialog.getByRole('button', { name: w('welcome:connect.test') }).click();
      await expect(dialog.getByTestId('connection-test-ok')).toContainText(w('welcome:connect.testOkNew', { location: '' }).slice(0, 8));
      await screenshot(page, 'team-connect-dialog');
      await dialog.getByRole('button', { name: w('welcome:connect.submit'), exact: true }).click();
      await expect(page.getByRole('heading', { name: w('welcome:title') })).toBeVisible();
      await expect(page.getByText(w('welcome:firstOfficer.intro'))).toBeVisible();
    } finally {
      await host.stop();
    }
  });

  test(`${lang}: the server lost under the desk: the desk opened and a search say the list could not be read and Try again brings it back; a setting saved says it was not saved, what was typed kept; a page opened says it could not be loaded`, async ({ page, team }) => {
    const url = await team.database(`pw_e2e_lost_${lang === 'en' ? 'en' : 'zh'}`);
    const relay = await startRelay({ host: '127.0.0.1', port: team.port });
    const host = await startHost({ dbPath: url.replace(`:${team.port}/`, `:${relay.port}/`), lang, clock: NOW });
    try {
      await setUpTeamRegister(page, host, lang);
      // The desk opened with the server away: its list and "assigned to me" say they could not be read, neither that it is empty.
      await relay.cut();
      await page.getByRole('navigation').getByRole('link', { name: w('requests:title'), exact: true }).click();
      await expect(page.getByText(w('common:paging.failedOffline'))).toHaveCount(2);
      await expect(page.getByText(w('people:mine.empty'))).toHaveCount(0);
      await screenshot(page, 'team-connection-lost-desk');
      const banner = page.getByTestId('connection-lost');
      // Try again while the server is still away: every read fails again, the app's and the
      // session's among them, and the workbench stays, with the banner (not a screen of its own).
      await banner.getByRole('button', { name: w('welcome:lost.retry') }).click();
      await expect(banner).toContainText(w('welcome:lost.bodyRead'));
      await expect(page.getByRole('navigation').getByRole('link', { name: w('requests:title'), exact: true })).toBeVisible();
      await expect(page.getByText(w('common:paging.failedOffline'))).toHaveCount(2);
      await relay.restore();
      await banner.getByRole('button', { name: w('welcome:lost.retry') }).click();
      const table = page.getByRole('table', { name: w('requests:table.caption') });
      await expect(page.getByText(w('common:paging.empty'))).toBeVisible();
      await expect(page.getByText(w('people:mine.empty'))).toBeVisible();
      await relay.cut();
      await page.getByLabel(w('requests:searchLabel')).fill('王小明');
      await expect(banner).toContainText(w('welcome:lost.bodyRead'));
      await expect(page.getByText(w('common:paging.failedOffline'))).toBeVisible();
      await expect(page.getByText(w('common:paging.empty'))).toHaveCount(0);
      await screenshot(page, 'team-connection-lost-read');
      await relay.restore();
      await banner.getByRole('button', { name: w('welcome:lost.retry') }).click();
      await expect(banner).toHaveCount(0);
      await expect(table).toBeVisible();
      await expect(page.getByText(w('common:paging.empty'))).toBeVisible();

      // A write while the server is away: not saved, the banner says so, and what was typed stays.
      await page.getByRole('navigation').getByRole('link', { name: w('common:nav.settings'), exact: true }).click();
      const hotline = page.getByRole('textbox', { name: w('settings:fields.hotline'), exact: true });
      await hotline.fill('400-820-1234');
      await relay.cut();
      await page.getByRole('button', { name: w('common:actions.save'), exact: true }).click();
      await expect(banner).toContainText(w('welcome:lost.body'));
      await expect(hotline).toHaveValue('400-820-1234');
      await screenshot(page, 'team-connection-lost-write');
      await relay.restore();
      await page.getByRole('button', { name: w('common:actions.save'), exact: true }).click();
      await expect(page.getByText(w('settings:saved'))).toBeVisible();
      await expect(banner).toHaveCount(0);

      // A page opened while the server is away (a call logged on the hotline): it says it could not
      // be loaded, not an endless spinner; once the server is back, Try again opens the form.
      await page.getByRole('navigation').getByRole('link', { name: w('requests:title'), exact: true }).click();
      await relay.cut();
      await page.getByRole('link', { name: w('requests:new') }).click();
      await expect(page.getByText(w('common:pageFailedOffline'))).toBeVisible();
      await expect(banner).toContainText(w('welcome:lost.bodyRead'));
      await expect(page.getByLabel(w('common:loading'))).toHaveCount(0);
      await screenshot(page, 'team-connection-lost-page');
      // Pages not read before: the policy's clauses (a list under its search), the backups.
      await page.getByRole('navigation').getByRole('link', { name: w('policy:title'), exact: true }).click();
      await expect(page.getByText(w('common:paging.failedOffline'))).toBeVisible();
      await screenshot(page, 'team-connection-lost-policy');
      await page.getByRole('navigation').getByRole('link', { name: w('reports:nav.backups'), exact: true }).click();
      await expect(page.getByText(w('common:pageFailedOffline'))).toBeVisible();
      await page.getByRole('navigation').getByRole('link', { name: w('requests:title'), exact: true }).click();
      await page.getByRole('link', { name: w('requests:new') }).click();
      await expect(page.getByText(w('common:pageFailedOffline'))).toBeVisible();
      await relay.restore();
      await banner.getByRole('button', { name: w('welcome:lost.retry') }).click();
      await expect(page.getByRole('textbox', { name: w('requests:fields.requesterName'), exact: true })).toBeVisible();
      await expect(page.getByText(w('common:pageFailedOffline'))).toHaveCount(0);
    } finally {
      await host.stop();
      await relay.close();
    }
  });

  test(`${lang}: a server that does not answer, TLS, a newer schema and a database that is not a register each get their screen, and nothing is written`, async ({ page, team }) => {
    const suffix = lang === 'en' ? 'en' : 'zh';
    const newer = await team.database(`pw_e2e_newer_${suffix}`);
    await team.sql(`pw_e2e_newer_${suffix}`, `create table kysely_migration (name varchar(255) primary key, timestamp varchar(255) not null)`);
    await team.sql(`pw_e2e_newer_${suffix}`, `insert into kysely_migration values ('${FIRST_MIGRATION}', '2026-11-29'), ('2099_01_01_0000_from_the_future', '2099-01-01')`);
    const foreign = await team.database(`pw_e2e_foreign_${suffix}`);
    await team.sql(`pw_e2e_foreign_${suffix}`, 'create table invoices (id serial primary key, total numeric)');
    const cases: { name: string; url: string; problem: string }[] = [
      { name: 'team-problem-unreachable', url: `postgres://${ROLE}:${ROLE_PASSWORD}@127.0.0.1:1/privacy_workbench`, problem: 'server_unreachable' },
      { name: 'team-problem-tls', url: newer.replace('sslmode=disable', 'sslmode=require&uselibpqcompat=true'), problem: 'server_tls' },
      { name: 'team-problem-newer', url: newer, problem: 'newer_schema' },
      { name: 'team-problem-not-register', url: foreign, problem: 'not_register' },
    ];
    for (const c of cases) {
      const host = await startHost({ dbPath: c.url, lang, clock: NOW });
      try {
        await page.goto(host.url);
        await expect(title(page)).toHaveText(w(`welcome:problem.title.${c.problem}`));
        await expect(page.getByRole('button', { name: w('welcome:problem.retry') })).toBeVisible();
        await expect(page.getByRole('button', { name: w('welcome:connect.useLocal') })).toBeVisible();
        await expect(page.getByText(ROLE_PASSWORD)).toHaveCount(0);
        await screenshot(page, c.name);
      } finally {
        await host.stop();
      }
    }
    // Nothing half-written: the refused databases hold what they held.
    const tables = async (name: string) => {
      const client = new pg.Client({ connectionString: `${team.server.base}/${name}` });
      await client.connect();
      const { rows } = await client.query<{ t: string }>(`select table_name as t from information_schema.tables where table_schema = 'public' order by 1`);
      await client.end();
      return rows.map((r) => r.t);
    };
    expect(await tables(`pw_e2e_newer_${suffix}`)).toEqual(['kysely_migration']);
    expect(await tables(`pw_e2e_foreign_${suffix}`)).toEqual(['invoices']);
  });
}
