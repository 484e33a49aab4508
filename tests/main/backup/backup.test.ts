import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openWorkbench, type Workbench } from '../../../src/main/core/workbench';
import { fixedClock } from '../../../src/main/core/clock';
import { BackupFiles } from '../../../src/main/core/backup/check';
import { backupOpenDatabase } from '../../../src/main/core/backup/copy';
import { restoreClosedDatabase, RestoreError } from '../../../src/main/core/backup/restore';
import { backupsToDelete } from '../../../src/main/core/backup/rotation';
import { categoryFixture } from '../../helpers/fixtures';
import type { BackupInfo } from '../../../src/shared/domain/transfer';
import { defaultAuditKeyPath, fileKeyProvider } from '../../../src/main/core/audit/audit-key';
import { restartAnchorAfterRestore } from '../../../src/main/core/audit/audit.service';

const open: Workbench[] = [];
async function fileWorkbench(dbPath: string, now = '2026-11-17T06:30:00.000Z') {
  const wb = await openWorkbench({ dbPath, host: 'cli', systemLanguage: 'en', clock: fixedClock(now), actor: 'tester', log: () => {} });
  open.push(wb);
  return wb;
}
afterEach(async () => {
  while (open.length) await open.pop()!.close();
});

const ROOT = resolve(__dirname, '../../..');

