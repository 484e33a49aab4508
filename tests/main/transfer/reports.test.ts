import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { makeWorkbench, tableCounts } from '../../helpers/workbench';
import { categoryFixture } from '../../helpers/fixtures';
import { writeReport } from '../../../src/main/core/reports/reports.service';
import { chromiumHtmlToPdf, closeChromium } from '../../../src/main/chromium-pdf';

const ORG = '上海码昶信息技术咨询中心（码尚云）';
const ARTIFACTS = resolve(__dirname, '../../artifacts/pdf');

async function sample(language: 'zh-CN' | 'en' = 'zh-CN') {
  const wb = await makeWorkbench({ language });
  await wb.call('app:setup', { template: 'sample', organisationName: ORG, language });
  wb.ctx.platform.htmlToPdf = chromiumHtmlToPdf;
  return wb;
}

const b64 = (path: string) => readFileSync(path).toString('base64');

afterAll(async () => {
  await closeChromium();
});

describe('the register report', () => {
  it('prints an A4 PDF with the organisation, a Chinese category name and page numbers', { timeout: 120_000 }, async () => {
    for (const language of ['zh-CN', 'en'] as const) {
      const wb = await sample(language);
      const dir = mkdtempSync(join(tmpdir(), 'pw-pdf-'));
      const [pdf] = await writeReport(wb.ctx, { report: 'register', format: 'pdf' }, join(dir, 'register.pdf'));
      const info = execFileSync('pdfinfo', [pdf!]).toString();
      const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
      expect(pages).toBeGreaterThanOrEqual(2);
      expect(info).toMatch(/Page size:\s+841\.\d+ x 59[45]\.\d+ pts \(A4\)/); // A4 landscape
      const text = execFileSync('pdftotext', ['-layout', pdf!, '-']).toString();
      expect(text).toContain(ORG);
      // The name of USE-DEVICE, extracted from the PDF: the sample is in the language it was set up in.
      // Read in reading order (a narrow column wraps the name over two lines in the layout).
      const flowing = execFileSync('pdftotext', [pdf!, '-']).toString().replace(/\s+/g, ' ');
      // pdftotext reads a row's cells in an order of its own, so the two words are looked for near the code.
      expect(flowing).toMatch(language === 'zh-CN' ? /设备信息/ : /USE-DEVICE (\S+ ){0,40}?Device (\S+ ){0,40}?information\b/);
      if (language === 'zh-CN') expect(text).toContain(`第 1 页，共 ${pages} 页`);
      else expect(text).toContain(`Page 1 of ${pages}`);
      mkdirSync(ARTIFACTS, { recursive: true });
      execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', pdf!, join(ARTIFACTS, `register-${language}`)]);
      await wb.close();
    }
  });

  it('writes an XLSX with typed cells, a frozen header and filters, which reads back cell by cell', async () => {
    const wb = await sample('zh-CN');
    await wb.call('categories:create', categoryFixture({ code: 'NUM-1', retentionDays: 180, sensitive: true, sensitiveKind: 'biometric', separateConsent: true }));
    const dir = mkdtempSync(join(tmpdir(), 'pw-xlsx-'));
    const [path] = await writeReport(wb.ctx, { report: 'register', format: 'xlsx' }, join(dir, 'register.xlsx'));
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path!);
    const sheet = book.getWorksheet('收集类别')!;
    expect(sheet).toBeDefined();
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.autoFilter).toBeTruthy();
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 4)).toEqual(['编号', '名称', '收集环节', '个人信息项']);
    const col = (name: string) => header.indexOf(name) + 1;
    let found = false;
    sheet.eachRow((row, n) => {
      if (n === 1 || row.getCell(1).value !== 'NUM-1') return;
      found = true;
      expect(row.getCell(col('保存天数')).value).toBe(180);
      expect(row.getCell(col('敏感个人信息（《个人信息保护法》第二十八条）')).value).toBe('是');
      expect(row.getCell(col('已取得监护人同意（不满十四周岁）')).value).toBe('否');
      expect(row.getCell(col('个人信息项')).value).toBe('姓名\n手机号码');
      expect(row.getCell(col('收集环节')).value).toBe('注册时');
    });
    expect(found).toBe(true);
    const count = (await wb.call('categories:list', { pageSize: 1 })).total;
    expect(sheet.actualRowCount).toBe(count + 1);
    expect(book.getWorksheet('封面')!.getRow(3).getCell(2).value).toBe(ORG);
  });

  it('round-trips XLSX: export → import into an empty register → export gives the same cells', async () => {
    const source = await sample('zh-CN');
    const retired = await source.call('categories:create', categoryFixture({ code: 'OLD-1', notes: '含"引号",逗号' }));
    await source.call('categories:setStatus', { id: retired.id, revision: retired.revision, status: 'retired' });
    const dir = mkdtempSync(join(tmpdir(), 'pw-rt-'));
    const [first] = await writeReport(source.ctx, { report: 'register', format: 'xlsx' }, join(dir, 'first.xlsx'));
    const target = await makeWorkbench({ language: 'zh-CN' });
    await target.call('app:setup', { template: 'empty', organisationName: ORG, language: 'zh-CN' });
    const preview = await target.call('transfer:preview', { fileName: 'first.xlsx', base64: b64(first!) });
    expect(preview.issues).toEqual([]);
    await target.call('transfer:import', { fileName: 'first.xlsx', base64: b64(first!) });
    const [second] = await writeReport(target.ctx, { report: 'register', format: 'xlsx' }, join(dir, 'second.xlsx'));
    const cells = async (path: string) => {
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(path);
      const out: unknown[][] = [];
      book.getWorksheet('收集类别')!.eachRow((row) => out.push((row.values as unknown[]).slice(1)));
      return out;
    };
    const a = await cells(first!);
    const b = await cells(second!);
    expect(b.length).toBeGreaterThan(5);
    expect(b).toEqual(a);
  });

  it('round-trips CSV byte for byte, with a BOM', async () => {
    const source = await sample('en');
    await source.call('categories:create', categoryFixture({ code: 'CSV-1', notes: 'comma, "quote"\nnew line', retentionDays: 30 }));
    const dir = mkdtempSync(join(tmpdir(), 'pw-csv-'));
    const [first] = await writeReport(source.ctx, { report: 'register', format: 'csv' }, join(dir, 'first.csv'));
    const bytes = readFileSync(first!);
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const target = await makeWorkbench({ language: 'en' });
    await target.call('app:setup', { template: 'empty', organisationName: 'Org', language: 'en' });
    const result = await target.call('transfer:import', { fileName: 'first.csv', base64: bytes.toString('base64') });
    expect(result.inserted.categories).toBeGreaterThan(5);
    const [second] = await writeReport(target.ctx, { report: 'register', format: 'csv' }, join(dir, 'second.csv'));
    expect(readFileSync(second!).toString('utf8')).toBe(bytes.toString('utf8'));
  });

  it('refuses to export into a folder that cannot be written, leaving no partial file', async () => {
    const wb = await sample('en');
    const dir = mkdtempSync(join(tmpdir(), 'pw-ro-'));
    const missing = join(dir, 'no-such-folder', 'out.xlsx');
    await expect(writeReport(wb.ctx, { report: 'register', format: 'xlsx' }, missing)).rejects.toThrow();
    await expect(writeReport(wb.ctx, { report: 'register', format: 'csv' }, missing.replace('.xlsx', '.csv'))).rejects.toThrow();
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('spreadsheet import', () => {
  const header = 'Code,Name,Stage,Data items,Whose information,Purposes,Legal basis (PIPL Art. 13),How it is collected,Sensitive personal information (PIPL Art. 28),Kind of sensitive information,Retention in days,Status';
  const good = 'GOOD-1,Good one,At registration,Name,Individual user,Sign-up,Consent,Provided by the user,No,,30,Active';

  async function empty() {
    const wb = await makeWorkbench({ language: 'en' });
    await wb.call('app:setup', { template: 'sample', organisationName: 'Org', language: 'en' });
    return wb;
  }
  const file = (text: string) => Buffer.from(`\ufeff${text}`).toString('base64');

  it('lists every row’s problems by row and column, and writes nothing', async () => {
    const wb = await empty();
    const before = await tableCounts(wb);
    const csv = [
      `${header},Colour`,
      `${good},`,
      'BAD 1,Bad code,At registration,Name,Individual user,p,Consent,Provided by the user,No,,30,Active,',
      'GOOD-1,Duplicate,At registration,Name,Individual user,p,Consent,Provided by the user,No,,30,Active,',
      'REG-IDENTITY,Exists,At registration,Name,Individual user,p,Consent,Provided by the user,No,,30,Active,',
      'TYPE-1,Types,Sometime,Name,Individual user,p,Consent,Provided by the user,Maybe,,thirty,Active,',
      'SHORT-1,Short row,At registration',
    ].join('\r\n');
    const preview = await wb.call('transfer:preview', { fileName: 'cats.csv', base64: file(csv) });
    expect(preview.ok).toBe(false);
    const at = (row: number | null, column: string | null) => preview.issues.filter((i) => i.row === row && i.column === column).map((i) => i.message);
    expect(at(1, 'Colour')).toEqual(['Unknown column “Colour”']);
    expect(at(3, 'Code')[0]).toMatch(/letters|format|A-Z|code/i);
    expect(at(4, 'Code')).toEqual(['GOOD-1 appears again (first on row 2)']);
    expect(at(5, 'Code')).toEqual(['REG-IDENTITY already exists in the register']);
    expect(at(6, 'Stage')).toEqual(['“Sometime” is not one of the allowed values']);
    expect(at(6, 'Sensitive personal information (PIPL Art. 28)')).toEqual(['“Maybe” is not Yes or No']);
    expect(at(6, 'Retention in days')).toEqual(['“thirty” is not a number']);
    expect(at(7, null)[0]).toMatch(/truncated/);
    const refused = await wb.invoke('transfer:import', { fileName: 'cats.csv', base64: file(csv) });
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await tableCounts(wb)).toEqual(before);
  });

  it('reports wrong headers, a truncated CSV and a truncated XLSX as problems with the file', async () => {
    const wb = await empty();
    const wrong = await wb.call('transfer:preview', { fileName: 'x.csv', base64: file('Foo,Bar\n1,2') });
    expect(wrong.issues[0]!.message).toMatch(/do not match any register/);
    const truncated = await wb.call('transfer:preview', { fileName: 'x.csv', base64: file(`${header}\n${good}\nCUT-1,"Cut in the mid`) });
    expect(truncated.issues[0]!.message).toMatch(/truncated/);
    const missing = await wb.call('transfer:preview', { fileName: 'x.csv', base64: file('Code,Name\nA-1,x') });
    expect(missing.issues.map((i) => i.message)).toContain('The required column “Stage” is missing');
    const source = await sample('en');
    const dir = mkdtempSync(join(tmpdir(), 'pw-cut-'));
    const [xlsx] = await writeReport(source.ctx, { report: 'register', format: 'xlsx' }, join(dir, 'r.xlsx'));
    const bytes = readFileSync(xlsx!);
    const cut = await wb.call('transfer:preview', { fileName: 'r.xlsx', base64: bytes.subarray(0, bytes.length - 400).toString('base64') });
    expect(cut.ok).toBe(false);
    expect(cut.issues[0]!.message).toMatch(/not a readable XLSX/);
  });

  it('imports a good file in one go, accepting dates and labels in either language', async () => {
    const wb = await empty();
    const csv = ['编号,名称,收集环节,个人信息项,信息主体,处理目的,合法性基础（《个人信息保护法》第十三条）,收集方式', 'ZH-1,中文表头,注册时,姓名；手机号码,个人用户,注册,个人同意,用户主动提供'].join('\n');
    const preview = await wb.call('transfer:preview', { fileName: 'zh.csv', base64: file(csv) });
    expect(preview.issues).toEqual([]);
    const result = await wb.call('transfer:import', { fileName: 'zh.csv', base64: file(csv) });
    expect(result.inserted).toEqual({ categories: 1 });
    const page = await wb.call('categories:list', { search: 'ZH-1' });
    const category = await wb.call('categories:get', { id: page.items[0]!.id });
    expect(category).toMatchObject({ name: '中文表头', dataItems: ['姓名', '手机号码'], legalBasis: 'consent', collectionMethod: 'user_provided' });
  });
});
