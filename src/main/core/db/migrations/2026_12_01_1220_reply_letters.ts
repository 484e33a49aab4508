import { sql, type Kysely } from 'kysely';
import { columnsOf } from './_columns';

// Replies for every outcome. `reply_templates` holds the officer's own wording of a template in one
// language (a template without a row uses the shipped wording); a refusal keeps its reason in words
// (`refusal_note`, required for the reason "other"), and an answer whether it was partial.

export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnsOf(db);
  await db.transaction().execute(async (trx) => {
    await trx.schema
      .createTable('reply_templates')
      .addColumn('id', ...t.id)
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('language', 'text', (c) => c.notNull().check(sql`language in ('zh-CN', 'en')`))
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('created_at', t.instant, (c) => c.notNull())
      .addColumn('updated_at', t.instant, (c) => c.notNull())
      .addUniqueConstraint('reply_templates_kind_language', ['kind', 'language'])
      .execute();
    await trx.schema.alterTable('requests').addColumn('refusal_note', 'text', (c) => c.notNull().defaultTo('')).execute();
    await trx.schema.alterTable('requests').addColumn('response_partial', t.boolean, (c) => c.notNull().defaultTo(t.false)).execute();
  });
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.schema.alterTable('requests').dropColumn('response_partial').execute();
    await trx.schema.alterTable('requests').dropColumn('refusal_note').execute();
    await trx.schema.dropTable('reply_templates').execute();
  });
}
