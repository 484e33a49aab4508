import { makeCalendar, type CalendarDayKind, type HolidayCalendar } from '@shared/deadline/calculator';
import type { Executor } from '../context';

/** The whole holiday calendar as the calculator takes it (a few dozen rows a year). */
export async function loadCalendar(db: Executor): Promise<HolidayCalendar> {
  const rows = await db.selectFrom('holiday_calendar').select(['date', 'kind']).execute();
  return makeCalendar(rows.map((r) => ({ date: r.date, kind: r.kind as CalendarDayKind })));
}

export async function findCalendarYears(db: Executor): Promise<number[]> {
  const rows = await db.selectFrom('holiday_calendar').select('date').execute();
  return [...new Set(rows.map((r) => Number(r.date.slice(0, 4))))].sort();
}
