import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { makeWorkbench } from '../../helpers/workbench';
import { rowOf, rowsOf } from '../../helpers/engine';
import { writeReport } from '../../../src/main/core/reports/reports.service';
import { commitImport, ImportRejected } from '../../../src/main/core/transfer/sheet-import';
import { IMPORT_SPECS } from '../../../src/main/core/transfer/import-specs';
import { median } from '../../../src/main/core/reports/timeliness';
import { chromiumHtmlToPdf, closeChromium } from '../../../src/main/chromium-pdf';
import { IDENTITY_METHODS } from '../../../src/shared/domain/requests';

const PDF_ARTIFACTS = resolve(__dirname, '../../artifacts/pdf');

const METHOD = IDENTITY_METHODS[0];

async function withRequests() {
  const wb = await makeWorkbench({ language: 'en', now: '2026-11-04T00:00:00.000Z' });
  await wb.call('app:setup', { template: 'sample', organisationName: 'Org', language: 'en' });
  const make = (receivedAt: string, kind: string, channel: string) =>
    wb.call('requests:create', { channel, receivedAt, requesterName: '王小明', requesterContact: '13800138000', kind } as never);
  const a = await make('2026-11-01T01:00:00.000Z', 'deletion', 'hotline'); // due 16 Nov
  const b = await make('2026-11-02T01:00:00.000Z', 'deletion', 'email'); // due 17 Nov
  const c = await make('2026-11-03T01:00:00.000Z', 'access_copy', 'hotline'); // due 18 Nov, never answered
  await make('2026-10-01T01:00:00.000Z', 'correction', 'letter'); // outside the period
  const act = async (id: number, input: Record<string, unknown>) => {
    const current = await wb.call('requests:get', { id });
    await wb.call('requests:act', { id, revision: current.revision, ...input } as never);
  };
  const answer = async (id: number) => {
    await act(id, { action: 'startVerification' });
    await act(id, { action: 'verify', method: METHOD, result: 'verified' });
    await act(id, { action: 'respond', summary: 'Deleted' });
  };
  wb.setNow('2026-11-05T02:00:00.000Z');
  await answer(a.id); // 4 days, on time
  wb.setNow('2026-11-20T02:00:00.000Z');
  await answer(b.id); // 18 days, late
  void c;
  return wb;
}

describe('the requests report', () => {
  it('holds the requests of the period with on time, late and median days, by kind and channel', async () => {
    const wb = await withRequests();
    const dir = mkdtempSync(join(tmpdir(), 'pw-req-'));
    const [xlsx] = await writeReport(wb.ctx, { report: 'requests', format: 'xlsx', from: '2026-11-01', to: '2026-11-30' }, join(dir, 'r.xlsx'));
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(xlsx!);
    const sheet = book.getWorksheet('Requests')!;
    expect(sheet.actualRowCount).toBe(4); // header + 3 of the period
    const overall = book.getWorksheet('Timeliness')!;
    expect((overall.getRow(2).values as unknown[]).slice(1)).toEqual(['All requests', 3, 2, 1, 2, 1, 0, 11]);
    const byKind = book.getWorksheet('By kind of request')!;
    const rows: unknown[][] = [];
    byKind.eachRow((row, n) => n > 1 && rows.push((row.values as unknown[]).slice(1)));
    expect(rows).toEqual([
      ['Access and copy', 1, 0, 0, 1, 1, 0, '—'],
      ['Deletion', 2, 2, 1, 1, 0, 0, 11],
    ]);
    const received = sheet.getRow(2).getCell(3).value as Date;
    expect(received.toISOString()).toBe('2026-11-01T09:00:00.000Z'); // 09:00 in Shanghai, as Excel shows it
    const json = JSON.parse(readFileSync((await writeReport(wb.ctx, { report: 'requests', format: 'json', from: '2026-11-01' }, join(dir, 'r.json')))[0]!, 'utf8'));
    expect(json).toMatchObject({ format: 'privacy-workbench/report', version: 1, report: 'requests', filters: { from: '2026-11-01' } });
    expect(json.sheets[0].rows.map((r: { onTime: boolean | null }) => r.onTime)).toEqual([true, false, false]);
  });

  it('computes the median of an even count as the mean of the middle two', () => {
    expect(median([4, 18])).toBe(11);
    expect(median([])).toBeNull();
  });
});

