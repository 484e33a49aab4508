/**
 * Restore never happens under an open connection. The command line restores a closed database
 * (`restore --db --from`); a running host *schedules* a restore (`backup:scheduleRestore`), which
 * `applyPendingRestore` applies the next time the workbench opens the database, before it is opened.
 *
 * Either way the backup is first copied with SQLite's backup API (so that what a `-wal` beside it holds
 * comes along), the copy is checked (./check.ts), an audit entry naming the backup and its audit chain
 * is written into the copy, and only then does the copy replace the register. The replaced file is
 * kept aside beside the database, never deleted.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { Kysely, SqliteDialect } from 'kysely';
import type { BackupStatus } from '@shared/domain/transfer';
import type { MessageRef } from '@shared/validation';
import { recordAudit, type AuditingContext } from '../audit/audit.service';
import { fixedClock } from '../clock';
import { nowIso, type CoreContext } from '../context';
import type { Database } from '../db/schema';
import { AppError } from '../errors';
import { currentUser, isPostgresUrl } from '../paths';
import { auditChainHead } from '../audit/audit-verify';
import { BackupFiles, hasSqliteHeader, inEnglish, type BackupCheck, type BackupProblem } from './check';
import { requireSqlite, snapshotFile } from './copy';
import { backupsDir, listBackups, removePartial, restorePartialPath, stamp } from './files';

const PENDING_RESTORE_FILE = 'restore-pending.json';

export class RestoreError extends Error {
  constructor(
    readonly problem: BackupProblem | 'in_use',
    /** Why, in the user's language once translated: the message that follows "cannot be restored:". */
    readonly reason: MessageRef,
    message: string,
  ) {
    super(message);
    this.name = 'RestoreError';
  }
}

/** The message a refused restore shows: "The backup NAME cannot be restored: REASON. The register has not been changed." */
export const refusalMessage = (name: string, reason: MessageRef): MessageRef => ({
  key: 'errors:backupRefused',
  params: { ...reason.params, name, problem: reason.key },
});

function refusedBy(fromPath: string, check: Extract<BackupCheck, { ok: false }>): RestoreError {
  const text = check.problem === 'foreign_schema' ? check.detail : `${inEnglish(check.reason)} (${check.detail})`;
  return new RestoreError(check.problem, check.reason, `${fromPath}: ${text}`);
}

/** The name the replaced register is kept under: `workbench.replaced-2026-11-17T06-30-00Z.sqlite`. */
function asideName(dbPath: string, at: string): string {
  const ext = extname(dbPath) || '.sqlite';
  const base = join(dirname(dbPath), `${basename(dbPath, extname(dbPath))}.replaced-${stamp(at)}`);
  let candidate = `${base}${ext}`;
  for (let i = 2; existsSync(candidate); i += 1) candidate = `${base}-${i}${ext}`;
  return candidate;
}

async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Writes the restore's audit entry into the checked copy, before it replaces the register. */
async function recordRestore(files: BackupFiles, copyPath: string, auditing: AuditingContext, after: Record<string, unknown>): Promise<void> {
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: files.open(copyPath) }) });
  try {
    await db.transaction().execute(async (trx) => {
      const head = await auditChainHead(trx);
      const chain = { hash: head.count === 0 ? null : head.headHash, entries: head.count };
      await recordAudit(trx, auditing, { entity: 'workbench', entityId: null, action: 'restore', before: null, after: { ...after, auditChainHead: chain } });
    });
  } finally {
    await db.destroy();
  }
}

export interface RestoreOptions {
  at: string;
  /** Written into the restore's audit entry; by default the user this process runs as. */
  actor?: string;
  /** The audit key of this machine, to sign the restore's entry (the anchor is restarted after it, see audit-anchor.ts). */
  auditKey?: Buffer | null | (() => Buffer | null);
  files?: BackupFiles;
}

/**
 * Replaces the (closed) register at `dbPath` with the backup at `fromPath`, after checking a copy of it.
 * The current file is renamed aside, never deleted; answers where it was kept (null if there was none).
 * Refused, with nothing changed, if the copy fails its check or the register is open elsewhere. A backup
 * that another program holds open is snapshotted as committed, its WAL included.
 */
