import { sql } from 'kysely';
import type { z } from 'zod';
import {
  computeDeadline,
  deadlineStatus,
  type DeadlineFacts,
  type DeadlineProblem,
  type HolidayCalendar,
  type Pause,
} from '@shared/deadline/calculator';
import { addDays, endOfLocalDay, localDateOf, startOfLocalDay, weekStart } from '@shared/deadline/zoned';
import type { Page } from '@shared/domain/paging';
import {
  allowedActions,
  OPEN_STATUSES,
  TRANSITIONS,
  type IdentityMethod,
  type IdentityResult,
  type RefusalReason,
  type Request,
  type RequestActInput,
  type RequestChannel,
  type RequestCounts,
  type RequestDashboard,
  type RequestDeadline,
  type RequestEvent,
  type RequestEventKind,
  type RequestKind,
  type RequestStatus,
  type RequestSummary,
  type requestActInput,
  type requestEventsInput,
  type requestInput,
  type requestListInput,
  type requestUpdateInput,
} from '@shared/domain/requests';
import type { Settings } from '@shared/domain/settings';
import { AppError } from '../errors';
import { nowIso, type CoreContext, type Executor } from '../context';
import { diffFields, recordAudit, recordAuditMany } from '../audit/audit.service';
import { getSettings } from '../settings/settings.service';
import { insertRows, rawConnection } from '../db/bulk';
import { loadCalendar } from '../calendar/calendar.repository';
import {
  countAllRequestsByCounters,
  countRequestEvents,
  countRequests,
  findDeadlineFactsOfStatuses,
  findPauses,
  findPausesOfStatuses,
  findRequestById,
  findRequestEvents,
  findRequestPage,
  insertRequest,
  insertRequestEvents,
  setDeadlineOfIds,
  takeNextReferenceNumber,
  takeReferenceNumbers,
  updateRequestAtRevision,
  type PagePlan,
  type RequestFilters,
  type RequestRow,
  type RequestSummaryRow,
} from './requests.repository';

export const REQUEST_ENTITY = 'request';

const requestNotFound = (id: number) => new AppError('NOT_FOUND', { key: 'requests:errors.notFound', params: { id } });
const requestConflict = () => new AppError('CONFLICT', { key: 'requests:errors.conflict' });

/** Statuses in which the clock is running now: a pause stops it only when the settings say so. */
export function runningStatuses(settings: Pick<Settings, 'pauseStopsClock'>): RequestStatus[] {
  return settings.pauseStopsClock ? OPEN_STATUSES.filter((s) => s !== 'awaiting_requester') : [...OPEN_STATUSES];
}

// Deadline ----------------------------------------------------------------------------------

interface StoredDeadline {
  due_date: string | null;
  due_at: string | null;
  deadline_problem: DeadlineProblem | null;
}

function deadlineFor(
  row: Pick<RequestRow, 'received_at' | 'identity_verified_at' | 'identity_result'>,
  pauses: Pause[],
  settings: Settings,
  calendar: HolidayCalendar,
  now: Date,
): StoredDeadline {
  const facts: DeadlineFacts = {
    receivedAt: row.received_at,
    verifiedAt: row.identity_result === 'verified' ? row.identity_verified_at : null,
    pauses,
  };
  const d = computeDeadline(facts, settings, calendar, now);
  return { due_date: d.dueDate, due_at: d.dueAt, deadline_problem: d.problem };
}

async function pausesOf(db: Executor, requestId: number): Promise<Pause[]> {
  return (await findPauses(db, requestId)).map((p) => ({ from: p.started_at, to: p.ended_at }));
}