describe('requests import', () => {
  it('round-trips the intake of requests through CSV and XLSX, each logged anew by the requests desk', async () => {
    const wb = await withRequests();
    const dir = mkdtempSync(join(tmpdir(), 'pw-reqimp-'));
    for (const format of ['csv', 'xlsx'] as const) {
      // Moving requests to another register needs the requesters' details in full (masked otherwise).
      const files = await writeReport(wb.ctx, { report: 'requests', format, includeRequesterDetails: true }, join(dir, `all.${format}`));
      const target = await makeWorkbench({ language: 'en', now: '2026-11-20T02:00:00.000Z' });
      await target.call('app:setup', { template: 'empty', organisationName: 'Org', language: 'en' });
      const preview = await target.call('transfer:preview', { fileName: files[0]!, base64: readFileSync(files[0]!).toString('base64') });
      expect(preview.issues).toEqual([]);
      const result = await target.call('transfer:import', { fileName: files[0]!, base64: readFileSync(files[0]!).toString('base64') });
      expect(result.inserted).toEqual({ requests: 4 });
      const page = await target.call('requests:list', { pageSize: 10, sortBy: 'receivedAt' } as never);
      const source = await wb.call('requests:list', { pageSize: 10, sortBy: 'receivedAt' } as never);
      const intake = (p: typeof page) => p.items.map((r) => [r.receivedAt, r.kind, r.channel, r.requesterName]);
      expect(intake(page)).toEqual(intake(source));
      expect(await target.call('audit:verify', {})).toMatchObject({ ok: true });
    }
  });

  it('refuses a file with a date in the wrong format, naming the row and column', async () => {
    const wb = await makeWorkbench({ language: 'en', now: '2026-11-20T02:00:00.000Z' });
    await wb.call('app:setup', { template: 'empty', organisationName: 'Org', language: 'en' });
    const csv = ['Channel,Received at,Requester\'s name,Phone or email,Kind of request', 'Hotline,17/11/2026 10:00,王小明,13800138000,Deletion', 'Hotline,2026-11-17 10:00,王小明,13800138000,Deletion'].join('\n');
    const preview = await wb.call('transfer:preview', { fileName: 'r.csv', base64: Buffer.from(csv).toString('base64') });
    expect(preview.issues).toEqual([
      { sheet: 'Requests', row: 2, column: 'Received at', message: '“17/11/2026 10:00” is not a date and time (YYYY-MM-DD HH:mm, or ISO-8601)' },
    ]);
  });
});

