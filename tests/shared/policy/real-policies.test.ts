import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { splitPolicyDocument } from '../../../src/shared/policy-split';

// Published policies and terms (tests/fixtures/real/README.md names them), split as the import's
// preview shows them: every line kept, the hierarchy from the document, numbers as written beside
// each clause's stable reference.
const dir = join(__dirname, '../../fixtures/real/policies');
const read = (name: string) => readFileSync(join(dir, name), 'utf8');

interface Expected {
  clauses: number;
  top: string[];
  /** Some clauses by reference: [reference, label as written, start of the heading]. */
  cited: [string, string, string][];
}
const EXPECTED: Record<string, Expected> = {
  'mozilla-en_firefox_privacy_notice.md': {
    clauses: 35,
    top: ['At Mozilla, we believe that privacy is fundamental to a healthy internet', 'How is your data used?', 'How we share your personal data', 'International transfers of data', 'How long we keep your data', 'Your rights and choices', 'Applicability (Firefox version)', 'Changes', 'Data definitions', 'Lawful bases', 'Privacy notices for select search providers'],
    cited: [['6.1.2', '2.', 'Request a copy of'], ['6.1.4', '4.', 'Request correction']],
  },
  'mozilla-zh-CN_firefox_privacy_notice.md': {
    clauses: 38,
    top: ['Mozilla 坚信，隐私是保障互联网健康运转的基础。', '我们会如何使用您的数据？', '我们如何共享您的个人数据', '数据的国际传输', '我们保留您数据的期限', '您的权利和选择', '适用范围（Firefox 版本）', '变更', '数据定义', '法律依据', '部分搜索提供商的隐私声明'],
    cited: [['6.1.2', '2.', '要求获取我们持有的您的数据副本'], ['6.1.3', '3.', '要求数据可携权']],
  },
  'mozilla-zh-CN_firefox_cloud_services_tos.md': {
    clauses: 20,
    top: ['摘要', '服务条款'],
    // "1. #### 简介": a numbered item holding a Markdown heading; (a)–(f) under 3.
    cited: [['2.1', '1.', '简介'], ['2.3.1', '3.(a)', 'Mozilla VPN'], ['2.3.6', '3.(f)', 'Pocket'], ['2.12', '12.', '杂项']],
  },
  'mozilla-en_firefox_about_rights.md': {
    clauses: 8,
    top: ['Mozilla Firefox Web-Based Information Services'],
    // A Markdown list written "1." seven times reads 1 to 7.
    cited: [['1.1', '1.', 'Mozilla and its contributors'], ['1.7', '7.', 'These terms are governed']],
  },
};

/** Every non-empty line of the document, as a multiset. */
const linesOf = (text: string) => text.split('\n').map((l) => l.trim()).filter(Boolean);

