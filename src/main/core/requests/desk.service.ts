/**
 * The requests desk's reads: one request, the list with its filters and due windows, a request's
 * timeline, the counts beside Requests in the navigation and the dashboard. Every "is it due, is it
 * late" comes from the timeliness rule (`@shared/deadline/timeliness`).
 */
import type { z } from 'zod';
import { dueWindow, runningStatuses, type DueCondition } from '@shared/deadline/timeliness';
import type { Page } from '@shared/domain/paging';
import {
  OPEN_STATUSES,
  type Request,
  type RequestCounts,
  type RequestDashboard,
  type RequestEvent,
  type RequestKind,
  type RequestSortField,
  type RequestSummary,
  type requestEventsInput,
  type requestListInput,
} from '@shared/domain/requests';
import type { Settings } from '@shared/domain/settings';
import { addDays, localDateOf, monthStart, startOfLocalDay, weekStart } from '@shared/time';
import type { CoreContext } from '../context';
import type { Executor } from '../db/executor';
import { getSettings } from '../settings/settings.service';
import { loadRequestRow } from './request-records';
import { toEvent, toRequest, toSummary } from './request-view';
import {
  countRequestEvents,
  countRequestsAnswered,
  countRequestsByKindSince,
  countRequestsByUtcHourSince,
  findRequestEvents,
  intakeTalliesBetween,
  intakeTalliesByKindFrom,
} from './requests.repository';
import { countRequestsEach, findRequestList, findRequestPage, type RequestFilters } from './request-list.repository';

export async function getRequest(ctx: CoreContext, id: number): Promise<Request> {
  const [row, settings] = await Promise.all([loadRequestRow(ctx.db, id), getSettings(ctx.db)]);
  return toRequest(row, settings, ctx.clock.now());
}

const conditionFilters = (c: DueCondition): Partial<RequestFilters> => ({
  statuses: c.statuses,
  dueAfter: c.dueAfter,
  dueBy: c.dueBy,
  dueUnknown: c.dueUnknown,
});

/**
 * The requests in one of the desk's due windows as the desk lists them (`{ due }`, earliest due
 * first): how many (from the due tallies) and the ids of one page (along the open requests' index
 * of due times). The gap checks of overdue and soon-due requests read them here.
 */
export const dueWindowRequests = {
  count: async (db: Executor, c: DueCondition) => (await countRequestsEach(db, [{ search: '', ...conditionFilters(c) }]))[0]!,
  pageIds: async (db: Executor, c: DueCondition, page: number, pageSize: number) =>
    (await findRequestPage(db, { search: '', ...conditionFilters(c) }, { by: 'dueAt', dir: 'asc' }, page, pageSize)).map((r) => Number(r.id)),
};

/** The list's filters and order for an input at `now`; null when no request can match (a status outside the window asked for). */
export function listQueryOf(
  input: z.output<typeof requestListInput>,
  settings: Settings,
  now: Date,
): { filters: RequestFilters; sort: { by: RequestSortField; dir: 'asc' | 'desc' } } | null {
  const filters: RequestFilters = { search: input.search, kind: input.kind, channel: input.channel };
  if (input.openOnly) filters.statuses = [...OPEN_STATUSES];
  if (input.due) Object.assign(filters, conditionFilters(dueWindow(input.due, settings, now)));
  if (input.status) {
    if (filters.statuses && !filters.statuses.includes(input.status)) return null;
    filters.statuses = [input.status];
  }
  const sort = { by: input.sortBy ?? (input.due ? 'dueAt' : 'receivedAt'), dir: input.sortBy ? input.sortDir : input.due ? 'asc' : 'desc' } as const;
  return { filters, sort };
}

export async function listRequests(ctx: CoreContext, input: z.output<typeof requestListInput>): Promise<Page<RequestSummary>> {
  const settings = await getSettings(ctx.db);
  const now = ctx.clock.now();
  const query = listQueryOf(input, settings, now);
  if (!query) return { items: [], total: 0, page: input.page, pageSize: input.pageSize };
  const { rows, total, capped } = await findRequestList(ctx.db, query.filters, query.sort, input.page, input.pageSize);
  const items = rows.map((r) => toSummary(r, settings, now));
  return capped ? { items, total, totalCapped: true, page: input.page, pageSize: input.pageSize } : { items, total, page: input.page, pageSize: input.pageSize };
}

export async function listRequestEvents(ctx: CoreContext, input: z.output<typeof requestEventsInput>): Promise<Page<RequestEvent>> {
  await loadRequestRow(ctx.db, input.id);
  const [rows, total] = await Promise.all([
    findRequestEvents(ctx.db, input.id, input.pageSize, (input.page - 1) * input.pageSize),
    countRequestEvents(ctx.db, input.id),
  ]);
  return { items: rows.map(toEvent), total, page: input.page, pageSize: input.pageSize };
}

