/**
 * Stored deadlines: computing a request's due date from its facts (the calculator in
 * `src/shared/deadline/`), and recomputing every open request's when a deadline setting or the
 * holiday calendar changes, each moved due date noted on that request's timeline.
 */
import { computeDeadline, readStoredProblem, storedProblem, type HolidayCalendar, type Pause } from '@shared/deadline/calculator';
import { OPEN_STATUSES } from '@shared/domain/requests';
import type { Settings } from '@shared/domain/settings';
import { localDateOf } from '@shared/time';
import type { CoreContext } from '../context';
import type { Executor } from '../db/executor';
import { recordAudit } from '../audit/audit.service';
import { loadCalendar } from '../calendar/calendar.repository';
import {
  findDeadlineFactsOfStatuses,
  findPauses,
  findPausesOfStatuses,
  insertRequestEvents,
  setDeadlineOfIds,
  type RequestRow,
} from './requests.repository';

export const REQUEST_ENTITY = 'request';

/** The settings that move a due date. */
export const DEADLINE_SETTINGS = ['timeZone', 'responseDays', 'countingMode', 'clockStart', 'rollOver', 'pauseStopsClock'] as const;

/** A deadline as the requests table stores it. */
export interface StoredDeadline {
  due_date: string | null;
  due_at: string | null;
  /** `storedProblem()`: `calendar_provisional:2027` for a due date counted through a year not yet complete. */
  deadline_problem: string | null;
}

export type DeadlineFactsRow = Pick<RequestRow, 'received_at' | 'identity_verified_at' | 'identity_result'>;

/** The deadline of a request with these facts and pauses, under the settings and calendar, at `now`. */
export function deadlineFor(row: DeadlineFactsRow, pauses: Pause[], settings: Settings, calendar: HolidayCalendar, now: Date): StoredDeadline {
  const d = computeDeadline(
    { receivedAt: row.received_at, verifiedAt: row.identity_result === 'verified' ? row.identity_verified_at : null, pauses },
    settings,
    calendar,
    now,
  );
  return { due_date: d.dueDate, due_at: d.dueAt, deadline_problem: storedProblem(d.problem, d.missingYears) };
}

/**
 * New requests' deadlines by the day received, per settings and calendar: both are read from memory
 * and replaced by a new object when they change (db/revision-cache.ts), so a changed one starts afresh.
 */
const newDeadlines = new WeakMap<Settings, WeakMap<HolidayCalendar, Map<string, StoredDeadline>>>();
const NEW_DEADLINES_KEPT = 2000;

/**
 * A new request's deadline: no pause and no verification yet, so it depends on the received day only
 * (and `now` not at all: it bounds open pauses alone). Computed once per day, settings and calendar.
 */
export function newRequestDeadline(receivedAt: string, settings: Settings, calendar: HolidayCalendar, now: Date): StoredDeadline {
  let byCalendar = newDeadlines.get(settings);
  if (!byCalendar) newDeadlines.set(settings, (byCalendar = new WeakMap()));
  let byDay = byCalendar.get(calendar);
  if (!byDay) byCalendar.set(calendar, (byDay = new Map()));
  const day = localDateOf(receivedAt, settings.timeZone);
  let deadline = byDay.get(day);
  if (!deadline) {
    deadline = deadlineFor({ received_at: receivedAt, identity_verified_at: null, identity_result: null }, [], settings, calendar, now);
    if (byDay.size >= NEW_DEADLINES_KEPT) byDay.clear();
    byDay.set(day, deadline);
  }
  return deadline;
}

/** The pauses of one request, as the calculator takes them. */
export async function pausesOf(db: Executor, requestId: number): Promise<Pause[]> {
  return (await findPauses(db, requestId)).map((p) => ({ from: p.started_at, to: p.ended_at }));
}

/** The deadline of a stored request after `changes`, with its pauses and the calendar read in `db`. */
export async function recomputedDeadline(db: Executor, row: RequestRow, settings: Settings, now: Date): Promise<StoredDeadline> {
  return deadlineFor(row, await pausesOf(db, row.id), settings, await loadCalendar(db), now);
}

/**
 * Recomputes the stored deadline of every open request (after a settings or calendar change),
 * inside the caller's transaction, and notes each moved due date in that request's timeline.
 * Answers how many due dates changed.
 */
export async function recomputeOpenDeadlines(
  trx: Executor,
  ctx: CoreContext,
  settings: Settings,
  cause: { cause: 'settings' | 'calendar'; fields?: string[] },
): Promise<number> {
  const calendar = await loadCalendar(trx);
  const now = ctx.clock.now();
  const rows = await findDeadlineFactsOfStatuses(trx, OPEN_STATUSES);
  const pauses = new Map<number, Pause[]>();
  for (const p of await findPausesOfStatuses(trx, OPEN_STATUSES)) {
    const list = pauses.get(p.request_id) ?? [];
    list.push({ from: p.started_at, to: p.ended_at });
    pauses.set(p.request_id, list);
  }
  // Requests with no pauses and the same start day share one result.
  const memo = new Map<string, StoredDeadline>();
  const groups = new Map<string, { deadline: StoredDeadline; ids: number[] }>();
  const events: Parameters<typeof insertRequestEvents>[1] = [];
  const at = now.toISOString();
  for (const row of rows) {
    const own = pauses.get(row.id);
    let next: StoredDeadline;
    if (own) {
      next = deadlineFor(row, own, settings, calendar, now);
    } else {
      const verified = settings.clockStart === 'verified' && row.identity_result === 'verified';
      const key = localDateOf(verified ? row.identity_verified_at! : row.received_at, settings.timeZone) + (verified ? 'v' : 'r');
      next = memo.get(key) ?? deadlineFor(row, [], settings, calendar, now);
      memo.set(key, next);
    }
    if (next.due_date === row.due_date && next.due_at === row.due_at && next.deadline_problem === row.deadline_problem) continue;
    const groupKey = `${next.due_date}|${next.due_at}|${next.deadline_problem}`;
    const group = groups.get(groupKey) ?? { deadline: next, ids: [] };
    group.ids.push(row.id);
    groups.set(groupKey, group);
    events.push({
      request_id: row.id,
      at,
      actor: ctx.actor,
      kind: 'deadline_recomputed',
      from_status: null,
      to_status: null,
      text: '',
      data: JSON.stringify({ cause: cause.cause, fields: cause.fields ?? [], dueDateBefore: row.due_date, dueDateAfter: next.due_date, ...readStoredProblem(next.deadline_problem), problemBefore: readStoredProblem(row.deadline_problem).problem, missingYearsBefore: readStoredProblem(row.deadline_problem).missingYears }),
    });
  }
  for (const { deadline, ids } of groups.values()) await setDeadlineOfIds(trx, ids, deadline);
  await insertRequestEvents(trx, events);
  if (events.length > 0) {
    await recordAudit(trx, ctx, {
      entity: REQUEST_ENTITY,
      entityId: null,
      action: 'update',
      before: null,
      after: { deadlinesRecomputed: events.length, cause: cause.cause, fields: cause.fields ?? [] },
    });
  }
  return events.length;
}

/** The settings hook: a changed deadline rule recomputes the open requests in the same transaction. */
export async function onSettingsChanged(trx: Executor, ctx: CoreContext, before: Settings, after: Settings): Promise<void> {
  const fields = DEADLINE_SETTINGS.filter((k) => before[k] !== after[k]);
  if (fields.length === 0) return;
  await recomputeOpenDeadlines(trx, ctx, after, { cause: 'settings', fields });
}
