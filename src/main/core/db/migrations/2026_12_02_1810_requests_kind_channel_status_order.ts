import { sql, type Kysely } from 'kysely';
import { onPostgres } from './_columns';

// The requests of one kind by one channel, in the order of their status (then the time received),
// whatever their statuses: one index range. Such a list walked the kind's index by status and
// tested the channel of each request; where few requests of the kind come by the channel under the
// first statuses (a desk whose hotline takes no written requests of one kind, say) it read most of
// the kind's requests for a page (at a million requests, 18 ms for 25 rows). With a status, or
// several (the open ones, a due window's), the same range serves that order: an index reads an IN
// list's values in order. And one status, kind and channel together, in the order received.
// On PostgreSQL the index ends in the id, as the list orders' indexes do there (2026_12_02_1700).

const NAME = 'requests_kind_channel_status_received_idx';

export async function up(db: Kysely<unknown>): Promise<void> {
  const columns = `kind, channel, status, received_at${onPostgres(db) ? ', id' : ''}`;
  await sql.raw(`create index ${NAME} on requests (${columns})`).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw(`drop index if exists ${NAME}`).execute(db);
}