/** The UTC hour of an instant on an hour's boundary ('2026-11-17T06'); null when it falls inside an hour. */
const wholeHour = (iso: string): string | null => (iso.endsWith(':00:00.000Z') ? iso.slice(0, 13) : null);

/**
 * Requests answered from `from` (a local day's start) to `now`, and how many on time: the whole
 * hours from the answer tallies, the current hour counted from its requests. A time zone whose days
 * do not start on a UTC hour (India's, Nepal's) counts the requests themselves.
 */
async function answeredSince(ctx: CoreContext, from: string, now: Date): Promise<{ answered: number; onTime: number }> {
  const fromHour = wholeHour(from);
  const nowText = now.toISOString();
  const thisHour = nowText.slice(0, 13);
  if (!fromHour || fromHour > thisHour) return countRequestsAnswered(ctx.db, from, nowText);
  return countRequestsAnswered(ctx.db, `${thisHour}:00:00.000Z`, nowText, { fromHour, beforeHour: thisHour });
}

/** The desk's counts at the core's clock: open requests, and each due window of the timeliness rule. */
export async function requestCounts(ctx: CoreContext, settingsIn?: Settings): Promise<RequestCounts> {
  const settings = settingsIn ?? (await getSettings(ctx.db));
  const now = ctx.clock.now();
  const tz = settings.timeZone;
  const windows = (['overdue', 'today', 'due_soon', 'unknown'] as const).map((w) => ({ search: '', ...conditionFilters(dueWindow(w, settings, now)) }));
  const [[open, overdue, dueToday, dueSoon, unknownDeadline], responded] = await Promise.all([
    countRequestsEach(ctx.db, [{ search: '', statuses: [...OPEN_STATUSES] }, ...windows]),
    answeredSince(ctx, startOfLocalDay(monthStart(localDateOf(now, tz)), tz).toISOString(), now),
  ]);
  return {
    open: open!,
    overdue: overdue!,
    dueToday: dueToday!,
    dueSoon: dueSoon!,
    unknownDeadline: unknownDeadline!,
    respondedThisMonth: responded.answered,
    respondedOnTimeThisMonth: responded.onTime,
  };
}

/**
 * Requests received since the first of `weeks` (local days on which weeks start), per kind and per
 * week: from the intake tallies when every week starts on a UTC hour's boundary, else from the
 * requests themselves, placed in their week by hour (a time zone whose days start inside a UTC hour).
 */
async function receivedInWeeks(ctx: CoreContext, weeks: readonly string[], tz: string): Promise<{ byKind: { kind: string; count: number }[]; byWeek: number[] }> {
  const starts = [...weeks, addDays(weeks[weeks.length - 1]!, 7)].map((day) => startOfLocalDay(day, tz).toISOString());
  const hours = starts.map(wholeHour);
  if (hours.every((h): h is string => h !== null)) {
    const [byKind, byWeek] = await Promise.all([intakeTalliesByKindFrom(ctx.db, hours[0]!), intakeTalliesBetween(ctx.db, hours)]);
    return { byKind, byWeek };
  }
  const [byKind, byHour] = await Promise.all([countRequestsByKindSince(ctx.db, starts[0]!), countRequestsByUtcHourSince(ctx.db, starts[0]!)]);
  const counts = new Map(weeks.map((w) => [w, 0]));
  for (const r of byHour) {
    const week = weekStart(localDateOf(`${r.hour}:00:00Z`, tz));
    if (counts.has(week)) counts.set(week, counts.get(week)! + r.count);
  }
  return { byKind, byWeek: weeks.map((w) => counts.get(w)!) };
}

/** Counts, the overdue list (most overdue first), requests by kind and by week (the last 12 weeks). */
export async function requestDashboard(ctx: CoreContext): Promise<RequestDashboard> {
  const settings = await getSettings(ctx.db);
  const now = ctx.clock.now();
  const tz = settings.timeZone;
  const firstWeek = addDays(weekStart(localDateOf(now, tz)), -7 * 11);
  const weeks = Array.from({ length: 12 }, (_, i) => addDays(firstWeek, 7 * i));
  const [counts, overdueRows, received] = await Promise.all([
    requestCounts(ctx, settings),
    findRequestPage(ctx.db, { search: '', ...conditionFilters(dueWindow('overdue', settings, now)) }, { by: 'dueAt', dir: 'asc' }, 1, 20),
    receivedInWeeks(ctx, weeks, tz),
  ]);
  const byKind = received.byKind;
  return {
    counts,
    overdue: overdueRows.map((r) => toSummary(r, settings, now)),
    byKind: byKind.map((k) => ({ kind: k.kind as RequestKind, count: k.count })).sort((a, b) => b.count - a.count),
    byWeek: weeks.map((week, i) => ({ week, count: received.byWeek[i]! })),
  };
}

