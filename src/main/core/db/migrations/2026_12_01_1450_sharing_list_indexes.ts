import type { Kysely } from 'kysely';

// The sharing registers' lists (agreements, flows, SDKs, collection categories) in each order of
// their own columns under each equality filter, read from an index in the list's order rather than
// sorted: one index per (filter, order), ending in the row id, the lists' tie-breaker; and each
// order's own index where there was none. Chosen from the query plans of every offered filter ×
// order × direction (tests/main/db/list-plans.test.ts) and justified by the `npm run bench` lists
// table (agreements:list, flows:list, sdks:list, categories:list: at 10,000 agreements, 100,000
// flows, the filtered lists sorted every match before this). Orders by a joined record's column
// (the partner's name, the category's code) stay sorted where a filter narrows the rows first.
// The same indexes on both engines; the id is written out, as PostgreSQL's indexes do not end in it.

export const INDEXES: [string, string, string[]][] = [
  ['agreements', 'agreements_partner_reference_idx', ['partner_id', 'reference_no', 'id']],
  ['agreements', 'agreements_partner_signed_idx', ['partner_id', 'signed_on', 'id']],
  ['agreements', 'agreements_partner_expires_idx', ['partner_id', 'expires_on', 'id']],
  ['agreements', 'agreements_partner_updated_idx', ['partner_id', 'updated_at', 'id']],
  ['agreements', 'agreements_partner_id_idx', ['partner_id', 'id']],
  ['agreements', 'agreements_kind_reference_idx', ['kind', 'reference_no', 'id']],
  ['agreements', 'agreements_kind_signed_idx', ['kind', 'signed_on', 'id']],
  ['agreements', 'agreements_kind_expires_idx', ['kind', 'expires_on', 'id']],
  ['agreements', 'agreements_kind_updated_idx', ['kind', 'updated_at', 'id']],
  ['sharing_flows', 'sharing_flows_purpose_idx', ['purpose', 'id']],
  ['sharing_flows', 'sharing_flows_partner_id_idx', ['partner_id', 'id']],
  ['sharing_flows', 'sharing_flows_partner_purpose_idx', ['partner_id', 'purpose', 'id']],
  ['sharing_flows', 'sharing_flows_partner_updated_idx', ['partner_id', 'updated_at', 'id']],
  ['sharing_flows', 'sharing_flows_category_id_idx', ['category_id', 'id']],
  ['sharing_flows', 'sharing_flows_category_purpose_idx', ['category_id', 'purpose', 'id']],
  ['sharing_flows', 'sharing_flows_category_updated_idx', ['category_id', 'updated_at', 'id']],
  ['sharing_flows', 'sharing_flows_method_purpose_idx', ['method', 'purpose', 'id']],
  ['sharing_flows', 'sharing_flows_method_updated_idx', ['method', 'updated_at', 'id']],
  ['sharing_flows', 'sharing_flows_cross_border_purpose_idx', ['cross_border', 'purpose', 'id']],
  ['sharing_flows', 'sharing_flows_cross_border_updated_idx', ['cross_border', 'updated_at', 'id']],
  ['sdks', 'sdks_name_idx', ['name', 'id']],
  ['sdks', 'sdks_platform_idx', ['platform', 'id']],
  ['sdks', 'sdks_updated_idx', ['updated_at', 'id']],
  ['sdks', 'sdks_vendor_id_idx', ['vendor_partner_id', 'id']],
  ['sdks', 'sdks_vendor_name_idx', ['vendor_partner_id', 'name', 'id']],
  ['sdks', 'sdks_vendor_platform_idx', ['vendor_partner_id', 'platform', 'id']],
  ['sdks', 'sdks_vendor_updated_idx', ['vendor_partner_id', 'updated_at', 'id']],
  ['sdks', 'sdks_platform_name_idx', ['platform', 'name', 'id']],
  ['sdks', 'sdks_platform_updated_idx', ['platform', 'updated_at', 'id']],
  ['sdks', 'sdks_status_name_idx', ['status', 'name', 'id']],
  ['sdks', 'sdks_status_platform_idx', ['status', 'platform', 'id']],
  ['sdks', 'sdks_status_updated_idx', ['status', 'updated_at', 'id']],
  ['collection_categories', 'collection_categories_stage_code_idx', ['stage', 'code', 'id']],
  ['collection_categories', 'collection_categories_stage_name_idx', ['stage', 'name', 'id']],
  ['collection_categories', 'collection_categories_stage_updated_idx', ['stage', 'updated_at', 'id']],
  ['collection_categories', 'collection_categories_status_code_idx', ['status', 'code', 'id']],
  ['collection_categories', 'collection_categories_status_name_idx', ['status', 'name', 'id']],
  ['collection_categories', 'collection_categories_status_stage_idx', ['status', 'stage', 'id']],
  ['collection_categories', 'collection_categories_status_updated_idx', ['status', 'updated_at', 'id']],
  ['collection_categories', 'collection_categories_sensitive_code_idx', ['sensitive', 'code', 'id']],
  ['collection_categories', 'collection_categories_sensitive_name_idx', ['sensitive', 'name', 'id']],
  ['collection_categories', 'collection_categories_sensitive_stage_idx', ['sensitive', 'stage', 'id']],
  ['collection_categories', 'collection_categories_sensitive_updated_idx', ['sensitive', 'updated_at', 'id']],
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const [table, name, columns] of INDEXES) await trx.schema.createIndex(name).on(table).columns(columns).execute();
  });
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const [, name] of INDEXES) await trx.schema.dropIndex(name).ifExists().execute();
  });
}
