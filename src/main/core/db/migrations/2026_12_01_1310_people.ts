import { sql, type Kysely } from 'kysely';
import { columnsOf } from './_columns';

// The people who use a register, each with a role (issue 15): named for attribution on a
// single-user machine, or signing in with a password in team mode. `password_hash` holds scrypt's
// parameters beside the salt and the hash (core/people/password.ts); `failed_attempts` and
// `locked_until` are the lock-out's state. Sign-in names are stored in lower case, so that
// uniqueness is case-insensitive on every engine.
//
// "My requests" lists one person's requests (`requests.assignee` holds their sign-in name) in due
// order: `requests_assignee_due_idx` makes that page one range of one index, and its count one
// count of the same range, however large the register (the list indexes of 2026_12_01_1230 all
// lead with another column and would read every request of a status to find one person's).

export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnsOf(db);
  await db.transaction().execute(async (trx) => {
    await trx.schema
      .createTable('people')
      .addColumn('id', ...t.id)
      .addColumn('sign_in_name', 'text', (c) =>
        c.notNull().unique().check(sql`length(sign_in_name) between 1 and 64 and sign_in_name = lower(sign_in_name)`),
      )
      .addColumn('display_name', 'text', (c) => c.notNull().check(sql`length(trim(display_name)) between 1 and 100`))
      .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('officer', 'desk', 'viewer')`))
      .addColumn('password_hash', 'text')
      .addColumn('sees_contacts', t.boolean, (c) => (t.pg ? c.notNull().defaultTo(t.false) : c.notNull().defaultTo(0).check(sql`sees_contacts in (0, 1)`)))
      .addColumn('disabled', t.boolean, (c) => (t.pg ? c.notNull().defaultTo(t.false) : c.notNull().defaultTo(0).check(sql`disabled in (0, 1)`)))
      .addColumn('failed_attempts', 'integer', (c) => c.notNull().defaultTo(0).check(sql`failed_attempts >= 0`))
      .addColumn('locked_until', t.instant)
      .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', t.instant, (c) => c.notNull())
      .addColumn('updated_at', t.instant, (c) => c.notNull())
      .execute();
    // Every call asks whether anyone signs in (core/people/session.ts): one entry of this index
    // answers it, never a read of the whole table.
    await trx.schema.createIndex('people_signing_in_idx').on('people').columns(['disabled', 'id']).where(sql.ref('password_hash'), 'is not', null).execute();
    await trx.schema.createIndex('requests_assignee_due_idx').on('requests').columns(['assignee', 'due_at', 'id']).execute();
  });
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.schema.dropIndex('requests_assignee_due_idx').ifExists().execute();
    await trx.schema.dropIndex('people_signing_in_idx').ifExists().execute();
    await trx.schema.dropTable('people').ifExists().execute();
  });
}
