import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chineseNumber, cite, citePolicy, citationResources } from '@shared/citation';
import { translatorFor } from '@shared/i18n';

const ROOT = resolve(__dirname, '../../src/shared/i18n');

function leaves(value: unknown, prefix = '', out = new Map<string, string>()): Map<string, string> {
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) leaves(v, prefix ? `${prefix}.${k}` : k, out);
  } else out.set(prefix, String(value));
  return out;
}

/** Every translation of a language, as `ns:key` → text as written in the file. */
function texts(language: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const file of readdirSync(join(ROOT, language)).filter((f) => f.endsWith('.json'))) {
    for (const [k, v] of leaves(JSON.parse(readFileSync(join(ROOT, language, file), 'utf8')))) out.set(`${file.replace('.json', '')}:${k}`, v);
  }
  return out;
}

describe('citing laws and standards', () => {
  it('cites in the one style of each language', () => {
    expect(cite('zh-CN', 'pipl', 21)).toBe('《个人信息保护法》第二十一条');
    expect(cite('zh-CN', 'gbt35273', '8.7')).toBe('GB/T 35273—2020 第8.7条');
    expect(cite('en', 'pipl', 21)).toBe('PIPL Art. 21');
    expect(cite('en', 'gbt35273', '8.7')).toBe('GB/T 35273-2020 §8.7');
    expect(cite('zh-CN', 'civilCode', 203)).toBe('《民法典》第二百零三条');
    expect(cite('zh-CN', 'pipl')).toBe('《个人信息保护法》');
    expect(cite('en', 'gbt41391', '6.6.2')).toBe('GB/T 41391-2022 §6.6.2');
    expect(cite('zh-CN', 'pipl', { article: 13, paragraph: 1, item: 3 })).toBe('《个人信息保护法》第十三条第一款第三项');
    expect(cite('en', 'pipl', { article: 13, paragraph: 1, item: 3 })).toBe('PIPL Art. 13(1)(3)');
    expect(cite('zh-CN', 'cbdf', 5)).toBe('《促进和规范数据跨境流动规定》第五条');
    expect(citePolicy('zh-CN', '4.1.5')).toBe('隐私政策第4.1.5条');
    expect(citePolicy('en', '4.1.5')).toBe('Privacy policy cl. 4.1.5');
  });

  it('writes article numbers as Chinese numerals the way a statute does', () => {
    const cases: [number, string][] = [
      [1, '一'], [10, '十'], [13, '十三'], [20, '二十'], [21, '二十一'], [50, '五十'], [100, '一百'],
      [110, '一百一十'], [201, '二百零一'], [1034, '一千零三十四'], [1260, '一千二百六十'],
    ];
    for (const [n, text] of cases) expect(chineseNumber(n), String(n)).toBe(text);
    expect(() => chineseNumber(0)).toThrow();
  });

  it('gives every translation its citations through the cite namespace, resolved in both languages', () => {
    for (const language of ['zh-CN', 'en'] as const) {
      const t = translatorFor(language);
      expect(t('partners:role.entrusted_processor')).toContain(cite(language, 'pipl', 21));
      expect(t('categories:fields.sensitive')).toContain(cite(language, 'pipl', 28));
      for (const [key, text] of texts(language)) {
        for (const [, ref] of text.matchAll(/\$t\((cite:[\w.]+)\)/g)) {
          const resolved = t(ref!);
          expect(typeof resolved === 'string' && !resolved.startsWith('cite:') && resolved !== ref!.slice(5), `${key}: ${ref}`).toBe(true);
        }
      }
    }
    // The same points are cited for the same key in both languages.
    const refs = (text: string) => [...text.matchAll(/\$t\((cite:[\w.]+)\)/g)].map((m) => m[1]).sort().join();
    const en = texts('en');
    const mismatched = [...texts('zh-CN')].filter(([key, zh]) => refs(zh) !== refs(en.get(key) ?? ''));
    expect(mismatched.map(([key]) => key)).toEqual([]);
  });

  it('leaves no citation spelled by hand, and uses PIPL terms rather than the standard’s 个人信息控制者', () => {
    // Letters to requesters (the reply templates) are prose the officer edits; they are read on their own.
    const skip = (key: string) => key.startsWith('requests:templates.');
    const handWritten: [string, RegExp][] = [
      ['zh-CN', /(?<!政策)第[0-9一二三四五六七八九十百千零]+条/],
      ['zh-CN', /(?<!《)个人信息保护法/],
      ['zh-CN', /GB\/T ?\d+/],
      ['zh-CN', /个人信息控制者/],
      ['en', /\bArt(\.|icle) ?\d+/],
      ['en', /\bPIPL\b/],
      ['en', /GB\/T ?\d+/],
      ['en', /\bcontroller/i],
    ];
    const found: string[] = [];
    for (const [language, pattern] of handWritten) {
      for (const [key, text] of texts(language)) if (!skip(key) && pattern.test(text.replace(/\$t\(cite:[\w.]+\)/g, ''))) found.push(`${language} ${key}: ${text}`);
    }
    expect(found).toEqual([]);
  });

  it('builds the cite namespace from the helper, with a clause’s numbers as nested keys', () => {
    const zh = citationResources('zh-CN') as { gbt35273: Record<string, Record<string, string>>; pipl: Record<string, string> };
    expect(zh.gbt35273['8']!['7']).toBe('GB/T 35273—2020 第8.7条');
    expect(zh.pipl['50']).toBe('《个人信息保护法》第五十条');
  });
});
