import type { z } from 'zod';
import { parseCalendarImport } from '@shared/deadline/calendar-csv';
import { nextYearToAdd } from '@shared/deadline/calculator';
import { localDateOf } from '@shared/time';
import type {
  CalendarCompleteResult,
  CalendarEntry,
  CalendarImportResult,
  calendarCompleteInput,
  CalendarYear,
  calendarImportInput,
  calendarSetInput,
} from '@shared/domain/requests';
import { AppError } from '../errors';
import { nowIso, type CoreContext } from '../context';
import type { Executor } from '../db/executor';
import { recordAudit } from '../audit/audit.service';
import { getSettings } from '../settings/settings.service';
import { recomputeOpenDeadlines } from '../requests/deadlines';
import {
  deleteCalendarEntry,
  deleteCalendarYear,
  findCalendarEntriesOfYear,
  findCalendarEntry,
  findCalendarYears,
  findCompleteYear,
  findCompleteYears,
  markYearComplete,
  unmarkYearComplete,
  upsertCalendarDaysInChunks,
  upsertCalendarEntry,
} from './calendar.repository';

export const CALENDAR_ENTITY = 'holiday_calendar';

export async function getCalendarYear(ctx: CoreContext, year: number): Promise<CalendarYear> {
  const db = ctx.db;
  const entries = await findCalendarEntriesOfYear(db, year);
  const completeYears = await findCompleteYears(db);
  return {
    year,
    entries: entries.map((e) => ({ date: e.date, kind: e.kind as CalendarEntry['kind'], note: e.note })),
    years: await findCalendarYears(db),
    completeYears,
    complete: completeYears.includes(year),
    nextYearMissing: nextYearToAdd(localDateOf(ctx.clock.now(), (await getSettings(db)).timeZone), completeYears),
  };
}

/** Sets (or with kind null removes) one day, then recomputes the open deadlines, in one transaction. */
export async function setCalendarDay(ctx: CoreContext, input: z.output<typeof calendarSetInput>): Promise<CalendarEntry | null> {
  return ctx.db.transaction().execute(async (trx) => {
    const before = await findCalendarEntry(trx, input.date);
    if (input.kind === null) await deleteCalendarEntry(trx, input.date);
    else await upsertCalendarEntry(trx, { date: input.date, kind: input.kind, note: input.note }, nowIso(ctx));
    const after = input.kind === null ? null : { date: input.date, kind: input.kind, note: input.note };
    await recordAudit(trx, ctx, { entity: CALENDAR_ENTITY, entityId: null, action: 'update', before: before ?? null, after: after ?? { date: input.date, removed: true } });
    const settings = await getSettings(trx);
    await recomputeOpenDeadlines(trx, ctx, settings, { cause: 'calendar' });
    return after;
  });
}

/**
 * Marks a year complete (its arrangement is all in the calendar, so deadlines through it are certain)
 * or not, audited, then recomputes the open deadlines, each moved one noted on its request's timeline.
 */
export async function setYearComplete(ctx: CoreContext, input: z.output<typeof calendarCompleteInput>): Promise<CalendarCompleteResult> {
  return ctx.db.transaction().execute(async (trx) => {
    const before = await findCompleteYear(trx, input.year);
    if (input.complete) await markYearComplete(trx, input.year, 'marked', nowIso(ctx));
    else await unmarkYearComplete(trx, input.year);
    await recordAudit(trx, ctx, {
      entity: CALENDAR_ENTITY,
      entityId: null,
      action: 'update',
      before: { year: input.year, complete: before !== undefined },
      after: { year: input.year, complete: input.complete },
    });
    const settings = await getSettings(trx);
    const recomputed = await recomputeOpenDeadlines(trx, ctx, settings, { cause: 'calendar' });
    return { year: input.year, complete: input.complete, recomputed };
  });
}

/**
 * Imports a calendar text all-or-nothing (`date,kind[,note]` lines, holiday-cn JSON, or the State
 * Council's notice; see calendar-csv.ts): any bad line refuses the whole text. By default the years
 * the text covers are replaced, so a corrected year can be imported again. A notice or a holiday-cn
 * file, or a list said to be the whole year, makes its year complete.
 */
export async function importCalendar(ctx: CoreContext, input: z.output<typeof calendarImportInput>): Promise<CalendarImportResult> {
  const parsed = parseCalendarImport(input.text, input.year);
  const { lines, errors } = parsed;
  if (errors.length > 0) {
    const fields = Object.fromEntries(errors.slice(0, 20).map((e) => [`line.${e.line}`, { key: e.key, params: { line: e.line } }]));
    if (errors.some((e) => e.line === 0)) throw new AppError('VALIDATION', { key: errors.find((e) => e.line === 0)!.key }, fields);
    throw new AppError('VALIDATION', { key: 'requests:errors.calendarImport', params: { lines: errors.map((e) => e.line).join(', ') } }, fields);
  }
  if (lines.length === 0) throw new AppError('VALIDATION', { key: 'requests:errors.calendarEmpty' });
  const years = [...new Set(lines.map((l) => Number(l.date.slice(0, 4))))].sort((a, b) => a - b);
  let completeYear = parsed.completeYear;
  if (completeYear === null && input.wholeYear) {
    if (years.length !== 1) throw new AppError('VALIDATION', { key: 'requests:errors.calendarWholeYear' });
    completeYear = years[0]!;
  }
  return ctx.db.transaction().execute(async (trx) => {
    const now = nowIso(ctx);
    if (input.replaceYears) {
      // A notice replaces its own year only: a day of the year before it names (元旦 from 31 December) is added.
      // A notice that adjusts one holiday (no numbered lines, so no complete year) is added to its year.
      for (const year of parsed.format === 'notice' ? (parsed.completeYear === null ? [] : [parsed.completeYear]) : years) await deleteCalendarYear(trx, year);
    }
    await upsertCalendarDaysInChunks(trx, lines, now);
    if (completeYear !== null) await markYearComplete(trx, completeYear, parsed.format === 'notice' ? 'notice' : 'list', now);
    await recordAudit(trx, ctx, {
      entity: CALENDAR_ENTITY,
      entityId: null,
      action: 'update',
      before: null,
      after: { imported: lines.length, years, replaceYears: input.replaceYears, format: parsed.format, completeYear },
    });
    const settings = await getSettings(trx);
    const recomputed = await recomputeOpenDeadlines(trx, ctx, settings, { cause: 'calendar' });
    return { imported: lines.length, years, completeYear, recomputed };
  });
}