describe('a large import, written as it is read', () => {
  const HEADER = "Channel,Received at,Requester's name,Phone or email,Kind of request";
  const good = (i: number) => `Email,2026-11-${String((i % 15) + 1).padStart(2, '0')} 09:${String(i % 60).padStart(2, '0')},用户${i},138${String(i).padStart(8, '0')},Deletion`;
  // Several chunks of valid rows (a chunk is 500) are written before the problem is reached.
  const ROWS = 4500;

  async function emptyRegister() {
    const wb = await makeWorkbench({ language: 'en', now: '2026-11-20T02:00:00.000Z' });
    await wb.call('app:setup', { template: 'empty', organisationName: 'Org', language: 'en' });
    return wb;
  }
  const counts = (wb: Awaited<ReturnType<typeof emptyRegister>>) =>
    rowOf(wb.ctx.db, 'select (select count(*) from requests) as requests, (select count(*) from audit_log) as audit, (select count(*) from request_counters) as counters');

  const BAD_DATE = 'Email,2026-11-31 09:00,王小明,13800138000,Deletion';
  const UNCLOSED_QUOTE = 'Email,2026-11-17 09:00,"王小明,13800138000,Deletion';

  it.each([
    ['a problem turns up near the end', BAD_DATE, { sheet: 'Requests', row: ROWS + 2, column: 'Received at', message: expect.stringContaining('2026-11-31 09:00') }],
    ['the file turns out to be truncated', UNCLOSED_QUOTE, { sheet: '(whole file)', row: ROWS + 2, column: null, message: expect.stringContaining(`line ${ROWS + 2}`) }],
  ])('rolls back every row already written when %s, naming its line', async (_case, lastLine, problem) => {
    const wb = await emptyRegister();
    const before = await counts(wb);
    const lines = [HEADER, ...Array.from({ length: ROWS }, (_, i) => good(i)), lastLine];
    const bytes = Buffer.from(lines.join('\r\n'));
    await expect(wb.call('transfer:import', { fileName: 'big.csv', base64: bytes.toString('base64') })).rejects.toThrow(/VALIDATION The import was refused: 1 problem/);
    expect(await counts(wb)).toEqual(before);
    const refused = await commitImport(wb.ctx, 'big.csv', bytes, IMPORT_SPECS).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ImportRejected);
    expect((refused as ImportRejected).preview.issues).toEqual([problem]);
    expect(await counts(wb)).toEqual(before);
  });

  it('previews a large file with its one problem, its row count and the first rows', async () => {
    const wb = await emptyRegister();
    const lines = [HEADER, ...Array.from({ length: ROWS }, (_, i) => good(i)), BAD_DATE];
    const preview = await wb.call('transfer:preview', { fileName: 'big.csv', base64: Buffer.from(lines.join('\r\n')).toString('base64') });
    expect(preview.sheets).toEqual([{ sheet: 'requests', label: 'Requests', rows: ROWS + 1, valid: ROWS }]);
    expect(preview.issues).toEqual([{ sheet: 'Requests', row: ROWS + 2, column: 'Received at', message: expect.stringContaining('2026-11-31 09:00') }]);
    expect(preview.sample.map((r) => r.row)).toEqual([2, 3, 4, 5, 6]);
  });

  it('imports every row of a good file, in order, with one reference each', async () => {
    const wb = await emptyRegister();
    const entriesBefore = (await counts(wb))!.audit as number;
    const lines = [HEADER, ...Array.from({ length: ROWS }, (_, i) => good(i))];
    const result = await wb.call('transfer:import', { fileName: 'big.csv', base64: Buffer.from(`\ufeff${lines.join('\r\n')}\r\n`).toString('base64') });
    expect(result.inserted).toEqual({ requests: ROWS });
    const rows = await rowsOf<{ reference: string; name: string }>(wb.ctx.db, 'select reference, requester_name as name from requests order by id');
    expect(rows).toHaveLength(ROWS);
    expect(rows[0]).toEqual({ reference: 'REQ-2026-0001', name: '用户0' });
    expect(rows[ROWS - 1]).toEqual({ reference: `REQ-2026-${ROWS}`, name: `用户${ROWS - 1}` });
    expect(await wb.call('audit:verify', {})).toMatchObject({ ok: true, checked: entriesBefore + ROWS });
  });
});

describe('the gaps report', () => {
  it('lists every open gap with the record it concerns, and a count per check', async () => {
    const wb = await makeWorkbench({ language: 'en' });
    await wb.call('app:setup', { template: 'sample', organisationName: 'Org', language: 'en' });
    const dir = mkdtempSync(join(tmpdir(), 'pw-gaps-'));
    const files = await writeReport(wb.ctx, { report: 'gaps', format: 'csv' }, join(dir, 'gaps.csv'));
    expect(files.map((f) => f.replace(dir, ''))).toEqual(['/gaps-gaps.csv', '/gaps-cover.csv', '/gaps-summary.csv', '/gaps-exceptions.csv']);
    const text = readFileSync(files[0]!, 'utf8');
    expect(text.split('\r\n')[0]).toBe('\ufeffRegister,Check,Record,Kind of record,Detail,Severity,Legal basis,Status,Owner,Due date,Reason for the decision,Review date,Suggested fix');
    expect(text).toContain('MINOR-USER');
    expect(text).not.toMatch(/gaps:check\./); // titles translated
    expect(text).toContain('Role: Advertising / data provider'); // a partner's role, by its label and field name
    expect(text).not.toMatch(/advertising_provider|minor_under_14|partners:role/); // never the code or the key
  });
});

