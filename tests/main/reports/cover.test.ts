import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { makeWorkbench, type TestWorkbench } from '../../helpers/workbench';
import { rowOf, startIdsAt } from '../../helpers/engine';
import { buildReport, writeReport } from '../../../src/main/core/reports/reports.service';
import { renderReportHtml } from '../../../src/main/core/reports/render-html';
import { auditChainHead } from '../../../src/main/core/audit/audit-verify';
import type { ReportKind } from '../../../src/shared/domain/transfer';

const ORG = '上海码昶信息技术咨询中心（码尚云）';
const OFFICER = '李清';
/** 2026-11-17 14:30 in Shanghai. */
const NOW = '2026-11-17T06:30:00.000Z';

/** Text of an HTML document as a reader sees it: tags dropped, entities decoded, spaces squeezed. */
const textOf = (html: string) =>
  html
    .replace(/<style>[\s\S]*?<\/style>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

async function register(language: 'zh-CN' | 'en', officerName = OFFICER) {
  const wb = await makeWorkbench({ language, now: NOW });
  await wb.call('app:setup', { template: 'sample', organisationName: ORG, officerName, language });
  // A later policy version that is not yet in force on the day of the report, and one that is.
  await wb.call('policy:import', { title: '码尚云隐私权政策', versionLabel: '2026-11', effectiveOn: '2026-11-10', text: '1.1 条款\n' } as never);
  await wb.call('policy:import', { title: '码尚云隐私权政策', versionLabel: '2027-01', effectiveOn: '2027-01-01', text: '1.1 条款\n' } as never);
  await wb.call('requests:create', { channel: 'hotline', receivedAt: '2026-11-16T01:00:00.000Z', requesterName: '王小明', requesterContact: '13800138000', kind: 'deletion' } as never);
  return wb;
}

async function xlsxBook(wb: TestWorkbench, report: ReportKind) {
  const dir = mkdtempSync(join(tmpdir(), 'pw-cover-'));
  const [path] = await writeReport(wb.ctx, { report, format: 'xlsx', ...(report === 'requests' ? { from: '2026-11-01', to: '2026-11-30' } : {}) }, join(dir, `${report}.xlsx`));
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(path!);
  return book;
}

/** The cover sheet's label → cell. */
function coverCells(book: ExcelJS.Workbook, sheetName: string) {
  const sheet = book.worksheets[0]!;
  expect(sheet.name).toBe(sheetName);
  const cells = new Map<string, ExcelJS.Cell>();
  sheet.eachRow((row) => {
    const label = row.getCell(1).value;
    if (typeof label === 'string' && !cells.has(label)) cells.set(label, row.getCell(2));
  });
  return { sheet, cells };
}

describe('the cover of every report', () => {
  it('names the organisation, the officer given at setup, the period, the policy version in force and the audit head, in HTML', async () => {
    const wb = await register('zh-CN');
    const head = await auditChainHead(wb.ctx.db);
    const doc = await buildReport(wb.ctx, { report: 'requests', format: 'pdf', from: '2026-11-01', to: '2026-11-30' });
    const text = textOf((await renderReportHtml(doc)).html);
    expect(text).toContain(`组织 ${ORG}`);
    expect(text).toContain(`个人信息保护负责人 ${OFFICER}`);
    expect(text).toContain('报告期间 2026年11月1日至2026年11月30日（按收到日期）');
    // The version in force on 17 November, not the newer one that takes effect in January.
    expect(text).toContain('据以核对的隐私政策版本 码尚云隐私权政策，版本 2026-11，自2026年11月10日起施行');
    expect(text).not.toContain('2027-01');
    expect(text).toContain(`审计日志链头 共 ${head.count} 条记录；末条记录哈希 ${head.headHash}`);
    expect(text).toContain('生成时间 2026年11月17日 14:30（UTC+8）');
    // The sign-off block: the officer reviews; the lines to sign are empty.
    expect(text).toMatch(/签署 职责 姓名 签名 日期 编制人 审核人 李清/);
    // Several parts: a table of contents, each with its row count.
    expect(text).toContain('目录 时效（共 1 条） 按请求类型（共 1 条） 按渠道（共 1 条） 请求（共 1 条）');
  });

  it('says "not named" for a register without an officer, and the register as at its day for a report without a period', async () => {
    const wb = await register('en', '');
    const text = textOf((await renderReportHtml(await buildReport(wb.ctx, { report: 'register', format: 'pdf' }))).html);
    expect(text).toContain('Personal information protection officer Not named (give the name in Settings)');
    expect(text).toContain('Period The whole register as at 17 Nov 2026');
    expect(text).toContain('Generated 17 Nov 2026, 14:30 (UTC+8)');
    expect(text).toContain('Contents Collection categories (');
  });

  it('opens the XLSX with a cover sheet whose generation time is a real date, shown with the zone’s offset', async () => {
    const wb = await register('zh-CN');
    const head = await auditChainHead(wb.ctx.db);
    const book = await xlsxBook(wb, 'requests');
    const { sheet, cells } = coverCells(book, '封面');
    expect(sheet.getRow(1).getCell(1).value).toBe('个人信息权利请求记录及时效');
    expect(cells.get('组织')!.value).toBe(ORG);
    expect(cells.get('个人信息保护负责人')!.value).toBe(OFFICER);
    expect(cells.get('报告期间')!.value).toBe('2026年11月1日至2026年11月30日（按收到日期）');
    expect(cells.get('据以核对的隐私政策版本')!.value).toBe('码尚云隐私权政策，版本 2026-11，自2026年11月10日起施行');
    expect(cells.get('审计日志链头')!.value).toBe(`共 ${head.count} 条记录；末条记录哈希 ${head.headHash}`);
    const generated = cells.get('生成时间')!;
    // Excel has no zones: the cell holds Shanghai's wall time, and its format names the offset.
    expect(generated.value).toBeInstanceOf(Date);
    expect((generated.value as Date).toISOString()).toBe('2026-11-17T14:30:00.000Z');
    expect(generated.numFmt).toBe('yyyy"年"m"月"d"日" hh:mm"（UTC+8）"');
    expect(cells.get('审核人')!.value).toBe(OFFICER);
    expect(cells.get('编制人')!.value).toBeNull();
    // The contents name the workbook's other sheets, and every one of them is there.
    const contents: string[] = [];
    let inContents = false;
    sheet.eachRow((row) => {
      if (row.getCell(1).value === '目录') inContents = true;
      else if (inContents) contents.push(String(row.getCell(2).value));
    });
    expect(contents).toEqual(book.worksheets.slice(1).map((s) => s.name));
    // Dates in the sheets are dates too, with a date format.
    const requests = book.getWorksheet('请求')!;
    const header = (requests.getRow(1).values as unknown[]).slice(1);
    const received = requests.getRow(2).getCell(header.indexOf('收到时间') + 1);
    expect(received.value).toBeInstanceOf(Date);
    expect(received.numFmt).toBe('yyyy"年"m"月"d"日" hh:mm');
    const due = requests.getRow(2).getCell(header.indexOf('到期日') + 1);
    expect(due.value).toBeInstanceOf(Date);
    expect(due.numFmt).toBe('yyyy"年"m"月"d"日"');
  });

  it('gives the cover as fields in JSON, and as a file of its own beside the CSV sheets', async () => {
    const wb = await register('en');
    const head = await auditChainHead(wb.ctx.db);
    const dir = mkdtempSync(join(tmpdir(), 'pw-cover-json-'));
    const [json] = await writeReport(wb.ctx, { report: 'gaps', format: 'json' }, join(dir, 'gaps.json'));
    const file = JSON.parse(readFileSync(json!, 'utf8'));
    expect(file).toMatchObject({
      organisation: ORG,
      officer: OFFICER,
      period: null,
      asOf: '2026-11-17',
      policyVersion: { title: '码尚云隐私权政策', versionLabel: '2026-11', effectiveOn: '2026-11-10' },
      generatedAt: NOW,
      generatedAtLocal: '17 Nov 2026, 14:30 (UTC+8)',
      auditLog: { entries: head.count, headHash: head.headHash },
    });
    const files = await writeReport(wb.ctx, { report: 'requests', format: 'csv', from: '2026-11-01' }, join(dir, 'requests.csv'));
    const cover = files.find((f) => f.endsWith('requests-cover.csv'))!;
    const lines = readFileSync(cover, 'utf8').split('\r\n');
    expect(lines).toContain(`Personal information protection officer,${OFFICER}`);
    expect(lines).toContain('Period,From 1 Nov 2026 (by date received)');
    // The sheets themselves start with their header row, so that they import back.
    const sheet = readFileSync(files.find((f) => f.endsWith('requests-requests.csv'))!, 'utf8');
    expect(sheet.startsWith('\ufeffReference,')).toBe(true);
    // Times as the PDF and XLSX show them: the organisation's clock (received 01:00 UTC = 09:00 in Shanghai).
    expect(sheet).toContain(',2026-11-16 09:00,');
    expect(sheet).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:/);
  });
});

