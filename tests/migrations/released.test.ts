import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../src/main/core/db/migrations';
import { MIGRATION_NAMES } from './step';

// A released migration has run on users' registers: changing what it does would leave theirs and a
// new one with different schemas under the same name. What matters to a user's file is what the
// migration executes on SQLite, not how its source is written: the same migrations also build the
// PostgreSQL schema, through column helpers and engine branches that leave the SQLite statements
// as they were. released.json holds the SHA-256 of the statements (and their parameters) each
// released migration executes on an empty in-memory register brought to the migration before it;
// this test holds the migrations to it.

const ROOT = join(__dirname, '../..');
const DIR = join(ROOT, 'src/main/core/db/migrations');
const MANIFEST = join(DIR, 'released.json');
const shown = (file: string) => relative(ROOT, file).split('\\').join('/');

/** ISO timestamps of the moment a migration runs (seed rows' created_at): the same in every run. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
export const normalisedParameter = (value: unknown) => (typeof value === 'string' && ISO_INSTANT.test(value) ? '<now>' : value);

/** Each migration's statements on SQLite, in order, run one after the other on one empty register. */
async function executedStatements(): Promise<Record<string, { sql: string; parameters: unknown[] }[]>> {
  const captured: { sql: string; parameters: unknown[] }[] = [];
  const db = new Kysely<unknown>({
    dialect: new SqliteDialect({ database: new BetterSqlite3(':memory:') }),
    log: (event) => {
      if (event.level === 'query') captured.push({ sql: event.query.sql, parameters: event.query.parameters.map(normalisedParameter) });
    },
  });
  const out: Record<string, { sql: string; parameters: unknown[] }[]> = {};
  try {
    for (const name of MIGRATION_NAMES) {
      captured.length = 0;
      await migrations[name]!.up(db);
      out[name] = [...captured];
    }
  } finally {
    await db.destroy();
  }
  return out;
}

export const statementsHash = (statements: { sql: string; parameters: unknown[] }[]) =>
  createHash('sha256').update(JSON.stringify(statements)).digest('hex');

const released = JSON.parse(readFileSync(MANIFEST, 'utf8')) as Record<string, string>;

describe('released migrations (src/main/core/db/migrations/released.json)', () => {
  it('are each a file of the static list, and each file is in the list', () => {
    const files = readdirSync(DIR).filter((f) => f.endsWith('.ts') && f !== 'index.ts' && !f.startsWith('_'));
    expect([
      ...files.filter((f) => !MIGRATION_NAMES.includes(f.replace(/\.ts$/, ''))).map((f) => `${shown(join(DIR, f))} is not in the list of index.ts`),
      ...MIGRATION_NAMES.filter((name) => !files.includes(`${name}.ts`)).map((name) => `${name} in index.ts has no file ${name}.ts`),
    ]).toEqual([]);
  });

  it('hash the statements and their parameters, the moment of the run left out', () => {
    const a = statementsHash([{ sql: 'insert into t (at) values (?)', parameters: ['2026-11-17T06:30:00.000Z'].map(normalisedParameter) }]);
    const b = statementsHash([{ sql: 'insert into t (at) values (?)', parameters: ['2027-01-01T00:00:00.001Z'].map(normalisedParameter) }]);
    expect(a).toBe(b);
    expect(statementsHash([{ sql: 'insert into t (at) values (?)', parameters: ['2026-11-17'] }])).not.toBe(a);
    expect(statementsHash([{ sql: 'insert into t (at) values (?, ?)', parameters: ['<now>'] }])).not.toBe(a);
  });

  it('execute on SQLite exactly what they executed when released', async () => {
    const executed = await executedStatements();
    const problems = Object.entries(released).flatMap(([name, hash]) => {
      const file = join(DIR, `${name}.ts`);
      if (!existsSync(file) || !executed[name]) return [`${shown(file)} was released and is gone: registers that ran it would be refused. Put it back.`];
      const now = statementsHash(executed[name]);
      return now === hash
        ? []
        : [
            `${shown(file)} executes other statements on SQLite than when it was released (sha256 ${hash}, now ${now}). ` +
              'A released migration never changes what it does to a register: undo the edit and make the change in a new migration.',
          ];
    });
    expect(problems).toEqual([]);
  });

  it('include every migration of the list', async () => {
    const missing = MIGRATION_NAMES.filter((name) => !(name in released));
    const executed = missing.length > 0 ? await executedStatements() : {};
    const lines = missing.map((name) => `  "${name}": "${statementsHash(executed[name]!)}"`);
    expect(
      missing,
      `${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not in ${shown(MANIFEST)}. When the migration is final, add ${missing.length === 1 ? 'this line' : 'these lines'} to it:\n${lines.join(',\n')}\n`,
    ).toEqual([]);
  });
});
