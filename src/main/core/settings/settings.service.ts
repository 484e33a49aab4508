import type { z } from 'zod';
import { DEFAULT_SETTINGS, settingsSchema, type Settings, type settingsUpdateInput } from '@shared/domain/settings';
import type { CoreContext } from '../context';
import type { Executor } from '../db/executor';
import { nowIso } from '../context';
import { auditedChange } from '../audit/audited-update';
import { cachedUntilChanged } from '../db/revision-cache';
import { findAllSettingRows, findSettingValue, upsertSetting } from './settings.repository';

/** Internal flags kept beside the user's settings; never shown in the Settings form. */
export const SETUP_DONE_KEY = 'internal.setupDone';

const SETTING_KEYS = Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[];

/**
 * The settings, with defaults for anything never saved. A stored value that no longer parses falls
 * back to its default. Read from memory until they change (db/revision-cache.ts); frozen.
 */
export function getSettings(db: Executor): Promise<Settings> {
  return cachedUntilChanged(db, 'settings', () => readSettings(db));
}

async function readSettings(db: Executor): Promise<Settings> {
  const rows = await findAllSettingRows(db);
  const stored: Record<string, unknown> = {};
  for (const row of rows) {
    if ((SETTING_KEYS as string[]).includes(row.key)) stored[row.key] = JSON.parse(row.value);
  }
  const parsed = settingsSchema.safeParse({ ...DEFAULT_SETTINGS, ...stored });
  if (parsed.success) return parsed.data;
  const settings = { ...DEFAULT_SETTINGS };
  for (const key of SETTING_KEYS) {
    const one = settingsSchema.shape[key].safeParse(stored[key]);
    if (one.success) (settings as Record<string, unknown>)[key] = one.data;
  }
  return settings;
}

/**
 * Saves the given settings in one transaction, audited. `hooks` run inside the same transaction
 * with the settings before and after, for registers whose stored values follow a setting.
 */
export async function updateSettings(
  ctx: CoreContext,
  values: z.output<typeof settingsUpdateInput>,
  onChanged?: (trx: Executor, before: Settings, after: Settings) => Promise<void>,
): Promise<Settings> {
  return ctx.db.transaction().execute(async (trx) => {
    const before = await getSettings(trx);
    // A key sent as `undefined` (IPC's structured clone keeps it; JSON drops it) is a key not sent.
    const given = Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));
    const after: Settings = { ...before, ...given } as Settings;
    const changed = await auditedChange(trx, ctx, { entity: 'settings', id: null, before, after, skipUnchanged: true });
    if (changed.length === 0) return before;
    const now = nowIso(ctx);
    for (const key of changed) await upsertSetting(trx, key, after[key as keyof Settings], now);
    if (onChanged) await onChanged(trx, before, after);
    return after;
  });
}

export async function isSetUp(db: Executor): Promise<boolean> {
  return (await findSettingValue(db, SETUP_DONE_KEY)) === true;
}

export async function markSetUp(db: Executor, now: string): Promise<void> {
  await upsertSetting(db, SETUP_DONE_KEY, true, now);
}
