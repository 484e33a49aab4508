import { chmodSync, mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DatabaseOpenError, openDatabase } from '../../../src/main/core/db/connection';
import { BUSY_SLICE_MS } from '../../../src/main/core/db/sqlite-driver';
import { plainMessage, storageProblemOf } from '../../../src/main/core/errors';
import { openWorkbench, type Workbench } from '../../../src/main/core/workbench';
import { fixedClock } from '../../../src/main/core/clock';
import { commitImport } from '../../../src/main/core/transfer/sheet-import';
import { IMPORT_SPECS } from '../../../src/main/core/transfer/import-specs';
import { verifyAuditChain } from '../../../src/main/core/audit/audit-verify';
import { categoryFixture } from '../../helpers/fixtures';
import { requestsCsv } from '../../helpers/import-files';
import { tableCounts } from '../../helpers/workbench';

const open: Workbench[] = [];
afterEach(async () => {
  while (open.length) await open.pop()!.close();
});

async function fileWorkbench(language: 'en' | 'zh-CN' = 'en', options: { writeWaitMs?: number } = {}) {
  const dbPath = join(mkdtempSync(join(tmpdir(), 'pw-storage-')), 'register.sqlite');
  const wb = await openWorkbench({ dbPath, host: 'cli', systemLanguage: language, clock: fixedClock('2026-11-20T02:00:00.000Z'), actor: 'tester', log: () => {}, ...options });
  open.push(wb);
  await wb.router.invoke('app:setup', { template: 'empty', organisationName: 'Org', language });
  return wb;
}

/** Leaves the register room for `pages` more pages: SQLite then fails a write as if the disk were full. */
function fillDisk(wb: Workbench, pages: number) {
  const used = Number(wb.database.sqlite!.pragma('page_count', { simple: true }));
  wb.database.sqlite!.pragma(`max_page_count = ${used + pages}`);
}

describe('a full disk', () => {
  it('refuses a save with one sentence naming the full disk, in the user’s language, and saves nothing', async () => {
    for (const language of ['en', 'zh-CN'] as const) {
      const wb = await fileWorkbench(language);
      fillDisk(wb, 3);
      let result = await wb.router.invoke('categories:create', categoryFixture({ code: 'C-0', notes: 'x'.repeat(3000) }));
      for (let i = 1; result.ok && i < 50; i += 1) result = await wb.router.invoke('categories:create', categoryFixture({ code: `C-${i}`, notes: 'x'.repeat(3000) }));
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error.message).toBe(language === 'en' ? 'The disk that holds the register is full. Nothing was saved; free some space and try again.' : '登记册所在的磁盘已满。本次操作未保存，请腾出空间后重试。');
      expect(await verifyAuditChain(wb.ctx)).toMatchObject({ ok: true });
    }
  });

  it('stops a 5,000-row import with the real cause (not “no transaction is active”), and writes none of it', async () => {
    const wb = await fileWorkbench();
    const before = await tableCounts(wb);
    fillDisk(wb, 20);
    const error = await commitImport(wb.ctx, 'requests.csv', Buffer.from(requestsCsv(5000)), IMPORT_SPECS).then(
      () => null,
      (e: unknown) => e,
    );
    expect(storageProblemOf(error)).toBe('disk_full');
    expect(plainMessage(error, 'en')).toBe('The disk that holds the register is full. Nothing was saved; free some space and try again.');
    expect(wb.database.sqlite!.inTransaction).toBe(false);
    expect(await tableCounts(wb)).toEqual(before);
    expect(wb.database.sqlite!.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});

describe('a register another program is writing to', () => {
  it('is refused at open after the busy timeout, and opens once the other writer commits', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'pw-locked-')), 'register.sqlite');
    await (await openDatabase({ path })).close();
    const other = new BetterSqlite3(path);
    other.prepare('begin immediate').run();
    const refused = await openDatabase({ path, busyTimeoutMs: 200 }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(DatabaseOpenError);
    expect((refused as DatabaseOpenError).problem).toBe('locked');
    expect(plainMessage(refused, 'zh-CN')).toBe(`${path} 正被另一个程序写入并锁定。请在该程序中关闭它，或等其写完后重试。`);
    other.prepare('rollback').run();
    other.close();
    await (await openDatabase({ path, busyTimeoutMs: 200 })).close();
  });

  it('refuses a write that cannot get the lock in time with CONFLICT and a plain sentence, not INTERNAL, nothing written', async () => {
    const wb = await fileWorkbench('en', { writeWaitMs: 300 });
    const before = await tableCounts(wb);
    const other = new BetterSqlite3(wb.ctx.dbPath);
    other.prepare('begin immediate').run();
    const began = Date.now();
    try {
      const result = await wb.router.invoke('categories:create', categoryFixture());
      expect(result).toEqual({
        ok: false,
        error: { code: 'CONFLICT', message: 'The register is busy: another program or window was writing to it and did not finish in time (a large import can take a few minutes). Nothing was saved; try again.' },
      });
      expect(Date.now() - began).toBeGreaterThanOrEqual(250);
    } finally {
      other.prepare('rollback').run();
      other.close();
    }
    expect(await tableCounts(wb)).toEqual(before);
    expect((await wb.router.invoke('categories:create', categoryFixture())).ok).toBe(true);
  });

  it('lets a write wait for another program that holds the lock far longer than one try (the busy timeout), while this process goes on reading', async () => {
    const wb = await fileWorkbench();
    const other = new BetterSqlite3(wb.ctx.dbPath);
    other.prepare('begin immediate').run();
    // The other program commits after 1.5 s: thirty times the longest one try holds up the thread.
    const holdMs = 30 * BUSY_SLICE_MS;
    setTimeout(() => {
      other.prepare('commit').run();
      other.close();
    }, holdMs);
    const began = Date.now();
    const saving = wb.router.invoke('categories:create', { ...categoryFixture(), code: 'WAITED' });
    // Meanwhile this process answers: a list read and timers on time, not after the other program.
    await new Promise((next) => setTimeout(next, 200));
    const reading = Date.now();
    const listed = await wb.router.invoke('categories:list', { search: '', page: 1, pageSize: 25 });
    expect(listed.ok).toBe(true);
    expect(Date.now() - reading).toBeLessThan(holdMs / 2);
    const saved = await saving;
    expect(saved.ok, saved.ok ? '' : saved.error.message).toBe(true);
    expect(Date.now() - began).toBeGreaterThanOrEqual(holdMs - 50);
    const listedAfter = await wb.router.invoke('categories:list', { search: 'WAITED', page: 1, pageSize: 25 });
    expect(listedAfter.ok && (listedAfter.value as { total: number }).total).toBe(1);
  });

});