describe('the requests and gaps reports as PDF', () => {
  afterAll(async () => {
    await closeChromium();
  });
  const pdfText = (pdf: string) => execFileSync('pdftotext', ['-layout', pdf, '-']).toString();
  const firstPage = (pdf: string, name: string) => {
    mkdirSync(PDF_ARTIFACTS, { recursive: true });
    execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', pdf, join(PDF_ARTIFACTS, name)]);
  };

  it('prints the requests of the period with their timeliness figures and the filters used', { timeout: 120_000 }, async () => {
    const wb = await withRequests();
    wb.ctx.platform.htmlToPdf = chromiumHtmlToPdf;
    const dir = mkdtempSync(join(tmpdir(), 'pw-req-pdf-'));
    const [pdf] = await writeReport(wb.ctx, { report: 'requests', format: 'pdf', from: '2026-11-01', to: '2026-11-30' }, join(dir, 'requests.pdf'));
    const text = pdfText(pdf!);
    expect(text).toContain('1 Nov 2026 to 30 Nov 2026');
    expect(text).toMatch(/All requests\s+3\s+2\s+1\s+2\s+1\s+0\s+11/);
    expect(text).toContain('REQ-2026-0001');
    expect(text).not.toContain('REQ-2026-0004'); // received in October, outside the period
    firstPage(pdf!, 'requests-en');

    await wb.call('settings:update', { language: 'zh-CN' });
    const [zh] = await writeReport(wb.ctx, { report: 'requests', format: 'pdf', from: '2026-11-01', to: '2026-11-30' }, join(dir, 'requests-zh.pdf'));
    const zhText = pdfText(zh!);
    expect(zhText).toMatch(/全部请求\s+3\s+2\s+1\s+2\s+1\s+0\s+11/);
    expect(zhText).toContain('热线');
    firstPage(zh!, 'requests-zh-CN');
  });

  it('prints every open gap with its record, in both languages', { timeout: 120_000 }, async () => {
    for (const language of ['zh-CN', 'en'] as const) {
      const wb = await makeWorkbench({ language });
      await wb.call('app:setup', { template: 'sample', organisationName: '上海码昶信息技术咨询中心（码尚云）', language });
      wb.ctx.platform.htmlToPdf = chromiumHtmlToPdf;
      const dir = mkdtempSync(join(tmpdir(), 'pw-gaps-pdf-'));
      const [pdf] = await writeReport(wb.ctx, { report: 'gaps', format: 'pdf' }, join(dir, 'gaps.pdf'));
      const text = pdfText(pdf!);
      expect(text).toContain('上海码昶信息技术咨询中心（码尚云）');
      expect(text).toContain('MINOR-USER');
      expect(text).toContain(language === 'en' ? 'Minors' : '未取得监护人同意的未成年人类别');
      expect(text).not.toMatch(/advertising_provider|financial_account|whereabouts|:role\./); // codes appear as their labels
      firstPage(pdf!, `gaps-${language}`);
      await wb.close();
    }
  });
});

describe('partners and agreements import', () => {
  it('round-trips partners and agreements through XLSX, resolving partners by name, and refuses an unknown partner', async () => {
    const source = await makeWorkbench({ language: 'zh-CN' });
    await source.call('app:setup', { template: 'sample', organisationName: 'Org', language: 'zh-CN' });
    const partners = await source.call('partners:list' as never, { pageSize: 1 } as never) as { items: { id: number }[] };
    await source.call('agreements:create' as never, {
      partnerId: partners.items[0]!.id, kind: 'confidentiality', referenceNo: 'NDA-1', signedOn: '2026-01-01', effectiveFrom: null,
      expiresOn: '2027-01-01', autoRenews: false, terminated: false, checklist: ['purpose', 'duration'], policyClause: '4.1.5', notes: '',
    } as never);
    const dir = mkdtempSync(join(tmpdir(), 'pw-pa-'));
    const [first] = await writeReport(source.ctx, { report: 'register', format: 'xlsx' }, join(dir, 'first.xlsx'));
    const target = await makeWorkbench({ language: 'zh-CN' });
    await target.call('app:setup', { template: 'empty', organisationName: 'Org', language: 'zh-CN' });
    const preview = await target.call('transfer:preview', { fileName: 'first.xlsx', base64: readFileSync(first!).toString('base64') });
    expect(preview.issues).toEqual([]);
    const result = await target.call('transfer:import', { fileName: 'first.xlsx', base64: readFileSync(first!).toString('base64') });
    expect(result.inserted.agreements).toBe(1);
    const [second] = await writeReport(target.ctx, { report: 'register', format: 'xlsx' }, join(dir, 'second.xlsx'));
    const cells = async (path: string, name: string) => {
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(path);
      const out: unknown[][] = [];
      book.getWorksheet(name)!.eachRow((row) => out.push((row.values as unknown[]).slice(1)));
      return out;
    };
    for (const sheet of ['收集类别', '共享合作方', '协议']) expect(await cells(second!, sheet)).toEqual(await cells(first!, sheet));

    const csv = '\ufeff协议编号,合作方,类型\nNDA-9,不存在的公司,保密协议\n';
    const fresh = await makeWorkbench({ language: 'zh-CN' });
    const bad = await fresh.call('transfer:preview', { fileName: 'a.csv', base64: Buffer.from(csv).toString('base64') });
    expect(bad.issues.map((i) => [i.row, i.column, i.message])).toContainEqual([2, '合作方', '登记册中没有“不存在的公司”']);
  });
});
