import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { translatorFor } from '../../src/shared/i18n';

const ROOT = resolve(__dirname, '../../src/shared/i18n');

function leaves(value: unknown, prefix = '', out = new Map<string, string>()): Map<string, string> {
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) leaves(v, prefix ? `${prefix}.${k}` : k, out);
  } else out.set(prefix, String(value));
  return out;
}

const english = () =>
  readdirSync(join(ROOT, 'en'))
    .filter((f) => f.endsWith('.json'))
    .flatMap((file) => [...leaves(JSON.parse(readFileSync(join(ROOT, 'en', file), 'utf8')))].map(([key, text]) => ({ id: `${file}:${key}`, key, text })));

/** `{{count}}` where no noun follows it, so that no plural form is needed: a number in brackets after a heading. */
const NO_NOUN = new Set(['policy.json:warningsTitle']);

describe('English counts', () => {
  it('go through i18next plural forms (_one / _other) wherever {{count}} meets a noun', () => {
    const bare = english().filter((l) => /\{\{\s*count\s*\}\}/.test(l.text) && !/_(one|other|zero)$/.test(l.key) && !NO_NOUN.has(l.id));
    expect(bare.map((l) => `${l.id}: ${l.text}`)).toEqual([]);
  });

  it('have both forms for every plural key', () => {
    const ids = new Set(english().map((l) => l.id));
    const single = [...ids].filter((id) => id.endsWith('_one') && !ids.has(id.replace(/_one$/, '_other')));
    const onlyOther = [...ids].filter((id) => id.endsWith('_other') && !ids.has(id.replace(/_other$/, '_one')));
    expect([...single, ...onlyOther]).toEqual([]);
  });

  it('never write "(s)" for a plural', () => {
    expect(english().filter((l) => /\w\(s\)/.test(l.text)).map((l) => `${l.id}: ${l.text}`)).toEqual([]);
  });

  it('read as a person would write them', () => {
    const t = translatorFor('en');
    expect(t('reports:import.commit', { count: 1 })).toBe('Import 1 row');
    expect(t('reports:import.commit', { count: 2 })).toBe('Import 2 rows');
    expect(t('requests:nav.badgeOverdue', { count: 1 })).toBe('1 request overdue');
    expect(t('reports:cover.auditHeadValue', { count: 1, hash: 'ab' })).toBe('1 entry; last entry hash ab');
  });
});

describe('Chinese counts at zero', () => {
  it('say that there is nothing rather than count none', () => {
    const t = translatorFor('zh-CN');
    expect(t('settings:audit.intact', { count: 0 })).toBe('审计日志尚无记录，无需校验。');
    expect(t('settings:audit.intact', { count: 3 })).toBe('审计日志完整：已校验 3 条。');
    expect(t('requests:dashboard.onTimeNone')).toBe('本月暂无到期答复');
  });
});
