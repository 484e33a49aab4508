import { sql, type Kysely } from 'kysely';
import { onPostgres } from './_columns';

// A reference's beginning that more requests hold than the list counts (a year's, REQ-2025-, or
// its first digits) is walked along the list's order until a page is found. Ordered by due date or
// by last update, that walk met the other years' requests first and had no bound to skip them (a
// year's due dates and updates run into the next year's): at a million requests 36–240 ms for a
// page of REQ-2025-, with or without open-only. With the reference's year first, the index's range
// for one year holds that year's requests alone, in the list's order; the walk tests each for the
// rest of the beginning and the filters. PostgreSQL's in the list's null order, ending in the id
// (as 2026_12_02_1700's).

const INDEXES = [
  { name: 'requests_reference_year_due_idx', sqlite: 'substr(reference, 1, 8), due_at', postgres: 'substr(reference, 1, 8), due_at nulls first, id' },
  { name: 'requests_reference_year_updated_idx', sqlite: 'substr(reference, 1, 8), updated_at', postgres: 'substr(reference, 1, 8), updated_at, id' },
] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  const engine = onPostgres(db) ? 'postgres' : 'sqlite';
  for (const index of INDEXES) await sql.raw(`create index ${index.name} on requests (${index[engine]})`).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const { name } of INDEXES) await sql.raw(`drop index if exists ${name}`).execute(db);
}
