import { type Kysely, sql } from 'kysely';
import { columnsOf } from './_columns';

// Sharing partners, sharing flows, agreements, SDKs and their reviews, policy versions and clauses.
// Migrations import nothing from the app: they must keep meaning what they meant when released.

export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnsOf(db);
  await db.transaction().execute(async (trx) => {
    await trx.schema
      .createTable('partners')
      .addColumn('id', ...t.id)
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('country_region', 'text', (c) => c.notNull())
      .addColumn('contact', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('sharing_basis', 'text', (c) => c.notNull())
      .addColumn('policy_clause', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
      .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', t.instant, (c) => c.notNull())
      .addColumn('updated_at', t.instant, (c) => c.notNull())
      .execute();
    await trx.schema.createIndex('partners_name_idx').on('partners').columns(['name', 'id']).execute();
    await trx.schema.createIndex('partners_role_name_idx').on('partners').columns(['role', 'name']).execute();
    await trx.schema.createIndex('partners_status_name_idx').on('partners').columns(['status', 'name']).execute();
    await trx.schema.createIndex('partners_country_idx').on('partners').columns(['country_region', 'id']).execute();
    await trx.schema.createIndex('partners_updated_idx').on('partners').columns(['updated_at', 'id']).execute();
    await trx.schema.createIndex('partners_clause_idx').on('partners').column('policy_clause').execute();

    await trx.schema
      .createTable('sharing_flows')
      .addColumn('id', ...t.id)
      .addColumn('partner_id', 'integer', (c) => c.notNull().references('partners.id'))
      .addColumn('category_id', 'integer', (c) => c.notNull().references('collection_categories.id'))
      .addColumn('purpose', 'text', (c) => c.notNull())
      .addColumn('method', 'text', (c) => c.notNull())
      .addColumn('frequency', 'text', (c) => c.notNull())
      .addColumn('cross_border', t.boolean, (c) => c.notNull().defaultTo(t.false))
      .addColumn('cross_border_mechanism', 'text', (c) => c.notNull().defaultTo('none'))
      .addColumn('policy_clause', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', t.instant, (c) => c.notNull())
      .addColumn('updated_at', t.instant, (c) => c.notNull())
      .addUniqueConstraint('sharing_flows_unique', ['partner_id', 'category_id', 'purpose'])
      .$call((b) => (t.pg ? b : b.addCheckConstraint('sharing_flows_cross_border_bool', sql`cross_border in (0, 1)`)))
      .execute();
    await trx.schema.createIndex('sharing_flows_category_idx').on('sharing_flows').columns(['category_id', 'partner_id']).execute();
    await trx.schema.createIndex('sharing_flows_cross_border_idx').on('sharing_flows').columns(['cross_border', 'cross_border_mechanism']).execute();
    await trx.schema.createIndex('sharing_flows_updated_idx').on('sharing_flows').columns(['updated_at', 'id']).execute();

    await trx.schema
      .createTable('agreements')
      .addColumn('id', ...t.id)
      .addColumn('partner_id', 'integer', (c) => c.notNull().references('partners.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('reference_no', 'text', (c) => c.notNull())
      .addColumn('signed_on', t.date)
      .addColumn('effective_from', t.date)
      .addColumn('expires_on', t.date)
      .addColumn('auto_renews', t.boolean, (c) => c.notNull().defaultTo(t.false))
      .addColumn('terminated', t.boolean, (c) => c.notNull().defaultTo(t.false))
      .addColumn('checklist', t.json, (c) => c.notNull().defaultTo('[]'))
      .addColumn('document_sha256', 'text')
      .addColumn('document_name', 'text')
      .addColumn('document_mime', 'text')
      .addColumn('document_size', 'integer')
      .addColumn('policy_clause', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', t.instant, (c) => c.notNull())
      .addColumn('updated_at', t.instant, (c) => c.notNull())
      .execute();
    await trx.schema.createIndex('agreements_partner_idx').on('agreements').columns(['partner_id', 'expires_on']).execute();
    await trx.schema.createIndex('agreements_reference_idx').on('agreements').columns(['reference_no', 'id']).execute();
    await trx.schema.createIndex('agreements_signed_idx').on('agreements').columns(['signed_on', 'id']).execute();
    await trx.schema.createIndex('agreements_expires_idx').on('agreements').columns(['expires_on', 'id']).execute();
    await trx.schema.createIndex('agreements_updated_idx').on('agreements').columns(['updated_at', 'id']).execute();
    await trx.schema.createIndex('agreements_document_idx').on('agreements').column('document_sha256').execute();

    await trx.schema
      .createTable('sdks')
      .addColumn('id', ...t.id)
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('vendor_partner_id', 'integer', (c) => c.notNull().references('partners.id'))
      .addColumn('platform', 'text', (c) => c.notNull())
      .addColumn('purpose', 'text', (c) => c.notNull())
      .addColumn('policy_clause', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
      .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', t.instant, (c) => c.notNull())
      .addColumn('updated_at', t.instant, (c) => c.notNull())
      .addUniqueConstraint('sdks_name_platform_unique', ['name', 'platform'])
      .execute();
    await trx.schema.createIndex('sdks_vendor_idx').on('sdks').column('vendor_partner_id').execute();

    await trx.schema
      .createTable('sdk_reviews')
      .addColumn('id', ...t.id)
      .addColumn('sdk_id', 'integer', (c) => c.notNull().references('sdks.id'))
      .addColumn('version', 'text', (c) => c.notNull())
      .addColumn('checklist', t.json, (c) => c.notNull().defaultTo('[]'))
      .addColumn('reviewer', 'text', (c) => c.notNull())
      .addColumn('reviewed_on', t.date, (c) => c.notNull())
      .addColumn('result', 'text', (c) => c.notNull())
      .addColumn('findings', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('next_review_due', t.date)
      .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', t.instant, (c) => c.notNull())
      .addColumn('updated_at', t.instant, (c) => c.notNull())
      .execute();
    await trx.schema.createIndex('sdk_reviews_sdk_idx').on('sdk_reviews').columns(['sdk_id', 'reviewed_on', 'id']).execute();

    await trx.schema
      .createTable('sdk_review_categories')
      .addColumn('review_id', 'integer', (c) => c.notNull().references('sdk_reviews.id').onDelete('cascade'))
      .addColumn('category_id', 'integer', (c) => c.notNull().references('collection_categories.id'))
      .addPrimaryKeyConstraint('sdk_review_categories_pk', ['review_id', 'category_id'])
      .execute();
    await trx.schema.createIndex('sdk_review_categories_category_idx').on('sdk_review_categories').column('category_id').execute();

    await trx.schema
      .createTable('sdk_review_permissions')
      .addColumn('id', ...t.id)
      .addColumn('review_id', 'integer', (c) => c.notNull().references('sdk_reviews.id').onDelete('cascade'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('required', t.boolean, (c) => c.notNull().defaultTo(t.false))
      .addColumn('purpose', 'text', (c) => c.notNull())
      .execute();
    await trx.schema.createIndex('sdk_review_permissions_review_idx').on('sdk_review_permissions').column('review_id').execute();

    await trx.schema
      .createTable('policy_versions')
      .addColumn('id', ...t.id)
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('version_label', 'text', (c) => c.notNull())
      .addColumn('effective_on', t.date)
      .addColumn('source_text', 'text', (c) => c.notNull())
      .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('created_at', t.instant, (c) => c.notNull())
      .addColumn('updated_at', t.instant, (c) => c.notNull())
      .execute();

    await trx.schema
      .createTable('policy_clauses')
      .addColumn('id', ...t.id)
      .addColumn('version_id', 'integer', (c) => c.notNull().references('policy_versions.id').onDelete('cascade'))
      .addColumn('number', 'text', (c) => c.notNull())
      .addColumn('heading', 'text', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('depth', 'integer', (c) => c.notNull())
      .addColumn('promises', 'text', (c) => c.notNull().defaultTo(''))
      .addUniqueConstraint('policy_clauses_unique', ['version_id', 'number'])
      .execute();
    // Clause references are looked up by number from the clause list and the gap checks.
    await trx.schema.createIndex('sharing_flows_clause_idx').on('sharing_flows').column('policy_clause').execute();
    await trx.schema.createIndex('agreements_clause_idx').on('agreements').column('policy_clause').execute();
    await trx.schema.createIndex('sdks_clause_idx').on('sdks').column('policy_clause').execute();
    await trx.schema.createIndex('collection_categories_clause_idx').on('collection_categories').column('policy_clause').execute();
    await trx.schema.createIndex('policy_clauses_position_idx').on('policy_clauses').columns(['version_id', 'position']).execute();
  });
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.schema.dropIndex('collection_categories_clause_idx').ifExists().execute();
    for (const table of [
      'policy_clauses',
      'policy_versions',
      'sdk_review_permissions',
      'sdk_review_categories',
      'sdk_reviews',
      'sdks',
      'agreements',
      'sharing_flows',
      'partners',
    ]) {
      await trx.schema.dropTable(table).ifExists().execute();
    }
  });
}
