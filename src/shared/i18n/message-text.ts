import type { TFunction } from 'i18next';
import type { MessageRef } from '../validation';

/**
 * The text of a message reference. Keys are `ns:key`, or `validation.key` as zod issues carry them;
 * string parameters that are themselves keys (`errors:entity.category`) are translated too, with the
 * other parameters (translated) as theirs: `{ key: 'a', params: { problem: 'errors:b', kind: 'errors:c' } }`
 * fills b's `{{kind}}` with c's text.
 */
export function messageText(t: TFunction, ref: MessageRef): string {
  const isKey = (v: unknown): v is string => typeof v === 'string' && /^[a-z]+:[\w.]+$/.test(v);
  const entries = Object.entries(ref.params ?? {});
  const first: Record<string, unknown> = {};
  for (const [k, v] of entries) first[k] = isKey(v) ? t(v) : v;
  const params: Record<string, unknown> = {};
  for (const [k, v] of entries) params[k] = isKey(v) ? t(v, first) : v;
  const key = ref.key.includes(':') ? ref.key : `validation:${ref.key.replace(/^validation\./, '')}`;
  return String(t(key, params));
}
