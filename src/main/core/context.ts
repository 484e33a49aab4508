import type { Kysely } from 'kysely';
import type BetterSqlite3 from 'better-sqlite3';
import type { HostKind } from '@shared/domain/app';
import type { Language } from '@shared/domain/settings';
import type { Database } from './db/schema';
import type { Clock } from './clock';
import type { BackupFiles } from './backup/check';
import type { AuditAnchoring } from './audit/audit-anchor';
import type { Caller, Session } from './people/caller';

/**
 * What only some hosts can do. The Electron host provides these with Electron's own APIs; the web
 * host and the command line provide what they can. The core checks before it calls.
 */
export interface HostPlatform {
  /** Opens a file with the system's default viewer (the desktop app). */
  openFile?(path: string): Promise<void>;
  /** Shows a desktop notification (the desktop app). */
  notify?(title: string, body: string): void;
  /**
   * Prints report HTML to PDF with the host's browser engine; `frame` holds the running header and
   * footer printed on every page (Chromium's header and footer templates).
   */
  htmlToPdf?(html: string, frame?: PdfPageFrame): Promise<Uint8Array>;
}

/** Chromium's header and footer templates: markup rendered by the report, never from a stylesheet. */
export interface PdfPageFrame {
  headerTemplate: string;
  footerTemplate: string;
}

/** What every handler is given: the register, a clock, who is acting, and where. */
export interface CoreContext {
  db: Kysely<Database>;
  clock: Clock;
  /** Written into the audit log as the one who made each change. */
  actor: string;
  dbPath: string;
  schemaVersion: string;
  /** The folder beside the database where attachments and backups live. */
  dataDir: string;
  host: HostKind;
  systemLanguage: Language;
  version: string;
  platform: HostPlatform;
  /** The audit log's key and anchor (audit/audit-anchor.ts). */
  audit: AuditAnchoring;
  /** The open SQLite connection, for online backups (core/backup/copy.ts); absent where there is no file. */
  sqlite?: BetterSqlite3.Database;
  /** Opens and checks backup files with this host's SQLite build (core/backup/check.ts). */
  backupFiles?: BackupFiles;
  /** Who is calling, resolved by the router for each call (people/session.ts); absent outside a call. */
  caller?: Caller;
  /** The calling host's session (one per window, browser or command), which signing in changes. */
  session?: Session;
}

export const nowIso = (ctx: Pick<CoreContext, 'clock'>) => ctx.clock.now().toISOString();
