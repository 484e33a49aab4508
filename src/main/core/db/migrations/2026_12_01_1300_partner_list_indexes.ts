import type { Kysely } from 'kysely';

// The partners list in every order under each of its filters (role, status), read from an index in
// the list's order rather than sorted (tests/main/db/list-plans.test.ts; npm run bench, the
// partners:list rows: a role or status filter sorted by country, role or last change sorted every
// match before this). Each index ends in the row id, the list's tie-breaker; a filter on the other
// column (role and status together) is checked while the index is walked.

const INDEXES: [string, string[]][] = [
  ['partners_role_idx', ['role']],
  ['partners_role_country_idx', ['role', 'country_region']],
  ['partners_role_updated_idx', ['role', 'updated_at']],
  ['partners_status_role_idx', ['status', 'role']],
  ['partners_status_country_idx', ['status', 'country_region']],
  ['partners_status_updated_idx', ['status', 'updated_at']],
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const [name, columns] of INDEXES) await trx.schema.createIndex(name).on('partners').columns(columns).execute();
  });
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const [name] of INDEXES) await trx.schema.dropIndex(name).ifExists().execute();
  });
}
