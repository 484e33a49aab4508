import { sql, type Kysely } from 'kysely';

// The orders the sharing registers' lists still sorted (tests/main/db/list-plans.test.ts), each read
// from an index in the list's order instead, justified by the `npm run bench` lists table:
//  - draft agreements (no signing date), by reference, expiry or last change: SQLite found the
//    drafts by the signing date's index (as few rows as one date has, by its statistics) and sorted
//    them; these indexes lead with the signing date too, then the order, so the same lookup reads
//    the drafts in order;
//  - draft agreements of one kind, in the same orders: partial indexes holding the drafts alone
//    (a few rows on any register), by kind and the order;
//  - one partner's flows of one category by last change: SQLite found them by the category's index
//    (category, partner) and sorted them;
//  - the categories' codes and names, which a search of the flows reads (once per search, for the
//    categories it names) from this narrow index rather than from the categories' whole rows.
// The same indexes on both engines; the id is written out, as PostgreSQL's indexes do not end in it.

export const INDEXES: { table: string; name: string; columns: string[]; drafts?: true }[] = [
  { table: 'agreements', name: 'agreements_signed_reference_idx', columns: ['signed_on', 'reference_no', 'id'] },
  { table: 'agreements', name: 'agreements_signed_expires_idx', columns: ['signed_on', 'expires_on', 'id'] },
  { table: 'agreements', name: 'agreements_signed_updated_idx', columns: ['signed_on', 'updated_at', 'id'] },
  { table: 'agreements', name: 'agreements_draft_kind_reference_idx', columns: ['kind', 'reference_no', 'id'], drafts: true },
  { table: 'agreements', name: 'agreements_draft_kind_expires_idx', columns: ['kind', 'expires_on', 'id'], drafts: true },
  { table: 'agreements', name: 'agreements_draft_kind_updated_idx', columns: ['kind', 'updated_at', 'id'], drafts: true },
  { table: 'sharing_flows', name: 'sharing_flows_partner_category_updated_idx', columns: ['partner_id', 'category_id', 'updated_at', 'id'] },
  { table: 'collection_categories', name: 'collection_categories_code_name_idx', columns: ['code', 'name', 'id'] },
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const { table, name, columns, drafts } of INDEXES) {
      await trx.schema
        .createIndex(name)
        .on(table)
        .columns(columns)
        .$call((b) => (drafts ? b.where(sql.ref('signed_on'), 'is', null) : b))
        .execute();
    }
  });
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const { name } of INDEXES) await trx.schema.dropIndex(name).ifExists().execute();
  });
}
