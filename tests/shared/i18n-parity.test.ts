import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../../src/shared/i18n');

/** Every leaf of a namespace as `key.path` → text. */
function leaves(value: unknown, prefix = '', out = new Map<string, string>()): Map<string, string> {
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) leaves(v, prefix ? `${prefix}.${k}` : k, out);
  } else {
    out.set(prefix, String(value));
  }
  return out;
}

const load = (language: string, file: string) => leaves(JSON.parse(readFileSync(join(ROOT, language, file), 'utf8')));
const variables = (text: string) => [...text.matchAll(/\{\{\s*([\w.]+)/g)].map((m) => m[1]).sort();

describe('the two languages', () => {
  const files = readdirSync(join(ROOT, 'en')).filter((f) => f.endsWith('.json'));

  it('have the same namespaces', () => {
    expect(readdirSync(join(ROOT, 'zh-CN')).filter((f) => f.endsWith('.json')).sort()).toEqual([...files].sort());
  });

  for (const file of files) {
    it(`say the same things in ${file}: every key in both, with the same {{variables}}`, () => {
      const en = load('en', file);
      const zh = load('zh-CN', file);
      expect([...zh.keys()].filter((k) => !en.has(k)), 'only in Chinese').toEqual([]);
      expect([...en.keys()].filter((k) => !zh.has(k)), 'only in English').toEqual([]);
      // Plural forms (key_one / key_other) may differ between the languages in what they name.
      const mismatched = [...en.keys()].filter((k) => !/_(one|other|zero|few|many)$/.test(k) && variables(en.get(k)!).join() !== variables(zh.get(k)!).join());
      expect(mismatched, 'different {{variables}}').toEqual([]);
    });
  }
});