function deadlineView(row: Pick<RequestRow, 'due_date' | 'due_at' | 'deadline_problem' | 'status'>, settings: Settings, now: Date): RequestDeadline {
  const open = (OPEN_STATUSES as readonly string[]).includes(row.status);
  const running = runningStatuses(settings).includes(row.status as RequestStatus);
  const status = deadlineStatus(row.due_date, now, settings.timeZone, settings.dueSoonDays);
  return {
    dueDate: row.due_date,
    dueAt: row.due_at,
    problem: row.deadline_problem as DeadlineProblem | null,
    // A request that is answered or paused (with the clock stopped) is not overdue: its state says so.
    state: open && running ? status.state : row.due_date === null && open ? 'unknown' : 'on_track',
    daysLeft: status.daysLeft,
    overdueDays: open && running ? status.overdueDays : 0,
    running: open && running,
  };
}

// Mapping -------------------------------------------------------------------------------------

function toSummary(row: RequestSummaryRow | RequestRow, settings: Settings, now: Date): RequestSummary {
  return {
    id: row.id,
    reference: row.reference,
    channel: row.channel as RequestChannel,
    receivedAt: row.received_at,
    requesterName: row.requester_name,
    kind: row.kind as RequestKind,
    status: row.status as RequestStatus,
    concernsMinor: row.concerns_minor === 1,
    assignee: row.assignee,
    deadline: deadlineView(row, settings, now),
    revision: row.revision,
    updatedAt: row.updated_at,
  };
}

function toRequest(row: RequestRow, settings: Settings, now: Date): Request {
  return {
    ...toSummary(row, settings, now),
    requesterContact: row.requester_contact,
    accountRef: row.account_ref,
    details: row.details,
    identityMethod: row.identity_method as IdentityMethod | null,
    identityResult: row.identity_result as IdentityResult | null,
    identityVerifiedAt: row.identity_verified_at,
    respondedAt: row.responded_at,
    responseSummary: row.response_summary,
    refusalReason: row.refusal_reason as RefusalReason | null,
    complaintRouteGiven: row.complaint_route_given === 1,
    closedAt: row.closed_at,
    anonymisedAt: row.anonymised_at,
    allowedActions: row.anonymised_at ? [] : allowedActions(row.status as RequestStatus),
    createdAt: row.created_at,
  };
}

/** Requester details never enter the audit log (it is hash-chained and cannot be purged): only that they changed. */
const PERSONAL_FIELDS: ReadonlySet<string> = new Set(['requester_name', 'requester_contact', 'account_ref', 'details']);
function auditView(row: RequestRow): Record<string, unknown> {
  const view: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) {
    if (k === 'revision' || k === 'created_at' || k === 'updated_at') continue;
    view[k] = PERSONAL_FIELDS.has(k) ? (v ? '[personal data]' : '') : v;
  }
  return view;
}

async function loadRow(db: Executor, id: number): Promise<RequestRow> {
  const row = await findRequestById(db, id);
  if (!row) throw requestNotFound(id);
  return row;
}

interface EventInput {
  kind: RequestEventKind;
  from?: RequestStatus | null;
  to?: RequestStatus | null;
  text?: string;
  data?: Record<string, unknown>;
  at?: string;
}

async function addEvents(db: Executor, ctx: CoreContext, requestId: number, events: EventInput[]) {
  const now = nowIso(ctx);
  await insertRequestEvents(
    db,
    events.map((e) => ({
      request_id: requestId,
      at: e.at ?? now,
      actor: ctx.actor,
      kind: e.kind,
      from_status: e.from ?? null,
      to_status: e.to ?? null,
      text: e.text ?? '',
      data: JSON.stringify(e.data ?? {}),
    })),
  );
}

function refuseFuture(at: string, ctx: CoreContext, field: string) {
  // A minute's grace for a clock that differs slightly between two machines on one file.
  if (new Date(at).getTime() > ctx.clock.now().getTime() + 60_000) {
    throw new AppError('VALIDATION', { key: 'requests:errors.future' }, { [field]: { key: 'validation.notInFuture' } });
  }
}

// Reads ---------------------------------------------------------------------------------------

