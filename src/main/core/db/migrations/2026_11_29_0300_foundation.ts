import { type Kysely, sql } from 'kysely';
import { columnsOf } from './_columns';

// Migrations import nothing from the app: they must keep meaning what they meant when released.
// Written with Kysely's builders so that the same schema can move to PostgreSQL.

export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnsOf(db);
  await db.transaction().execute(async (trx) => {
    await trx.schema
      .createTable('settings')
      .addColumn('id', ...t.id)
      .addColumn('key', 'text', (c) => c.notNull().unique())
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('created_at', t.instant, (c) => c.notNull())
      .addColumn('updated_at', t.instant, (c) => c.notNull())
      .execute();

    await trx.schema
      .createTable('audit_log')
      .addColumn('id', ...t.id)
      .addColumn('at', t.instant, (c) => c.notNull())
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('entity', 'text', (c) => c.notNull())
      .addColumn('entity_id', 'integer')
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('before', 'text')
      .addColumn('after', 'text')
      .addColumn('prev_hash', 'text', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull())
      .execute();
    await trx.schema.createIndex('audit_log_entity_idx').on('audit_log').columns(['entity', 'entity_id', 'id']).execute();

    await trx.schema
      .createTable('collection_categories')
      .addColumn('id', ...t.id)
      .addColumn('code', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('stage', 'text', (c) => c.notNull())
      .addColumn('subject_type', 'text', (c) => c.notNull())
      .addColumn('purposes', 'text', (c) => c.notNull())
      .addColumn('legal_basis', 'text', (c) => c.notNull())
      .addColumn('collection_method', 'text', (c) => c.notNull())
      .addColumn('sensitive', t.boolean, (c) => c.notNull().defaultTo(t.false))
      .addColumn('sensitive_kind', 'text')
      .addColumn('separate_consent', t.boolean, (c) => c.notNull().defaultTo(t.false))
      .addColumn('guardian_consent', t.boolean, (c) => c.notNull().defaultTo(t.false))
      .addColumn('retention', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('retention_days', 'integer')
      .addColumn('storage_location', 'text', (c) => c.notNull().defaultTo('domestic'))
      .addColumn('cross_border_mechanism', 'text', (c) => c.notNull().defaultTo('none'))
      .addColumn('policy_clause', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
      .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', t.instant, (c) => c.notNull())
      .addColumn('updated_at', t.instant, (c) => c.notNull())
      .$call((b) => (t.pg ? b : b.addCheckConstraint('collection_categories_sensitive_bool', sql`sensitive in (0, 1)`)))
      .execute();
    for (const column of ['name', 'stage', 'status', 'updated_at'] as const) {
      await trx.schema.createIndex(`collection_categories_${column}_idx`).on('collection_categories').column(column).execute();
    }

    await trx.schema
      .createTable('category_data_items')
      .addColumn('id', ...t.id)
      .addColumn('category_id', 'integer', (c) =>
        c.notNull().references('collection_categories.id').onDelete('cascade'),
      )
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('item', 'text', (c) => c.notNull())
      .addUniqueConstraint('category_data_items_unique', ['category_id', 'item'])
      .execute();
    await trx.schema.createIndex('category_data_items_item_idx').on('category_data_items').column('item').execute();
  });
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const table of ['category_data_items', 'collection_categories', 'audit_log', 'settings']) {
      await trx.schema.dropTable(table).ifExists().execute();
    }
  });
}
