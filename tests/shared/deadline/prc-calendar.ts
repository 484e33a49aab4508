import { makeCalendar, type CalendarDayKind } from '../../../src/shared/deadline/calculator';
import { addDays } from '../../../src/shared/time';

/** The 2025 and 2026 arrangements as DESIGN.md lists them, built independently of the migration's copy. */
const HOLIDAYS: [string, string][] = [
  ['2025-01-01', '2025-01-01'],
  ['2025-01-28', '2025-02-04'],
  ['2025-04-04', '2025-04-06'],
  ['2025-05-01', '2025-05-05'],
  ['2025-05-31', '2025-06-02'],
  ['2025-10-01', '2025-10-08'],
  ['2026-01-01', '2026-01-03'],
  ['2026-02-15', '2026-02-23'],
  ['2026-04-04', '2026-04-06'],
  ['2026-05-01', '2026-05-05'],
  ['2026-06-19', '2026-06-21'],
  ['2026-09-25', '2026-09-27'],
  ['2026-10-01', '2026-10-07'],
];
const WORKDAYS = [
  '2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11',
  '2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10',
];

export function prcEntries(): { date: string; kind: CalendarDayKind }[] {
  const out: { date: string; kind: CalendarDayKind }[] = [];
  for (const [from, to] of HOLIDAYS) {
    for (let d = from; d <= to; d = addDays(d, 1)) out.push({ date: d, kind: 'holiday' });
  }
  for (const d of WORKDAYS) out.push({ date: d, kind: 'workday' });
  return out;
}

export const prcCalendar = () => makeCalendar(prcEntries(), [2025, 2026]);
