import { sql, type Kysely } from 'kysely';
import { onPostgres } from './_columns';

// The policy's clause list shows beside each clause how many register records cite it or one of its
// sub-clauses. Counted from the five registers' `policy_clause` indexes, a clause cited by 100,000
// flows read 100,000 index entries for each clause on the page, and a parent clause (4, 4.1) read
// them again. policy_citation_tallies keeps, per clause reference cited, how many records of the
// five registers cite it (an empty reference, no clause, is not kept): a clause's count is then a sum
// over the few references in its range. Kept by triggers in the transaction of every write.

const TABLES = ['collection_categories', 'partners', 'sharing_flows', 'agreements', 'sdks'] as const;

const TABLE = `create table policy_citation_tallies (
    ref text not null primary key,
    n integer not null
  )`;

const FILL = `insert into policy_citation_tallies (ref, n)
    select policy_clause, count(*) from (${TABLES.map((t) => `select policy_clause from ${t} where policy_clause <> ''`).join(' union all ')}) as cited
    group by policy_clause`;

const sqliteTriggers = (table: string) => [
  `create trigger ${table}_citation_tally_insert after insert on ${table} when new.policy_clause <> '' begin
    insert into policy_citation_tallies (ref, n) values (new.policy_clause, 1)
      on conflict (ref) do update set n = n + 1;
  end`,
  `create trigger ${table}_citation_tally_delete after delete on ${table} when old.policy_clause <> '' begin
    update policy_citation_tallies set n = n - 1 where ref = old.policy_clause;
  end`,
  `create trigger ${table}_citation_tally_update after update of policy_clause on ${table}
    when old.policy_clause is not new.policy_clause begin
    update policy_citation_tallies set n = n - 1 where old.policy_clause <> '' and ref = old.policy_clause;
    insert into policy_citation_tallies (ref, n) select new.policy_clause, 1
      where new.policy_clause <> ''
      on conflict (ref) do update set n = n + 1;
  end`,
];

const SQLITE_STATEMENTS = [`${TABLE} without rowid`, FILL, ...TABLES.flatMap(sqliteTriggers)];

const POSTGRES_STATEMENTS = [
  TABLE,
  FILL,
  // Every one of the five tables names its column policy_clause: one function serves them all.
  `create function policy_citation_tally() returns trigger language plpgsql as $$
  begin
    if tg_op in ('UPDATE', 'DELETE') and old.policy_clause <> '' then
      update policy_citation_tallies set n = n - 1 where ref = old.policy_clause;
    end if;
    if tg_op in ('INSERT', 'UPDATE') and new.policy_clause <> '' then
      insert into policy_citation_tallies (ref, n) values (new.policy_clause, 1)
        on conflict (ref) do update set n = policy_citation_tallies.n + 1;
    end if;
    return null;
  end $$`,
  ...TABLES.flatMap((table) => [
    `create trigger ${table}_citation_tally_insert after insert on ${table} for each row
      when (new.policy_clause <> '') execute function policy_citation_tally()`,
    `create trigger ${table}_citation_tally_delete after delete on ${table} for each row
      when (old.policy_clause <> '') execute function policy_citation_tally()`,
    `create trigger ${table}_citation_tally_update after update of policy_clause on ${table} for each row
      when (old.policy_clause is distinct from new.policy_clause) execute function policy_citation_tally()`,
  ]),
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
    for (const table of TABLES) {
      for (const t of ['insert', 'update', 'delete']) await sql.raw(`drop trigger if exists ${table}_citation_tally_${t}${pg ? ` on ${table}` : ''}`).execute(trx);
    }
    if (pg) await sql.raw('drop function if exists policy_citation_tally()').execute(trx);
    await sql.raw('drop table if exists policy_citation_tallies').execute(trx);
  });
}
