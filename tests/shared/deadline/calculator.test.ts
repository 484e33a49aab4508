import { describe, expect, it } from 'vitest';
import {
  computeDeadline,
  deadlineStatus,
  makeCalendar,
  type DeadlineFacts,
  type DeadlineRules,
} from '../../../src/shared/deadline/calculator';
import { endOfLocalDay, localDateOf } from '../../../src/shared/time';
import { parseCalendarCsv } from '../../../src/shared/deadline/calendar-csv';
import { prcCalendar } from './prc-calendar';

const rules = (overrides: Partial<DeadlineRules> = {}): DeadlineRules => ({
  timeZone: 'Asia/Shanghai',
  responseDays: 15,
  countingMode: 'calendar',
  clockStart: 'received',
  rollOver: false,
  pauseStopsClock: false,
  ...overrides,
});
const facts = (receivedAt: string, overrides: Partial<DeadlineFacts> = {}): DeadlineFacts => ({
  receivedAt,
  verifiedAt: null,
  pauses: [],
  ...overrides,
});
const calendar = prcCalendar();
const due = (f: DeadlineFacts, r: Partial<DeadlineRules> = {}, now?: string) =>
  computeDeadline(f, rules(r), calendar, now ? new Date(now) : undefined);

describe('time zone: days are counted in the organisation zone', () => {
  it('a request at 01:30 Shanghai time (17:30Z the day before) starts on the Shanghai day', () => {
    const d = due(facts('2026-11-01T17:30:00Z'));
    expect(d.startDate).toBe('2026-11-02');
    expect(d.dueDate).toBe('2026-11-17');
  });

  it('a request at 23:30 Shanghai time starts that day, not the next', () => {
    const d = due(facts('2026-11-01T15:30:00Z'));
    expect(d.startDate).toBe('2026-11-01');
    expect(d.dueDate).toBe('2026-11-16');
  });

  it('the same instant is counted from another day in another zone', () => {
    expect(due(facts('2026-11-01T17:30:00Z'), { timeZone: 'Europe/London' }).startDate).toBe('2026-11-01');
  });

  it('is due at 24:00 of the due date in the zone', () => {
    expect(due(facts('2026-11-02T02:00:00Z')).dueAt).toBe('2026-11-17T16:00:00.000Z');
    expect(endOfLocalDay('2026-11-17', 'Europe/London').toISOString()).toBe('2026-11-18T00:00:00.000Z');
    expect(endOfLocalDay('2026-07-01', 'Europe/London').toISOString()).toBe('2026-07-01T23:00:00.000Z');
    expect(localDateOf('2026-11-17T16:00:00Z', 'Asia/Shanghai')).toBe('2026-11-18');
  });
});

describe('calendar mode (Civil Code Art. 201: the start day is not counted)', () => {
  it('is start + 15 days', () => {
    const d = due(facts('2026-11-02T02:00:00Z'));
    expect(d).toMatchObject({ startDate: '2026-11-02', dueDate: '2026-11-17', problem: null, rolledOver: false });
  });

  it('honours the number of days setting', () => {
    expect(due(facts('2026-11-02T02:00:00Z'), { responseDays: 30 }).dueDate).toBe('2026-12-02');
  });

  it('crosses the year boundary', () => {
    expect(due(facts('2025-12-20T02:00:00Z')).dueDate).toBe('2026-01-04');
  });

  it('does not need calendar data without roll-over, even for a year not shipped', () => {
    const d = due(facts('2026-12-25T02:00:00Z'));
    expect(d).toMatchObject({ dueDate: '2027-01-09', problem: null });
  });
});

describe('roll-over (Civil Code Art. 203)', () => {
  it('moves a due date on a public holiday to the next working day', () => {
    // 16 Sep + 15 = 1 Oct, National Day; 1–7 Oct are rest days.
    expect(due(facts('2026-09-16T02:00:00Z')).dueDate).toBe('2026-10-01');
    const d = due(facts('2026-09-16T02:00:00Z'), { rollOver: true });
    expect(d).toMatchObject({ dueDate: '2026-10-08', rolledOver: true });
  });

  it('moves a due date on a Saturday to Monday', () => {
    expect(due(facts('2026-11-06T02:00:00Z'), { rollOver: true }).dueDate).toBe('2026-11-23');
  });

  it('keeps a due date on a make-up working Saturday', () => {
    const d = due(facts('2026-09-25T02:00:00Z'), { rollOver: true });
    expect(d).toMatchObject({ dueDate: '2026-10-10', rolledOver: false });
  });

  it('rolls over provisionally, on the weekday rule, when the due date is in a year not yet complete', () => {
    // 25 Dec + 15 = Sat 9 Jan 2027; with no 2027 calendar, Mon 11 Jan by the weekday rule.
    const d = due(facts('2026-12-25T02:00:00Z'), { rollOver: true });
    expect(d).toMatchObject({ dueDate: '2027-01-11', rolledOver: true, problem: 'calendar_provisional', missingYears: [2027] });
  });
});

