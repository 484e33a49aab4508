import type { Kysely } from 'kysely';

// Indexes the sharing register's gap checks need at 10,000 partners / 100,000 flows / 10,000
// agreements (tests/bench/register.ts): each lets a per-partner probe answer from the index alone.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    // "Does this partner receive anything by SDK?"
    await trx.schema.createIndex('sharing_flows_partner_method_idx').on('sharing_flows').columns(['partner_id', 'method']).execute();
    // "Is an agreement with this partner in force today?" — every column the status rule reads.
    await trx.schema
      .createIndex('agreements_partner_status_idx')
      .on('agreements')
      .columns(['partner_id', 'terminated', 'signed_on', 'effective_from', 'expires_on', 'auto_renews'])
      .execute();
  });
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.schema.dropIndex('agreements_partner_status_idx').ifExists().execute();
    await trx.schema.dropIndex('sharing_flows_partner_method_idx').ifExists().execute();
  });
}
