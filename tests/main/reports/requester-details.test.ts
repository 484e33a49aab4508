import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { makeWorkbench } from '../../helpers/workbench';
import { rowsOf } from '../../helpers/engine';
import { requestFixture } from '../../helpers/fixtures';
import { maskPersonal } from '../../../src/main/core/reports/masking';
import { writeReport } from '../../../src/main/core/reports/reports.service';

describe('the masking rule', () => {
  it('keeps the first character of a Chinese name, and its last from three characters on', () => {
    expect(maskPersonal('张')).toBe('*');
    expect(maskPersonal('张三')).toBe('张*');
    expect(maskPersonal('张三丰')).toBe('张*丰');
    expect(maskPersonal('欧阳娜娜')).toBe('欧**娜');
  });

  it('keeps the first letter of each other word, hiding its length', () => {
    expect(maskPersonal('John Smith')).toBe('J*** S***');
    expect(maskPersonal('Al')).toBe('A***');
    expect(maskPersonal('U-1001')).toBe('U***');
  });

  it('keeps the first three and last four digits of a mobile number, the last four of a shorter one', () => {
    expect(maskPersonal('13812345678')).toBe('138****5678');
    expect(maskPersonal('+86 138 1234 5678')).toBe('+86 1** **** 5678');
    expect(maskPersonal('021-6234 5678')).toBe('021-**** 5678');
    expect(maskPersonal('62345678')).toBe('****5678');
  });

  it('keeps the first character and the domain of an email', () => {
    expect(maskPersonal('alice@example.com')).toBe('a***@example.com');
    expect(maskPersonal('王@例子.中国')).toBe('王***@例子.中国');
  });

  it('leaves an empty value empty', () => {
    expect(maskPersonal('')).toBe('');
    expect(maskPersonal('  ')).toBe('');
  });
});

describe("requesters' details in the requests report", () => {
  async function withRequests() {
    const wb = await makeWorkbench({ language: 'en' });
    await wb.call('app:setup', { template: 'empty', organisationName: 'Org', language: 'en' });
    await wb.call('requests:create', requestFixture({ requesterName: '张三丰', requesterContact: '13812345678', accountRef: 'ACC-778899' }));
    await wb.call('requests:create', requestFixture({ requesterName: 'John Smith', requesterContact: 'john.smith@example.com', accountRef: '' }));
    return wb;
  }
  const FULL = ['张三丰', '13812345678', 'ACC-778899', 'John Smith', 'john.smith@example.com'];
  const MASKED = ['张*丰', '138****5678', 'A***', 'J*** S***', 'j***@example.com'];

  async function exported(wb: Awaited<ReturnType<typeof withRequests>>, format: 'csv' | 'xlsx' | 'json', includeRequesterDetails?: boolean) {
    const dir = mkdtempSync(join(tmpdir(), 'pw-details-'));
    const files = await writeReport(wb.ctx, { report: 'requests', format, sheet: format === 'csv' ? 'requests' : undefined, includeRequesterDetails }, join(dir, `r.${format}`));
    if (format !== 'xlsx') return readFileSync(files[0]!, 'utf8');
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(files[0]!);
    const cells: string[] = [];
    book.eachSheet((ws) => ws.eachRow((row) => cells.push(...(row.values as unknown[]).map(String))));
    return cells.join('\n');
  }

  it.each(['csv', 'xlsx', 'json'] as const)('masks names, contacts and account references in %s unless asked for them', async (format) => {
    const wb = await withRequests();
    const masked = await exported(wb, format);
    for (const value of FULL) expect(masked).not.toContain(value);
    for (const value of MASKED) expect(masked).toContain(value);
    const full = await exported(wb, format, true);
    for (const value of FULL) expect(full).toContain(value);
  });

  it('writes each export to the audit log: report, format, period and whether the details were in it', async () => {
    const wb = await withRequests();
    const dir = mkdtempSync(join(tmpdir(), 'pw-details-audit-'));
    await writeReport(wb.ctx, { report: 'requests', format: 'xlsx', from: '2026-11-01', to: '2026-11-30' }, join(dir, 'a.xlsx'));
    await wb.call('reports:export', { report: 'requests', format: 'csv', includeRequesterDetails: true });
    await writeReport(wb.ctx, { report: 'register', format: 'json' }, join(dir, 'all.json'));
    const rows = await rowsOf<{ actor: string; after: string }>(wb.ctx.db, "select actor, after from audit_log where entity = 'report' and action = 'export' order by id");
    expect(rows.map((r) => JSON.parse(r.after))).toEqual([
      { report: 'requests', format: 'xlsx', from: '2026-11-01', to: '2026-11-30', requesterDetails: false },
      { report: 'requests', format: 'csv', from: null, to: null, requesterDetails: true },
      { report: 'register', format: 'json', from: null, to: null, requesterDetails: true },
    ]);
    expect(rows[0]!.actor).toBe('tester');
    expect(await wb.call('audit:verify', {})).toMatchObject({ ok: true });
  });

  it('takes the choice only as a boolean at the channel', async () => {
    const wb = await withRequests();
    const refused = await wb.invoke('reports:export', { report: 'requests', format: 'csv', includeRequesterDetails: 'yes' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('says in the complete JSON export, in both languages, that it holds personal information', async () => {
    const wb = await withRequests();
    const dir = mkdtempSync(join(tmpdir(), 'pw-details-json-'));
    const [file] = await writeReport(wb.ctx, { report: 'register', format: 'json' }, join(dir, 'all.json'));
    const json = JSON.parse(readFileSync(file!, 'utf8'));
    expect(json.personalInformation.contained).toBe(true);
    expect(json.personalInformation.notice.en).toMatch(/personal information/);
    expect(json.personalInformation.notice['zh-CN']).toMatch(/个人信息/);
    expect(JSON.stringify(json.tables)).toContain('张三丰'); // the complete export is never masked
  });
});
