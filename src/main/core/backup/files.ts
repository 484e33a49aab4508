/**
 * Where backups live and what their files are called: `<register>-files/backups/auto-2026-11-17T06-30-00Z.sqlite`.
 * A copy in progress is written under a hidden `.partial` name beside its destination, carrying the
 * process id of its writer, and renamed when complete; a writer that was killed leaves it behind, and
 * `removeLeftoverPartials` clears those of processes that no longer run.
 */
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { BackupInfo } from '@shared/domain/transfer';

const BACKUP_FOLDER = 'backups';

export const backupsDir = (dataDir: string) => join(dataDir, BACKUP_FOLDER);

/** `2026-11-17T06:30:00.000Z` → `2026-11-17T06-30-00Z`: sortable and valid on every file system. */
export function stamp(iso: string): string {
  return iso.replace(/\.\d+Z$/, 'Z').replace(/:/g, '-');
}

const BACKUP_NAME = /^(auto|manual)-(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})Z(?:-\d+)?\.sqlite$/;

/** A new backup's path in `dir`, never one that exists: `auto-<stamp>.sqlite`, else `auto-<stamp>-2.sqlite`, … */
export function newBackupPath(dir: string, kind: 'auto' | 'manual', at: string): string {
  const name = `${kind}-${stamp(at)}`;
  let candidate = join(dir, `${name}.sqlite`);
  for (let i = 2; existsSync(candidate); i += 1) candidate = join(dir, `${name}-${i}.sqlite`);
  return candidate;
}

function backupInfo(dir: string, name: string): BackupInfo | null {
  const match = BACKUP_NAME.exec(name);
  if (!match) return null;
  return {
    name,
    kind: match[1] as 'auto' | 'manual',
    takenAt: `${match[2]}T${match[3]}:${match[4]}:${match[5]}Z`,
    bytes: statSync(join(dir, name)).size,
  };
}

/** The backups in the data folder, newest first. */
export function listBackups(dataDir: string): BackupInfo[] {
  const dir = backupsDir(dataDir);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((name) => backupInfo(dir, name))
    .filter((b): b is BackupInfo => b !== null)
    .sort((a, b) => (a.takenAt < b.takenAt ? 1 : a.takenAt > b.takenAt ? -1 : a.name < b.name ? 1 : -1));
}

/** The hidden name a copy to `finalPath` is written under: `.auto-….sqlite.<pid>.partial`. */
export function partialPath(finalPath: string, pid = process.pid): string {
  return join(dirname(finalPath), `.${basename(finalPath)}.${pid}.partial`);
}

/** Removes a partial copy and the journal SQLite may have left beside it. */
export function removePartial(path: string): void {
  for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // it exists, and belongs to someone else
  }
}

/**
 * Removes the partial copies that a killed backup or restore left: in the backups folder, those named
 * like a backup of ours (`.auto-<stamp>.sqlite.<pid>.partial`); beside the register, its restore copy
 * (`.<register>.<pid>.restore.partial`). Only when the process that wrote it no longer runs; any other
 * file is left alone. Answers the names removed.
 */
export function removeLeftoverPartials(dbPath: string, dataDir: string): string[] {
  const removed: string[] = [];
  const sweep = (dir: string, pattern: RegExp) => {
    if (!existsSync(dir)) return;
    for (const name of readdirSync(dir)) {
      const match = pattern.exec(name);
      if (!match || isRunning(Number(match[1]))) continue;
      rmSync(join(dir, name), { force: true });
      removed.push(name);
    }
  };
  const stampPart = '\\d{4}-\\d{2}-\\d{2}T\\d{2}-\\d{2}-\\d{2}Z(?:-\\d+)?';
  sweep(backupsDir(dataDir), new RegExp(`^\\.(?:auto|manual)-${stampPart}\\.sqlite\\.(\\d+)\\.partial(?:-journal|-wal|-shm)?$`));
  if (dbPath !== ':memory:') {
    sweep(dirname(dbPath), new RegExp(`^\\.${escape(basename(dbPath))}\\.(\\d+)\\.restore\\.partial(?:-journal|-wal|-shm)?$`));
  }
  return removed;
}

/** The hidden name a restore copies the backup to before it replaces the register. */
export function restorePartialPath(dbPath: string, pid = process.pid): string {
  return join(dirname(dbPath), `.${basename(dbPath)}.${pid}.restore.partial`);
}
