import { sql, type Kysely } from 'kysely';
import { columnsOf } from './_columns';

// The bytes of the files kept with a team register (issue 15): the email a request arrived as, its
// attachments, agreements' signed documents. On a PostgreSQL server they live here, one row per
// store folder ('request-files', 'documents') and SHA-256, so that every workbench of the team opens
// what another received, and a `pg_dump` of the register backs them up. A register file (SQLite)
// keeps its files in the folder beside it, as before: the table is made there too, and stays empty
// (core/db/dialect.ts, `bytesInRegister`).

export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnsOf(db);
  const byteLength = t.pg ? sql`octet_length(bytes)` : sql`length(bytes)`;
  await db.transaction().execute(async (trx) => {
    await trx.schema
      .createTable('stored_files')
      .addColumn('folder', 'text', (c) => c.notNull().check(sql`folder in ('request-files', 'documents')`))
      .addColumn('sha256', 'text', (c) => c.notNull().check(sql`length(sha256) = 64`))
      .addColumn('size', 'integer', (c) => c.notNull())
      .addColumn('bytes', t.bytes, (c) => c.notNull())
      .addColumn('created_at', t.instant, (c) => c.notNull())
      .addPrimaryKeyConstraint('stored_files_pk', ['folder', 'sha256'])
      .addCheckConstraint('stored_files_size', sql`size = ${byteLength}`)
      .execute();
  });
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('stored_files').ifExists().execute();
}