export async function getRequest(ctx: CoreContext, id: number): Promise<Request> {
  const [row, settings] = await Promise.all([loadRow(ctx.db, id), getSettings(ctx.db)]);
  return toRequest(row, settings, ctx.clock.now());
}

/** The list's due windows turned into statuses and instants in the organisation's zone. */
export function dueFilters(due: z.output<typeof requestListInput>['due'], settings: Settings, now: Date): Partial<RequestFilters> {
  if (!due) return {};
  const tz = settings.timeZone;
  const today = localDateOf(now, tz);
  const running = runningStatuses(settings);
  const nowIsoText = now.toISOString();
  switch (due) {
    case 'overdue':
      return { statuses: running, dueBy: nowIsoText };
    case 'today':
      return { statuses: running, dueAfter: nowIsoText, dueBy: endOfLocalDay(today, tz).toISOString() };
    case 'due_soon':
      return { statuses: running, dueAfter: nowIsoText, dueBy: endOfLocalDay(addDays(today, settings.dueSoonDays), tz).toISOString() };
    case 'this_week':
      return { statuses: running, dueAfter: nowIsoText, dueBy: endOfLocalDay(addDays(weekStart(today), 6), tz).toISOString() };
    case 'unknown':
      return { statuses: [...OPEN_STATUSES], dueUnknown: true };
  }
}

export async function listRequests(ctx: CoreContext, input: z.output<typeof requestListInput>): Promise<Page<RequestSummary>> {
  const settings = await getSettings(ctx.db);
  const now = ctx.clock.now();
  const filters: RequestFilters = { search: input.search, kind: input.kind, channel: input.channel };
  if (input.openOnly) filters.statuses = [...OPEN_STATUSES];
  Object.assign(filters, dueFilters(input.due, settings, now));
  if (input.status) {
    if (filters.statuses && !filters.statuses.includes(input.status)) return { items: [], total: 0, page: input.page, pageSize: input.pageSize };
    filters.statuses = [input.status];
  }
  const sort = { by: input.sortBy ?? (input.due ? 'dueAt' : 'receivedAt'), dir: input.sortBy ? input.sortDir : input.due ? 'asc' : 'desc' } as const;
  const unfiltered = !filters.search.trim() && !filters.statuses && !filters.kind && !filters.channel && !input.due;
  const page = (plan: PagePlan) => findRequestPage(ctx.db, filters, sort, input.page, input.pageSize, plan);
  let rows: RequestSummaryRow[];
  let total: number;
  if (unfiltered || filters.search.trim() || input.due) {
    [rows, total] = await Promise.all([page('filter'), unfiltered ? countAllRequestsByCounters(ctx.db) : countRequests(ctx.db, filters)]);
  } else {
    // Only status, kind and channel: when many rows match, walking the sort order finds a page
    // sooner than sorting every match (a million requests, status "closed", newest first: 64 ms,
    // most of it the count, instead of 930 ms). Roughly, walking reads (offset + page) × all ÷ matches
    // rows, sorting reads matches.
    const [matches, counted] = await Promise.all([countRequests(ctx.db, filters), countAllRequestsByCounters(ctx.db)]);
    const all = Math.max(matches, counted);
    total = matches;
    const depth = (input.page - 1) * input.pageSize + input.pageSize;
    rows = matches === 0 ? [] : await page(matches * matches > depth * all ? 'order' : 'filter');
  }
  return { items: rows.map((r) => toSummary(r, settings, now)), total, page: input.page, pageSize: input.pageSize };
}

export async function listRequestEvents(ctx: CoreContext, input: z.output<typeof requestEventsInput>): Promise<Page<RequestEvent>> {
  await loadRow(ctx.db, input.id);
  const [rows, total] = await Promise.all([
    findRequestEvents(ctx.db, input.id, input.pageSize, (input.page - 1) * input.pageSize),
    countRequestEvents(ctx.db, input.id),
  ]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      at: r.at,
      actor: r.actor,
      kind: r.kind as RequestEventKind,
      fromStatus: r.from_status as RequestStatus | null,
      toStatus: r.to_status as RequestStatus | null,
      text: r.text,
      data: JSON.parse(r.data) as Record<string, unknown>,
    })),
    total,
    page: input.page,
    pageSize: input.pageSize,
  };
}

