import type { Kysely } from 'kysely';
import { columnsOf } from './_columns';

// A year of the holiday calendar counts as known only when it is complete: marked so by the user, or
// imported whole (a State Council notice, a whole-year list). A stray entry of another year no longer
// makes that year known. The shipped 2025 and 2026 arrangements are complete; any other year a
// register already holds stays as it is, not complete, until the user marks it.

export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnsOf(db);
  await db.transaction().execute(async (trx) => {
    await trx.schema
      .createTable('holiday_calendar_years')
      .addColumn('year', 'integer', (c) => c.primaryKey())
      // shipped | marked | notice | list
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('marked_at', t.instant, (c) => c.notNull())
      .execute();
    const now = new Date().toISOString();
    await (trx as Kysely<Record<string, Record<string, unknown>>>)
      .insertInto('holiday_calendar_years')
      .values([2025, 2026].map((year) => ({ year, source: 'shipped', marked_at: now })))
      .execute();
  });
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.schema.dropTable('holiday_calendar_years').execute();
  });
}
