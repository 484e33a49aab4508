import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DatabaseOpenError, openDatabase } from '../../../src/main/core/db/connection';

const dir = () => mkdtempSync(join(tmpdir(), 'pw-open-'));
const digest = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

async function openError(path: string, busyTimeoutMs?: number): Promise<DatabaseOpenError> {
  try {
    const opened = await openDatabase({ path, busyTimeoutMs });
    await opened.close();
  } catch (error) {
    if (error instanceof DatabaseOpenError) return error;
    throw error;
  }
  throw new Error('expected the database to be refused');
}

describe('opening a register', () => {
  it('creates a new file with WAL, foreign keys and the latest schema', async () => {
    const path = join(dir(), 'new.sqlite');
    const opened = await openDatabase({ path });
    expect(opened.sqlite!.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(opened.sqlite!.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(Number(opened.sqlite!.pragma('busy_timeout', { simple: true }))).toBeGreaterThan(0);
    const tables = (await opened.db.introspection.getTables()).map((t) => t.name);
    expect(tables).toEqual(expect.arrayContaining(['collection_categories', 'audit_log', 'settings']));
    await opened.close();
  });

  it('refuses a file that is not SQLite and leaves it byte for byte as it was', async () => {
    const path = join(dir(), 'notes.sqlite');
    writeFileSync(path, '会议纪要：这不是数据库。'.repeat(100));
    const before = digest(path);
    const error = await openError(path);
    expect(error.problem).toBe('not_sqlite');
    expect(error.message).toContain('is not a SQLite database');
    expect(digest(path)).toBe(before);
  });

  it('refuses a register written by a newer version of the app, untouched', async () => {
    const path = join(dir(), 'future.sqlite');
    await (await openDatabase({ path })).close();
    const raw = new BetterSqlite3(path);
    raw.prepare('insert into kysely_migration (name, timestamp) values (?, ?)').run('2099_01_01_0000_from_the_future', new Date().toISOString());
    raw.pragma('wal_checkpoint(TRUNCATE)');
    raw.close();
    const before = digest(path);
    const error = await openError(path);
    expect(error.problem).toBe('newer_schema');
    expect(error.message).toContain('newer version of Privacy Workbench');
    expect(digest(path)).toBe(before);
  });

  it('refuses a register that another program holds locked', async () => {
    const path = join(dir(), 'locked.sqlite');
    const raw = new BetterSqlite3(path);
    raw.prepare('create table other_program (x)').run();
    raw.prepare('begin exclusive').run();
    try {
      const error = await openError(path, 100);
      expect(error.problem).toBe('locked');
      expect(error.message).toContain('locked by another program');
    } finally {
      raw.prepare('rollback').run();
      raw.close();
    }
  });
});
