import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nextYearToAdd } from '../../../src/shared/deadline/calculator';
import { makeWorkbench, type TestWorkbench } from '../../helpers/workbench';
import { requestFixture } from '../../helpers/fixtures';

let wb: TestWorkbench;
beforeEach(async () => {
  wb = await makeWorkbench();
});
afterEach(async () => {
  await wb.close();
});

const NOTICE_2027 = `国务院办公厅关于2027年部分节假日安排的通知
一、元旦：1月1日（周五）至3日（周日）放假，共3天。
二、春节：2月5日（周五）至11日（周四）放假调休，共7天。2月20日（周六）上班。`;

describe('importing the State Council notice', () => {
  it('saves its days with the holiday as the note, marks the year complete and makes provisional due dates certain', async () => {
    await wb.call('settings:update', { countingMode: 'working' });
    wb.setNow('2026-12-21T06:00:00Z');
    const r = await wb.call('requests:create', requestFixture({ receivedAt: '2026-12-21T02:00:00Z' }));
    expect(r.deadline).toMatchObject({ dueDate: '2027-01-11', problem: 'calendar_provisional' });
    const result = await wb.call('calendar:import', { text: NOTICE_2027 });
    expect(result).toMatchObject({ imported: 11, years: [2027], completeYear: 2027, recomputed: 1 });
    const year = await wb.call('calendar:year', { year: 2027 });
    expect(year.complete).toBe(true);
    expect(year.entries.find((e) => e.date === '2027-02-20')).toEqual({ date: '2027-02-20', kind: 'workday', note: '春节' });
    // 22–25, 28–31 Dec (8); 1 Jan a holiday; 4–8 Jan (13); 11, 12 Jan.
    expect((await wb.call('requests:get', { id: r.id })).deadline).toMatchObject({ dueDate: '2027-01-12', problem: null, missingYears: [] });
  });

  it('refuses a notice with a bad line, naming it, and writes nothing', async () => {
    const bad = await wb.invoke('calendar:import', { text: NOTICE_2027.replace('2月5日（周五）', '2月5日（周一）') });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.fieldErrors).toHaveProperty(['line.3']);
    expect((await wb.call('calendar:year', { year: 2027 })).entries).toEqual([]);
    expect((await wb.call('calendar:year', { year: 2027 })).complete).toBe(false);
  });
});

describe('next year on the dashboard', () => {
  it('is asked for from 1 November until it is complete', async () => {
    expect(nextYearToAdd('2026-10-31', [2026])).toBeNull();
    expect(nextYearToAdd('2026-11-01', [2026])).toBe(2027);
    expect(nextYearToAdd('2026-12-31', [2026, 2027])).toBeNull();
    wb.setNow('2026-12-01T02:00:00Z');
    expect((await wb.call('calendar:year', { year: 2026 })).nextYearMissing).toBe(2027);
    await wb.call('calendar:import', { text: NOTICE_2027 });
    expect((await wb.call('calendar:year', { year: 2026 })).nextYearMissing).toBeNull();
  });
});
