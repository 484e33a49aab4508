import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test, expect, screenshot, startHost, type WebHost } from './fixtures';

// Two thousand requests imported first: a generous budget, no timed assertions.
test.describe.configure({ timeout: 180_000 });

const ROOT = resolve(__dirname, '../..');
const CLI = join(ROOT, process.env.PW_OUT_DIR ?? 'out', 'main/cli.js');
const NOW = '2026-11-17T06:30:00.000Z';
const MANY = 2_050;

/**
 * A search that more requests hold than the desk reads ahead (TRIGRAM_RARITY.candidates, 2,000)
 * and than it counts (TRIGRAM_RARITY.countUpTo, 1,000) says
 * "more than 1,000" and offers its pages that far; one word more, and the count is exact again. The
 * beginning of a reference that a year's requests share is counted exactly while no more than
 * TRIGRAM_RARITY.sortReferencesUpTo (20,000) hold it.
 */
test.describe('a search that most requests hold', () => {
  let host: WebHost;
  test.beforeAll(() => {
    const dir = mkdtempSync(join(tmpdir(), 'pw-many-'));
    const db = join(dir, 'register.sqlite');
    const lines = ["Channel,Received at,Requester's name,Phone or email,Kind of request"];
    for (let i = 0; i < MANY; i++) {
      const day = String(1 + (i % 28)).padStart(2, '0');
      lines.push(`Email,2026-10-${day} 10:00,Caller ${i},caller${i}@example.net,Deletion`);
    }
    writeFileSync(join(dir, 'intake.csv'), `${lines.join('\n')}\n`);
    const env = { ...process.env, LANG: 'en_US.UTF-8' };
    for (const args of [['info', '--db', db, '--template', 'empty'], ['import', '--db', db, '--file', join(dir, 'intake.csv')]]) {
      const run = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env });
      expect(run.status, run.stderr).toBe(0);
    }
    process.env.PW_MANY_DB = db;
  });
  test.afterEach(async () => {
    await host?.stop();
  });

  for (const lang of ['en', 'zh-CN'] as const) {
    test(`says "more than 1,000" for a search that ${MANY} requests hold, and counts a narrower one exactly (${lang})`, async ({ page }) => {
      host = await startHost({ dbPath: process.env.PW_MANY_DB!, lang, clock: NOW });
      // The register was set up on an English system: its settings choose the language shown.
      expect((await host.api('settings:update', { language: lang })).ok).toBe(true);
      const many = await host.api<{ total: number; totalCapped?: boolean }>('requests:list', { search: 'example.net' });
      expect(many.value).toMatchObject({ total: 1000, totalCapped: true });
      const few = await host.api<{ total: number; totalCapped?: boolean }>('requests:list', { search: 'caller204' });
      expect(few.value!.total).toBe(11); // caller204 and caller2040–caller2049
      expect(few.value!.totalCapped).toBeUndefined();

      await page.goto(host.url);
      const en = lang === 'en';
      await page.evaluate(() => (location.hash = '#/requests'));
      const searchBox = page.getByLabel(en ? 'Search reference, name, contact or account' : '搜索编号、姓名、联系方式或账号');
      await searchBox.fill('example.net');
      await expect(page.getByText(en ? '1–25 of more than 1,000' : '第 1–25 条，共超过 1,000 条')).toBeVisible();
      await expect(page.getByText(en ? 'Not every match is counted' : '匹配结果过多，未逐一计数', { exact: false })).toBeVisible();
      // The pages reach as far as the count went: 40 of 25.
      await expect(page.getByRole('button', { name: '40', exact: true })).toBeVisible();
      await screenshot(page, 'requests-search-many');

      await searchBox.fill('caller204');
      await expect(page.getByText(en ? '1–11 of 11' : '第 1–11 条，共 11 条')).toBeVisible();
      await expect(page.getByText(en ? 'Not every match is counted' : '匹配结果过多，未逐一计数', { exact: false })).toHaveCount(0);

      // A year's references, as a reference is typed: every one counted, newest first (the last
      // request of 28 October, the latest day in the file); one digit more, 0001–0999.
      await searchBox.fill('REQ-2026-');
      await expect(page.getByText(en ? `1–25 of ${MANY.toLocaleString('en')}` : `第 1–25 条，共 ${MANY.toLocaleString('en')} 条`)).toBeVisible();
      await expect(page.getByText(en ? 'Not every match is counted' : '匹配结果过多，未逐一计数', { exact: false })).toHaveCount(0);
      const rows = page.getByRole('table', { name: en ? 'Requests, with their status and deadline' : '请求列表及其状态和期限' }).getByRole('row');
      await expect(rows.nth(1)).toContainText('Caller 2043');
      await expect(rows.nth(2)).toContainText('Caller 2015');
      await screenshot(page, 'requests-reference-year');
      await searchBox.fill('REQ-2026-0');
      await expect(page.getByText(en ? '1–25 of 999' : '第 1–25 条，共 999 条')).toBeVisible();
      await expect(page.getByText(en ? 'Not every match is counted' : '匹配结果过多，未逐一计数', { exact: false })).toHaveCount(0);
      // The year typed without the hyphen, in lower case: the same references.
      await searchBox.fill('req-2026');
      await expect(page.getByText(en ? `1–25 of ${MANY.toLocaleString('en')}` : `第 1–25 条，共 ${MANY.toLocaleString('en')} 条`)).toBeVisible();
      await expect(rows.nth(1)).toContainText('Caller 2043');
    });
  }
});
