import { sql, type Kysely } from 'kysely';
import { onPostgres } from './_columns';
import { OPEN_CONDITION } from './2026_12_01_1230_requests_fast_lists';

// A short search (one or two characters: the beginning of a requester's name) together with the
// list's filters, at any size, on SQLite.
//
// requests_name_idx held the names alone: a one-character search (a common surname, about 2% of a
// register) with a filter read every request whose name begins so, and looked each one up in the
// table to test its status, kind, channel or due time; at 1,000,000 requests about 19,000 lookups
// for a page of a few (`npm run bench -- --lists requests:list`: `{search:赵,kind:access_copy,
// due:overdue}` 81 ms, the same statements raw as long). These two indexes carry the filtered
// columns after the name, so that the filters are tested in the index and only the matches are read:
//  - requests_name_filters_idx, every request (it replaces requests_name_idx, of which it is an extension);
//  - requests_open_name_filters_idx, the open requests alone (a few weeks' worth): a search with the
//    open-only filter, an open status or a due window reads only the open requests whose name begins so.
// PostgreSQL keeps its index of lower-case names: its planner chooses by cost, and its plans for
// these lists are already within the targets.

const COLUMNS = 'requester_name collate nocase, status, kind, channel, due_at';

export const INDEXES: { name: string; columns: string[]; open?: true }[] = [
  { name: 'requests_name_filters_idx', columns: ['requester_name', 'status', 'kind', 'channel', 'due_at'] },
  { name: 'requests_open_name_filters_idx', columns: ['requester_name', 'status', 'kind', 'channel', 'due_at'], open: true },
];

export async function up(db: Kysely<unknown>): Promise<void> {
  if (onPostgres(db)) return;
  await db.transaction().execute(async (trx) => {
    for (const { name, open } of INDEXES) {
      await sql.raw(`create index ${name} on requests (${COLUMNS})${open ? ` where ${OPEN_CONDITION}` : ''}`).execute(trx);
    }
    await sql.raw('drop index if exists requests_name_idx').execute(trx);
  });
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (onPostgres(db)) return;
  await db.transaction().execute(async (trx) => {
    await sql.raw('create index if not exists requests_name_idx on requests (requester_name collate nocase)').execute(trx);
    for (const { name } of INDEXES) await sql.raw(`drop index if exists ${name}`).execute(trx);
  });
}
