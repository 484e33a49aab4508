import type { Kysely } from 'kysely';

// Each audit entry gains an HMAC made with a key held outside the database file. Entries written
// before this migration keep null: they are checked by their hashes only.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.schema.alterTable('audit_log').addColumn('hmac', 'text').execute();
  });
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.schema.alterTable('audit_log').dropColumn('hmac').execute();
  });
}
