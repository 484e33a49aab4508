import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { HostKind } from '@shared/domain/app';
import type { Language } from '@shared/domain/settings';
import pkg from '../../../package.json';
import { openDatabase, type OpenDatabase } from './db/connection';
import { systemClock, type Clock } from './clock';
import type { CoreContext, HostPlatform } from './context';
import { createRouter, type Logger, type Router } from './router';
import { checkServerLocation, currentUser, dataDirFor, isPostgresUrl } from './paths';
import { BackupFiles } from './backup/check';
import { removeLeftoverPartials } from './backup/files';
import { applyPendingRestore, type PendingRestoreOutcome } from './backup/restore';
import { defaultAuditKeyPath, fileKeyProvider, type AuditKeyProvider } from './audit/audit-key';
import { openAuditAnchoring, settleAnchoring } from './audit/audit-anchor';
import { restartAnchorAfterRestore } from './audit/audit.service';

export interface WorkbenchOptions {
  dbPath: string;
  host: HostKind;
  systemLanguage: Language;
  clock?: Clock;
  actor?: string;
  /** Where attachments and backups go; by default a folder beside the database. */
  dataDir?: string;
  nativeBinding?: string;
  log?: Logger;
  platform?: HostPlatform;
  /** Where the audit log's key is kept; by default `audit-key` in the user-data folder (audit/audit-key.ts). */
  auditKey?: AuditKeyProvider;
  /** Refuse a path that holds no register rather than create one (the read-only commands). */
  mustExist?: boolean;
  /** How long a write waits for another process's write to a register file (two minutes; tests shorten it). */
  writeWaitMs?: number;
}

export interface Workbench {
  ctx: CoreContext;
  router: Router;
  database: OpenDatabase;
  /** A restore scheduled by a running host and applied (or refused) before this database was opened. */
  restore: PendingRestoreOutcome | null;
  close(): Promise<void>;
}

/** Opens the register and builds the core over it: what every host (Electron, web, CLI, tests) starts from. */
export async function openWorkbench(options: WorkbenchOptions): Promise<Workbench> {
  checkServerLocation(options.dbPath);
  if (options.dbPath !== ':memory:' && !options.mustExist) mkdirSync(dirname(options.dbPath), { recursive: true });
  const dataDir = options.dataDir ?? dataDirFor(options.dbPath);
  const backupFiles = new BackupFiles(options.nativeBinding);
  removeLeftoverPartials(options.dbPath, dataDir);
  const auditKeys = options.auditKey ?? fileKeyProvider(defaultAuditKeyPath());
  const restore = await applyPendingRestore(options.dbPath, dataDir, {
    at: (options.clock ?? systemClock).now().toISOString(),
    actor: options.actor,
    files: backupFiles,
    // Read only when a restore is due: a read-only command run by another user need not reach the key.
    auditKey: () => auditKeys.read(),
  });
  const database = await openDatabase({ path: options.dbPath, nativeBinding: options.nativeBinding, mustExist: options.mustExist, writeWaitMs: options.writeWaitMs });
  let audit;
  try {
    const now = (options.clock ?? systemClock).now().toISOString();
    audit = await openAuditAnchoring(database.db, auditKeys, dataDir, now);
  } catch (error) {
    await database.close();
    throw error;
  }
  const ctx: CoreContext = {
    db: database.db,
    clock: options.clock ?? systemClock,
    actor: options.actor ?? currentUser(),
    dbPath: options.dbPath,
    schemaVersion: database.schemaVersion,
    dataDir,
    host: options.host,
    systemLanguage: options.systemLanguage,
    version: pkg.version,
    platform: options.platform ?? {},
    sqlite: database.sqlite,
    backupFiles,
    audit,
  };
  if (restore && !restore.refused) {
    try {
      await restartAnchorAfterRestore(ctx, restore.restoredFrom);
    } catch (error) {
      await database.close();
      throw error;
    }
  }
  const close = async () => {
    try {
      await settleAnchoring(ctx.audit);
    } finally {
      await database.close();
    }
  };
  return { ctx, router: createRouter(ctx, options.log), database, restore, close };
}