describe('a path that holds no register', () => {
  it('is refused by a read-only open, and no file or folder is created', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pw-missing-'));
    const missing = join(dir, 'sub', 'typo.sqlite');
    await expect(openWorkbench({ dbPath: missing, host: 'cli', systemLanguage: 'en', mustExist: true })).rejects.toMatchObject({ problem: 'missing' });
    const empty = join(dir, 'empty.sqlite');
    writeFileSync(empty, '');
    await expect(openWorkbench({ dbPath: empty, host: 'cli', systemLanguage: 'en', mustExist: true })).rejects.toMatchObject({ problem: 'empty' });
    expect(readdirSync(dir)).toEqual(['empty.sqlite']);
    expect(statSync(empty).size).toBe(0);
  });
});

describe('the one mapping from low-level errors to sentences', () => {
  it('names each cause, for SQLite’s extended codes and the file system’s', () => {
    const e = (code: string, path?: string) => Object.assign(new Error(code), { code, ...(path ? { path } : {}) });
    expect(['SQLITE_FULL', 'ENOSPC'].map((c) => storageProblemOf(e(c)))).toEqual(['disk_full', 'disk_full']);
    expect(['SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_LOCKED'].map((c) => storageProblemOf(e(c)))).toEqual(['locked', 'locked', 'locked']);
    // PostgreSQL: the write lock waited out, or other writers met on every attempt.
    expect(['55P03', '40001', '40P01'].map((c) => storageProblemOf(e(c)))).toEqual(['locked', 'locked', 'locked']);
    expect(['SQLITE_READONLY', 'SQLITE_READONLY_DIRECTORY', 'SQLITE_CANTOPEN', 'EACCES', 'EPERM'].map((c) => storageProblemOf(e(c)))).toEqual(Array(5).fill('read_only'));
    expect(storageProblemOf(e('SQLITE_CONSTRAINT_UNIQUE'))).toBeNull();
    expect(plainMessage(e('ENOSPC', '/data/out.xlsx'), 'zh-CN')).toBe('磁盘已满：无法写入 /data/out.xlsx。');
    expect(plainMessage(e('EACCES', '/data/out.xlsx'), 'en')).toBe('Permission denied for /data/out.xlsx: the file or its folder is read-only, or you do not have access to it.');
    expect(plainMessage(new TypeError('x is undefined'), 'en')).toBe('An unexpected error stopped the operation; nothing was saved. Details: x is undefined');
  });
});