/** Another process that writes to the register as fast as it can until told to stop. */
function startWriter(dbPath: string, stopFile: string) {
  const script = `
    const Db = require('better-sqlite3');
    const fs = require('node:fs');
    const db = new Db(${JSON.stringify(dbPath)}, { timeout: 5000 });
    db.pragma('journal_mode = WAL');
    const insert = db.prepare("insert into collection_categories (code, name, stage, subject_type, purposes, legal_basis, collection_method, created_at, updated_at) values (?, '并发写入', 'registration', 'individual', 'p', 'consent', 'user_provided', 'x', 'x')");
    let i = 0;
    process.stdout.write('started\\n');
    while (!fs.existsSync(${JSON.stringify(stopFile)})) {
      db.transaction(() => { for (let k = 0; k < 20; k++) insert.run('W-' + (i++)); })();
    }
    db.close();
    process.stdout.write('wrote ' + i + '\\n');
  `;
  const child = spawn(process.execPath, ['-e', script], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  const started = new Promise<void>((done) => child.stdout.on('data', (d: Buffer) => { out += d.toString(); if (out.includes('started')) done(); }));
  const finished = new Promise<number>((done) => child.on('exit', () => done(Number(/wrote (\d+)/.exec(out)?.[1] ?? -1))));
  return { started, finished };
}

describe('backup and restore', () => {
  it('takes a consistent backup while another connection writes, and the restored register checks out', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pw-backup-'));
    const dbPath = join(dir, 'register.sqlite');
    const wb = await fileWorkbench(dbPath);
    await wb.router.invoke('app:setup', { template: 'sample', organisationName: '码尚云', language: 'zh-CN' });
    for (let i = 0; i < 30; i += 1) await wb.router.invoke('categories:create', categoryFixture({ code: `BULK-${i}`, notes: 'x'.repeat(3000) }));
    const stopFile = join(dir, 'stop');
    const writer = startWriter(dbPath, stopFile);
    await writer.started;
    const backups: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const out = join(dir, `backup-${i}.sqlite`);
      await backupOpenDatabase(wb.database.sqlite!, out);
      backups.push(out);
    }
    writeFileSync(stopFile, '');
    const written = await writer.finished;
    expect(written).toBeGreaterThan(0);

    const files = new BackupFiles();
    for (const backup of backups) expect(await files.check(backup)).toMatchObject({ ok: true });
    await wb.close();
    open.pop();

    const restoredPath = join(dir, 'restored.sqlite');
    writeFileSync(restoredPath, '');
    const target = join(dir, 'target.sqlite');
    const existing = await fileWorkbench(target);
    await existing.close();
    open.pop();
    const auditKey = fileKeyProvider(defaultAuditKeyPath()).read();
    const { keptAside } = await restoreClosedDatabase(target, backups[2]!, { at: '2026-11-17T07:00:00.000Z', auditKey });
    expect(keptAside).toMatch(/target\.replaced-2026-11-17T07-00-00Z\.sqlite$/);
    expect(existsSync(keptAside!)).toBe(true);

    // As the command line and a scheduled restore do: the anchor restarts at the restored chain's head.
    const restored = await fileWorkbench(target);
    await restartAnchorAfterRestore(restored.ctx, backups[2]!);
    const audit = await restored.router.invoke('audit:verify', {});
    expect(audit).toMatchObject({ ok: true, value: { ok: true } });
    const info = (await restored.router.invoke('app:info', {})) as { ok: true; value: { organisationName: string } };
    expect(info.value.organisationName).toBe('码尚云');
    const bulk = restored.database.sqlite!.prepare(`select count(*) as n from collection_categories where code like 'BULK-%'`).get() as { n: number };
    expect(bulk.n).toBe(30);
    const concurrent = restored.database.sqlite!.prepare(`select count(*) as n from collection_categories where code like 'W-%'`).get() as { n: number };
    // Whole transactions of the other writer only: a multiple of its batch of 20, never a torn one.
    expect(concurrent.n % 20).toBe(0);
    expect(concurrent.n).toBeLessThanOrEqual(written);
  });

  it('restores from a register that another process is writing: a snapshot of whole transactions', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pw-restore-live-'));
    const source = join(dir, 'live.sqlite');
    const wb = await fileWorkbench(source);
    await wb.router.invoke('app:setup', { template: 'empty', organisationName: 'Live', language: 'en' });
    await wb.close();
    open.pop();
    const stopFile = join(dir, 'stop');
    const writer = startWriter(source, stopFile);
    await writer.started;
    await new Promise((done) => setTimeout(done, 200));
    const target = join(dir, 'target.sqlite');
    try {
      await restoreClosedDatabase(target, source, { at: '2026-11-17T07:00:00.000Z' });
    } finally {
      writeFileSync(stopFile, '');
    }
    const written = await writer.finished;
    const restored = await fileWorkbench(target);
    const copied = restored.database.sqlite!.prepare(`select count(*) as n from collection_categories where code like 'W-%'`).get() as { n: number };
    expect(copied.n).toBeGreaterThan(0);
    expect(copied.n % 20).toBe(0);
    expect(copied.n).toBeLessThanOrEqual(written);
    expect(restored.database.sqlite!.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('refuses a file that is not a backup of this app, and leaves the register untouched', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pw-restore-'));
    const dbPath = join(dir, 'register.sqlite');
    const wb = await fileWorkbench(dbPath);
    await wb.router.invoke('app:setup', { template: 'sample', organisationName: 'Org', language: 'en' });
    await wb.close();
    open.pop();
    const before = readFileSync(dbPath);

    const text = join(dir, 'notes.sqlite');
    writeFileSync(text, 'just some text, not a database');
    const Db = (await import('better-sqlite3')).default;
    const foreign = join(dir, 'other-app.sqlite');
    const other = new Db(foreign);
    other.exec('create table things (id integer primary key, name text); insert into things (name) values (\'a\')');
    other.close();
    const corrupt = join(dir, 'corrupt.sqlite');
    const bytes = Buffer.from(before);
    bytes.fill(0xff, 4096, bytes.length - 1024); // keeps the header, destroys the pages
    writeFileSync(corrupt, bytes);

    for (const [file, problem] of [
      [text, 'not_sqlite'],
      [foreign, 'not_workbench'],
      [corrupt, undefined],
      [join(dir, 'missing.sqlite'), 'missing'],
    ] as const) {
      let error: unknown;
      try {
        await restoreClosedDatabase(dbPath, file, { at: '2026-11-17T07:00:00.000Z' });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(RestoreError);
      if (problem) expect((error as RestoreError).problem).toBe(problem);
      expect(readFileSync(dbPath).equals(before)).toBe(true);
    }
    expect(readdirSync(dir).filter((f) => f.includes('replaced'))).toEqual([]);
  });

  it('schedules a restore in a running host and applies it on the next start, keeping the replaced file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pw-pending-'));
    const dbPath = join(dir, 'register.sqlite');
    const wb = await fileWorkbench(dbPath);
    await wb.router.invoke('app:setup', { template: 'empty', organisationName: 'Before', language: 'en' });
    const made = await wb.router.invoke('backup:create', {});
    expect(made.ok).toBe(true);
    const status = (made as { ok: true; value: { backups: { name: string }[] } }).value;
    await wb.router.invoke('settings:update', { organisationName: 'After' });
    const scheduled = await wb.router.invoke('backup:scheduleRestore', { name: status.backups[0]!.name });
    expect(scheduled).toMatchObject({ ok: true, value: { pendingRestore: { name: status.backups[0]!.name } } });
    await wb.close();
    open.pop();

    const reopened = await fileWorkbench(dbPath, '2026-11-18T01:00:00.000Z');
    expect(reopened.restore?.refused).toBeUndefined();
    expect(reopened.restore?.keptAside).toMatch(/replaced-2026-11-18T01-00-00Z/);
    const info = (await reopened.router.invoke('app:info', {})) as { ok: true; value: { organisationName: string } };
    expect(info.value.organisationName).toBe('Before');
  });

  it('keeps the newest backup of each of the last 7 days and of the last 4 weeks, and every manual one', () => {
    const backups: BackupInfo[] = [];
    for (let d = 0; d < 40; d += 1) {
      const day = new Date(Date.UTC(2026, 10, 30) - d * 86400000).toISOString().slice(0, 10);
      for (const hour of ['01', '13']) backups.push({ name: `auto-${day}T${hour}-00-00Z.sqlite`, kind: 'auto', takenAt: `${day}T${hour}:00:00Z`, bytes: 1 });
    }
    backups.push({ name: 'manual-2026-01-01T00-00-00Z.sqlite', kind: 'manual', takenAt: '2026-01-01T00:00:00Z', bytes: 1 });
    const doomed = new Set(backupsToDelete(backups, 7, 4, 'Asia/Shanghai').map((b) => b.name));
    const kept = backups.filter((b) => !doomed.has(b.name)).map((b) => b.name);
    expect(kept).toContain('manual-2026-01-01T00-00-00Z.sqlite');
    // 7 daily (Nov 24–30, the 13:00 one) + the newest of the last 4 weeks (Mondays Nov 30, 23, 16, 9): Nov 22 and 15 are added.
    expect(kept.filter((n) => n.startsWith('auto-'))).toEqual([
      'auto-2026-11-30T13-00-00Z.sqlite',
      'auto-2026-11-29T13-00-00Z.sqlite',
      'auto-2026-11-28T13-00-00Z.sqlite',
      'auto-2026-11-27T13-00-00Z.sqlite',
      'auto-2026-11-26T13-00-00Z.sqlite',
      'auto-2026-11-25T13-00-00Z.sqlite',
      'auto-2026-11-24T13-00-00Z.sqlite',
      'auto-2026-11-22T13-00-00Z.sqlite',
      'auto-2026-11-15T13-00-00Z.sqlite',
    ]);
  });
});
