import { sql, type Kysely } from 'kysely';
import { onPostgres } from './_columns';

// The dashboard's and the desk's counts in the database's time, whatever the register's size.
//
// - request_intake_tallies: requests received per UTC hour ('2026-11-17T06') and kind. The
//   dashboard's last twelve weeks (per kind, per week) read at most 2,016 hours × the kinds, never
//   the requests received in them.
// - request_answer_tallies: requests answered per UTC hour of their response, on time (1) or not
//   (0, late or with no due time): "answered this month" reads the month's hours.
// - request_due_tallies: open requests per status and due time (a few dozen distinct due times, one
//   per day's deadline): overdue, due today and due soon add up those rows, never the open requests.
//
// Both are kept by triggers in the transaction of every write, as request_tallies is. They hold
// facts about instants, not about today: the counts that depend on the date choose the hours to add
// up when they are asked (the core's clock and time zone), so they are right after midnight too.

const HOUR_SQLITE = (column: string) => `substr(${column}, 1, 13)`;
const HOUR_POSTGRES = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24')`;
const ON_TIME = (row: 'new' | 'old' | null) => {
  const p = row ? `${row}.` : '';
  return `case when ${p}responded_at <= ${p}due_at then 1 else 0 end`;
};

const OPEN_CONDITION = `status in ('new', 'verifying', 'in_progress', 'awaiting_requester')`;
const OPEN = (row: 'new' | 'old') => `${row}.status in ('new', 'verifying', 'in_progress', 'awaiting_requester') and ${row}.due_at is not null`;

const TABLES = (instant: string) => [
  `create table request_intake_tallies (
    hour text not null,
    kind text not null,
    n integer not null,
    primary key (hour, kind)
  )`,
  `create table request_answer_tallies (
    hour text not null,
    on_time integer not null,
    n integer not null,
    primary key (hour, on_time)
  )`,
  `create table request_due_tallies (
    status text not null,
    due_at ${instant} not null,
    n integer not null,
    primary key (status, due_at)
  )`,
];

const fill = (hour: (c: string) => string) => [
  `insert into request_intake_tallies (hour, kind, n) select ${hour('received_at')}, kind, count(*) from requests group by ${hour('received_at')}, kind`,
  `insert into request_answer_tallies (hour, on_time, n)
    select ${hour('responded_at')}, ${ON_TIME(null)}, count(*) from requests where responded_at is not null group by ${hour('responded_at')}, ${ON_TIME(null)}`,
  `insert into request_due_tallies (status, due_at, n)
    select status, due_at, count(*) from requests where ${OPEN_CONDITION} and due_at is not null group by status, due_at`,
];

const h = HOUR_SQLITE;
const SQLITE_STATEMENTS = [
  ...TABLES('text').map((t) => `${t} without rowid`),
  ...fill(h),
  `create trigger requests_intake_tally_insert after insert on requests begin
    insert into request_intake_tallies (hour, kind, n) values (${h('new.received_at')}, new.kind, 1)
      on conflict (hour, kind) do update set n = n + 1;
  end`,
  `create trigger requests_intake_tally_delete after delete on requests begin
    update request_intake_tallies set n = n - 1 where hour = ${h('old.received_at')} and kind = old.kind;
  end`,
  `create trigger requests_intake_tally_update after update of received_at, kind on requests
    when old.received_at is not new.received_at or old.kind is not new.kind begin
    update request_intake_tallies set n = n - 1 where hour = ${h('old.received_at')} and kind = old.kind;
    insert into request_intake_tallies (hour, kind, n) values (${h('new.received_at')}, new.kind, 1)
      on conflict (hour, kind) do update set n = n + 1;
  end`,
  `create trigger requests_answer_tally_insert after insert on requests when new.responded_at is not null begin
    insert into request_answer_tallies (hour, on_time, n) values (${h('new.responded_at')}, ${ON_TIME('new')}, 1)
      on conflict (hour, on_time) do update set n = n + 1;
  end`,
  `create trigger requests_answer_tally_delete after delete on requests when old.responded_at is not null begin
    update request_answer_tallies set n = n - 1 where hour = ${h('old.responded_at')} and on_time = ${ON_TIME('old')};
  end`,
  `create trigger requests_answer_tally_update after update of responded_at, due_at on requests
    when old.responded_at is not new.responded_at or old.due_at is not new.due_at begin
    update request_answer_tallies set n = n - 1
      where old.responded_at is not null and hour = ${h('old.responded_at')} and on_time = ${ON_TIME('old')};
    insert into request_answer_tallies (hour, on_time, n) select ${h('new.responded_at')}, ${ON_TIME('new')}, 1
      where new.responded_at is not null
      on conflict (hour, on_time) do update set n = n + 1;
  end`,
  `create trigger requests_due_tally_insert after insert on requests when ${OPEN('new')} begin
    insert into request_due_tallies (status, due_at, n) values (new.status, new.due_at, 1)
      on conflict (status, due_at) do update set n = n + 1;
  end`,
  `create trigger requests_due_tally_delete after delete on requests when ${OPEN('old')} begin
    update request_due_tallies set n = n - 1 where status = old.status and due_at = old.due_at;
  end`,
  `create trigger requests_due_tally_update after update of status, due_at on requests
    when old.status is not new.status or old.due_at is not new.due_at begin
    update request_due_tallies set n = n - 1 where ${OPEN('old')} and status = old.status and due_at = old.due_at;
    insert into request_due_tallies (status, due_at, n) select new.status, new.due_at, 1
      where ${OPEN('new')}
      on conflict (status, due_at) do update set n = n + 1;
  end`,
];

