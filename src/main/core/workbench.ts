import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { HostKind } from '@shared/domain/app';
import type { Language } from '@shared/domain/settings';
import pkg from '../../../package.json';
import { openDatabase, type OpenDatabase } from './db/connection';
import { systemClock, type Clock } from './clock';
import type { CoreContext, HostPlatform } from './context';
import { createRouter, type Logger, type Router } from './router';
import { currentUser, dataDirFor } from './paths';
import { applyPendingRestore, type PendingRestoreOutcome } from './transfer/backup';

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
  /** Refuse a path that holds no register rather than create one (the read-only commands). */
  mustExist?: boolean;
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
  if (options.dbPath !== ':memory:' && !options.mustExist) mkdirSync(dirname(options.dbPath), { recursive: true });
  const dataDir = options.dataDir ?? dataDirFor(options.dbPath);
  const restore = applyPendingRestore(options.dbPath, dataDir, {
    at: (options.clock ?? systemClock).now().toISOString(),
    nativeBinding: options.nativeBinding,
  });
  const database = await openDatabase({ path: options.dbPath, nativeBinding: options.nativeBinding, mustExist: options.mustExist });
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
  };
  return { ctx, router: createRouter(ctx, options.log), database, restore, close: () => database.close() };
}
