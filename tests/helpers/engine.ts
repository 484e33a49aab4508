/**
 * Which engine the tests open registers on: SQLite in memory (the default), or a fresh database on
 * the PostgreSQL server of the run (`PRIVACY_WORKBENCH_TEST_ENGINE=postgres`, tests/setup/postgres-global.ts).
 */
import { createHash, randomBytes } from 'node:crypto';
import { CompiledQuery, type Kysely } from 'kysely';
import { inject } from 'vitest';
import { onServer } from '../setup/postgres';
import { rawStatement } from '../../src/main/core/db/dialect';

declare module 'vitest' {
  export interface ProvidedContext {
    pgBase: string;
    pgTemplate: string;
  }
}

export type TestEngine = 'sqlite' | 'postgres';
export const TEST_ENGINE: TestEngine = process.env.PRIVACY_WORKBENCH_TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite';
export const onPostgres = TEST_ENGINE === 'postgres';

/** Why a test runs on SQLite only: `it.skipIf(onPostgres)` beside it, with this reason in its name. */
export const SQLITE_ONLY = '(SQLite only: a register file)';

/** A database copied from the run's migrated template, and how to drop it. */
export async function freshPostgresRegister(): Promise<{ url: string; drop(): Promise<void> }> {
  const base = inject('pgBase');
  const name = `pw_${process.pid}_${randomBytes(4).toString('hex')}`;
  await onServer(base, `create database ${name} template ${inject('pgTemplate')} strategy file_copy`);
  return { url: `${base}/${name}`, drop: () => onServer(base, `drop database if exists ${name} with (force)`) };
}

/** Rows of a hand-written statement (`?` placeholders) on either engine: for tests that look under the core. */
export async function rowsOf<T = Record<string, unknown>>(db: Kysely<never> | Kysely<any>, text: string, ...params: unknown[]): Promise<T[]> {
  return (await db.executeQuery<T>(rawStatement(db, text, params))).rows;
}

/** Runs a hand-written statement on either engine (a test's tampering, a row written the old way). */
export async function run(db: Kysely<any>, text: string, ...params: unknown[]): Promise<void> {
  await db.executeQuery(rawStatement(db, text, params) as CompiledQuery);
}

/** The first row of a hand-written statement (better-sqlite3's `get`), undefined when there is none. */
export async function rowOf<T = Record<string, unknown>>(db: Kysely<any>, text: string, ...params: unknown[]): Promise<T | undefined> {
  return (await rowsOf<T>(db, text, ...params))[0];
}

/** The first column of every row of a hand-written statement (better-sqlite3's `pluck().all()`). */
export async function columnOf<T = unknown>(db: Kysely<any>, text: string, ...params: unknown[]): Promise<T[]> {
  return (await rowsOf<Record<string, T>>(db, text, ...params)).map((row) => Object.values(row)[0] as T);
}

/**
 * Makes the next id of each of these tables at least `first(table, i)`: SQLite's `sqlite_sequence`,
 * PostgreSQL's identity sequences (tables without an identity id are left alone).
 */
export async function startIdsAt(db: Kysely<any>, tables: readonly string[], first: (table: string, i: number) => number): Promise<void> {
  if (!onPostgres) {
    for (const [i, table] of tables.entries()) await run(db, 'insert into sqlite_sequence (name, seq) values (?, ?)', table, first(table, i));
    return;
  }
  const withIdentity = new Set(
    await columnOf<string>(db, "select table_name from information_schema.columns where table_schema = current_schema() and column_name = 'id' and is_identity = 'YES'"),
  );
  for (const [i, table] of tables.entries()) {
    if (withIdentity.has(table)) await run(db, `select setval(pg_get_serial_sequence(?, 'id'), ?)`, table, first(table, i));
  }
}

/**
 * A digest of everything a register holds, to show that a call wrote nothing: on SQLite the whole
 * database image (every page of every table); on PostgreSQL every row of every table, in one statement.
 */
export async function registerDigest(database: { db: Kysely<any>; sqlite?: { serialize(): Buffer } | null }): Promise<string> {
  if (database.sqlite) return createHash('sha256').update(database.sqlite.serialize()).digest('hex');
  const tables = (await database.db.introspection.getTables({ withInternalKyselyTables: true })).map((t) => t.name).sort();
  const rows = tables.map((name) => `select '${name}:' || t::text as line from "${name}" t`).join(' union all ');
  const [digest] = await rowsOf<{ digest: string }>(database.db, `select md5(coalesce(string_agg(line, E'\\n' order by line), '')) as digest from (${rows}) s`);
  return digest!.digest;
}
