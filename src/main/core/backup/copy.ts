/**
 * Copies of a register, always with SQLite's backup API, never by copying the file: a register in WAL
 * mode keeps committed transactions in `<file>-wal` until a checkpoint, and the API reads them as any
 * connection does. A copy is written under a hidden partial name and renamed when complete; it is one
 * self-contained file (rollback journal, no `-wal`).
 */
import { mkdirSync, renameSync } from 'node:fs';
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

/** How long one step of an online backup may hold the event loop before it yields (ms). */
const STEP_MS = 20;
const MIN_PAGES = 64;
const MAX_PAGES = 16_384; // 64 MiB with 4 KiB pages
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

/**
 * The number of pages for the next step, so that a step takes about STEP_MS: the time since the last
 * step includes whatever else the event loop ran in between, so a busy host gets smaller steps.
 */
function nextStep(pages: number, elapsedMs: number): number {
  const scaled = pages * (STEP_MS / Math.max(elapsedMs, 1));
  return Math.round(Math.min(MAX_PAGES, Math.max(MIN_PAGES, Math.min(pages * 2, Math.max(pages / 2, scaled)))));
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
 * Copies the open register to `outPath` with SQLite's online backup API while the host goes on
 * answering: in steps of about 20 ms, yielding to the event loop between them. Writes through this
 * connection are carried into the copy as it runs; the copy is the register as committed when it ends.
 */
export async function backupOpenDatabase(
  sqlite: BetterSqlite3.Database,
  outPath: string,
  options: CopyOptions & { files?: BackupFiles } = {},
): Promise<void> {
  mkdirSync(dirname(outPath), { recursive: true });
  const temp = partialPath(outPath);
  let pages = 256;
  let last = performance.now();
  try {
    await sqlite.backup(temp, {
      progress: ({ totalPages, remainingPages }) => {
        options.onProgress?.(totalPages - remainingPages, totalPages);
        if (options.signal?.aborted) throw new BackupCancelled();
        const now = performance.now();
        pages = nextStep(pages, now - last);
        last = now;
        return pages;
      },
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
