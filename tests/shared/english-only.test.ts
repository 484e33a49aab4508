import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { citationResources } from '../../src/shared/citation';

const EN = resolve(__dirname, '../../src/shared/i18n/en');

/** Han ideographs, CJK punctuation and full-width forms. */
const CJK = /[\u2e80-\u2fff\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]+/g;

/**
 * The only Chinese an English text may hold, by key, and why: what the user pastes or types that the
 * parser reads (a Chinese policy's heading forms, the State Council notice's title as published, the
 * calendar's 休/班), and a language's own name in the language selector. Anything else, or any other
 * Chinese in these keys, fails.
 */
const ALLOWED: Record<string, { why: string; fragments: string[] }> = {
  'common.json:language.zh-CN': { why: 'a language is offered under its own name (endonym)', fragments: ['中文'] },
  'policy.json:hints.text': { why: 'the heading forms of a Chinese policy that the splitter recognises', fragments: ['一、', '（一）', '①', '第', '条'] },
  'requests.json:calendar.importHelp': { why: 'the notice is pasted as published; 休/班 are kinds the import reads', fragments: ['国务院办公厅关于', '年部分节假日安排的通知', '休', '班'] },
  'validation.json:policyNoClauses': { why: 'a Chinese heading form the splitter recognises', fragments: ['一、'] },
  'validation.json:calendarKind': { why: '休/班 are kinds the import reads', fragments: ['休', '班'] },
  'validation.json:calendarNoticeYear': { why: 'the notice title the user is asked to paste', fragments: ['关于', '年部分节假日安排的通知'] },
};

function leaves(value: unknown, prefix = '', out = new Map<string, string>()): Map<string, string> {
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) leaves(v, prefix ? `${prefix}.${k}` : k, out);
  } else out.set(prefix, String(value));
  return out;
}

function chineseIn(file: string, texts: Map<string, string>): string[] {
  const found: string[] = [];
  for (const [key, text] of texts) {
    const allowed = ALLOWED[`${file}:${key}`]?.fragments ?? [];
    for (const [run] of text.matchAll(CJK)) {
      // An allowed key may hold its listed fragments and the punctuation between them, nothing else.
      const rest = allowed.reduce((left, f) => left.split(f).join(''), run).replace(/[\/、，]/g, '');
      if (rest) found.push(`${file} ${key}: “${run}” in “${text.slice(0, 80)}”`);
    }
  }
  return found;
}

describe('English', () => {
  it('holds no Chinese in any English string or code label, except the justified allow-list', () => {
    const files = readdirSync(EN).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThan(10);
    const found = files.flatMap((file) => chineseIn(file, leaves(JSON.parse(readFileSync(join(EN, file), 'utf8')))));
    expect(found).toEqual([]);
  });

  it('cites laws and standards in English words (the cite namespace built from citation.ts)', () => {
    const texts = leaves(citationResources('en'));
    expect(texts.size).toBeGreaterThan(20);
    expect(chineseIn('cite', texts)).toEqual([]);
  });

  it('would catch a label that mixes in Chinese', () => {
    expect(chineseIn('categories.json', new Map([['fields.separateConsent', 'Separate consent (单独同意) obtained']]))).toHaveLength(1);
    // An allowed key holding other Chinese is caught too.
    expect(chineseIn('common.json', new Map([['language.zh-CN', '中文（简体）']]))).toHaveLength(1);
  });

  it('keeps every allow-list entry needed and explained', () => {
    for (const [id, entry] of Object.entries(ALLOWED)) {
      const [file, key] = id.split(':') as [string, string];
      const text = leaves(JSON.parse(readFileSync(join(EN, file), 'utf8'))).get(key);
      expect(text, id).toBeDefined();
      expect(entry.why.length, id).toBeGreaterThan(10);
      expect(entry.fragments.some((f) => text!.includes(f)), id).toBe(true);
    }
  });
});
