import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chineseNumeral, splitPolicy } from '../../../src/shared/domain/policy';
import { makeWorkbench, tableCounts, type TestWorkbench } from '../../helpers/workbench';
import { partnerFixture } from '../../helpers/fixtures';
import { samplePolicyText } from '../../helpers/sample-policy';

describe('the clause splitter on the sample policy', () => {
  const clauses = splitPolicy(samplePolicyText());
  const numbers = clauses.map((c) => c.number);

  it('finds the numbered clauses the register cites', () => {
    for (const n of ['3.2.1.1', '4.1.5', '4.1.6', '10.1', '10.7', '3.3.5', '4.1.2', '7.2', '9.2']) expect(numbers).toContain(n);
  });

  it('turns the Chinese section headings into numbers and keeps document order', () => {
    expect(numbers.slice(0, 3)).toEqual(['1', '1.1', '1.2']);
    expect(numbers).toContain('12');
    expect(numbers.indexOf('4')).toBeLessThan(numbers.indexOf('4.1'));
    expect(new Set(numbers).size).toBe(numbers.length);
  });

  it('gives each clause its own text up to the next heading, without word-processor bookmarks', () => {
    const c415 = clauses.find((c) => c.number === '4.1.5')!;
    expect(c415.text).toContain('保密协议');
    expect(c415.text).not.toContain('4.1.6');
    const c107 = clauses.find((c) => c.number === '10.7')!;
    expect(c107.heading).toBe('个人信息的存储');
    expect(c107.text).toContain('存储在中华人民共和国境内');
    expect(clauses.find((c) => c.number === '3.3.1')!.text.startsWith('3.3.1我们将收集')).toBe(true);
  });

  it('ignores the table of contents and lines that only start with a number', () => {
    expect(splitPolicy('· 一、定义\n2026年起施行\n一、定义\n正文\n4.1.共享\n正文')).toMatchObject([
      { number: '1', heading: '定义' },
      // A 4.1 that does not repeat its section's number is numbered inside it: 一、4.1.
      { number: '1.4.1', label: '一、4.1.', heading: '共享' },
    ]);
    expect(chineseNumeral('十二')).toBe(12);
    expect(chineseNumeral('二十三')).toBe(23);
  });
});

describe('policy versions and clauses', () => {
  let wb: TestWorkbench;
  beforeEach(async () => {
    wb = await makeWorkbench();
  });
  afterEach(async () => {
    await wb.close();
  });

  it('imports the policy as a version, lists its clauses and shows a clause beside the record citing it', async () => {
    const result = await wb.call('policy:import', { title: '码尚云隐私权政策', versionLabel: '2024', text: samplePolicyText() });
    expect(result.clauseNumbers).toContain('4.1.5');
    expect(result.version.clauseCount).toBe(result.clauseNumbers.length);
    await wb.call('partners:create', partnerFixture({ policyClause: '4.1.3' }));
    const clause = await wb.call('policy:clause', { number: '4.1.3' });
    expect(clause?.text).toContain('与关联公司间共享');
    expect(clause?.linkedCount).toBe(1);
    expect(clause?.promises).toBe('partners');
    const page = await wb.call('policy:clauses', { search: '保密协议' });
    expect(page.items.map((c) => c.number)).toContain('4.1.5');
    expect(await wb.call('policy:clause', { number: '99.9' })).toBeNull();
  });

  it('keeps every version; clauses come from the newest unless a version is named', async () => {
    const first = await wb.call('policy:import', { title: '政策', versionLabel: 'v1', text: '1.1旧的条款\n' });
    await wb.call('policy:import', { title: '政策', versionLabel: 'v2', text: '1.1新的条款\n1.2增加的条款\n' });
    expect((await wb.call('policy:versions', {})).map((v) => v.versionLabel)).toEqual(['v2', 'v1']);
    expect((await wb.call('policy:clause', { number: '1.1' }))?.text).toContain('新的');
    expect((await wb.call('policy:clause', { number: '1.1', versionId: first.version.id }))?.text).toContain('旧的');
  });

  it('refuses a text with no numbered clause beside the text field, importing nothing', async () => {
    const before = await tableCounts(wb);
    const result = await wb.invoke('policy:import', { title: '政策', versionLabel: 'v1', text: '没有编号的文字' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.fieldErrors?.text).toContain('No numbered clause');
    expect(await tableCounts(wb)).toEqual(before);
  });

  it('audits an import and a change of what a clause promises', async () => {
    const { version } = await wb.call('policy:import', { title: '政策', versionLabel: 'v1', text: '4.1.5签署保密协议\n' });
    const clause = (await wb.call('policy:clause', { number: '4.1.5' }))!;
    expect(clause.promises).toBe('agreements');
    await wb.call('policy:setPromise', { clauseId: clause.id, promises: '' });
    expect((await wb.call('audit:forEntity', { entity: 'policyClause', entityId: clause.id })).items[0]?.after).toEqual({ promises: '' });
    expect((await wb.call('audit:forEntity', { entity: 'policyVersion', entityId: version.id })).items.map((e) => e.action)).toEqual(['create']);
  });
});
