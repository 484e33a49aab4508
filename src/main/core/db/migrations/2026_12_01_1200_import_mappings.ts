import { sql, type Kysely } from 'kysely';

// Saved import mappings: how an office's own spreadsheet (a record of processing, a vendor list, a
// ticket system's request log) maps to a register's fields and codes, saved by name for the next
// import. `body` is the mapping as its JSON file holds it (docs/import-mapping.md).

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.schema
      .createTable('import_mappings')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('name', 'text', (c) => c.notNull().unique().check(sql`length(trim(name)) between 1 and 100`))
      .addColumn('register', 'text', (c) => c.notNull().check(sql`register in ('categories', 'partners', 'flows', 'agreements', 'sdks', 'requests')`))
      .addColumn('body', 'text', (c) => c.notNull().check(sql`json_valid(body)`))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
  });
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.schema.dropTable('import_mappings').ifExists().execute();
  });
}