describe('working mode', () => {
  it('is the 15th working day after the start', () => {
    expect(due(facts('2026-11-02T02:00:00Z'), { countingMode: 'working' }).dueDate).toBe('2026-11-23');
  });

  it('skips the National Day holiday and counts the make-up Saturday', () => {
    // 8, 9 Oct; Sat 10 Oct (make-up); 12–16; 19–23; 26, 27.
    expect(due(facts('2026-09-30T02:00:00Z'), { countingMode: 'working' }).dueDate).toBe('2026-10-27');
  });

  it('counts the Sunday make-up day of the Spring Festival 2025', () => {
    // From Fri 24 Jan 2025: Sun 26 Jan (make-up) is day 1; 27 Jan day 2; 28 Jan–4 Feb rest; 5–7 Feb; Sat 8 Feb (make-up) ...
    const d = due(facts('2025-01-24T02:00:00Z'), { countingMode: 'working', responseDays: 6 });
    expect(d.dueDate).toBe('2025-02-08');
  });

  it('crosses from 2025 into 2026 with both calendars', () => {
    // 25, 26, 29, 30, 31 Dec; 1–3 Jan rest; Sun 4 Jan make-up; 5–9; 12–15 Jan.
    expect(due(facts('2025-12-24T02:00:00Z'), { countingMode: 'working' }).dueDate).toBe('2026-01-15');
  });

  it('counts provisionally on the weekday rule through a year not yet complete, naming the year', () => {
    // An independent count: the 15th Monday-to-Friday after 20 December 2026 (no 2026 rest day is left by then).
    let day = new Date('2026-12-20T00:00:00Z');
    for (let n = 0; n < 15; ) {
      day = new Date(day.getTime() + 86_400_000);
      if (day.getUTCDay() !== 0 && day.getUTCDay() !== 6) n++;
    }
    const d = due(facts('2026-12-20T02:00:00Z'), { countingMode: 'working' });
    expect(d).toMatchObject({ dueDate: day.toISOString().slice(0, 10), problem: 'calendar_provisional', missingYears: [2027] });
    expect(d.dueDate).toBe('2027-01-08');
    expect(d.dueAt).toBe(endOfLocalDay('2027-01-08', 'Asia/Shanghai').toISOString());
  });

  it('does not take a stray entry for a known year: still provisional, though the entry is used', () => {
    const parsed = parseCalendarCsv('date,kind\n2027-01-01,holiday\n');
    expect(parsed.errors).toEqual([]);
    const entries = [...calendar.days].map(([date, kind]) => ({ date, kind })).concat(parsed.lines);
    const stray = makeCalendar(entries, [2025, 2026]);
    expect(stray.years.has(2027)).toBe(false);
    const d = computeDeadline(facts('2026-12-20T02:00:00Z'), rules({ countingMode: 'working' }), stray);
    // 21–25, 28–31 Dec (9); 1 Jan 2027 listed as a holiday; 4–8 Jan (14); 11 Jan.
    expect(d).toMatchObject({ dueDate: '2027-01-11', problem: 'calendar_provisional', missingYears: [2027] });
  });

  it('is certain once the later year is complete', () => {
    const entries = [...calendar.days].map(([date, kind]) => ({ date, kind })).concat([{ date: '2027-01-01', kind: 'holiday' as const }]);
    const d = computeDeadline(facts('2026-12-20T02:00:00Z'), rules({ countingMode: 'working' }), makeCalendar(entries, [2025, 2026, 2027]));
    expect(d).toMatchObject({ dueDate: '2027-01-11', problem: null, missingYears: [] });
  });
});

