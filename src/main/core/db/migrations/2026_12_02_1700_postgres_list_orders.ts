import { sql, type Kysely } from 'kysely';
import { onPostgres } from './_columns';

// A team register's lists served by PostgreSQL's indexes the way SQLite's are served by its own
// (justified by the `npm run bench -- --engine postgres` lists table at 1M). SQLite: nothing.
//
// - The requests by due time. The list puts a request without a due time lowest (db/dialect.ts
//   `nullsLowest`: `due_at asc nulls first`, `desc nulls last`), as SQLite orders nulls; PostgreSQL's
//   default index order puts them highest, so no due_at index could serve either direction and every
//   such page sorted the whole table (240–300 ms at a million requests). The due_at indexes are made
//   again in the list's null order, each ending in the id the list orders by next.
// - The overdue and due-soon gap lists (open requests in a due window, by reference): the open
//   requests' references, then the id the list orders by next and the due time it tests, so that
//   the list walks the open requests alone in its order. Without it the planner, estimating many open requests in the window, walked every
//   reference of the register (276 ms).
// - The requests whose name begins with one or two characters (db/dialect.ts `namePrefix`): the
//   lower-case names' index again, carrying the name and the filtered columns as SQLite's
//   requests_name_filters_idx does (2026_12_02_1600), so that the count of a common surname is read
//   from the index alone rather than from each match's row (129 ms → 6 ms for 赵 at a million).
// - The sharing registers' two-character searches (db/dialect.ts `sharingTextMatches`): pg_trgm needs
//   three characters to use its index, so a search of two read the whole table. `text_pairs(t)` is
//   the set of every two consecutive characters of the lower-case text, and a GIN index of it per
//   searched column finds the texts that contain two characters as ILIKE does (which compares the
//   lower-case texts).

/** Open statuses as literals, as the partial indexes of 2026_12_01_1230 write them. */
const OPEN_CONDITION = `status in ('new', 'verifying', 'in_progress', 'awaiting_requester')`;

/** The due_at indexes: name, the columns before due_at, open requests only. */
export const DUE_INDEXES: [name: string, leading: string | null, open?: true][] = [
  ['requests_due_idx', null],
  ['requests_status_due_idx', 'status'],
  ['requests_kind_due_idx', 'kind'],
  ['requests_channel_due_idx', 'channel'],
  ['requests_open_due_idx', null, true],
];

/** The columns the sharing registers' searches read (migration 2026_12_02_1610 SEARCHES), each with its pairs index. */
export const PAIR_INDEXES: { table: string; column: string }[] = [
  { table: 'partners', column: 'name' },
  { table: 'partners', column: 'country_region' },
  { table: 'partners', column: 'contact' },
  { table: 'sharing_flows', column: 'purpose' },
  { table: 'agreements', column: 'reference_no' },
  { table: 'sdks', column: 'name' },
];

export const pairIndexName = (table: string, column: string) => `${table}_${column}_pairs_idx`;

const PAIRS_FUNCTION = `create function text_pairs(t text) returns text[] language sql immutable strict parallel safe as $$
  select coalesce(array_agg(distinct substr(lower(t), i, 2)), '{}') from generate_series(1, char_length(t) - 1) as i
$$`;

/** The lower-case names, compared byte by byte whatever the database's collation (LIKE 'prefix%'), and what their index carries. */
const NAME = 'lower(requester_name) text_pattern_ops';
const NAME_CARRIES = 'requester_name, status, kind, channel, due_at';

const openWhere = (open?: true) => (open ? ` where ${OPEN_CONDITION}` : '');
const columns = (leading: string | null, due: string) => [leading, due, 'id'].filter(Boolean).join(', ');

export async function up(db: Kysely<unknown>): Promise<void> {
  if (!onPostgres(db)) return;
  await db.transaction().execute(async (trx) => {
    for (const [name, leading, open] of DUE_INDEXES) {
      await sql.raw(`drop index if exists ${name}`).execute(trx);
      await sql.raw(`create index ${name} on requests (${columns(leading, 'due_at nulls first')})${openWhere(open)}`).execute(trx);
    }
    await sql.raw(`create index requests_open_reference_due_idx on requests (reference, id, due_at) where ${OPEN_CONDITION}`).execute(trx);
    await sql.raw(`drop index if exists requests_name_idx`).execute(trx);
    await sql.raw(`create index requests_name_filters_idx on requests (${NAME}) include (${NAME_CARRIES})`).execute(trx);
    await sql.raw(PAIRS_FUNCTION).execute(trx);
    for (const { table, column } of PAIR_INDEXES) {
      await sql.raw(`create index ${pairIndexName(table, column)} on ${table} using gin (text_pairs(${column}))`).execute(trx);
    }
  });
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (!onPostgres(db)) return;
  await db.transaction().execute(async (trx) => {
    for (const { table, column } of PAIR_INDEXES) await sql.raw(`drop index if exists ${pairIndexName(table, column)}`).execute(trx);
    await sql.raw(`drop function if exists text_pairs(text)`).execute(trx);
    await sql.raw(`drop index if exists requests_open_reference_due_idx`).execute(trx);
    await sql.raw(`drop index if exists requests_name_filters_idx`).execute(trx);
    await sql.raw(`create index requests_name_idx on requests (${NAME})`).execute(trx);
    for (const [name, leading, open] of DUE_INDEXES) {
      await sql.raw(`drop index if exists ${name}`).execute(trx);
      // As the migrations before made them: the default null order, without the id.
      await sql.raw(`create index ${name} on requests (${[leading, 'due_at'].filter(Boolean).join(', ')})${openWhere(open)}`).execute(trx);
    }
  });
}
