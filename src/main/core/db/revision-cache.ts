/**
 * Values read often and written rarely (the settings, the holiday calendar), kept in memory until
 * they change. Triggers give each kind a new random token in `cache_revisions` on every write to
 * its tables (migration 2026_12_01_1230_requests_fast_lists), so one read of a token tells whether
 * the value held is still the stored one: after a write of this process or of another one (the CLI,
 * a second host), and inside a transaction that has written but not committed yet. A token of a
 * transaction rolled back is never seen again, so its value is never answered outside it.
 */
import { CompiledQuery } from 'kysely';
import type { Executor } from './executor';

export type CachedKind = 'settings' | 'calendar';

const TOKEN_QUERY: Record<CachedKind, CompiledQuery> = {
  settings: CompiledQuery.raw(`select token from cache_revisions where name = 'settings'`),
  calendar: CompiledQuery.raw(`select token from cache_revisions where name = 'calendar'`),
};

/** Entries held; registers open in one process are few (tests open many, each its own tokens). */
const LIMIT = 32;
const held = new Map<string, unknown>();

/** Freezes a value the cache hands out to every caller, so that none can change it for the others. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value) && !(value instanceof Map) && !(value instanceof Set)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/** The value `load` reads, from memory while the kind's token is unchanged. */
export async function cachedUntilChanged<T>(db: Executor, kind: CachedKind, load: () => Promise<T>): Promise<T> {
  let token: unknown;
  try {
    token = (await db.executeQuery<{ token: number }>(TOKEN_QUERY[kind])).rows[0]?.token;
  } catch {
    token = undefined; // a register not migrated this far (a migration's own test): read it each time
  }
  if (token === undefined) return load();
  const key = `${kind}:${String(token)}`;
  if (held.has(key)) return held.get(key) as T;
  const value = deepFreeze(await load());
  held.set(key, value);
  if (held.size > LIMIT) held.delete(held.keys().next().value!);
  return value;
}
