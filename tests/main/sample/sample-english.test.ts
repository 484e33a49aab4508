import { afterEach, describe, expect, it } from 'vitest';
import { makeWorkbench, type TestWorkbench } from '../../helpers/workbench';
import { loadSamplePolicy, loadSampleRegister } from '../../../src/main/core/sample/sample-register';

const HAN = /\p{Script=Han}/u;

/** Every text of a record, by the path it sits at. */
function texts(value: unknown, path = '', out: Array<[string, string]> = []): Array<[string, string]> {
  if (typeof value === 'string') out.push([path, value]);
  else if (Array.isArray(value)) value.forEach((v, i) => texts(v, `${path}[${i}]`, out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) texts(v, path ? `${path}.${k}` : k, out);
  return out;
}

/** What a record is, as opposed to what it says: codes, enumerations, flags, clauses. */
function shape(value: unknown): unknown {
  if (typeof value === 'string') return 'text';
  if (Array.isArray(value)) return value.map(shape);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shape(v)]));
  return value;
}
const CODES = ['code', 'stage', 'subjectType', 'legalBasis', 'collectionMethod', 'sensitiveKind', 'storageLocation', 'crossBorderMechanism', 'policyClause', 'role', 'sharingBasis', 'categoryCode', 'method'];
function facts(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(facts);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, CODES.includes(k) ? v : facts(v)]));
  return shape(value);
}

describe('the sample register in English', () => {
  it('has no Chinese in any of its names, data items, purposes, retention periods or notes', () => {
    const { categories, partners, settings, policy } = loadSampleRegister('en');
    const chinese = texts({ categories, partners, settings, policy }).filter(([, text]) => HAN.test(text));
    expect(chinese).toEqual([]);
  });

  it('holds the same records as the Chinese one: the same codes, kinds, flags, flows and clauses, every text in words of its own', () => {
    const en = loadSampleRegister('en');
    const zh = loadSampleRegister('zh-CN');
    expect(facts(en.categories)).toEqual(facts(zh.categories));
    expect(facts(en.partners)).toEqual(facts(zh.partners));
    // Translated, not copied: no text of the English sample is the Chinese one's.
    const words = (sample: typeof en) => texts({ c: sample.categories, p: sample.partners }).filter(([path, t]) => t !== '' && !CODES.includes(path.split('.').pop()!));
    const zhTexts = new Set(words(zh).map(([, t]) => t));
    expect(words(en).filter(([, t]) => zhTexts.has(t))).toEqual([]);
  });

  it('keeps the policy text as published and names it in English', () => {
    const en = loadSamplePolicy('en');
    const zh = loadSamplePolicy('zh-CN');
    expect(en.text).toBe(zh.text);
    expect(en.title).toBe('MaSoCloud Privacy Policy (Chinese original)');
    expect(zh.title).toBe('码尚云隐私权政策');
  });
});

describe('setting up the sample', () => {
  let wb: TestWorkbench | undefined;
  afterEach(async () => {
    await wb?.close();
    wb = undefined;
  });

  for (const [language, identity, stateOrgan] of [
    ['en', 'Real-name verification identity information', 'Administrative and judicial authorities'],
    ['zh-CN', '实名认证身份识别信息', '行政、司法机关'],
  ] as const) {
    it(`in ${language} fills the register in that language`, async () => {
      wb = await makeWorkbench();
      await wb.call('app:setup', { template: 'sample', organisationName: 'MaSoCloud', language });
      const [category] = (await wb.call('categories:list', { search: 'REG-IDENTITY' })).items;
      expect(category!.name).toBe(identity);
      const partners = (await wb.call('partners:list', { pageSize: 50 })).items.map((p) => p.name);
      expect(partners).toHaveLength(7);
      expect(partners).toContain(stateOrgan);
      if (language === 'en') expect(partners.filter((n) => HAN.test(n))).toEqual([]);
      const [version] = await wb.call('policy:versions', {});
      expect(version!.title).toBe(language === 'en' ? 'MaSoCloud Privacy Policy (Chinese original)' : '码尚云隐私权政策');
    });
  }
});
