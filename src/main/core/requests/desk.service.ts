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
import { getSettings } from '../settings/settings.service';
import { loadRequestRow } from './request-records';
import { toEvent, toRequest, toSummary } from './request-view';
import {
  countRequestEvents,
  countRequestsAnsweredBetween,
  countRequestsByKindSince,
  countRequestsByUtcHourSince,
  findRequestEvents,
} from './requests.repository';
import { countRequests, findRequestList, findRequestPage, type RequestFilters } from './request-list.repository';

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
  const { rows, total } = await findRequestList(ctx.db, query.filters, query.sort, input.page, input.pageSize);
  return { items: rows.map((r) => toSummary(r, settings, now)), total, page: input.page, pageSize: input.pageSize };
}

export async function listRequestEvents(ctx: CoreContext, input: z.output<typeof requestEventsInput>): Promise<Page<RequestEvent>> {
  await loadRequestRow(ctx.db, input.id);
  const [rows, total] = await Promise.all([
    findRequestEvents(ctx.db, input.id, input.pageSize, (input.page - 1) * input.pageSize),
    countRequestEvents(ctx.db, input.id),
  ]);
  return { items: rows.map(toEvent), total, page: input.page, pageSize: input.pageSize };
}

/** The desk's counts at the core's clock: open requests, and each due window of the timeliness rule. */
export async function requestCounts(ctx: CoreContext, settingsIn?: Settings): Promise<RequestCounts> {
  const settings = settingsIn ?? (await getSettings(ctx.db));
  const now = ctx.clock.now();
  const tz = settings.timeZone;
  const count = (c: DueCondition) => countRequests(ctx.db, { search: '', ...conditionFilters(c) });
  const [open, overdue, dueToday, dueSoon, unknownDeadline, responded] = await Promise.all([
    countRequests(ctx.db, { search: '', statuses: [...OPEN_STATUSES] }),
    count(dueWindow('overdue', settings, now)),
    count(dueWindow('today', settings, now)),
    count(dueWindow('due_soon', settings, now)),
    count(dueWindow('unknown', settings, now)),
    countRequestsAnsweredBetween(ctx.db, startOfLocalDay(monthStart(localDateOf(now, tz)), tz).toISOString(), now.toISOString()),
  ]);
  return {
    open,
    overdue,
    dueToday,
    dueSoon,
    unknownDeadline,
    respondedThisMonth: responded.answered,
    respondedOnTimeThisMonth: responded.onTime,
  };
}

/** Counts, the overdue list (most overdue first), requests by kind and by week (the last 12 weeks). */
export async function requestDashboard(ctx: CoreContext): Promise<RequestDashboard> {
  const settings = await getSettings(ctx.db);
  const now = ctx.clock.now();
  const tz = settings.timeZone;
  const firstWeek = addDays(weekStart(localDateOf(now, tz)), -7 * 11);
  const since = startOfLocalDay(firstWeek, tz).toISOString();
  const [counts, overdueRows, byKind, byHour] = await Promise.all([
    requestCounts(ctx, settings),
    findRequestPage(ctx.db, { search: '', ...conditionFilters(dueWindow('overdue', settings, now)) }, { by: 'dueAt', dir: 'asc' }, 1, 20),
    countRequestsByKindSince(ctx.db, since),
    countRequestsByUtcHourSince(ctx.db, since),
  ]);
  // The database groups by UTC hour; each hour is placed in its local week here.
  const weeks = new Map<string, number>();
  for (let i = 0; i < 12; i++) weeks.set(addDays(firstWeek, 7 * i), 0);
  for (const r of byHour) {
    const week = weekStart(localDateOf(`${r.hour}:00:00Z`, tz));
    weeks.set(week, (weeks.get(week) ?? 0) + r.count);
  }
  return {
    counts,
    overdue: overdueRows.map((r) => toSummary(r, settings, now)),
    byKind: byKind.map((k) => ({ kind: k.kind as RequestKind, count: k.count })).sort((a, b) => b.count - a.count),
    byWeek: [...weeks].map(([week, count]) => ({ week, count })),
  };
}