describe('clock start', () => {
  it('starts on the verification day when set to verified', () => {
    const d = due(facts('2026-11-02T02:00:00Z', { verifiedAt: '2026-11-05T03:00:00Z' }), { clockStart: 'verified' });
    expect(d).toMatchObject({ startDate: '2026-11-05', startsAtVerification: true, dueDate: '2026-11-20' });
  });

  it('uses the received day until identity is verified (the earlier, safer date)', () => {
    const d = due(facts('2026-11-02T02:00:00Z'), { clockStart: 'verified' });
    expect(d).toMatchObject({ startDate: '2026-11-02', startsAtVerification: false, dueDate: '2026-11-17' });
  });

  it('ignores the verification day when set to received', () => {
    expect(due(facts('2026-11-02T02:00:00Z', { verifiedAt: '2026-11-05T03:00:00Z' })).dueDate).toBe('2026-11-17');
  });
});

describe('pauses', () => {
  // Paused from 10:00 on 4 Nov to 10:00 on 7 Nov (Shanghai): 5 and 6 Nov are whole paused days.
  const paused = facts('2026-11-02T02:00:00Z', { pauses: [{ from: '2026-11-04T02:00:00Z', to: '2026-11-07T02:00:00Z' }] });

  it('do not move the due date unless pauses stop the clock', () => {
    expect(due(paused).dueDate).toBe('2026-11-17');
    expect(due(paused).pausedDays).toBe(0);
  });

  it('extend it by the whole paused days when they stop the clock', () => {
    const d = due(paused, { pauseStopsClock: true });
    expect(d).toMatchObject({ dueDate: '2026-11-19', pausedDays: 2 });
  });

  it('count an open pause until now', () => {
    const open = facts('2026-11-02T02:00:00Z', { pauses: [{ from: '2026-11-04T02:00:00Z', to: null }] });
    expect(due(open, { pauseStopsClock: true }, '2026-11-10T02:00:00Z')).toMatchObject({ pausedDays: 5, dueDate: '2026-11-22' });
  });

  it('a pause shorter than a whole day changes nothing', () => {
    const short = facts('2026-11-02T02:00:00Z', { pauses: [{ from: '2026-11-04T02:00:00Z', to: '2026-11-05T01:00:00Z' }] });
    expect(due(short, { pauseStopsClock: true }).dueDate).toBe('2026-11-17');
  });

  it('skip paused working days in working mode', () => {
    expect(due(paused, { pauseStopsClock: true, countingMode: 'working' }).dueDate).toBe('2026-11-25');
  });
});

describe('deadline status', () => {
  const tz = 'Asia/Shanghai';
  it('is due today until 24:00 local, then overdue by one day', () => {
    expect(deadlineStatus('2026-11-17', new Date('2026-11-17T15:59:00Z'), tz, 3)).toEqual({ state: 'due_today', daysLeft: 0, overdueDays: 0 });
    expect(deadlineStatus('2026-11-17', new Date('2026-11-17T16:00:00Z'), tz, 3)).toEqual({ state: 'overdue', daysLeft: -1, overdueDays: 1 });
    expect(deadlineStatus('2026-11-17', new Date('2026-11-21T02:00:00Z'), tz, 3).overdueDays).toBe(4);
  });
  it('is due soon within the due-soon days, on track before', () => {
    expect(deadlineStatus('2026-11-17', new Date('2026-11-14T02:00:00Z'), tz, 3)).toEqual({ state: 'due_soon', daysLeft: 3, overdueDays: 0 });
    expect(deadlineStatus('2026-11-17', new Date('2026-11-13T02:00:00Z'), tz, 3)).toEqual({ state: 'on_track', daysLeft: 4, overdueDays: 0 });
  });
  it('is unknown without a due date', () => {
    expect(deadlineStatus(null, new Date(), tz, 3).state).toBe('unknown');
  });
});

describe('calendar import text', () => {
  it('reports bad lines by number', () => {
    const r = parseCalendarCsv('2027-01-01,holiday\n2027-02-30,holiday\n2027-01-02,resting\n2027-01-01,workday');
    expect(r.lines).toHaveLength(1);
    expect(r.errors).toEqual([
      { line: 2, key: 'validation.calendarDate' },
      { line: 3, key: 'validation.calendarKind' },
      { line: 4, key: 'validation.calendarDuplicate' },
    ]);
  });
});
