import type { Kysely } from 'kysely';

// The requests list filters on any mix of status, kind and channel and counts the matches: composite
// indexes on those low-cardinality columns (ending in received_at, the default order) let both the
// count and the first pages be answered from an index on a register of a million requests.

const INDEXES: [string, string[]][] = [
  ['requests_status_kind_received_idx', ['status', 'kind', 'received_at']],
  ['requests_status_channel_received_idx', ['status', 'channel', 'received_at']],
  ['requests_kind_channel_received_idx', ['kind', 'channel', 'received_at']],
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const [name, columns] of INDEXES) await trx.schema.createIndex(name).on('requests').columns(columns).execute();
  });
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const [name] of INDEXES) await trx.schema.dropIndex(name).ifExists().execute();
  });
}
