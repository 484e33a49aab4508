/**
 * Backups of the register: SQLite's online backup API (safe while the app writes), automatic
 * rotating backups, and restore with an integrity check before anything is replaced.
 *
 * Restore never happens under an open connection. The command line restores a closed database
 * (`restore --db --from`); a running host *schedules* a restore (`backup:scheduleRestore`), which
 * is applied by `applyPendingRestore` the next time the workbench opens the database, before the
 * database is opened. Either way the replaced file is kept aside beside the database, never deleted.
 */
import {
  closeSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { BackupInfo, BackupStatus, BackupCheck } from '@shared/domain/transfer';
import { migrations } from '../db/migrations';
import { AppError } from '../errors';
import { nowIso, type CoreContext } from '../context';
import { getSettings } from '../settings/settings.service';

export const BACKUP_FOLDER = 'backups';
export const PENDING_RESTORE_FILE = 'restore-pending.json';
const SQLITE_HEADER = 'SQLite format 3\u0000';

export const backupsDir = (dataDir: string) => join(dataDir, BACKUP_FOLDER);

/** The better-sqlite3 binary this process opened the register with (the Electron host has its own build). */
let processNativeBinding: string | undefined;

/** `2026-11-17T06:30:00.000Z` → `2026-11-17T06-30-00Z`: sortable and valid on every file system. */
export function stamp(iso: string): string {
  return iso.replace(/\.\d+Z$/, 'Z').replace(/:/g, '-');
}

/**
 * Copies the open database to `outPath` with SQLite's online backup API; other writers may go on
 * meanwhile. `onProgress` hears the pages copied so far out of the total.
 */
export async function backupOpenDatabase(sqlite: BetterSqlite3.Database, outPath: string, onProgress?: (copied: number, total: number) => void): Promise<void> {
  mkdirSync(dirname(outPath), { recursive: true });
  const temp = join(dirname(outPath), `.${basename(outPath)}.${process.pid}.partial`);
  try {
    await sqlite.backup(temp, {
      progress: ({ totalPages, remainingPages }) => {
        onProgress?.(totalPages - remainingPages, totalPages);
        return 100; // pages per step, better-sqlite3's own default
      },
    });
    // The copy inherits WAL mode; a backup is one self-contained file, so switch it to a rollback journal.
    sqlite.prepare('attach database ? as pw_backup').run(temp);
    try {
      sqlite.pragma('pw_backup.journal_mode = DELETE');
    } finally {
      sqlite.exec('detach database pw_backup');
    }
    renameSync(temp, outPath);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

/**
 * Checks a file before it may replace the register: a SQLite file that passes `PRAGMA integrity_check`
 * and whose migrations are all known to this app (a Privacy Workbench register, not newer than this build).
 */
export function checkBackupFile(path: string, nativeBinding: string | undefined = processNativeBinding): BackupCheck {
  if (!existsSync(path) || !statSync(path).isFile()) return { ok: false, problem: 'missing', detail: path };
  const fd = openSync(path, 'r');
  try {
    const header = Buffer.alloc(16);
    const read = readSync(fd, header, 0, 16, 0);
    if (read < 16 || header.toString('latin1') !== SQLITE_HEADER) return { ok: false, problem: 'not_sqlite', detail: path };
  } finally {
    closeSync(fd);
  }
  let db: BetterSqlite3.Database | undefined;
  try {
    db = new BetterSqlite3(path, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
    const integrity = db.pragma('integrity_check') as { integrity_check: string }[];
    const messages = integrity.map((r) => r.integrity_check);
    if (messages.length !== 1 || messages[0] !== 'ok') {
      return { ok: false, problem: 'integrity', detail: messages.slice(0, 5).join('; ') };
    }
    const hasMigrations = db
      .prepare(`select count(*) as n from sqlite_master where type = 'table' and name = 'kysely_migration'`)
      .get() as { n: number };
    if (hasMigrations.n === 0) return { ok: false, problem: 'not_workbench', detail: 'no kysely_migration table' };
    const names = (db.prepare('select name from kysely_migration order by name').all() as { name: string }[]).map((r) => r.name);
    if (names.length === 0 || !names.includes(Object.keys(migrations).sort()[0]!)) {
      return { ok: false, problem: 'not_workbench', detail: names.join(', ') || 'no migrations' };
    }
    const unknown = names.filter((n) => !(n in migrations));
    if (unknown.length > 0) return { ok: false, problem: 'newer_schema', detail: unknown.join(', ') };
    return { ok: true, migrations: names };
  } catch (error) {
    return { ok: false, problem: 'not_sqlite', detail: (error as Error).message };
  } finally {
    db?.close();
  }
}

export class RestoreError extends Error {
  constructor(
    readonly problem: string,
    detail: string,
  ) {
    super(detail);
    this.name = 'RestoreError';
  }
}

/** The name the replaced register is kept under: `workbench.replaced-2026-11-17T06-30-00Z.sqlite`. */
function asideName(dbPath: string, at: string): string {
  const ext = extname(dbPath) || '.sqlite';
  let candidate = join(dirname(dbPath), `${basename(dbPath, extname(dbPath))}.replaced-${stamp(at)}${ext}`);
  for (let i = 2; existsSync(candidate); i += 1) {
    candidate = join(dirname(dbPath), `${basename(dbPath, extname(dbPath))}.replaced-${stamp(at)}-${i}${ext}`);
  }
  return candidate;
}

/**
 * Replaces the (closed) register at `dbPath` with the backup at `fromPath`, after checking the backup.
 * The current file is renamed aside, never deleted; answers where it was kept (null if there was none).
 * Refused, with nothing changed, if the backup fails its check or the register is open elsewhere.
 */
export function restoreClosedDatabase(
  dbPath: string,
  fromPath: string,
  options: { at: string; nativeBinding?: string },
): { keptAside: string | null } {
  options = { ...options, nativeBinding: options.nativeBinding ?? processNativeBinding };
  const check = checkBackupFile(fromPath, options.nativeBinding);
  if (!check.ok) throw new RestoreError(check.problem, `${fromPath}: ${check.problem} (${check.detail})`);
  let keptAside: string | null = null;
  if (existsSync(dbPath)) {
    // Open and close it once: a clean close by the last connection checkpoints and removes the WAL.
    // If the WAL is still there afterwards, another program holds the register open.
    try {
      const probe = new BetterSqlite3(dbPath, { fileMustExist: true, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) });
      probe.close();
    } catch {
      // Not a database we can open: it is still kept aside below, never deleted.
    }
    if (existsSync(`${dbPath}-wal`)) throw new RestoreError('in_use', `${dbPath} is open in another program; close it first`);
  }
  const temp = join(dirname(dbPath), `.${basename(dbPath)}.restore.partial`);
  mkdirSync(dirname(dbPath), { recursive: true });
  copyFileSync(fromPath, temp);
  for (const suffix of ['-wal', '-shm']) rmSync(`${temp}${suffix}`, { force: true });
  if (existsSync(dbPath)) {
    keptAside = asideName(dbPath, options.at);
    renameSync(dbPath, keptAside);
    for (const suffix of ['-wal', '-shm']) if (existsSync(`${dbPath}${suffix}`)) renameSync(`${dbPath}${suffix}`, `${keptAside}${suffix}`);
  }
  renameSync(temp, dbPath);
  return { keptAside };
}

interface PendingRestore {
  file: string;
  requestedAt: string;
}

function readPending(dataDir: string): PendingRestore | null {
  const file = join(dataDir, PENDING_RESTORE_FILE);
  if (!existsSync(file)) return null;
  try {
    const value = JSON.parse(readFileSync(file, 'utf8')) as PendingRestore;
    return typeof value.file === 'string' ? value : null;
  } catch {
    return null;
  }
}

export interface PendingRestoreOutcome {
  restoredFrom: string;
  keptAside: string | null;
  refused?: string;
}

/**
 * Called by `openWorkbench` before the database is opened: applies a restore scheduled by a running
 * host. A backup that fails its check is refused and the register left as it was; the request is
 * removed either way so that a bad file cannot stop the app from starting.
 */
export function applyPendingRestore(dbPath: string, dataDir: string, options: { at: string; nativeBinding?: string }): PendingRestoreOutcome | null {
  processNativeBinding = options.nativeBinding;
  if (dbPath === ':memory:') return null;
  const pending = readPending(dataDir);
  if (!pending) return null;
  rmSync(join(dataDir, PENDING_RESTORE_FILE), { force: true });
  try {
    const { keptAside } = restoreClosedDatabase(dbPath, pending.file, options);
    return { restoredFrom: pending.file, keptAside };
  } catch (error) {
    return { restoredFrom: pending.file, keptAside: null, refused: (error as Error).message };
  }
}

function requireSqlite(ctx: CoreContext): BetterSqlite3.Database {
  if (!ctx.sqlite || ctx.dbPath === ':memory:') throw new AppError('FORBIDDEN', { key: 'errors:backupUnavailable' });
  return ctx.sqlite;
}

const BACKUP_NAME = /^(auto|manual)-(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})Z(?:-\d+)?\.sqlite$/;

function uniquePath(dir: string, name: string): string {
  let candidate = join(dir, `${name}.sqlite`);
  for (let i = 2; existsSync(candidate); i += 1) candidate = join(dir, `${name}-${i}.sqlite`);
  return candidate;
}

/** Takes a backup into the data folder's backups/; `auto` backups are rotated, `manual` ones kept. */
export async function createBackup(ctx: CoreContext, kind: 'auto' | 'manual'): Promise<BackupInfo> {
  const sqlite = requireSqlite(ctx);
  const dir = backupsDir(ctx.dataDir);
  mkdirSync(dir, { recursive: true });
  const path = uniquePath(dir, `${kind}-${stamp(nowIso(ctx))}`);
  await backupOpenDatabase(sqlite, path);
  return toInfo(path)!;
}

function toInfo(path: string): BackupInfo | null {
  const name = basename(path);
  const match = BACKUP_NAME.exec(name);
  if (!match) return null;
  return {
    name,
    kind: match[1] as 'auto' | 'manual',
    takenAt: `${match[2]}T${match[3]}:${match[4]}:${match[5]}Z`,
    bytes: statSync(path).size,
  };
}

/** The backups in the data folder, newest first. */
export function listBackups(dataDir: string): BackupInfo[] {
  const dir = backupsDir(dataDir);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((name) => toInfo(join(dir, name)))
    .filter((b): b is BackupInfo => b !== null)
    .sort((a, b) => (a.takenAt < b.takenAt ? 1 : a.takenAt > b.takenAt ? -1 : a.name < b.name ? 1 : -1));
}

/** Monday of the ISO week of a `YYYY-MM-DD` day (UTC), as `YYYY-MM-DD`. */
function weekOf(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  const offset = (date.getUTCDay() + 6) % 7;
  date.setUTCDate(date.getUTCDate() - offset);
  return date.toISOString().slice(0, 10);
}

/**
 * Which automatic backups to keep: the newest of each of the last `keepDaily` days that have one,
 * and the newest of each of the last `keepWeekly` weeks that have one. Manual backups are never rotated.
 */
export function backupsToDelete(backups: BackupInfo[], keepDaily: number, keepWeekly: number): BackupInfo[] {
  const auto = backups.filter((b) => b.kind === 'auto').sort((a, b) => (a.takenAt < b.takenAt ? 1 : -1));
  const keep = new Set<string>();
  const days = new Set<string>();
  const weeks = new Set<string>();
  for (const b of auto) {
    const day = b.takenAt.slice(0, 10);
    if (!days.has(day) && days.size < keepDaily) {
      days.add(day);
      keep.add(b.name);
    }
  }
  for (const b of auto) {
    const week = weekOf(b.takenAt.slice(0, 10));
    if (!weeks.has(week) && weeks.size < keepWeekly) {
      weeks.add(week);
      keep.add(b.name);
    }
  }
  return auto.filter((b) => !keep.has(b.name));
}

export function rotateBackups(dataDir: string, keepDaily: number, keepWeekly: number): string[] {
  const doomed = backupsToDelete(listBackups(dataDir), keepDaily, keepWeekly);
  for (const b of doomed) rmSync(join(backupsDir(dataDir), b.name), { force: true });
  return doomed.map((b) => b.name);
}

/** One automatic backup if the last is older than a day (or there is none), then rotation. */
export async function runAutomaticBackup(ctx: CoreContext, options: { force?: boolean } = {}): Promise<BackupInfo | null> {
  if (!ctx.sqlite || ctx.dbPath === ':memory:') return null;
  const settings = await getSettings(ctx.db);
  if (!settings.autoBackup) return null;
  const last = listBackups(ctx.dataDir).find((b) => b.kind === 'auto');
  const now = ctx.clock.now().getTime();
  let taken: BackupInfo | null = null;
  if (options.force || !last || now - new Date(last.takenAt).getTime() >= 24 * 3600 * 1000) {
    taken = await createBackup(ctx, 'auto');
  }
  rotateBackups(ctx.dataDir, settings.backupKeepDaily, settings.backupKeepWeekly);
  return taken;
}

/**
 * Hosts call this once the workbench is open: a backup on start, then a check every hour for the
 * daily one. Answers a function that stops the timer.
 */
export function startAutomaticBackups(ctx: CoreContext, log: (message: string, error?: unknown) => void): () => void {
  const run = (force: boolean) =>
    runAutomaticBackup(ctx, { force }).catch((error: unknown) => log('Automatic backup failed', error));
  void run(true);
  const timer = setInterval(() => void run(false), 3600 * 1000);
  timer.unref?.();
  return () => clearInterval(timer);
}

export function backupStatus(ctx: CoreContext): BackupStatus {
  const pending = readPending(ctx.dataDir);
  return {
    folder: backupsDir(ctx.dataDir),
    available: !!ctx.sqlite && ctx.dbPath !== ':memory:',
    backups: listBackups(ctx.dataDir),
    pendingRestore: pending ? { name: basename(pending.file), requestedAt: pending.requestedAt } : null,
  };
}

/** Schedules a restore from one of the listed backups, applied the next time the workbench opens. */
export function scheduleRestore(ctx: CoreContext, name: string): BackupStatus {
  requireSqlite(ctx);
  const file = join(backupsDir(ctx.dataDir), basename(name));
  const check = checkBackupFile(file);
  if (!check.ok) {
    throw new AppError('VALIDATION', { key: 'errors:backupRefused', params: { name, problem: `errors:backupProblem.${check.problem}` } });
  }
  mkdirSync(ctx.dataDir, { recursive: true });
  writeFileSync(join(ctx.dataDir, PENDING_RESTORE_FILE), JSON.stringify({ file, requestedAt: nowIso(ctx) } satisfies PendingRestore));
  return backupStatus(ctx);
}

export function cancelRestore(ctx: CoreContext): BackupStatus {
  rmSync(join(ctx.dataDir, PENDING_RESTORE_FILE), { force: true });
  return backupStatus(ctx);
}
