import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { writeReport } from '../../../src/main/core/reports/reports.service';
import { makeWorkbench, type TestWorkbench } from '../../helpers/workbench';
import { requestFixture } from '../../helpers/fixtures';

// A working-day deadline logged on 21 December 2026 runs into 2027, whose calendar is not in the
// register yet: the due date is provisional wherever it shows, with 2027 named, until the notice
// for 2027 is imported; then it is recomputed and the change written on the request's timeline.
const NOTICE_2027 = `国务院办公厅关于2027年部分节假日安排的通知
一、元旦：1月1日（周五）至3日（周日）放假，共3天。
二、春节：2月5日（周五）至11日（周四）放假调休，共7天。2月20日（周六）上班。`;

let wb: TestWorkbench;
afterEach(async () => {
  await wb.close();
});

async function requestsReport(format: 'csv' | 'json' | 'xlsx'): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'pw-provisional-'));
  const files = await writeReport(wb.ctx, { report: 'requests', format, sheet: format === 'csv' ? 'requests' : undefined }, join(dir, `r.${format}`));
  if (format !== 'xlsx') return readFileSync(files[0]!, 'utf8');
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(files[0]!);
  const rows: string[] = [];
  book.eachSheet((ws) => ws.eachRow((row) => rows.push((row.values as unknown[]).map((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v ?? ''))).join('|'))));
  return rows.join('\n');
}

describe.each([
  ['en', 'Provisional · 2027 calendar missing'],
  ['zh-CN', '暂定 · 2027 年日历缺失'],
] as const)('a provisional due date, in %s', (language, mark) => {
  it('is marked with the missing year on the desk, in the gap check and in the requests report in every format, then recomputed on the timeline', async () => {
    wb = await makeWorkbench({ language });
    await wb.call('app:setup', { template: 'empty', organisationName: 'Org', language });
    await wb.call('settings:update', { countingMode: 'working' });
    wb.setNow('2026-12-21T06:00:00Z');
    const r = await wb.call('requests:create', requestFixture({ receivedAt: '2026-12-21T02:00:00Z' }));

    // The desk: the request and the list carry the problem and the year the badge names.
    expect((await wb.call('requests:get', { id: r.id })).deadline).toMatchObject({ dueDate: '2027-01-11', problem: 'calendar_provisional', missingYears: [2027] });
    const listed = (await wb.call('requests:list', {})).items.find((i) => i.id === r.id)!;
    expect(listed.deadline).toMatchObject({ dueDate: '2027-01-11', problem: 'calendar_provisional', missingYears: [2027] });

    // The gap check, close to the date: the due date and the mark.
    wb.setNow('2027-01-08T02:00:00Z');
    const soon = (await wb.call('gaps:list', { checkId: 'request-due-soon' })).items;
    expect(soon.map((g) => g.detail)).toEqual([{ key: 'gaps:detail.dueDate', params: { value: `2027-01-11 · ${mark}` } }]);

    // The requests report: beside the due date in CSV, JSON and XLSX.
    for (const format of ['csv', 'json', 'xlsx'] as const) expect(await requestsReport(format), format).toContain(mark);

    // The year is added: the due date is recomputed (1 January is a holiday) and the timeline says so.
    wb.setNow('2026-12-22T02:00:00Z');
    await wb.call('calendar:import', { text: NOTICE_2027 });
    expect((await wb.call('requests:get', { id: r.id })).deadline).toMatchObject({ dueDate: '2027-01-12', problem: null, missingYears: [] });
    const events = (await wb.call('requests:events', { id: r.id })).items;
    expect(events.find((e) => e.kind === 'deadline_recomputed')?.data).toMatchObject({
      cause: 'calendar',
      dueDateBefore: '2027-01-11',
      dueDateAfter: '2027-01-12',
      problem: null,
      problemBefore: 'calendar_provisional',
      missingYearsBefore: [2027],
    });
    for (const format of ['csv', 'json'] as const) expect(await requestsReport(format), format).not.toContain(mark);
    wb.setNow('2027-01-11T02:00:00Z');
    expect((await wb.call('gaps:list', { checkId: 'request-due-soon' })).items.map((g) => g.detail)).toEqual([{ key: 'gaps:detail.dueDate', params: { value: '2027-01-12' } }]);
  });
});
