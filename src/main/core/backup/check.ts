/**
 * What a file must be before it may replace the register: SQLite, whole (`PRAGMA integrity_check`),
 * a Privacy Workbench register no newer than this build (its migrations are the first of ours, in
 * order), and nothing else: its schema equals what those migrations create (./schema.ts).
 */
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { messageText, translatorFor } from '@shared/i18n';
import type { MessageRef } from '@shared/validation';
import { migrations } from '../db/migrations';
import { compareSchemas, readSchema, ReferenceSchemas } from './schema';

const SQLITE_HEADER = 'SQLite format 3\u0000';

export type BackupProblem = 'missing' | 'not_sqlite' | 'integrity' | 'not_workbench' | 'newer_schema' | 'foreign_schema';

export type BackupCheck =
  | { ok: true; migrations: string[] }
  | {
      ok: false;
      problem: BackupProblem;
      /** Why, as a message in the user's language (the first difference, for a foreign schema). */
      reason: MessageRef;
      /** Everything found, in English, for the command line and logs. */
      detail: string;
    };

const refused = (problem: Exclude<BackupProblem, 'foreign_schema'>, detail: string): BackupCheck => ({
  ok: false,
  problem,
  reason: { key: `errors:backupProblem.${problem}` },
  detail,
});

/** A reason in English: the command line's language for what it prints itself. */
export const inEnglish = (reason: MessageRef) => messageText(translatorFor('en'), reason);

/** True when the file starts with SQLite's header. */
export function hasSqliteHeader(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const header = Buffer.alloc(16);
    return readSync(fd, header, 0, 16, 0) === 16 && header.toString('latin1') === SQLITE_HEADER;
  } finally {
    closeSync(fd);
  }
}

/**
 * Opens and checks files other than the open register (backups, copies to restore) with the SQLite
 * build this host runs on (the Electron host has its own), and keeps the reference schemas it built.
 * One per workbench; the command line makes its own.
 */
export class BackupFiles {
  private readonly references: ReferenceSchemas;

  constructor(readonly nativeBinding?: string) {
    this.references = new ReferenceSchemas(nativeBinding);
  }

  open(path: string, options: { readonly?: boolean } = {}): BetterSqlite3.Database {
    return new BetterSqlite3(path, {
      fileMustExist: true,
      ...(options.readonly ? { readonly: true } : {}),
      ...(this.nativeBinding ? { nativeBinding: this.nativeBinding } : {}),
    });
  }

  async check(path: string): Promise<BackupCheck> {
    if (!existsSync(path) || !statSync(path).isFile()) return refused('missing', path);
    if (!hasSqliteHeader(path)) return refused('not_sqlite', path);
    let db: BetterSqlite3.Database | undefined;
    try {
      db = this.open(path, { readonly: true });
      const integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
      if (integrity.length !== 1 || integrity[0] !== 'ok') return refused('integrity', integrity.slice(0, 5).join('; '));
      const hasMigrations = db.prepare(`select count(*) as n from sqlite_master where type = 'table' and name = 'kysely_migration'`).get() as { n: number };
      if (hasMigrations.n === 0) return refused('not_workbench', 'no kysely_migration table');
      const names = (db.prepare('select name from kysely_migration order by name').all() as { name: string }[]).map((r) => r.name);
      const unknown = names.filter((n) => !(n in migrations));
      if (names.length > 0 && unknown.length === names.length) return refused('not_workbench', names.join(', '));
      if (unknown.length > 0) return refused('newer_schema', unknown.join(', '));
      const ours = Object.keys(migrations).sort();
      if (names.length === 0 || names.some((name, i) => ours[i] !== name)) {
        return refused('not_workbench', `migrations ${names.join(', ') || 'none'} are not the first of ${ours.join(', ')}`);
      }
      const reference = await this.references.forMigrations(names);
      const differences = compareSchemas(readSchema(db, reference), reference);
      if (differences.length > 0) {
        return { ok: false, problem: 'foreign_schema', reason: differences[0]!, detail: differences.map(inEnglish).join('; ') };
      }
      return { ok: true, migrations: names };
    } catch (error) {
      return refused('not_sqlite', (error as Error).message);
    } finally {
      db?.close();
    }
  }
}
