import { sql, type Kysely } from 'kysely';
import { onPostgres } from './_columns';
import { OPEN_CONDITION } from './2026_12_01_1230_requests_fast_lists';

// The requests list's filters tested in the index it reads, on SQLite, so that only the matches
// are looked up in the table (`npm run bench -- --lists requests:list` at 1,000,000 requests).
//
// A short search (one or two characters: the beginning of a requester's name) with filters.
// requests_name_idx held the names alone: a one-character search (a common surname, about 2% of a
// register) with a filter looked up every request whose name begins so to test its status, kind,
// channel or due time; about 20,000 lookups for a page of a few (`{search:赵,kind:access_copy,
// due:overdue}` 81 ms, the same statements raw as long). Two indexes carry the filtered columns
// after the name:
//  - requests_name_filters_idx, every request (it replaces requests_name_idx, which it extends);
//  - requests_open_name_filters_idx, the open requests alone (a few weeks' worth): a search with the
//    open-only filter, an open status or a due window reads only the open requests whose name begins so.
//
// The open requests in an order other than their due time, with a due window and another filter
// (`{kind:access_copy,due:overdue,sortBy:kind}` 23× raw; the desk's "due soon, kind deletion,
// newest first" 3.2× raw). The list walks the open requests' index of that order and looked each
// one up to test its due time and kind. These partial indexes are made again with the filtered
// columns after the order (and the id, the order's last term, before them, so that the order is
// still the index's).
//
// PostgreSQL keeps its indexes: its planner chooses by cost, and its plans for these lists are
// already within the targets.

const FILTERS = ['status', 'kind', 'channel', 'due_at'];
const REFERENCE_ORDER = ['substr(reference, 1, 8)', 'length(reference)', 'reference'];

export const INDEXES: { name: string; columns: string[]; open?: true }[] = [
  { name: 'requests_name_filters_idx', columns: ['requester_name collate nocase', ...FILTERS] },
  { name: 'requests_open_name_filters_idx', columns: ['requester_name collate nocase', ...FILTERS], open: true },
];

/** The open requests' indexes of each order, made again: their columns before and after. */
export const OPEN_ORDERS: { name: string; before: string[]; after: string[] }[] = [
  { name: 'requests_open_due_idx', before: ['due_at'], after: ['due_at', 'id', 'status', 'kind', 'channel'] },
  { name: 'requests_open_received_idx', before: ['received_at'], after: ['received_at', 'id', ...FILTERS] },
  { name: 'requests_open_updated_idx', before: ['updated_at'], after: ['updated_at', 'id', ...FILTERS] },
  { name: 'requests_open_reference_idx', before: REFERENCE_ORDER, after: [...REFERENCE_ORDER, 'id', ...FILTERS] },
  { name: 'requests_open_status_idx', before: ['status', 'received_at'], after: ['status', 'received_at', 'id', 'kind', 'channel', 'due_at'] },
  { name: 'requests_open_kind_idx', before: ['kind', 'received_at'], after: ['kind', 'received_at', 'id', 'status', 'channel', 'due_at'] },
];

const create = (name: string, columns: string[], open?: boolean) =>
  sql.raw(`create index ${name} on requests (${columns.join(', ')})${open ? ` where ${OPEN_CONDITION}` : ''}`);

export async function up(db: Kysely<unknown>): Promise<void> {
  if (onPostgres(db)) return;
  await db.transaction().execute(async (trx) => {
    for (const { name, columns, open } of INDEXES) await create(name, columns, open).execute(trx);
    await sql.raw('drop index if exists requests_name_idx').execute(trx);
    for (const { name, after } of OPEN_ORDERS) {
      await sql.raw(`drop index if exists ${name}`).execute(trx);
      await create(name, after, true).execute(trx);
    }
  });
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (onPostgres(db)) return;
  await db.transaction().execute(async (trx) => {
    for (const { name, before } of OPEN_ORDERS) {
      await sql.raw(`drop index if exists ${name}`).execute(trx);
      await create(name, before, true).execute(trx);
    }
    await create('requests_name_idx', ['requester_name collate nocase']).execute(trx);
    for (const { name } of INDEXES) await sql.raw(`drop index if exists ${name}`).execute(trx);
  });
}
