import { sql, type Kysely } from 'kysely';
import { onPostgres } from './_columns';

/**
 * A tally: how many rows of a register's table hold each combination of a few columns with a small
 * number of values (a category, a method, a status), kept by triggers in the transaction of every
 * insert, update and delete, so that a list's total under those filters adds up a few tally rows
 * instead of counting the matching rows. The statements of one tally, on either engine, written once
 * here for every migration that keeps one. A row whose count falls to 0 stays (it adds nothing).
 *
 * New code only: the released tallies (2026_12_01_1470, 1520, 1620) keep their own statements.
 */

/** A row's value in a trigger (`new.`, `old.`) or in a plain select over the table (''). */
export type RowPrefix = 'new.' | 'old.' | '';

export interface TallyKey {
  /** The tally's column. */
  name: string;
  /** Its type on SQLite and on PostgreSQL. */
  type: { sqlite: string; postgres: string };
  /** Its value for a row of the table; by default the table's column of the same name. Never null. */
  value?: (row: RowPrefix) => string;
  /** The table's columns the value reads (an update of another column leaves the tally alone); by default [name]. */
  reads?: string[];
}

export interface Tally {
  /** The register's table counted. */
  table: string;
  /** The tally table. */
  tally: string;
  keys: TallyKey[];
  /** Only the rows for which this holds are counted (open requests with a due time, say); by default every row. */
  where?: { condition: (row: RowPrefix) => string; reads: string[] };
}

const valueOf = (key: TallyKey, row: RowPrefix) => (key.value ? key.value(row) : `${row}${key.name}`);
const readsOf = (t: Tally) => [...new Set([...t.keys.flatMap((k) => k.reads ?? [k.name]), ...(t.where?.reads ?? [])])];
const names = (t: Tally) => t.keys.map((k) => k.name).join(', ');
const values = (t: Tally, row: RowPrefix) => t.keys.map((k) => valueOf(k, row)).join(', ');
const matches = (t: Tally, row: RowPrefix) => t.keys.map((k) => `${k.name} = ${valueOf(k, row)}`).join(' and ');
const fn = (t: Tally) => `${t.tally}_keep`;

function table(t: Tally, pg: boolean): string {
  const columns = t.keys.map((k) => `${k.name} ${pg ? k.type.postgres : k.type.sqlite} not null`);
  return `create table ${t.tally} (${[...columns, 'n integer not null', `primary key (${names(t)})`].join(', ')})${pg ? '' : ' without rowid'}`;
}

/** The tally of the rows already there. */
// Without a condition, the statements are those the released tallies (2026_12_02_1710) were made with.
const fill = (t: Tally) =>
  `insert into ${t.tally} (${names(t)}, n) select ${values(t, '')}, count(*) from ${t.table}${t.where ? ` where ${t.where.condition('')}` : ''} group by ${values(t, '')}`;

// With a condition, a SELECT with a WHERE rather than VALUES: the condition on the new row (on
// SQLite, an upsert's SELECT needs a WHERE to be read as one).
const add = (t: Tally, qualified: string) =>
  `insert into ${t.tally} (${names(t)}, n) ${t.where ? `select ${values(t, 'new.')}, 1 where ${t.where.condition('new.')}` : `values (${values(t, 'new.')}, 1)`} on conflict (${names(t)}) do update set n = ${qualified}n + 1`;
const take = (t: Tally) => `update ${t.tally} set n = n - 1 where ${t.where ? `(${t.where.condition('old.')}) and ` : ''}${matches(t, 'old.')}`;

function sqliteTriggers(t: Tally): string[] {
  const reads = readsOf(t);
  return [
    `create trigger ${t.tally}_insert after insert on ${t.table} begin ${add(t, '')}; end`,
    `create trigger ${t.tally}_delete after delete on ${t.table} begin ${take(t)}; end`,
    `create trigger ${t.tally}_update after update of ${reads.join(', ')} on ${t.table}
      when ${reads.map((c) => `old.${c} is not new.${c}`).join(' or ')} begin ${take(t)}; ${add(t, '')}; end`,
  ];
}

function postgresTriggers(t: Tally): string[] {
  const reads = readsOf(t);
  return [
    `create function ${fn(t)}() returns trigger language plpgsql as $$
    begin
      if tg_op in ('UPDATE', 'DELETE') then ${take(t)}; end if;
      if tg_op in ('INSERT', 'UPDATE') then ${add(t, `${t.tally}.`)}; end if;
      return null;
    end $$`,
    `create trigger ${t.tally}_insert_delete after insert or delete on ${t.table} for each row execute function ${fn(t)}()`,
    `create trigger ${t.tally}_update after update of ${reads.join(', ')} on ${t.table} for each row
      when (${reads.map((c) => `old.${c} is distinct from new.${c}`).join(' or ')}) execute function ${fn(t)}()`,
  ];
}

/** The statements that create a tally, fill it from the rows there and keep it from then on. */
export function tallyStatements(t: Tally, pg: boolean): string[] {
  return [table(t, pg), fill(t), ...(pg ? postgresTriggers(t) : sqliteTriggers(t))];
}

/** The statements that take a tally away again. */
export function dropTallyStatements(t: Tally, pg: boolean): string[] {
  const triggers = pg ? [`${t.tally}_insert_delete`, `${t.tally}_update`] : [`${t.tally}_insert`, `${t.tally}_delete`, `${t.tally}_update`];
  return [
    ...triggers.map((name) => `drop trigger if exists ${name}${pg ? ` on ${t.table}` : ''}`),
    ...(pg ? [`drop function if exists ${fn(t)}()`] : []),
    `drop table if exists ${t.tally}`,
  ];
}

/** A migration's up and down for a set of tallies, each run in one transaction. */
export function tallyMigration(tallies: readonly Tally[]) {
  const runAll = async (db: Kysely<unknown>, statements: (t: Tally, pg: boolean) => string[]) => {
    const pg = onPostgres(db);
    await db.transaction().execute(async (trx) => {
      for (const t of tallies) for (const statement of statements(t, pg)) await sql.raw(statement).execute(trx);
    });
  };
  return {
    up: (db: Kysely<unknown>) => runAll(db, tallyStatements),
    down: (db: Kysely<unknown>) => runAll(db, dropTallyStatements),
  };
}
