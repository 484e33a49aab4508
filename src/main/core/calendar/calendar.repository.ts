import { makeCalendar, type CalendarDayKind, type HolidayCalendar } from '@shared/deadline/calculator';
import type { Executor } from '../db/executor';
import { cachedUntilChanged } from '../db/revision-cache';

/** The whole holiday calendar as the calculator takes it (a few dozen rows a year), with its complete years; from memory until it changes. */
export function loadCalendar(db: Executor): Promise<HolidayCalendar> {
  return cachedUntilChanged(db, 'calendar', () => readCalendar(db));
}

async function readCalendar(db: Executor): Promise<HolidayCalendar> {
  const rows = await db.selectFrom('holiday_calendar').select(['date', 'kind']).execute();
  return makeCalendar(
    rows.map((r) => ({ date: r.date, kind: r.kind as CalendarDayKind })),
    await findCompleteYears(db),
  );
}

/** Every year the calendar holds at least one day of, complete or not. */
export async function findCalendarYears(db: Executor): Promise<number[]> {
  const rows = await db.selectFrom('holiday_calendar').select('date').execute();
  return [...new Set(rows.map((r) => Number(r.date.slice(0, 4))))].sort((a, b) => a - b);
}

export async function findCompleteYears(db: Executor): Promise<number[]> {
  const rows = await db.selectFrom('holiday_calendar_years').select('year').orderBy('year').execute();
  return rows.map((r) => r.year);
}

export function findCompleteYear(db: Executor, year: number) {
  return db.selectFrom('holiday_calendar_years').select(['year', 'source', 'marked_at']).where('year', '=', year).executeTakeFirst();
}

export async function markYearComplete(db: Executor, year: number, source: 'marked' | 'notice' | 'list', now: string): Promise<void> {
  await db
    .insertInto('holiday_calendar_years')
    .values({ year, source, marked_at: now })
    .onConflict((oc) => oc.column('year').doUpdateSet({ source, marked_at: now }))
    .execute();
}

export async function unmarkYearComplete(db: Executor, year: number): Promise<void> {
  await db.deleteFrom('holiday_calendar_years').where('year', '=', year).execute();
}

export function findCalendarEntriesOfYear(db: Executor, year: number) {
  return db
    .selectFrom('holiday_calendar')
    .select(['date', 'kind', 'note'])
    .where('date', '>=', `${year}-01-01`)
    .where('date', '<=', `${year}-12-31`)
    .orderBy('date')
    .execute();
}

export function findCalendarEntry(db: Executor, date: string) {
  return db.selectFrom('holiday_calendar').select(['date', 'kind', 'note']).where('date', '=', date).executeTakeFirst();
}

export async function deleteCalendarEntry(db: Executor, date: string): Promise<void> {
  await db.deleteFrom('holiday_calendar').where('date', '=', date).execute();
}

export async function upsertCalendarEntry(db: Executor, entry: { date: string; kind: CalendarDayKind; note: string }, now: string): Promise<void> {
  await db
    .insertInto('holiday_calendar')
    .values({ ...entry, created_at: now, updated_at: now })
    .onConflict((oc) => oc.column('date').doUpdateSet({ kind: entry.kind, note: entry.note, updated_at: now }))
    .execute();
}

export async function deleteCalendarYear(db: Executor, year: number): Promise<void> {
  await db.deleteFrom('holiday_calendar').where('date', '>=', `${year}-01-01`).where('date', '<=', `${year}-12-31`).execute();
}

/**
 * Writes imported days, 400 to a statement (SQLite limits a statement's variables); a day already
 * listed takes the imported kind, and the imported note when the import gives one.
 */
export async function upsertCalendarDaysInChunks(db: Executor, days: { date: string; kind: CalendarDayKind; note: string }[], now: string): Promise<void> {
  for (let i = 0; i < days.length; i += 400) {
    const chunk = days.slice(i, i + 400);
    await db
      .insertInto('holiday_calendar')
      .values(chunk.map((l) => ({ date: l.date, kind: l.kind, note: l.note, created_at: now, updated_at: now })))
      .onConflict((oc) =>
        oc.column('date').doUpdateSet((eb) => ({
          kind: eb.ref('excluded.kind'),
          note: eb.fn.coalesce(eb.fn<string | null>('nullif', [eb.ref('excluded.note'), eb.val('')]), eb.ref('holiday_calendar.note')),
          updated_at: now,
        })),
      )
      .execute();
  }
}
