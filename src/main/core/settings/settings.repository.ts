import type { Executor } from '../db/executor';

export async function findAllSettingRows(db: Executor) {
  return db.selectFrom('settings').select(['key', 'value']).execute();
}

export async function upsertSetting(db: Executor, key: string, value: unknown, now: string) {
  await db
    .insertInto('settings')
    .values({ key, value: JSON.stringify(value), created_at: now, updated_at: now })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(value), updated_at: now }))
    .execute();
}

export async function findSettingValue(db: Executor, key: string): Promise<unknown> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  return row ? JSON.parse(row.value) : undefined;
}
