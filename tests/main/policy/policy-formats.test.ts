import JSZip from 'jszip';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { htmlToText, policyFormatOf } from '../../../src/shared/policy-formats';
import { makeWorkbench, tableCounts, type TestWorkbench } from '../../helpers/workbench';
import { partnerFixture } from '../../helpers/fixtures';

async function docx(paragraphs: string[]): Promise<string> {
  const zip = new JSZip();
  zip.file('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>');
  zip.file('_rels/.rels', '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>');
  const body = paragraphs.map((p) => `<w:p><w:r><w:t xml:space="preserve">${p}</w:t></w:r></w:p>`).join('');
  zip.file('word/document.xml', `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`);
  return (await zip.generateAsync({ type: 'nodebuffer' })).toString('base64');
}

describe('policy formats', () => {
  it('knows a policy file by its extension', () => {
    expect(['a.TXT', 'b.md', 'c.htm', 'd.docx', 'e.pdf', 'noext'].map(policyFormatOf)).toEqual(['text', 'markdown', 'html', 'docx', null, null]);
  });

  it('reduces HTML to text with headings and paragraphs on their own lines and no script or style', () => {
    const text = htmlToText(
      '<html><head><title>t</title><style>p{color:red}</style></head><body><script>alert("x")</script><h1>隐私政策</h1><p>本政策&nbsp;说明&amp;规则。</p><h2>1. 收集</h2><p>我们收集<b>手机号</b>。<br>以及昵称。</p><!-- 注释 --><ul><li>（一）注册</li></ul></body></html>',
    );
    expect(text).toBe('# 隐私政策\n\n本政策 说明&规则。\n\n## 1. 收集\n\n我们收集手机号。\n以及昵称。\n\n（一）注册');
  });
});

describe('policy:preview', () => {
  let wb: TestWorkbench;
  beforeEach(async () => {
    wb = await makeWorkbench();
  });
  afterEach(async () => {
    await wb.close();
  });

  it('splits a .docx read through mammoth and writes nothing', async () => {
    const before = await tableCounts(wb);
    const content = await docx(['示例隐私政策', '一、收集', '（一）注册时我们收集手机号码。', '二、共享', '1.1 我们不会出售您的信息。']);
    const preview = await wb.call('policy:preview', { fileName: '政策.docx', encoding: 'base64', content });
    expect(preview.preamble).toBe('示例隐私政策');
    expect(preview.clauses.map((c) => [c.number, c.label])).toEqual([
      ['1', '一、'],
      ['1.1', '一、（一）'],
      ['2', '二、'],
      ['2.1.1', '二、1.1'],
    ]);
    expect(preview.clauses[3]!.length).toBe('1.1 我们不会出售您的信息。'.length);
    expect(await tableCounts(wb)).toEqual(before);
  });

  it('splits an HTML page by its headings', async () => {
    const preview = await wb.call('policy:preview', { fileName: 'policy.html', content: '<h1>Privacy</h1><p>Intro</p><h2>Data we collect</h2><p>Your name.</p><h2>Sharing</h2><p>Never sold.</p>' });
    expect(preview.clauses.map((c) => `${c.number} ${c.heading}`)).toEqual(['1 Data we collect', '2 Sharing']);
    expect(preview.preamble).toBe('# Privacy\n\nIntro');
  });

  it('refuses a file of another format, or an empty one, naming the file', async () => {
    const pdf = await wb.invoke('policy:preview', { fileName: 'policy.pdf', content: '%PDF' });
    expect(pdf.ok).toBe(false);
    if (!pdf.ok) expect(pdf.error.message).toContain('policy.pdf');
    const empty = await wb.invoke('policy:preview', { fileName: 'empty.md', content: '  \n ' });
    expect(empty.ok).toBe(false);
    if (!empty.ok) expect(empty.error.message).toContain('empty.md');
    const broken = await wb.invoke('policy:preview', { fileName: 'broken.docx', encoding: 'base64', content: 'bm90IGEgemlw' });
    expect(broken.ok).toBe(false);
    if (!broken.ok) expect(broken.error.message).toContain('broken.docx');
  });
});

describe('references of a repeated number', () => {
  let wb: TestWorkbench;
  beforeEach(async () => {
    wb = await makeWorkbench();
  });
  afterEach(async () => {
    await wb.close();
  });

  it('are cited on their own: 2#2 is not a sub-clause of 2, and 2.1 still is', async () => {
    await wb.call('policy:import', { title: '政策', versionLabel: 'v1', text: '1. 收集\n我们收集信息。\n2. 使用\n2.1 我们使用信息。\n2. 共享\n我们不共享信息。' });
    await wb.call('partners:create', partnerFixture({ policyClause: '2#2' }));
    await wb.call('partners:create', partnerFixture({ name: '第二家合作方', policyClause: '2.1' }));
    expect((await wb.call('policy:clause', { number: '2' }))?.linkedCount).toBe(1);
    expect((await wb.call('policy:clause', { number: '2#2' }))?.linkedCount).toBe(1);
    expect((await wb.call('policy:clause', { number: '2#2' }))?.text).toContain('我们不共享信息。');
    const bad = await wb.invoke('partners:create', partnerFixture({ name: '第三家', policyClause: '2\u0007' }));
    expect(bad.ok).toBe(false);
  });
});
