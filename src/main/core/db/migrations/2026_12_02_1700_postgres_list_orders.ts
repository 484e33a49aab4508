import { sql, type Kysely } from 'kysely';
import { onPostgres } from './_columns';

// A team register's lists served by PostgreSQL's indexes the way SQLite's are served by its own
// (justified by the `npm run bench -- --engine postgres` lists table at 1M). SQLite: nothing.
//
// - The requests list's orders (ORDER_INDEXES below). The list puts a request without a due time
//   lowest (db/dialect.ts `nullsLowest`: `due_at asc nulls first`, `desc nulls last`), as SQLite
//   orders nulls; PostgreSQL's default index order puts them highest, so no due_at index could
//   serve either direction and every such page sorted the whole table (240–300 ms at a million
//   requests). The due_at indexes are made again in the list's null order; every order's index
//   ends in the id.
// - The overdue and due-soon gap lists (open requests in a due window, by reference): the open
//   requests' references, then the id the list orders by next and the due time it tests, so that
//   the list walks the open requests alone in its order. Without it the planner, estimating many
//   open requests in the window, walked every reference of the register (276 ms).
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

const REFERENCE_ORDER = 'substr(reference, 1, 8), length(reference), reference';
const FILTERS = 'status, kind, channel, due_at';

/**
 * The indexes of the requests list's orders (request-list-query.repository.ts LIST_INDEXES), made
 * again on PostgreSQL: their columns as the migrations before made them, and as made here. Each
 * order ends in the id, which SQLite's indexes hold after their columns (the rowid) and PostgreSQL's
 * did not: without it every page sorted its rows again by the id (an incremental sort) and the
 * planner, pricing that sort, took another filter's index and walked it (kind and channel by
 * status: 22 ms at 1M). The open requests' indexes carry the filtered columns after the id, as on
 * SQLite (2026_12_02_1600). The due time in the list's null order (above).
 */
export const ORDER_INDEXES: { name: string; before: string; after: string; open?: true }[] = [
  { name: 'requests_due_idx', before: 'due_at', after: 'due_at nulls first, id' },
  { name: 'requests_status_due_idx', before: 'status, due_at', after: 'status, due_at nulls first, id' },
  { name: 'requests_kind_due_idx', before: 'kind, due_at', after: 'kind, due_at nulls first, id' },
  { name: 'requests_channel_due_idx', before: 'channel, due_at', after: 'channel, due_at nulls first, id' },
  { name: 'requests_received_idx', before: 'received_at', after: 'received_at, id' },
  { name: 'requests_updated_idx', before: 'updated_at', after: 'updated_at, id' },
  { name: 'requests_reference_order_idx', before: REFERENCE_ORDER, after: `${REFERENCE_ORDER}, id` },
  { name: 'requests_status_received_idx', before: 'status, received_at', after: 'status, received_at, id' },
  { name: 'requests_status_updated_idx', before: 'status, updated_at', after: 'status, updated_at, id' },
  { name: 'requests_status_reference_idx', before: `status, ${REFERENCE_ORDER}`, after: `status, ${REFERENCE_ORDER}, id` },
  { name: 'requests_status_kind_received_idx', before: 'status, kind, received_at', after: 'status, kind, received_at, id' },
  { name: 'requests_kind_received_idx', before: 'kind, received_at', after: 'kind, received_at, id' },
  { name: 'requests_kind_updated_idx', before: 'kind, updated_at', after: 'kind, updated_at, id' },
  { name: 'requests_kind_reference_idx', before: `kind, ${REFERENCE_ORDER}`, after: `kind, ${REFERENCE_ORDER}, id` },
  { name: 'requests_kind_status_received_idx', before: 'kind, status, received_at', after: 'kind, status, received_at, id' },
  { name: 'requests_channel_received_idx', before: 'channel, received_at', after: 'channel, received_at, id' },
  { name: 'requests_channel_updated_idx', before: 'channel, updated_at', after: 'channel, updated_at, id' },
  { name: 'requests_channel_reference_idx', before: `channel, ${REFERENCE_ORDER}`, after: `channel, ${REFERENCE_ORDER}, id` },
  { name: 'requests_channel_status_received_idx', before: 'channel, status, received_at', after: 'channel, status, received_at, id' },
  { name: 'requests_channel_kind_received_idx', before: 'channel, kind, received_at', after: 'channel, kind, received_at, id' },
  { name: 'requests_open_due_idx', before: 'due_at', after: 'due_at nulls first, id, status, kind, channel', open: true },
  { name: 'requests_open_received_idx', before: 'received_at', after: `received_at, id, ${FILTERS}`, open: true },
  { name: 'requests_open_updated_idx', before: 'updated_at', after: `updated_at, id, ${FILTERS}`, open: true },
  { name: 'requests_open_reference_idx', before: REFERENCE_ORDER, after: `${REFERENCE_ORDER}, id, ${FILTERS}`, open: true },
  { name: 'requests_open_status_idx', before: 'status, received_at', after: 'status, received_at, id, kind, channel, due_at', open: true },
  { name: 'requests_open_kind_idx', before: 'kind, received_at', after: 'kind, received_at, id, status, channel, due_at', open: true },
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

export async function up(db: Kysely<unknown>): Promise<void> {
  if (!onPostgres(db)) return;
  await db.transaction().execute(async (trx) => {
    for (const { name, after, open } of ORDER_INDEXES) {
      await sql.raw(`drop index if exists ${name}`).execute(trx);
      await sql.raw(`create index ${name} on requests (${after})${openWhere(open)}`).execute(trx);
    }
    await sql.raw(`create index requests_open_reference_due_idx on requests (reference, id, due_at) where ${OPEN_CONDITION}`).execute(trx);
    await sql.raw(`drop index if exists requests_name_idx`).execute(trx);
    await sql.raw(`create index requests_name_filters_idx on requests (${NAME}) include (${NAME_CARRIES})`).execute(trx);
    await sql.raw(PAIRS_FUNCTION).execute(trx);
    for (const { table, column } of PAIR_INDEXES) {
      await sql.raw(`create index ${pairIndexName(table, column)} on ${table} using gin (text_pairs(${column}))`).execute(trx);
    }
    // Statistics of the new expressions (a sample of each table's rows), so that the planner prices
    // these indexes from the first list on, not only after autovacuum next analyses the tables.
    await sql.raw(`analyze requests, partners, sharing_flows, agreements, sdks`).execute(trx);
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
    for (const { name, before, open } of ORDER_INDEXES) {
      await sql.raw(`drop index if exists ${name}`).execute(trx);
      await sql.raw(`create index ${name} on requests (${before})${openWhere(open)}`).execute(trx);
    }
  });
}