const p = HOUR_POSTGRES;
const POSTGRES_STATEMENTS = [
  ...TABLES('timestamptz'),
  ...fill(p),
  // On an update, each tally moves only when a column it counts by changed.
  `create function requests_desk_tally() returns trigger language plpgsql as $$
  declare
    intake boolean := tg_op <> 'UPDATE' or old.received_at is distinct from new.received_at or old.kind is distinct from new.kind;
    answer boolean := tg_op <> 'UPDATE' or old.responded_at is distinct from new.responded_at or old.due_at is distinct from new.due_at;
    due boolean := tg_op <> 'UPDATE' or old.status is distinct from new.status or old.due_at is distinct from new.due_at;
  begin
    if tg_op in ('UPDATE', 'DELETE') then
      if intake then
        update request_intake_tallies set n = n - 1 where hour = ${p('old.received_at')} and kind = old.kind;
      end if;
      if answer and old.responded_at is not null then
        update request_answer_tallies set n = n - 1 where hour = ${p('old.responded_at')} and on_time = ${ON_TIME('old')};
      end if;
      if due and ${OPEN('old')} then
        update request_due_tallies set n = n - 1 where status = old.status and due_at = old.due_at;
      end if;
    end if;
    if tg_op in ('INSERT', 'UPDATE') then
      if intake then
        insert into request_intake_tallies (hour, kind, n) values (${p('new.received_at')}, new.kind, 1)
          on conflict (hour, kind) do update set n = request_intake_tallies.n + 1;
      end if;
      if answer and new.responded_at is not null then
        insert into request_answer_tallies (hour, on_time, n) values (${p('new.responded_at')}, ${ON_TIME('new')}, 1)
          on conflict (hour, on_time) do update set n = request_answer_tallies.n + 1;
      end if;
      if due and ${OPEN('new')} then
        insert into request_due_tallies (status, due_at, n) values (new.status, new.due_at, 1)
          on conflict (status, due_at) do update set n = request_due_tallies.n + 1;
      end if;
    end if;
    return null;
  end $$`,
  `create trigger requests_desk_tally_insert after insert or delete on requests for each row execute function requests_desk_tally()`,
  `create trigger requests_desk_tally_update after update of received_at, kind, responded_at, due_at, status on requests for each row
    when (old.received_at is distinct from new.received_at or old.kind is distinct from new.kind or old.status is distinct from new.status
      or old.responded_at is distinct from new.responded_at or old.due_at is distinct from new.due_at)
    execute function requests_desk_tally()`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = onPostgres(db) ? POSTGRES_STATEMENTS : SQLITE_STATEMENTS;
  await db.transaction().execute(async (trx) => {
    for (const statement of statements) await sql.raw(statement).execute(trx);
  });
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const pg = onPostgres(db);
  await db.transaction().execute(async (trx) => {
    if (pg) {
      for (const t of ['insert', 'update']) await sql.raw(`drop trigger if exists requests_desk_tally_${t} on requests`).execute(trx);
      await sql.raw('drop function if exists requests_desk_tally()').execute(trx);
    } else {
      for (const tally of ['intake', 'answer', 'due']) {
        for (const t of ['insert', 'update', 'delete']) await sql.raw(`drop trigger if exists requests_${tally}_tally_${t}`).execute(trx);
      }
    }
    for (const table of ['request_intake_tallies', 'request_answer_tallies', 'request_due_tallies']) await sql.raw(`drop table if exists ${table}`).execute(trx);
  });
}
