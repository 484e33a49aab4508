import { sql, type Kysely } from 'kysely';
import { columnsOf } from './_columns';

// Saved import mappings: how an office's own spreadsheet (a record of processing, a vendor list, a
// ticket system's request log) maps to a register's fields and codes, saved by name for the next
// import. `body` is the mapping as its JSON file holds it (docs/import-mapping.md).

export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnsOf(db);
  await db.transaction().execute(async (trx) => {
    await trx.schema
      .createTable('import_mappings')
      .addColumn('id', ...t.id)
      .addColumn('name', 'text', (c) => c.notNull().unique().check(sql`length(trim(name)) between 1 and 100`))
      .addColumn('register', 'text', (c) => c.notNull().check(sql`register in ('categories', 'partners', 'flows', 'agreements', 'sdks', 'requests')`))
      // jsonb takes valid JSON only; SQLite's text needs the check.
      .addColumn('body', t.json, (c) => (t.pg ? c.notNull() : c.notNull().check(sql`json_valid(body)`)))
      .addColumn('created_at', t.instant, (c) => c.notNull())
      .addColumn('updated_at', t.instant, (c) => c.notNull())
      .execute();
  });
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.schema.dropTable('import_mappings').ifExists().execute();
  });
}