// Writes --------------------------------------------------------------------------------------

/** Logs a request: the year's next reference, its deadline, a timeline entry and an audit entry, in one transaction. */
/** A request as logged: status new, nothing verified or answered yet. */
function newRequestRow(values: z.output<typeof requestInput>, reference: string, receivedAt: string, deadline: StoredDeadline, now: string) {
  return {
    reference,
    channel: values.channel,
    received_at: receivedAt,
    requester_name: values.requesterName,
    requester_contact: values.requesterContact,
    account_ref: values.accountRef,
    kind: values.kind,
    details: values.details,
    concerns_minor: values.concernsMinor ? 1 : 0,
    assignee: values.assignee,
    identity_method: null,
    identity_result: null,
    identity_verified_at: null,
    status: 'new',
    status_before_pause: null,
    ...deadline,
    responded_at: null,
    response_summary: '',
    refusal_reason: null,
    complaint_route_given: 0,
    closed_at: null,
    anonymised_at: null,
    revision: 1,
    created_at: now,
    updated_at: now,
  };
}

export async function createRequest(ctx: CoreContext, values: z.output<typeof requestInput>): Promise<Request> {
  refuseFuture(values.receivedAt, ctx, 'receivedAt');
  return ctx.db.transaction().execute(async (trx) => {
    const settings = await getSettings(trx);
    const calendar = await loadCalendar(trx);
    const now = nowIso(ctx);
    const receivedAt = new Date(values.receivedAt).toISOString();
    const year = Number(localDateOf(receivedAt, settings.timeZone).slice(0, 4));
    const number = await takeNextReferenceNumber(trx, year);
    const reference = `REQ-${year}-${String(number).padStart(4, '0')}`;
    const deadline = deadlineFor({ received_at: receivedAt, identity_verified_at: null, identity_result: null }, [], settings, calendar, ctx.clock.now());
    const id = await insertRequest(trx, newRequestRow(values, reference, receivedAt, deadline, now));
    await addEvents(trx, ctx, id, [{ kind: 'created', to: 'new', data: { channel: values.channel, dueDate: deadline.due_date, problem: deadline.deadline_problem } }]);
    const row = await loadRow(trx, id);
    await recordAudit(trx, ctx, { entity: REQUEST_ENTITY, entityId: id, action: 'create', before: null, after: auditView(row) });
    return toRequest(row, settings, ctx.clock.now());
  });
}

/**
 * Logs many requests at once inside the caller's transaction (an import): the same reference,
 * deadline, timeline entry and audit entry as createRequest gives each, with the settings and the
 * calendar read once and the rows written in batches. Answers how many were logged.
 */