export async function restoreClosedDatabase(dbPath: string, fromPath: string, options: RestoreOptions): Promise<{ keptAside: string | null }> {
  const files = options.files ?? new BackupFiles();
  if (!existsSync(fromPath) || !statSync(fromPath).isFile()) {
    throw new RestoreError('missing', { key: 'errors:backupProblem.missing' }, `${fromPath}: the file does not exist`);
  }
  if (!hasSqliteHeader(fromPath)) {
    throw new RestoreError('not_sqlite', { key: 'errors:backupProblem.not_sqlite' }, `${fromPath}: it is not a SQLite database`);
  }
  if (existsSync(dbPath)) {
    // Open and close it once: a clean close by the last connection checkpoints and removes the WAL.
    // If the WAL is still there afterwards, another program holds the register open.
    try {
      files.open(dbPath).close();
    } catch {
      // Not a database we can open: it is still kept aside below, never deleted.
    }
    if (existsSync(`${dbPath}-wal`)) {
      throw new RestoreError('in_use', { key: 'errors:backupProblem.in_use' }, `${dbPath} is open in another program; close it first`);
    }
  }
  mkdirSync(dirname(dbPath), { recursive: true });
  const temp = restorePartialPath(dbPath);
  removePartial(temp);
  try {
    try {
      await snapshotFile(files, fromPath, temp);
    } catch (error) {
      throw new RestoreError('not_sqlite', { key: 'errors:backupProblem.not_sqlite' }, `${fromPath}: ${(error as Error).message}`);
    }
    const check = await files.check(temp);
    if (!check.ok) throw refusedBy(fromPath, check);
    const keptAside = existsSync(dbPath) ? asideName(dbPath, options.at) : null;
    const auditing = { clock: fixedClock(options.at), actor: options.actor ?? currentUser(), audit: { key: (typeof options.auditKey === 'function' ? options.auditKey() : options.auditKey) ?? null } };
    await recordRestore(files, temp, auditing, {
      file: basename(fromPath),
      sha256: await sha256OfFile(fromPath),
      replaced: keptAside ? basename(keptAside) : null,
    });
    if (keptAside) {
      renameSync(dbPath, keptAside);
      for (const suffix of ['-wal', '-shm']) if (existsSync(`${dbPath}${suffix}`)) renameSync(`${dbPath}${suffix}`, `${keptAside}${suffix}`);
    }
    renameSync(temp, dbPath);
    return { keptAside };
  } finally {
    removePartial(temp);
  }
}

interface PendingRestore {
  file: string;
  requestedAt: string;
}

export function readPendingRestore(dataDir: string): PendingRestore | null {
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
  /** Why the restore was refused, in English (the register is unchanged). */
  refused?: string;
  /** The same, to be shown in the user's language. */
  refusal?: MessageRef;
}

/**
 * Called by `openWorkbench` before the database is opened: applies a restore scheduled by a running
 * host. A backup that fails its check is refused and the register left as it was; the request is
 * removed either way so that a bad file cannot stop the app from starting.
 */
export async function applyPendingRestore(dbPath: string, dataDir: string, options: RestoreOptions): Promise<PendingRestoreOutcome | null> {
  if (dbPath === ':memory:') return null;
  const pending = readPendingRestore(dataDir);
  if (!pending) return null;
  rmSync(join(dataDir, PENDING_RESTORE_FILE), { force: true });
  try {
    const { keptAside } = await restoreClosedDatabase(dbPath, pending.file, options);
    return { restoredFrom: pending.file, keptAside };
  } catch (error) {
    const reason = error instanceof RestoreError ? error.reason : { key: 'errors:internal', params: { detail: (error as Error).message } };
    return { restoredFrom: pending.file, keptAside: null, refused: (error as Error).message, refusal: refusalMessage(basename(pending.file), reason) };
  }
}

export function backupStatus(ctx: CoreContext): BackupStatus {
  const pending = readPendingRestore(ctx.dataDir);
  return {
    folder: backupsDir(ctx.dataDir),
    available: !!ctx.sqlite && ctx.dbPath !== ':memory:',
    onServer: isPostgresUrl(ctx.dbPath),
    backups: isPostgresUrl(ctx.dbPath) ? [] : listBackups(ctx.dataDir),
    pendingRestore: pending ? { name: basename(pending.file), requestedAt: pending.requestedAt } : null,
  };
}

/** Schedules a restore from one of the listed backups, applied the next time the workbench opens. */
export async function scheduleRestore(ctx: CoreContext, name: string): Promise<BackupStatus> {
  requireSqlite(ctx);
  const file = join(backupsDir(ctx.dataDir), basename(name));
  const check = await (ctx.backupFiles ?? new BackupFiles()).check(file);
  if (!check.ok) throw new AppError('VALIDATION', refusalMessage(name, check.reason));
  mkdirSync(ctx.dataDir, { recursive: true });
  writeFileSync(join(ctx.dataDir, PENDING_RESTORE_FILE), JSON.stringify({ file, requestedAt: nowIso(ctx) } satisfies PendingRestore));
  return backupStatus(ctx);
}

export function cancelRestore(ctx: CoreContext): BackupStatus {
  rmSync(join(ctx.dataDir, PENDING_RESTORE_FILE), { force: true });
  return backupStatus(ctx);
}
