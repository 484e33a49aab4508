import { describe, expect, it } from 'vitest';
import { chineseNumeral, splitPolicyDocument, type SplitDocument } from '../../../src/shared/policy-split';

/** Every non-empty line of the input is somewhere in the preamble or a clause. */
function expectNothingDropped(input: string, doc: SplitDocument) {
  const kept = [doc.preamble, ...doc.clauses.map((c) => c.text)].join('\n');
  const missing = input
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !kept.includes(l));
  expect(missing).toEqual([]);
}

const refs = (doc: SplitDocument) => doc.clauses.map((c) => c.number);

// A made-up Chinese policy: a contents list with dot leaders, 一、/（一）/1.1 restarted in each section, ①.
const ZH = `示例科技隐私政策
更新日期：2026年3月1日
目录
一、我们如何收集信息 ........ 2
二、我们如何共享信息 ........ 4
三、联系我们 ........ 6
本政策说明我们如何处理您的个人信息。
一、我们如何收集信息
（一）注册时
1.1 手机号码，用于创建账号。
1.2 昵称，用于展示。
（二）使用时
1.1 设备信息，包括设备型号。
① 用于安全风控；
② 用于故障排查。
二、我们如何共享信息
1.1 我们不会向第三方出售您的信息。
1.2 委托处理时，我们会签订协议。
三、联系我们
您可以发送邮件至 privacy@example.cn 联系我们。`;

describe('the clause splitter', () => {
  it('builds the hierarchy from the document: a 1.1 restarted under 二、 is 2.1.1, not section 1', () => {
    const doc = splitPolicyDocument(ZH);
    expect(refs(doc)).toEqual(['1', '1.1', '1.1.1.1', '1.1.1.2', '1.2', '1.2.1.1', '1.2.1.1.1', '1.2.1.1.2', '2', '2.1.1', '2.1.2', '3']);
    const shared = doc.clauses.find((c) => c.number === '2.1.1')!;
    expect(shared.label).toBe('二、1.1');
    expect(shared.text).toBe('1.1 我们不会向第三方出售您的信息。');
    expect(doc.clauses.find((c) => c.number === '1.2')).toMatchObject({ label: '一、（二）', heading: '使用时', depth: 2 });
    expect(new Set(refs(doc)).size).toBe(doc.clauses.length);
    expectNothingDropped(ZH, doc);
  });

  it('keeps a table of contents in the preamble and starts the clauses at the headings it lists', () => {
    const doc = splitPolicyDocument(ZH);
    expect(doc.preamble).toContain('二、我们如何共享信息 ........ 4');
    expect(doc.preamble).toContain('本政策说明我们如何处理您的个人信息。');
    expect(doc.clauses[0]!.line).toBe(8);
    expect(doc.clauses[0]!.text.startsWith('一、我们如何收集信息')).toBe(true);
  });

  it('finds a contents list that runs straight into the body', () => {
    const input = ZH.replace('本政策说明我们如何处理您的个人信息。\n', '');
    const doc = splitPolicyDocument(input);
    expect(doc.preamble.endsWith('三、联系我们 ........ 6')).toBe(true);
    expect(refs(doc)[0]).toBe('1');
    expect(new Set(refs(doc)).size).toBe(doc.clauses.length);
    expect(doc.warnings.filter((w) => w.kind === 'duplicate')).toEqual([]);
  });

  it('keeps decimal numbers that already repeat their section (the sample policy’s style)', () => {
    const doc = splitPolicyDocument('一、定义\n1.1码尚：指运营者\n二、共享\n2.1.共享\n2.1.1.在获取明确同意的情况下共享\n2.2转让您的信息');
    expect(refs(doc)).toEqual(['1', '1.1', '2', '2.1', '2.1.1', '2.2']);
    expect(doc.clauses[5]!.text).toBe('2.2转让您的信息');
    expect(doc.warnings).toEqual([]);
  });

  it('recognises 第N章/第N条, N 标题 without a dot, (a) and Markdown headings', () => {
    const law = splitPolicyDocument('第一章 总则\n第一条 为保护个人信息，制定本规则。\n第二条 本规则适用于全体员工。\n第二章 收集\n第三条 收集应当最小必要。');
    expect(refs(law)).toEqual(['1', '1.1', '1.2', '2', '2.3']);
    expect(law.clauses[4]!.label).toBe('第二章第三条');

    const en = splitPolicyDocument('Example Ltd Privacy Policy\n\n1 Who we are\nWe are Example Ltd.\n2 What we collect\n(a) your name;\n(b) your email address.\n2.1 Cookies\nWe use cookies.');
    expect(refs(en)).toEqual(['1', '2', '2.1', '2.2', '2.1#2']);
    expect(en.preamble).toBe('Example Ltd Privacy Policy');

    const md = splitPolicyDocument('# Privacy Policy\nIntro.\n## Information we collect\nText.\n### Account data\nName.\n## Sharing\nNone.');
    expect(refs(md)).toEqual(['1', '1.1', '2']);
    expect(md.preamble).toBe('# Privacy Policy\nIntro.');
    expect(md.clauses[0]!.heading).toBe('Information we collect');
  });

  it('never drops a clause whose number repeats: it gets #2 and a warning with its line', () => {
    const input = '1. 收集\n我们收集信息。\n2. 使用\n我们使用信息。\n2. 共享\n我们不共享信息。';
    const doc = splitPolicyDocument(input);
    expect(refs(doc)).toEqual(['1', '2', '2#2']);
    expect(doc.clauses[2]!.text).toContain('我们不共享信息。');
    expect(doc.warnings).toContainEqual(expect.objectContaining({ kind: 'duplicate', line: 5, number: '2#2' }));
    expectNothingDropped(input, doc);
  });

  it('warns of numbers out of order, a level that jumps and a clause with next to no text', () => {
    const doc = splitPolicyDocument('一、收集\n正文内容很长很长。\n三、共享\n3.1 正文内容很长很长。\n3.1.1.1 跳级的条款内容。\n四、无\n五、联系我们的方式如下所述。');
    const kinds = doc.warnings.map((w) => `${w.kind}@${w.line}`);
    expect(kinds).toEqual(['order@3', 'levelJump@5', 'short@6']);
  });

  it('keeps every line of a long mixed document in the preamble or a clause', () => {
    const parts = [
      '前言说明。',
      ...Array.from({ length: 12 }, (_, i) => `${['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'][i]}、第${i + 1}节\n（一）小节\n1. 条目甲\n2. 条目乙\n说明文字${i}\n（二）小节\n1.1 条目丙\n① 细项`),
    ];
    const input = parts.join('\n');
    const doc = splitPolicyDocument(input);
    expect(doc.clauses.length).toBe(12 * 7);
    expect(new Set(refs(doc)).size).toBe(doc.clauses.length);
    expectNothingDropped(input, doc);
  });

  it('reads Chinese numerals', () => {
    expect([chineseNumeral('十二'), chineseNumeral('二十三'), chineseNumeral('一百零五'), chineseNumeral('十十')]).toEqual([12, 23, 105, null]);
  });
});