describe('published policies, split', () => {
  const files = readdirSync(dir).filter((f) => f.endsWith('.md')).sort();

  it('has an expectation for every committed policy', () => {
    expect(files).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(files)('%s: every line is kept, the hierarchy is the document’s and each clause is labelled as written', (file) => {
    const text = read(file);
    const want = EXPECTED[file]!;
    const doc = splitPolicyDocument(text);
    // No line lost: each line of the document is in the preamble or in exactly one clause.
    const kept = new Map<string, number>();
    for (const l of linesOf([doc.preamble, ...doc.clauses.map((c) => c.text)].join('\n'))) kept.set(l, (kept.get(l) ?? 0) + 1);
    const lost = linesOf(text).filter((l) => {
      const n = kept.get(l) ?? 0;
      kept.set(l, n - 1);
      return n <= 0;
    });
    expect(lost).toEqual([]);
    expect(doc.clauses).toHaveLength(want.clauses);
    expect(doc.clauses.filter((c) => c.depth === 1).map((c) => c.heading)).toEqual(want.top);
    for (const [number, label, heading] of want.cited) {
      const clause = doc.clauses.find((c) => c.number === number);
      expect(clause, number).toBeDefined();
      expect(clause!.label).toBe(label);
      expect(clause!.heading.startsWith(heading)).toBe(true);
    }
    // References are unique, so that a record cites one clause.
    expect(new Set(doc.clauses.map((c) => c.number)).size).toBe(doc.clauses.length);
    expect(doc.warnings.filter((w) => w.kind === 'duplicate')).toEqual([]);
  });
});

describe('policies copied from a web page through a Markdown converter', () => {
  it('reads escaped numbers, bold headings and "###1\\." headings, and skips a contents list written in other numerals', () => {
    // The shape of a real Chinese app policy as such converters leave it (a contents list numbered
    // 1、–3、 before a body numbered 一、–三、 with shortened titles).
    const text = [
      '# 示例隐私政策',
      '**引言**',
      '本政策说明我们如何处理您的个人信息。',
      ' **1、我们如何收集您的个人信息**',
      ' **2、我们如何使用 Cookie**',
      ' **3、如何联系我们**',
      '**一、 我们及关联公司如何收集您的个人信息**',
      '我们收集您主动提供的信息。',
      '**1\\. 注册信息。**',
      '手机号码。',
      '**2\\. 设备信息。**',
      '设备型号。',
      '**二、我们如何使用 Cookie**',
      '我们使用 Cookie 记住您的偏好。',
      ' _三、如何联系我们_',
      '邮箱 privacy@example.cn。',
    ].join('\n');
    const doc = splitPolicyDocument(text);
    expect(doc.clauses.map((c) => [c.number, c.label])).toEqual([
      ['1', '一、'],
      ['1.1', '一、1.'],
      ['1.2', '一、2.'],
      ['2', '二、'],
      ['3', '三、'],
    ]);
    expect(doc.preamble).toContain('**3、如何联系我们**');
    expect(doc.warnings).toEqual([]);
    // "###1\." with no space after the hashes, as such converters write a numbered <h3>.
    const md = splitPolicyDocument(['# 隐私保护指引', '###1\\. 我们收集的信息', '注册信息。', '####1.1 信息存储的方式', '加密存储。', '###2\\. 信息的存储', '境内存储。'].join('\n'));
    expect(md.clauses.map((c) => [c.number, c.heading])).toEqual([['1', '我们收集的信息'], ['1.1', '信息存储的方式'], ['2', '信息的存储']]);
  });

  it('starts a new list inside a heading when its numbers start again at 1, and ranks 一、 above （一） above 1. above （1）', () => {
    const doc = splitPolicyDocument(['一、收集', '1. 注册时', '2. 使用时', '二、共享', '1. 关联方', '（1）同一集团', '2. 合作伙伴', '三、权利', '（一）查阅', '1. 在线', '（二）删除'].join('\n'));
    expect(doc.clauses.map((c) => `${c.number}=${c.label}`)).toEqual([
      '1=一、', '1.1=一、1.', '1.2=一、2.', '2=二、', '2.1=二、1.', '2.1.1=二、1.（1）', '2.2=二、2.', '3=三、', '3.1=三、（一）', '3.1.1=三、（一）1.', '3.2=三、（二）',
    ]);
    expect(doc.warnings.filter((w) => w.kind !== 'short')).toEqual([]);
  });

  it('keeps a contents list under a heading of its own as that clause’s text', () => {
    const doc = splitPolicyDocument(['第一部分 定义', '本政策中的用语。', '第二部分 隐私权政策', '1、我们如何收集和使用您的个人信息', '2、我们如何共享您的个人信息', '3、如何联系我们', '一、我们如何收集和使用您的信息', '注册时收集手机号码。', '二、我们如何共享您的信息', '不向第三方出售。', '三、如何联系我们', '邮箱。'].join('\n'));
    expect(doc.clauses.map((c) => `${c.number}=${c.label}`)).toEqual(['1=第一部分', '2=第二部分', '2.1=第二部分一、', '2.2=第二部分二、', '2.3=第二部分三、']);
    expect(doc.clauses[1]!.text).toContain('3、如何联系我们');
  });

  it('divides an unnumbered policy at its bold heading lines', () => {
    const doc = splitPolicyDocument(['隐私政策', '我们重视您的隐私。', '**您提供的信息  **', '注册时的手机号码。', '**我们如何使用您的信息**', '用于提供服务。'].join('\n'));
    expect(doc.clauses.map((c) => [c.number, c.heading])).toEqual([['1', '您提供的信息'], ['2', '我们如何使用您的信息']]);
    expect(doc.preamble).toBe('隐私政策\n我们重视您的隐私。');
  });
});