export async function logRequestsInBulk(trx: Executor, ctx: CoreContext, list: z.output<typeof requestInput>[]): Promise<number> {
  if (list.length === 0) return 0;
  list.forEach((values, index) => refuseFuture(values.receivedAt, ctx, `${index}.receivedAt`));
  const settings = await getSettings(trx);
  const calendar = await loadCalendar(trx);
  const now = nowIso(ctx);
  const clockNow = ctx.clock.now();
  const prepared = list.map((values) => {
    const receivedAt = new Date(values.receivedAt).toISOString();
    const day = localDateOf(receivedAt, settings.timeZone);
    return { values, receivedAt, day, year: Number(day.slice(0, 4)) };
  });
  const perYear = new Map<number, number>();
  for (const p of prepared) perYear.set(p.year, (perYear.get(p.year) ?? 0) + 1);
  const nextNumber = new Map<number, number>();
  for (const [year, count] of perYear) nextNumber.set(year, await takeReferenceNumbers(trx, year, count));

  // A new request has no pause and no verification yet, so its deadline depends on the day it was
  // received only: computed once per day rather than once per row.
  const deadlines = new Map<string, StoredDeadline>();
  const rows = prepared.map(({ values, receivedAt, year, day }) => {
    const number = nextNumber.get(year)!;
    nextNumber.set(year, number + 1);
    let deadline = deadlines.get(day);
    if (!deadline) {
      deadline = deadlineFor({ received_at: receivedAt, identity_verified_at: null, identity_result: null }, [], settings, calendar, clockNow);
      deadlines.set(day, deadline);
    }
    return newRequestRow(values, `REQ-${year}-${String(number).padStart(4, '0')}`, receivedAt, deadline, now);
  });
  const sqlite = rawConnection(ctx);
  const ids = insertRows(sqlite, 'requests', rows);
  insertRows(
    sqlite,
    'request_events',
    rows.map((row, i) => ({
      request_id: ids[i]!,
      at: now,
      actor: ctx.actor,
      kind: 'created',
      from_status: null,
      to_status: 'new',
      text: '',
      data: JSON.stringify({ channel: row.channel, dueDate: row.due_date, problem: row.deadline_problem }),
    })),
  );
  await recordAuditMany(
    trx,
    ctx,
    rows.map((row, i) => {
      const id = ids[i]!;
      return { entity: REQUEST_ENTITY, entityId: id, action: 'create' as const, before: null, after: auditView({ id, ...row } as RequestRow) };
    }),
  );
  return rows.length;
}

/** Edits the intake fields. A changed received time moves the deadline; the timeline says so. */
export async function updateRequest(ctx: CoreContext, input: z.output<typeof requestUpdateInput>): Promise<Request> {
  const { id, revision, ...values } = input;
  refuseFuture(values.receivedAt, ctx, 'receivedAt');
  return ctx.db.transaction().execute(async (trx) => {
    const before = await loadRow(trx, id);
    if (before.revision !== revision) throw requestConflict();
    if (before.anonymised_at) throw new AppError('VALIDATION', { key: 'requests:errors.anonymised' });
    const settings = await getSettings(trx);
    const receivedAt = new Date(values.receivedAt).toISOString();
    let deadline: Partial<StoredDeadline> = {};
    if (receivedAt !== before.received_at) {
      deadline = deadlineFor({ ...before, received_at: receivedAt }, await pausesOf(trx, id), settings, await loadCalendar(trx), ctx.clock.now());
    }
    const changed = await updateRequestAtRevision(trx, id, revision, {
      channel: values.channel,
      received_at: receivedAt,
      requester_name: values.requesterName,
      requester_contact: values.requesterContact,
      account_ref: values.accountRef,
      kind: values.kind,
      details: values.details,
      concerns_minor: values.concernsMinor ? 1 : 0,
      assignee: values.assignee,
      ...deadline,
      updated_at: nowIso(ctx),
    });
    if (changed !== 1) throw requestConflict();
    const after = await loadRow(trx, id);
    const changes = diffFields(auditView(before), auditView(after));
    if (Object.keys(changes).length > 0) {
      await addEvents(trx, ctx, id, [
        {
          kind: 'edited',
          data: {
            fields: Object.keys(changes),
            ...(before.due_date !== after.due_date ? { dueDateBefore: before.due_date, dueDateAfter: after.due_date } : {}),
          },
        },
      ]);
      await recordAudit(trx, ctx, {
        entity: REQUEST_ENTITY,
        entityId: id,
        action: 'update',
        before: Object.fromEntries(Object.entries(changes).map(([k, [b]]) => [k, b])),
        after: Object.fromEntries(Object.entries(changes).map(([k, [, a]]) => [k, a])),
      });
    }
    return toRequest(after, settings, ctx.clock.now());
  });
}

type ActInput = z.output<typeof requestActInput>;

