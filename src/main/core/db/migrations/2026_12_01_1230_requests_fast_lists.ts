import { sql, type Kysely } from 'kysely';
import { onPostgres } from './_columns';

// The requests list at any size, without guessing a plan.
//
// - Every filter the list offers on one column (status, kind, channel) has an index for every order
//   the list offers, ending in that order: a page is the first rows of one index range. With two
//   or three filters the list walks the index of the filter with the fewest requests (counted in
//   request_tallies), so it reads at most that many rows.
// - Open requests (a few weeks' worth, at one end of every date column) have partial indexes of
//   their own for each order: the open list and the due windows never walk closed requests.
// - request_tallies holds how many requests there are per status, kind and channel, kept by
//   triggers in the transaction of every write: the list's totals and the desk's counts without
//   counting rows.
// - requests_fts, an FTS5 trigram index of reference, requester name, contact and account, kept by
//   triggers in the same transaction; secure-delete, so that an anonymised requester's text leaves
//   the index itself, not only its results. Searches shorter than three characters (a trigram's
//   length; many Chinese names have two) match the beginning of the requester's name through
//   requests_name_idx.
// - cache_revisions: a random token per cached kind of data (settings, the holiday calendar),
//   changed by triggers on every write, so that any process sees at once that its cache is stale.

/** Open statuses as literals: a partial index is used only when the query repeats its condition as written. */
export const OPEN_CONDITION = `status in ('new', 'verifying', 'in_progress', 'awaiting_requester')`;
const REFERENCE_ORDER = 'substr(reference, 1, 8), length(reference), reference';

const INDEXES: [name: string, columns: string, partial?: true][] = [
  ['requests_status_received_idx', 'status, received_at'],
  ['requests_status_updated_idx', 'status, updated_at'],
  ['requests_status_reference_idx', `status, ${REFERENCE_ORDER}`],
  ['requests_kind_due_idx', 'kind, due_at'],
  ['requests_kind_updated_idx', 'kind, updated_at'],
  ['requests_kind_reference_idx', `kind, ${REFERENCE_ORDER}`],
  ['requests_kind_status_received_idx', 'kind, status, received_at'],
  ['requests_channel_due_idx', 'channel, due_at'],
  ['requests_channel_updated_idx', 'channel, updated_at'],
  ['requests_channel_reference_idx', `channel, ${REFERENCE_ORDER}`],
  ['requests_channel_status_received_idx', 'channel, status, received_at'],
  ['requests_channel_kind_received_idx', 'channel, kind, received_at'],
  ['requests_open_due_idx', 'due_at', true],
  ['requests_open_received_idx', 'received_at', true],
  ['requests_open_updated_idx', 'updated_at', true],
  ['requests_open_reference_idx', REFERENCE_ORDER, true],
  ['requests_open_status_idx', 'status, received_at', true],
  ['requests_open_kind_idx', 'kind, received_at', true],
  ['requests_open_count_idx', 'status, kind, channel, due_at', true],
  ['requests_name_idx', 'requester_name collate nocase'],
];

/** Replaced by the single-filter indexes above (two filters walk the smaller one's index). */
const DROPPED: [name: string, columns: string][] = [
  ['requests_status_channel_received_idx', 'status, channel, received_at'],
  ['requests_kind_channel_received_idx', 'kind, channel, received_at'],
];

const FTS_COLUMNS = 'reference, requester_name, requester_contact, account_ref';
const FTS_NEW = 'new.reference, new.requester_name, new.requester_contact, new.account_ref';
const FTS_OLD = 'old.reference, old.requester_name, old.requester_contact, old.account_ref';

const STATEMENTS = [
  `create table request_tallies (
    status text not null,
    kind text not null,
    channel text not null,
    n integer not null,
    primary key (status, kind, channel)
  ) without rowid`,
  `insert into request_tallies (status, kind, channel, n) select status, kind, channel, count(*) from requests group by status, kind, channel`,
  `create trigger requests_tally_insert after insert on requests begin
    insert into request_tallies (status, kind, channel, n) values (new.status, new.kind, new.channel, 1)
      on conflict (status, kind, channel) do update set n = n + 1;
  end`,
  `create trigger requests_tally_delete after delete on requests begin
    update request_tallies set n = n - 1 where status = old.status and kind = old.kind and channel = old.channel;
  end`,
  `create trigger requests_tally_update after update of status, kind, channel on requests
    when old.status is not new.status or old.kind is not new.kind or old.channel is not new.channel begin
    update request_tallies set n = n - 1 where status = old.status and kind = old.kind and channel = old.channel;
    insert into request_tallies (status, kind, channel, n) values (new.status, new.kind, new.channel, 1)
      on conflict (status, kind, channel) do update set n = n + 1;
  end`,
  `create virtual table requests_fts using fts5(${FTS_COLUMNS}, content = 'requests', content_rowid = 'id', tokenize = 'trigram', columnsize = 0)`,
  `insert into requests_fts (requests_fts, rank) values ('secure-delete', 1)`,
  `insert into requests_fts (requests_fts) values ('rebuild')`,
  `create trigger requests_fts_insert after insert on requests begin
    insert into requests_fts (rowid, ${FTS_COLUMNS}) values (new.id, ${FTS_NEW});
  end`,
  `create trigger requests_fts_delete after delete on requests begin
    insert into requests_fts (requests_fts, rowid, ${FTS_COLUMNS}) values ('delete', old.id, ${FTS_OLD});
  end`,
  `create trigger requests_fts_update after update of ${FTS_COLUMNS} on requests
    when old.reference is not new.reference or old.requester_name is not new.requester_name
      or old.requester_contact is not new.requester_contact or old.account_ref is not new.account_ref begin
    insert into requests_fts (requests_fts, rowid, ${FTS_COLUMNS}) values ('delete', old.id, ${FTS_OLD});
    insert into requests_fts (rowid, ${FTS_COLUMNS}) values (new.id, ${FTS_NEW});
  end`,
  `create table cache_revisions (name text primary key, token integer not null) without rowid`,
  `insert into cache_revisions (name, token) values ('settings', random()), ('calendar', random())`,
  ...(['insert', 'update', 'delete'] as const).flatMap((event) => [
    `create trigger settings_revision_${event} after ${event} on settings begin
      update cache_revisions set token = random() where name = 'settings';
    end`,
    ...['holiday_calendar', 'holiday_calendar_years'].map(
      (table) => `create trigger ${table}_revision_${event} after ${event} on ${table} begin
      update cache_revisions set token = random() where name = 'calendar';
    end`,
    ),
  ]),
];

