import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { makeWorkbench, tableCounts } from '../../helpers/workbench';
import { columnOf } from '../../helpers/engine';

const HEADER = "Channel,Received at,Requester's name,Phone or email,Kind of request";
const row = (receivedAt: string) => `Hotline,${receivedAt},王小明,13800138000,Deletion`;
const base64 = (text: string) => Buffer.from(`\ufeff${text}`).toString('base64');

async function emptyRegister(language: 'en' | 'zh-CN' = 'en') {
  const wb = await makeWorkbench({ language, now: '2026-11-20T02:00:00.000Z' });
  await wb.call('app:setup', { template: 'empty', organisationName: 'Org', language });
  return wb;
}

describe('wall-clock times in an imported sheet', () => {
  it('refuses an impossible date or time, naming its row and column, and writes nothing', async () => {
    const wb = await emptyRegister();
    const before = await tableCounts(wb);
    const csv = [HEADER, row('2026-11-17 10:00'), row('2026-02-30 10:00'), row('2026-03-01 25:99'), row('2026-03-01 10:00:75')].join('\r\n');
    const preview = await wb.call('transfer:preview', { fileName: 'r.csv', base64: base64(csv) });
    expect(preview.sheets).toEqual([{ sheet: 'requests', label: 'Requests', rows: 4, valid: 1 }]);
    expect(preview.issues).toEqual([
      { sheet: 'Requests', row: 3, column: 'Received at', message: '“2026-02-30 10:00” is not a date and time (YYYY-MM-DD HH:mm, or ISO-8601)' },
      { sheet: 'Requests', row: 4, column: 'Received at', message: '“2026-03-01 25:99” is not a date and time (YYYY-MM-DD HH:mm, or ISO-8601)' },
      { sheet: 'Requests', row: 5, column: 'Received at', message: '“2026-03-01 10:00:75” is not a date and time (YYYY-MM-DD HH:mm, or ISO-8601)' },
    ]);
    const refused = await wb.invoke('transfer:import', { fileName: 'r.csv', base64: base64(csv) });
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await tableCounts(wb)).toEqual(before);
  });

  it('names the problem in Chinese for a Chinese register', async () => {
    const wb = await emptyRegister('zh-CN');
    const preview = await wb.call('transfer:preview', { fileName: 'r.csv', base64: base64([HEADER, row('2026-02-30 10:00')].join('\n')) });
    expect(preview.issues).toEqual([{ sheet: '请求', row: 2, column: 'Received at', message: '“2026-02-30 10:00”不是日期时间（YYYY-MM-DD HH:mm 或 ISO-8601）' }]);
  });

  it('reads a time, with its seconds, in the organisation’s zone from CSV text and from an XLSX date cell', async () => {
    const wb = await emptyRegister();
    await wb.call('transfer:import', { fileName: 'r.csv', base64: base64([HEADER, row('2026-11-17 10:00:30')].join('\r\n')) });
    const book = new ExcelJS.Workbook();
    const ws = book.addWorksheet('Requests');
    ws.addRow(HEADER.split(','));
    // Excel has no zones: a date and time cell is its wall clock, which exceljs reads as that time at UTC.
    ws.addRow(['Email', new Date('2026-11-18T23:45:00.000Z'), '李四', 'li@example.com', 'Deletion']);
    const xlsx = Buffer.from(await book.xlsx.writeBuffer());
    await wb.call('transfer:import', { fileName: 'r.xlsx', base64: xlsx.toString('base64') });
    const received = await columnOf(wb.ctx.db, 'select received_at from requests order by id');
    expect(received).toEqual(['2026-11-17T02:00:30.000Z', '2026-11-18T15:45:00.000Z']);
  });
});