const impossible = (action: string, status: string) =>
  new AppError('VALIDATION', {
    key: 'requests:errors.impossibleTransition',
    params: { action: `requests:action.${action}`, status: `requests:status.${status}` },
  });

/**
 * One step of the workflow, checked against the transition table. The row, its timeline and the
 * audit log change together or not at all.
 */
export async function actOnRequest(ctx: CoreContext, input: ActInput): Promise<Request> {
  if ('at' in input && input.at) refuseFuture(input.at, ctx, 'at');
  return ctx.db.transaction().execute(async (trx) => {
    const before = await loadRow(trx, input.id);
    if (before.revision !== input.revision) throw requestConflict();
    if (before.anonymised_at) throw new AppError('VALIDATION', { key: 'requests:errors.anonymised' });
    const from = before.status as RequestStatus;
    const rule = TRANSITIONS[input.action];
    if (!rule.from.includes(from)) throw impossible(input.action, from);
    const settings = await getSettings(trx);
    const now = nowIso(ctx);
    const at = 'at' in input && input.at ? new Date(input.at).toISOString() : now;
    if (at < before.received_at) {
      throw new AppError('VALIDATION', { key: 'requests:errors.beforeReceived' }, { at: { key: 'validation.beforeReceived' } });
    }
    let to: RequestStatus =
      rule.to === 'previous' ? ((before.status_before_pause as RequestStatus | null) ?? 'in_progress') : rule.to === 'same' ? from : rule.to;
    const changes: Partial<RequestRow> = {};
    const event: EventInput = { kind: 'note', from, to, at };
    let recompute = false;

    switch (input.action) {
      case 'startVerification':
        Object.assign(event, { kind: 'verification_started', text: input.note });
        break;
      case 'verify':
        if (input.result === 'failed') to = 'verifying';
        Object.assign(changes, { identity_method: input.method, identity_result: input.result, identity_verified_at: at });
        Object.assign(event, {
          kind: input.result === 'verified' ? 'verified' : 'verification_failed',
          to,
          text: input.note,
          data: { method: input.method, result: input.result },
        });
        recompute = settings.clockStart === 'verified';
        break;
      case 'pause':
        Object.assign(changes, { status_before_pause: from });
        await trx.insertInto('request_pauses').values({ request_id: before.id, started_at: at, ended_at: null, reason: input.reason, resume_reason: '' }).execute();
        Object.assign(event, { kind: 'paused', text: input.reason });
        recompute = settings.pauseStopsClock;
        break;
      case 'resume': {
        const open = await trx
          .selectFrom('request_pauses')
          .select(['id', 'started_at'])
          .where('request_id', '=', before.id)
          .where('ended_at', 'is', null)
          .executeTakeFirst();
        if (open && at < open.started_at) {
          throw new AppError('VALIDATION', { key: 'requests:errors.resumeBeforePause' }, { at: { key: 'validation.resumeBeforePause' } });
        }
        if (open) await trx.updateTable('request_pauses').set({ ended_at: at, resume_reason: input.reason }).where('id', '=', open.id).execute();
        Object.assign(changes, { status_before_pause: null });
        Object.assign(event, { kind: 'resumed', text: input.reason });
        recompute = settings.pauseStopsClock;
        break;
      }
      case 'respond':
        Object.assign(changes, { responded_at: at, response_summary: input.summary });
        Object.assign(event, { kind: 'responded', text: input.summary, data: { onTime: before.due_at === null ? null : at <= before.due_at } });
        break;
      case 'refuse':
        if (before.status_before_pause) {
          await trx.updateTable('request_pauses').set({ ended_at: at }).where('request_id', '=', before.id).where('ended_at', 'is', null).execute();
        }
        Object.assign(changes, {
          refusal_reason: input.refusalReason,
          complaint_route_given: 1,
          responded_at: at,
          response_summary: input.explanation,
          status_before_pause: null,
        });
        Object.assign(event, { kind: 'refused', text: input.explanation, data: { refusalReason: input.refusalReason, complaintRouteGiven: true } });
        break;
      case 'withdraw':
        if (before.status_before_pause) {
          await trx.updateTable('request_pauses').set({ ended_at: at }).where('request_id', '=', before.id).where('ended_at', 'is', null).execute();
        }
        Object.assign(changes, { status_before_pause: null });
        Object.assign(event, { kind: 'withdrawn', text: input.reason });
        break;
      case 'close':
        Object.assign(changes, { closed_at: now });
        Object.assign(event, { kind: 'closed', text: input.note, at: now });
        break;
      case 'reopen':
        Object.assign(changes, { closed_at: null });
        Object.assign(event, { kind: 'reopened', text: input.reason, at: now });
        break;
      case 'note':
        Object.assign(event, { kind: 'note', text: input.note, from: null, to: null, at: now });
        break;
    }

    if (recompute) {
      const pauses = await pausesOf(trx, before.id);
      const next = deadlineFor({ ...before, ...changes } as RequestRow, pauses, settings, await loadCalendar(trx), ctx.clock.now());
      if (next.due_date !== before.due_date || next.deadline_problem !== before.deadline_problem) {
        Object.assign(changes, next);
        event.data = { ...(event.data ?? {}), dueDateBefore: before.due_date, dueDateAfter: next.due_date };
      }
    }

    const updated = await updateRequestAtRevision(trx, before.id, before.revision, { ...changes, status: to, updated_at: now });
    if (updated !== 1) throw requestConflict();
    await addEvents(trx, ctx, before.id, [event]);
    const after = await loadRow(trx, before.id);
    const diff = diffFields(auditView(before), auditView(after));
    await recordAudit(trx, ctx, {
      entity: REQUEST_ENTITY,
      entityId: before.id,
      action: from !== to ? 'status' : 'update',
      before: { action: input.action, ...Object.fromEntries(Object.entries(diff).map(([k, [b]]) => [k, b])) },
      after: {
        action: input.action,
        ...(event.text && input.action !== 'respond' && input.action !== 'refuse' && input.action !== 'note' ? { reason: event.text } : {}),
        ...Object.fromEntries(Object.entries(diff).map(([k, [, a]]) => [k, a])),
      },
    });
    return toRequest(after, settings, ctx.clock.now());
  });
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
      const start = settings.clockStart === 'verified' && row.identity_result === 'verified' ? row.identity_verified_at! : row.received_at;
      const key = localDateOf(start, settings.timeZone) + (settings.clockStart === 'verified' && row.identity_result === 'verified' ? 'v' : 'r');
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
      data: JSON.stringify({ cause: cause.cause, fields: cause.fields ?? [], dueDateBefore: row.due_date, dueDateAfter: next.due_date, problem: next.deadline_problem }),
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

export const DEADLINE_SETTINGS = ['timeZone', 'responseDays', 'countingMode', 'clockStart', 'rollOver', 'pauseStopsClock'] as const;

/** The settings hook: a changed deadline rule recomputes the open requests in the same transaction. */
export async function onSettingsChanged(trx: Executor, ctx: CoreContext, before: Settings, after: Settings): Promise<void> {
  const fields = DEADLINE_SETTINGS.filter((k) => before[k] !== after[k]);
  if (fields.length === 0) return;
  await recomputeOpenDeadlines(trx, ctx, after, { cause: 'settings', fields });
}

// Dashboard -----------------------------------------------------------------------------------

async function countWhere(
  db: Executor,
  statuses: readonly string[],
  range: { after?: string; by?: string; unknown?: boolean },
): Promise<number> {
  let q = db.selectFrom('requests').select((eb) => eb.fn.countAll<number>().as('n')).where('status', 'in', [...statuses]);
  if (range.unknown) q = q.where('due_at', 'is', null);
  if (range.after) q = q.where('due_at', '>', range.after);
  if (range.by) q = q.where('due_at', '<=', range.by);
  const { n } = await q.executeTakeFirstOrThrow();
  return Number(n);
}

export async function requestCounts(ctx: CoreContext, settingsIn?: Settings): Promise<RequestCounts> {
  const settings = settingsIn ?? (await getSettings(ctx.db));
  const now = ctx.clock.now();
  const tz = settings.timeZone;
  const nowText = now.toISOString();
  const today = localDateOf(now, tz);
  const running = runningStatuses(settings);
  const monthStart = startOfLocalDay(`${today.slice(0, 7)}-01`, tz).toISOString();
  const [open, overdue, dueToday, dueSoon, unknownDeadline, responded] = await Promise.all([
    countWhere(ctx.db, OPEN_STATUSES, {}),
    countWhere(ctx.db, running, { by: nowText }),
    countWhere(ctx.db, running, { after: nowText, by: endOfLocalDay(today, tz).toISOString() }),
    countWhere(ctx.db, running, { after: nowText, by: endOfLocalDay(addDays(today, settings.dueSoonDays), tz).toISOString() }),
    countWhere(ctx.db, OPEN_STATUSES, { unknown: true }),
    ctx.db
      .selectFrom('requests')
      .select((eb) => [
        eb.fn.countAll<number>().as('n'),
        eb.fn.sum<number>(eb.case().when('responded_at', '<=', eb.ref('due_at')).then(1).else(0).end()).as('onTime'),
      ])
      .where('responded_at', '>=', monthStart)
      .where('responded_at', '<=', nowText)
      .executeTakeFirstOrThrow(),
  ]);
  return {
    open,
    overdue,
    dueToday,
    dueSoon,
    unknownDeadline,
    respondedThisMonth: Number(responded.n),
    respondedOnTimeThisMonth: Number(responded.onTime ?? 0),
  };
}

/** Counts, the overdue list (most overdue first), requests by kind (open) and by week (last 12 weeks). */
export async function requestDashboard(ctx: CoreContext): Promise<RequestDashboard> {
  const settings = await getSettings(ctx.db);
  const now = ctx.clock.now();
  const tz = settings.timeZone;
  const firstWeek = addDays(weekStart(localDateOf(now, tz)), -7 * 11);
  const since = startOfLocalDay(firstWeek, tz).toISOString();
  const [counts, overdueRows, byKind, received] = await Promise.all([
    requestCounts(ctx, settings),
    findRequestPage(ctx.db, { search: '', statuses: runningStatuses(settings), dueBy: now.toISOString() }, { by: 'dueAt', dir: 'asc' }, 1, 20),
    ctx.db
      .selectFrom('requests')
      .select(['kind', (eb) => eb.fn.countAll<number>().as('n')])
      .where('received_at', '>=', since)
      .groupBy('kind')
      .execute(),
    // Grouped by UTC hour in the database, then each hour placed in its local week here.
    ctx.db
      .selectFrom('requests')
      .select([sql<string>`substr(received_at, 1, 13)`.as('hour'), (eb) => eb.fn.countAll<number>().as('n')])
      .where('received_at', '>=', since)
      .groupBy(sql`substr(received_at, 1, 13)`)
      .execute(),
  ]);
  const weeks = new Map<string, number>();
  for (let i = 0; i < 12; i++) weeks.set(addDays(firstWeek, 7 * i), 0);
  for (const r of received) {
    const week = weekStart(localDateOf(`${r.hour}:00:00Z`, tz));
    weeks.set(week, (weeks.get(week) ?? 0) + Number(r.n));
  }
  return {
    counts,
    overdue: overdueRows.map((r) => toSummary(r, settings, now)),
    byKind: byKind.map((k) => ({ kind: k.kind as RequestKind, count: Number(k.n) })).sort((a, b) => b.count - a.count),
    byWeek: [...weeks].map(([week, count]) => ({ week, count })),
  };
}
