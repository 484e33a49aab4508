import { sql, type Kysely } from 'kysely';
import { onPostgres } from './_columns';

// The desk's "deadline unknown" count in the database's time, whatever the register's size.
//
// request_undated_tallies: open requests with no due time (no calendar yet for a year their deadline
// needs), per status. request_due_tallies (2026_12_01_1470) keeps open requests per due time, and a
// due time it has not; without this table the count read every open request's index entry. Kept by
// triggers in the transaction of every write, beside the other tallies.

const UNDATED = (row: 'new' | 'old') => `${row}.status in ('new', 'verifying', 'in_progress', 'awaiting_requester') and ${row}.due_at is null`;

const TABLE = `create table request_undated_tallies (
    status text not null primary key,
    n integer not null
  )`;

const FILL = `insert into request_undated_tallies (status, n)
    select status, count(*) from requests
    where status in ('new', 'verifying', 'in_progress', 'awaiting_requester') and due_at is null group by status`;

const SQLITE_STATEMENTS = [
  `${TABLE} without rowid`,
  FILL,
  `create trigger requests_undated_tally_insert after insert on requests when ${UNDATED('new')} begin
    insert into request_undated_tallies (status, n) values (new.status, 1)
      on conflict (status) do update set n = n + 1;
  end`,
  `create trigger requests_undated_tally_delete after delete on requests when ${UNDATED('old')} begin
    update request_undated_tallies set n = n - 1 where status = old.status;
  end`,
  `create trigger requests_undated_tally_update after update of status, due_at on requests
    when (${UNDATED('old')}) is not (${UNDATED('new')}) or (${UNDATED('old')} and old.status is not new.status) begin
    update request_undated_tallies set n = n - 1 where ${UNDATED('old')} and status = old.status;
    insert into request_undated_tallies (status, n) select new.status, 1
      where ${UNDATED('new')}
      on conflict (status) do update set n = n + 1;
  end`,
];

const POSTGRES_STATEMENTS = [
  TABLE,
  FILL,
  `create function requests_undated_tally() returns trigger language plpgsql as $$
  begin
    if tg_op in ('UPDATE', 'DELETE') and ${UNDATED('old')} then
      update request_undated_tallies set n = n - 1 where status = old.status;
    end if;
    if tg_op in ('INSERT', 'UPDATE') and ${UNDATED('new')} then
      insert into request_undated_tallies (status, n) values (new.status, 1)
        on conflict (status) do update set n = request_undated_tallies.n + 1;
    end if;
    return null;
  end $$`,
  // A new request with a due time (nearly all of them) does not call the function at all.
  `create trigger requests_undated_tally_insert after insert on requests for each row
    when (${UNDATED('new')}) execute function requests_undated_tally()`,
  `create trigger requests_undated_tally_delete after delete on requests for each row
    when (${UNDATED('old')}) execute function requests_undated_tally()`,
  `create trigger requests_undated_tally_update after update of status, due_at on requests for each row
    when ((${UNDATED('old')}) is distinct from (${UNDATED('new')}) or (${UNDATED('old')} and old.status is distinct from new.status))
    execute function requests_undated_tally()`,
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
    for (const t of ['insert', 'update', 'delete']) await sql.raw(`drop trigger if exists requests_undated_tally_${t}${pg ? ' on requests' : ''}`).execute(trx);
    if (pg) await sql.raw('drop function if exists requests_undated_tally()').execute(trx);
    await sql.raw('drop table if exists request_undated_tallies').execute(trx);
  });
}
