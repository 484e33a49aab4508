import { sql, type Kysely } from 'kysely';
import { onPostgres } from './_columns';

// A reference's beginning longer than its year that more requests hold than the list sorts
// (REQ-2025-1: the year's 1…, 10…, 100… and 1000… numbers) is walked along its year's index in the
// order of due dates or of last updates (2026_12_03_1700's), each row of the year looked up to test
// its reference. Newest first, the year's later numbers come before any match: at a million
// requests 15–24 ms raw, 26–49 ms through the list, to pass REQ-2025-200000 to 250001.
// With the reference in the index after the order's keys, the test is made on the index's entries,
// and only the matches are looked up: 3–5 ms raw. The order is unchanged (the id before the
// reference is unique), so these replace the indexes of the same names. The index of years and
// times received (2026_12_03_0800's, whose first and last entries of a year bound a walk of its
// references) gains the same and serves the walk in the order received: no span of the matches'
// times, which read every match (6.5 ms for REQ-2025-1's 111,000), is needed before it. Where a
// span is still read (the orders of statuses and kinds), it is read from either end of that
// index's year to the first match, the others passed in the index; the index of references and
// times received, which served it alone, goes.

const INDEXES = [
  {
    name: 'requests_reference_year_due_idx',
    before: { sqlite: 'substr(reference, 1, 8), due_at', postgres: 'substr(reference, 1, 8), due_at nulls first, id' },
    after: { sqlite: 'substr(reference, 1, 8), due_at, id, reference', postgres: 'substr(reference, 1, 8), due_at nulls first, id, reference' },
  },
  {
    name: 'requests_reference_year_updated_idx',
    before: { sqlite: 'substr(reference, 1, 8), updated_at', postgres: 'substr(reference, 1, 8), updated_at, id' },
    after: { sqlite: 'substr(reference, 1, 8), updated_at, id, reference', postgres: 'substr(reference, 1, 8), updated_at, id, reference' },
  },
  {
    name: 'requests_reference_year_received_idx',
    before: { sqlite: 'substr(reference, 1, 8), received_at', postgres: 'substr(reference, 1, 8), received_at' },
    after: { sqlite: 'substr(reference, 1, 8), received_at, id, reference', postgres: 'substr(reference, 1, 8), received_at, id, reference' },
  },
] as const;

const REFERENCE_RECEIVED = { name: 'requests_reference_received_idx', columns: 'reference, received_at' };

async function recreate(db: Kysely<unknown>, columns: 'before' | 'after') {
  const engine = onPostgres(db) ? 'postgres' : 'sqlite';
  for (const index of INDEXES) {
    await sql.raw(`drop index if exists ${index.name}`).execute(db);
    await sql.raw(`create index ${index.name} on requests (${index[columns][engine]})`).execute(db);
  }
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await recreate(db, 'after');
  await sql.raw(`drop index if exists ${REFERENCE_RECEIVED.name}`).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await recreate(db, 'before');
  await sql.raw(`create index ${REFERENCE_RECEIVED.name} on requests (${REFERENCE_RECEIVED.columns})`).execute(db);
}
