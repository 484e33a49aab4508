import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src/main/core/clock';
import { openWorkbench, type Workbench } from '../../../src/main/core/workbench';
import { backupOpenDatabase } from '../../../src/main/core/backup/copy';
import { listBackups } from '../../../src/main/core/backup/files';
import { startAutomaticBackups, type BackupSchedule } from '../../../src/main/core/backup/schedule';
import { categoryFixture } from '../../helpers/fixtures';

const open: Workbench[] = [];
const schedules: BackupSchedule[] = [];
async function fileWorkbench(dbPath: string, now = '2026-11-17T06:30:00.000Z') {
  const wb = await openWorkbench({ dbPath, host: 'web', systemLanguage: 'en', clock: fixedClock(now), actor: 'tester', log: () => {} });
  open.push(wb);
  return wb;
}
afterEach(async () => {
  while (schedules.length) await schedules.pop()!.dispose();
  while (open.length) await open.pop()!.close();
});

/** The id of a process that has exited: what a killed backup leaves in its partial file's name. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

async function started(wb: Workbench) {
  const schedule = startAutomaticBackups(wb.ctx, (message, error) => {
    throw new Error(`${message}: ${String(error)}`);
  });
  schedules.push(schedule);
  await schedule.runNow(); // the check the start began
  return listBackups(wb.ctx.dataDir).filter((b) => b.kind === 'auto');
}

describe('start-up', () => {
  it('removes partial copies that a killed backup or restore left, and nothing else', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pw-partials-'));
    const dbPath = join(dir, 'register.sqlite');
    const backups = join(dir, 'register-files', 'backups');
    mkdirSync(backups, { recursive: true });
    const dead = deadPid();
    const leftovers = [
      `.auto-2026-11-16T06-30-00Z.sqlite.${dead}.partial`,
      `.manual-2026-11-16T08-00-00Z-2.sqlite.${dead}.partial`,
      `.manual-2026-11-16T08-00-00Z-2.sqlite.${dead}.partial-journal`,
    ];
    const foreign = [
      'auto-2026-11-16T06-30-00Z.sqlite', // a finished backup
      `.auto-2026-11-16T06-30-00Z.sqlite.${process.pid}.partial`, // a copy this process is writing
      '.auto-2026-11-16T06-30-00Z.sqlite.partial', // not our pattern: no process id
      `.auto-2026-11-16T06-30-00Z.sqlite.${dead}.partial.txt`,
      `.notes.sqlite.${dead}.partial`,
      'holiday.partial',
    ];
    for (const name of [...leftovers, ...foreign]) writeFileSync(join(backups, name), 'x'.repeat(4096));
    writeFileSync(join(dir, `.register.sqlite.${dead}.restore.partial`), 'x');
    writeFileSync(join(dir, `.other.sqlite.${dead}.restore.partial`), 'x');

    await fileWorkbench(dbPath);
    expect(readdirSync(backups).sort()).toEqual([...foreign].sort());
    expect(existsSync(join(dir, `.register.sqlite.${dead}.restore.partial`))).toBe(false);
    expect(existsSync(join(dir, `.other.sqlite.${dead}.restore.partial`))).toBe(true);
  });

  it('takes an automatic backup at start when today has none, and none when today’s exists', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pw-start-'));
    const dbPath = join(dir, 'register.sqlite');
    const first = await fileWorkbench(dbPath, '2026-11-17T06:30:00.000Z');
    await first.router.invoke('app:setup', { template: 'empty', organisationName: 'Org', language: 'en' });
    expect((await started(first)).map((b) => b.name)).toEqual(['auto-2026-11-17T06-30-00Z.sqlite']);
    await schedules.pop()!.dispose();
    await open.pop()!.close();

    // Restarted the same afternoon (Shanghai): today's backup exists, no second copy.
    const again = await fileWorkbench(dbPath, '2026-11-17T09:45:00.000Z');
    expect((await started(again)).map((b) => b.name)).toEqual(['auto-2026-11-17T06-30-00Z.sqlite']);
    await schedules.pop()!.dispose();
    await open.pop()!.close();

    // 17:30 UTC is 01:30 on 18 November in Shanghai, the organisation's zone: a new day, a new backup.
    const nextDay = await fileWorkbench(dbPath, '2026-11-17T17:30:00.000Z');
    expect((await started(nextDay)).map((b) => b.name)).toEqual(['auto-2026-11-17T17-30-00Z.sqlite', 'auto-2026-11-17T06-30-00Z.sqlite']);
  });

  it('a host that closes during the automatic backup stops it and leaves no partial file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pw-dispose-'));
    const wb = await fileWorkbench(join(dir, 'register.sqlite'));
    await wb.router.invoke('app:setup', { template: 'empty', organisationName: 'Org', language: 'en' });
    const insert = wb.database.sqlite!.prepare(
      `insert into collection_categories (code, name, stage, subject_type, purposes, legal_basis, collection_method, notes, created_at, updated_at)
       values (?, 'bulk', 'registration', 'individual', 'p', 'consent', 'user_provided', ?, 'x', 'x')`,
    );
    wb.database.sqlite!.transaction(() => {
      for (let i = 0; i < 6000; i += 1) insert.run(`BULK-${i}`, 'x'.repeat(3000));
    })();
    const schedule = startAutomaticBackups(wb.ctx, () => {});
    const backups = join(dir, 'register-files', 'backups');
    while (!existsSync(backups) || readdirSync(backups).length === 0) await new Promise((next) => setTimeout(next, 1));
    expect(readdirSync(backups)[0]).toMatch(/^\.auto-.*\.partial$/);
    await schedule.dispose();
    expect(readdirSync(backups)).toEqual([]);
  });

  it('answers requests while the backup copies a large register', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pw-responsive-'));
    const wb = await fileWorkbench(join(dir, 'register.sqlite'));
    await wb.router.invoke('app:setup', { template: 'empty', organisationName: 'Org', language: 'en' });
    const insert = wb.database.sqlite!.prepare(
      `insert into collection_categories (code, name, stage, subject_type, purposes, legal_basis, collection_method, notes, created_at, updated_at)
       values (?, 'bulk', 'registration', 'individual', 'p', 'consent', 'user_provided', ?, 'x', 'x')`,
    );
    wb.database.sqlite!.transaction(() => {
      for (let i = 0; i < 12_000; i += 1) insert.run(`BULK-${i}`, 'x'.repeat(3000));
    })();
    await wb.router.invoke('categories:create', categoryFixture({ code: 'LAST' }));

    let finished = false;
    const backup = backupOpenDatabase(wb.database.sqlite!, join(dir, 'big.sqlite')).then(() => (finished = true));
    const latencies: number[] = [];
    let answeredDuringBackup = 0;
    while (!finished) {
      await new Promise((next) => setTimeout(next, 2)); // the next request arrives
      const t0 = performance.now();
      const result = await wb.router.invoke('categories:list', { page: 1, pageSize: 20 });
      latencies.push(performance.now() - t0);
      expect(result.ok).toBe(true);
      if (!finished) answeredDuringBackup += 1;
    }
    await backup;
    expect(answeredDuringBackup).toBeGreaterThan(3);
    // The copy runs in a worker thread: no call waits for it, let alone for the whole 40 MB.
    expect(Math.max(...latencies)).toBeLessThan(250);
  });
});
