import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Migration } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../src/main/core/db/migrations';
import { freshDatabase, migratorFor, MIGRATION_NAMES as names } from './step';

describe('migrations', () => {
  it('are named YYYY_MM_DD_HHMM_what and listed in order, so that later ones only add', () => {
    for (const name of names) expect(name).toMatch(/^\d{4}_\d{2}_\d{2}_\d{4}_[a-z0-9_]+$/);
    expect([...names].sort()).toEqual(names);
  });

  it('each have a test of their own, tests/migrations/<name>.test.ts, from the rows the version before wrote', () => {
    const untested = names.filter((name) => !existsSync(join(__dirname, `${name}.test.ts`)));
    expect(untested, `write tests/migrations/<name>.test.ts for each of these (see step.ts): ${untested.join(', ')}`).toEqual([]);
  });

  it('migrate an empty database to the latest schema', async () => {
    const { db } = freshDatabase();
    const { error, results } = await migratorFor(db).migrateToLatest();
    expect(error).toBeUndefined();
    expect(results?.map((r) => r.status)).toEqual(names.map(() => 'Success'));
    await db.destroy();
  });

  it('keep every row written under each earlier schema when the next migration runs', async () => {
    const { sqlite, db } = freshDatabase();
    const now = '2026-11-17T06:30:00.000Z';
    for (let i = 0; i < names.length; i++) {
      const { error } = await migratorFor(db).migrateTo(names[i]!);
      expect(error).toBeUndefined();
      if (i === 0) {
        sqlite
          .prepare(
            `insert into collection_categories (code, name, stage, subject_type, purposes, legal_basis, collection_method, created_at, updated_at)
             values ('OLD-1', '旧类别', 'registration', 'individual', '目的', 'consent', 'user_provided', ?, ?)`,
          )
          .run(now, now);
        sqlite.prepare(`insert into category_data_items (category_id, position, item) values (1, 0, '姓名')`).run();
      }
      const row = sqlite.prepare(`select code, name, revision from collection_categories where id = 1`).get();
      expect(row).toEqual({ code: 'OLD-1', name: '旧类别', revision: 1 });
      expect(sqlite.prepare('select item from category_data_items').all()).toEqual([{ item: '姓名' }]);
    }
    await db.destroy();
  });

  it('roll back a migration that fails half way, leaving no partial tables', async () => {
    const { sqlite, db } = freshDatabase();
    const failing: Migration = {
      up: async (k) =>
        k.transaction().execute(async (trx) => {
          await trx.schema.createTable('half_made').addColumn('id', 'integer').execute();
          throw new Error('disk full (simulated)');
        }),
    };
    const { error } = await migratorFor(db, { ...migrations, '2999_01_01_0000_failing': failing }).migrateToLatest();
    expect((error as Error).message).toContain('disk full');
    expect(sqlite.prepare(`select name from sqlite_master where name = 'half_made'`).all()).toEqual([]);
    await db.destroy();
  });
});
