/** Saved import mappings (2026_12_01_1200_import_mappings): by name. */
import type { Executor } from '../db/executor';

export function findMappings(db: Executor) {
  return db.selectFrom('import_mappings').selectAll().orderBy('register').orderBy('name').execute();
}

export function findMappingByName(db: Executor, name: string) {
  return db.selectFrom('import_mappings').selectAll().where('name', '=', name).executeTakeFirst();
}

export async function insertMapping(db: Executor, row: { name: string; register: string; body: string; created_at: string; updated_at: string }): Promise<number> {
  const { id } = await db.insertInto('import_mappings').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function updateMapping(db: Executor, id: number, changes: { register: string; body: string; updated_at: string }): Promise<void> {
  await db.updateTable('import_mappings').set(changes).where('id', '=', id).execute();
}

export async function deleteMappingById(db: Executor, id: number): Promise<void> {
  await db.deleteFrom('import_mappings').where('id', '=', id).execute();
}