/**
 * The same on PostgreSQL: plpgsql triggers keep the tallies and the cache tokens; pg_trgm's GIN index
 * serves the search (ILIKE on the same four columns), updated with the row in the same transaction;
 * names are matched by prefix through an index on their lower-case form.
 */
const TALLY_FUNCTION = `create function requests_tally() returns trigger language plpgsql as $$
  begin
    if tg_op in ('UPDATE', 'DELETE') then
      update request_tallies set n = n - 1 where status = old.status and kind = old.kind and channel = old.channel;
    end if;
    if tg_op in ('INSERT', 'UPDATE') then
      insert into request_tallies (status, kind, channel, n) values (new.status, new.kind, new.channel, 1)
        on conflict (status, kind, channel) do update set n = request_tallies.n + 1;
    end if;
    return null;
  end $$`;
const POSTGRES_STATEMENTS = [
  `create table request_tallies (
    status text not null,
    kind text not null,
    channel text not null,
    n integer not null,
    primary key (status, kind, channel)
  )`,
  `insert into request_tallies (status, kind, channel, n) select status, kind, channel, count(*) from requests group by status, kind, channel`,
  TALLY_FUNCTION,
  `create trigger requests_tally_insert after insert or delete on requests for each row execute function requests_tally()`,
  `create trigger requests_tally_update after update of status, kind, channel on requests for each row
    when (old.status is distinct from new.status or old.kind is distinct from new.kind or old.channel is distinct from new.channel)
    execute function requests_tally()`,
  `create extension if not exists pg_trgm`,
  `create index requests_search_idx on requests using gin (reference gin_trgm_ops, requester_name gin_trgm_ops, requester_contact gin_trgm_ops, account_ref gin_trgm_ops)`,
  `create table cache_revisions (name text primary key, token bigint not null)`,
  `insert into cache_revisions (name, token) values ('settings', floor(random() * 9007199254740991)::bigint), ('calendar', floor(random() * 9007199254740991)::bigint)`,
  ...['settings', 'calendar'].map(
    (name) => `create function ${name}_revision() returns trigger language plpgsql as $$
    begin
      update cache_revisions set token = floor(random() * 9007199254740991)::bigint where name = '${name}';
      return null;
    end $$`,
  ),
  `create trigger settings_revision after insert or update or delete on settings for each statement execute function settings_revision()`,
  ...['holiday_calendar', 'holiday_calendar_years'].map(
    (table) => `create trigger ${table}_revision after insert or update or delete on ${table} for each statement execute function calendar_revision()`,
  ),
];

async function upOnPostgres(trx: Kysely<unknown>): Promise<void> {
  for (const [name] of DROPPED) await sql.raw(`drop index if exists ${name}`).execute(trx);
  for (const [name, columns, partial] of INDEXES) {
    const indexed = name === 'requests_name_idx' ? 'lower(requester_name) text_pattern_ops' : columns;
    await sql.raw(`create index ${name} on requests (${indexed})${partial ? ` where ${OPEN_CONDITION}` : ''}`).execute(trx);
  }
  for (const statement of POSTGRES_STATEMENTS) await sql.raw(statement).execute(trx);
}

export async function up(db: Kysely<unknown>): Promise<void> {
  if (onPostgres(db)) return db.transaction().execute(upOnPostgres);
  await db.transaction().execute(async (trx) => {
    for (const [name] of DROPPED) await sql.raw(`drop index if exists ${name}`).execute(trx);
    for (const [name, columns, partial] of INDEXES) {
      await sql.raw(`create index ${name} on requests (${columns})${partial ? ` where ${OPEN_CONDITION}` : ''}`).execute(trx);
    }
    for (const statement of STATEMENTS) await sql.raw(statement).execute(trx);
  });
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const event of ['insert', 'update', 'delete']) {
      for (const table of ['settings', 'holiday_calendar', 'holiday_calendar_years']) await sql.raw(`drop trigger if exists ${table}_revision_${event}`).execute(trx);
      await sql.raw(`drop trigger if exists requests_fts_${event}`).execute(trx);
      await sql.raw(`drop trigger if exists requests_tally_${event}`).execute(trx);
    }
    for (const table of ['cache_revisions', 'requests_fts', 'request_tallies']) await sql.raw(`drop table if exists ${table}`).execute(trx);
    for (const [name] of INDEXES) await sql.raw(`drop index if exists ${name}`).execute(trx);
    for (const [name, columns] of DROPPED) await sql.raw(`create index if not exists ${name} on requests (${columns})`).execute(trx);
  });
}
