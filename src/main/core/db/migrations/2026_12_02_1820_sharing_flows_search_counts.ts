import { sql, type Kysely } from 'kysely';

// How many flows of a method, or across the border or not, a search holds: counted by testing each
// such flow's own id, partner and category against the lists of matches. The method's and the
// border's indexes did not hold the partner and the category, so each flow was read from the table:
// at 100,000 flows, the API flows whose texts hold "04" took 18 ms to count, 5.5 ms from an index
// that holds them (measured on the bench's register, 25,000 flows by API). The first serves a
// method with or without the border; the second the border alone.

const INDEXES = {
  sharing_flows_method_border_partner_category_idx: 'method, cross_border, partner_id, category_id',
  sharing_flows_border_partner_category_idx: 'cross_border, partner_id, category_id',
};

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [name, columns] of Object.entries(INDEXES)) await sql.raw(`create index ${name} on sharing_flows (${columns})`).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const name of Object.keys(INDEXES)) await sql.raw(`drop index if exists ${name}`).execute(db);
}
