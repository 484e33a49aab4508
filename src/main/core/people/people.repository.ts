import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Executor } from '../db/executor';
import type { PeopleTable } from '../db/schema';

export type PersonRow = Selectable<PeopleTable>;

export const findPeople = (db: Executor) => db.selectFrom('people').selectAll().orderBy('display_name').orderBy('id').execute();

export const findPersonById = (db: Executor, id: number) => db.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirst();

export const findPersonBySignInName = (db: Executor, signInName: string) =>
  db.selectFrom('people').selectAll().where('sign_in_name', '=', signInName).executeTakeFirst();

export async function insertPerson(db: Executor, row: Insertable<PeopleTable>): Promise<number> {
  const inserted = await db.insertInto('people').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(inserted.id);
}

/** Updates a person at the revision the user saw; answers how many rows changed (0: stale or gone). */
export async function updatePersonAtRevision(db: Executor, id: number, revision: number, changes: Updateable<PeopleTable>): Promise<number> {
  const result = await db
    .updateTable('people')
    .set({ ...changes, revision: revision + 1 })
    .where('id', '=', id)
    .where('revision', '=', revision)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The sign-in bookkeeping (failed attempts, lock-out): no revision, no audit entry. */
export async function updateSignInState(db: Executor, id: number, changes: Pick<Updateable<PeopleTable>, 'failed_attempts' | 'locked_until'>) {
  await db.updateTable('people').set(changes).where('id', '=', id).execute();
}

/** Whether any enabled person has a password (what turns team mode on) … */
export async function anyoneSignsIn(db: Executor): Promise<boolean> {
  const row = await db.selectFrom('people').select('id').where('disabled', '=', 0).where('password_hash', 'is not', null).limit(1).executeTakeFirst();
  return row !== undefined;
}

/** … and how many of them are officers (at least one must stay, or nobody could manage people). */
export async function countSigningOfficers(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('people')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('disabled', '=', 0)
    .where('role', '=', 'officer')
    .where('password_hash', 'is not', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
