import { afterEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeWorkbench, type TestWorkbench } from '../../helpers/workbench';
import { categoryFixture, flowFixture, partnerFixture } from '../../helpers/fixtures';

let wb: TestWorkbench;
afterEach(async () => {
  await wb.close();
});

/** Two recipients without agreements: one accepted with a reason, one in hand; and a state organ by law, which is no gap. */
async function register(language: 'zh-CN' | 'en') {
  wb = await makeWorkbench({ language });
  const c = await wb.call('categories:create', categoryFixture());
  const partner = async (name: string, role: 'other_handler' | 'state_organ', sharingBasis: 'consent' | 'legal_requirement' = 'consent') => {
    const p = await wb.call('partners:create', partnerFixture({ name, role, sharingBasis }));
    await wb.call('flows:create', flowFixture(p.id, c.id));
    return p;
  };
  const a = await partner('甲公司', 'other_handler');
  const b = await partner('乙公司', 'other_handler');
  await partner('行政、司法机关', 'state_organ', 'legal_requirement');
  await wb.call('gaps:decide', { checkId: 'partner-without-agreement', recordId: a.id, revision: null, decision: 'accepted', reason: '合作即将终止', reviewOn: '2027-01-31' });
  await wb.call('gaps:decide', { checkId: 'partner-without-agreement', recordId: b.id, revision: null, decision: 'in_hand', owner: '法务部 王敏', dueOn: '2026-12-15' });
}

async function exported(format: 'json' | 'csv' | 'xlsx') {
  const out = await wb.call('reports:export', { report: 'gaps', format });
  return out.files.map((f) => ({ name: f.name, bytes: Buffer.from(f.base64, 'base64') }));
}

const text = (bytes: Buffer) => bytes.toString('utf8').replace(/^\uFEFF/, '');

describe('the gaps report', () => {
  it('gives each gap its record name, severity, legal basis, owner, due date, decision and fix in columns of their own (JSON, Chinese)', async () => {
    await register('zh-CN');
    const [file] = await exported('json');
    const json = JSON.parse(text(file!.bytes)) as { sheets: { key: string; columns: { key: string; header: string }[]; rows: Record<string, unknown>[] }[]; summaries: { key: string; headers: string[]; rows: unknown[][] }[] };
    const sheet = json.sheets.find((s) => s.key === 'gaps')!;
    expect(sheet.columns.map((c) => c.header)).toEqual([
      '登记册', '检查项', '记录', '记录类型', '说明', '严重程度', '法律依据', '状态', '负责人', '完成期限', '决定理由', '复核日期', '建议措施',
    ]);
    const rows = sheet.rows.filter((r) => r.check === 'gaps:check.partner-without-agreement');
    expect(rows).toEqual([
      expect.objectContaining({ record: '乙公司', entity: 'partner', detail: '1 条共享流', severity: 'high', basis: '隐私政策第4.1.5条；《个人信息保护法》第二十一条', status: 'in_hand', owner: '法务部 王敏', dueOn: '2026-12-15', reason: '', reviewOn: null }),
      expect.objectContaining({ record: '甲公司', status: 'accepted', owner: '', dueOn: null, reason: '合作即将终止', reviewOn: '2027-01-31' }),
    ]);
    // No database ids anywhere, and the state organ is no gap of this check.
    expect(sheet.columns.map((c) => c.key)).not.toContain('recordId');
    expect(rows.map((r) => r.record)).not.toContain('行政、司法机关');
    const summary = json.summaries.find((s) => s.key === 'summary')!;
    expect(summary.headers).toEqual(['检查项', '严重程度', '法律依据', '待处理', '处理中', '已接受/不适用']);
    const line = summary.rows.find((r) => r[0] === '接收信息但无有效协议的合作方')!;
    expect(line.slice(1)).toEqual(['高', '隐私政策第4.1.5条；《个人信息保护法》第二十一条', 0, 1, 1]);
    const exceptions = json.summaries.find((s) => s.key === 'exceptions')!;
    expect(exceptions.headers).toEqual(['检查项', '不适用的情形']);
    const cases = String(exceptions.rows.find((r) => r[0] === '接收信息但无有效协议的合作方')![1]);
    expect(cases).toContain('依法向国家机关提供');
    expect(cases).toContain('（《个人信息保护法》第十三条第一款第三项；《个人信息保护法》第十三条第一款第七项；《个人信息保护法》第三十四条）');
  });

  it('writes the same columns translated in CSV and XLSX (English)', async () => {
    await register('en');
    const csv = (await exported('csv')).find((f) => f.name.endsWith('-gaps.csv'))!;
    const [header, ...lines] = text(csv.bytes).split(/\r?\n/).filter(Boolean);
    expect(header).toBe('Register,Check,Record,Kind of record,Detail,Severity,Legal basis,Status,Owner,Due date,Reason for the decision,Review date,Suggested fix');
    const accepted = lines.find((l) => l.includes('甲公司'))!;
    expect(accepted).toContain('Partner,1 sharing flow,High,Privacy policy cl. 4.1.5; PIPL Art. 21,Accepted,,,合作即将终止,2027-01-31,');

    const [xlsx] = await exported('xlsx');
    const dir = mkdtempSync(join(tmpdir(), 'pw-gaps-xlsx-'));
    writeFileSync(join(dir, 'gaps.xlsx'), xlsx!.bytes);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(join(dir, 'gaps.xlsx'));
    const sheet = book.worksheets.find((w) => w.name === 'Gaps')!;
    const headers = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(headers).toContain('Legal basis');
    expect(headers).toContain('Owner');
    const owners = sheet.getColumn(headers.indexOf('Owner') + 1).values.slice(2);
    expect(owners).toContain('法务部 王敏');
  });
});