describe('record names, never database ids', () => {
  it('prints no database id in any report, in any format', { timeout: 60_000 }, async () => {
    const wb = await makeWorkbench({ language: 'en', now: NOW });
    // Every table's ids start far from any number the sample holds, so that an id in a report shows.
    const tables = (await wb.ctx.db.introspection.getTables()).map((t) => t.name).filter((name) => !name.startsWith('sqlite_'));
    await startIdsAt(wb.ctx.db, tables, (_, i) => 9_730_000 + i * 1000);
    await wb.call('app:setup', { template: 'sample', organisationName: ORG, officerName: OFFICER, language: 'en' });
    await wb.call('requests:create', { channel: 'hotline', receivedAt: '2026-11-16T01:00:00.000Z', requesterName: '王小明', requesterContact: '13800138000', kind: 'deletion' } as never);
    const someId = (await rowOf<{ id: number }>(wb.ctx.db, 'select id from partners limit 1'))!.id;
    expect(String(someId)).toMatch(/^97\d{5}$/); // the ids really are of that kind
    const ids = /\b97\d{5}\b/;
    const dir = mkdtempSync(join(tmpdir(), 'pw-ids-'));
    for (const report of ['register', 'requests', 'gaps'] as const) {
      const html = (await renderReportHtml(await buildReport(wb.ctx, { report, format: 'pdf' }))).html;
      expect(textOf(html), `${report} PDF`).not.toMatch(ids);
      for (const format of ['csv', 'xlsx', 'json'] as const) {
        // The register's JSON is the complete, re-importable copy of the database: its rows keep their ids.
        if (report === 'register' && format === 'json') continue;
        const files = await writeReport(wb.ctx, { report, format }, join(dir, `${report}.${format}`));
        for (const path of files) {
          if (format === 'xlsx') {
            const book = new ExcelJS.Workbook();
            await book.xlsx.readFile(path);
            for (const sheet of book.worksheets) {
              sheet.eachRow((row, n) =>
                row.eachCell((cell) => {
                  expect(String(cell.value ?? ''), `${report} XLSX ${sheet.name} row ${n}`).not.toMatch(ids);
                }),
              );
            }
          } else {
            expect(readFileSync(path, 'utf8'), `${report} ${path}`).not.toMatch(ids);
          }
        }
      }
    }
  });
});
