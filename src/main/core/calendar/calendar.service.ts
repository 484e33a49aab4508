import type { z } from 'zod';
import { parseCalendarCsv } from '@shared/deadline/calendar-csv';
import type {
  CalendarEntry,
  CalendarImportResult,
  CalendarYear,
  calendarImportInput,
  calendarSetInput,
} from '@shared/domain/requests';
import { AppError } from '../errors';
import { nowIso, type CoreContext, type Executor } from '../context';
import { recordAudit } from '../audit/audit.service';
import { getSettings } from '../settings/settings.service';
import { recomputeOpenDeadlines } from '../requests/deadlines';
import {
  deleteCalendarEntry,
  deleteCalendarYear,
  findCalendarEntriesOfYear,
  findCalendarEntry,
  findCalendarYears,
  upsertCalendarDaysInChunks,
  upsertCalendarEntry,
} from './calendar.repository';

export const CALENDAR_ENTITY = 'holiday_calendar';

export async function getCalendarYear(db: Executor, year: number): Promise<CalendarYear> {
  const entries = await findCalendarEntriesOfYear(db, year);
  return {
    year,
    entries: entries.map((e) => ({ date: e.date, kind: e.kind as CalendarEntry['kind'], note: e.note })),
    years: await findCalendarYears(db),
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
 * Imports `date,kind` lines all-or-nothing: any bad line refuses the whole text. By default the
 * years the text covers are replaced, so a corrected year can be imported again.
 */
export async function importCalendar(ctx: CoreContext, input: z.output<typeof calendarImportInput>): Promise<CalendarImportResult> {
  const { lines, errors } = parseCalendarCsv(input.text);
  if (errors.length > 0) {
    const fields = Object.fromEntries(errors.slice(0, 20).map((e) => [`line.${e.line}`, { key: e.key, params: { line: e.line } }]));
    throw new AppError('VALIDATION', { key: 'requests:errors.calendarImport', params: { lines: errors.map((e) => e.line).join(', ') } }, fields);
  }
  if (lines.length === 0) throw new AppError('VALIDATION', { key: 'requests:errors.calendarEmpty' });
  const years = [...new Set(lines.map((l) => Number(l.date.slice(0, 4))))].sort();
  return ctx.db.transaction().execute(async (trx) => {
    const now = nowIso(ctx);
    if (input.replaceYears) {
      for (const year of years) await deleteCalendarYear(trx, year);
    }
    await upsertCalendarDaysInChunks(trx, lines, now);
    await recordAudit(trx, ctx, { entity: CALENDAR_ENTITY, entityId: null, action: 'update', before: null, after: { imported: lines.length, years, replaceYears: input.replaceYears } });
    const settings = await getSettings(trx);
    const recomputed = await recomputeOpenDeadlines(trx, ctx, settings, { cause: 'calendar' });
    return { imported: lines.length, years, recomputed };
  });
}
