/**
 * Copies of a register, always with SQLite's backup API, never by copying the file: a register in WAL
 * mode keeps committed transactions in `<file>-wal` until a checkpoint, and the API reads them as any
 * connection does. A copy is written under a hidden partial name and renamed when complete; it is one
 * self-contained file (rollback journal, no `-wal`).
 */
import { mkdirSync, renameSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { basename, dirname } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import type { BackupInfo } from '@shared/domain/transfer';
import { nowIso, type CoreContext } from '../context';
import { AppError } from '../errors';
import { BackupFiles } from './check';
import { backupsDir, listBackups, newBackupPath, partialPath, removePartial } from './files';
import { Kysely, SqliteDialect } from 'kysely';
import type { AuditChainHead } from '@shared/domain/audit';
import type { Database } from '../db/schema';
import { auditChainHead } from '../audit/audit-verify';

/** Pages a step of the copy in its worker thread copies (16 MiB with 4 KiB pages): a cancel is seen between steps. */
const WORKER_STEP_PAGES = 4096;
const ALL_PAGES = 0x7fffffff;

export class BackupCancelled extends Error {
  constructor() {
    super('The backup was cancelled');
    this.name = 'BackupCancelled';
  }
}

export interface CopyOptions {
  /** Pages copied so far out of the total, after each step. */
  onProgress?: (copied: number, total: number) => void;
  /** Stops the copy at its next step (the partial file is removed). */
  signal?: AbortSignal;
}

/** Switches a finished copy from WAL (which the backup API copies from the source's header) to a rollback journal. */
function makeSelfContained(files: BackupFiles, path: string): void {
  const copy = files.open(path);
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
}

/**
 * The copy's worker: its own read-only connection, one read transaction from the first step to the
 * last (so the copy is one snapshot and never restarts when the register is written meanwhile), in
 * large steps, at the lowest priority where the system gives one to a thread. Plain JavaScript, run with `eval`, so that every host (and the bundle) has it.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const options = { readonly: true, fileMustExist: true, timeout: workerData.timeout };
if (workerData.nativeBinding) options.nativeBinding = workerData.nativeBinding;
// The copy gives way to the app: on Linux a nice value belongs to the thread that sets it, so this
// lowers the copy's worker alone, and the host's own thread wins the CPU whenever both want it (at
// 1M requests under load, list calls during a copy had a p95 of 3.4 times their own; with it, 0.9-1.0).
// Elsewhere (Windows, macOS) it would lower the whole app, and is left alone.
if (process.platform === 'linux') {
  try { require('node:os').setPriority(19); } catch {}
}
let cancelled = false;
parentPort.on('message', (message) => { if (message === 'cancel') cancelled = true; });
let db;
try {
  db = new Database(workerData.source, options);
  db.exec('begin');
  db.prepare('select count(*) from sqlite_master').get();
} catch (error) {
  parentPort.postMessage({ error: String(error && error.message) });
  throw error;
}
db.backup(workerData.target, {
  progress({ totalPages, remainingPages }) {
    parentPort.postMessage({ copied: totalPages - remainingPages, total: totalPages });
    if (cancelled) throw new Error('cancelled');
    return workerData.step;
  },
}).then(
  () => { db.exec('commit'); db.close(); parentPort.postMessage({ done: true }); },
  (error) => { try { db.close(); } catch {} parentPort.postMessage({ error: String(error && error.message), cancelled }); },
);
`;

/** Where better-sqlite3 is, for the worker to load the same build (require is CommonJS's, in the bundle and in tests alike). */
function betterSqlitePath(): string {
  return require.resolve('better-sqlite3');
}

/**
 * Copies the open register to `outPath` with SQLite's online backup API in a worker thread, so that
 * the host goes on answering at its usual speed: the worker reads the file through its own
 * connection (WAL: readers and writers do not wait for each other). The copy is the register as
 * committed when the copy began.
 */
export async function backupOpenDatabase(
  sqlite: BetterSqlite3.Database,
  outPath: string,
  options: CopyOptions & { files?: BackupFiles } = {},
): Promise<void> {
  mkdirSync(dirname(outPath), { recursive: true });
  const temp = partialPath(outPath);
  try {
    if (options.signal?.aborted) throw new BackupCancelled();
    await new Promise<void>((resolve, reject) => {
      const worker = new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: {
          module: betterSqlitePath(),
          nativeBinding: options.files?.nativeBinding,
          source: sqlite.name,
          target: temp,
          step: WORKER_STEP_PAGES,
          timeout: 5000,
        },
      });
      let settled = false;
      const finish = (error?: Error) => {
        if (settled) return;
        settled = true;
        options.signal?.removeEventListener('abort', cancel);
        if (error) reject(error);
        else resolve();
      };
      const cancel = () => worker.postMessage('cancel');
      options.signal?.addEventListener('abort', cancel);
      worker.on('message', (m: { copied?: number; total?: number; done?: true; error?: string; cancelled?: boolean }) => {
        if (m.total !== undefined) options.onProgress?.(m.copied ?? 0, m.total);
        // Cancelled while the last step ran: the copy is complete but not wanted (its partial file goes).
        else if (m.done) finish(options.signal?.aborted ? new BackupCancelled() : undefined);
        else if (m.error !== undefined) finish(m.cancelled || options.signal?.aborted ? new BackupCancelled() : new Error(m.error));
      });
      worker.on('error', (error) => finish(options.signal?.aborted ? new BackupCancelled() : error));
      worker.on('exit', () => finish(options.signal?.aborted ? new BackupCancelled() : new Error('the backup worker stopped')));
    });
    makeSelfContained(options.files ?? new BackupFiles(), temp);
    renameSync(temp, outPath);
  } catch (error) {
    removePartial(temp);
    throw error;
  }
}

/**
 * Copies a register file that is not open here to `outPath`, its WAL included, in one step: the copy
 * is one consistent snapshot of what was committed, even if another program writes to the source
 * meanwhile (it then waits, at most the busy timeout, for the copy's read to finish).
 */
export async function snapshotFile(files: BackupFiles, fromPath: string, outPath: string): Promise<void> {
  const source = files.open(fromPath, { readonly: true });
  try {
    await source.backup(outPath, { progress: () => ALL_PAGES });
  } finally {
    source.close();
  }
  makeSelfContained(files, outPath);
}

export function requireSqlite(ctx: CoreContext): BetterSqlite3.Database {
  if (!ctx.sqlite || ctx.dbPath === ':memory:') throw new AppError('FORBIDDEN', { key: 'errors:backupUnavailable' });
  return ctx.sqlite;
}

/** Takes a backup into the data folder's backups/; `auto` backups are rotated, `manual` ones kept. */
export async function createBackup(ctx: CoreContext, kind: 'auto' | 'manual', options: Pick<CopyOptions, 'signal'> = {}): Promise<BackupInfo> {
  const sqlite = requireSqlite(ctx);
  const dir = backupsDir(ctx.dataDir);
  mkdirSync(dir, { recursive: true });
  const path = newBackupPath(dir, kind, nowIso(ctx));
  await backupOpenDatabase(sqlite, path, { ...options, files: ctx.backupFiles });
  return listBackups(ctx.dataDir).find((b) => b.name === basename(path))!;
}

/** The audit log's head inside a backup file (entries and last hash): what the backup is printed with. */
export async function auditHeadOfFile(files: BackupFiles, path: string): Promise<AuditChainHead> {
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: files.open(path, { readonly: true }) }) });
  try {
    return await auditChainHead(db);
  } finally {
    await db.destroy();
  }
}
