/**
 * Intake: logging a request (from the desk's form, or many at once from an import) and editing what
 * was taken in. Each gives the request its year's next reference, its deadline, a timeline entry and
 * an audit entry, in one transaction.
 */
import type { z } from 'zod';
import type { requestInput, requestUpdateInput, Request } from '@shared/domain/requests';
import type { Settings } from '@shared/domain/settings';
import { localDateOf } from '@shared/time';
import { nowIso, type CoreContext } from '../context';
import type { Executor } from '../db/executor';
import { recordAuditMany } from '../audit/audit.service';
import { bulkWriterOf } from '../db/bulk';
import { getSettings } from '../settings/settings.service';
import { loadCalendar } from '../calendar/calendar.repository';
import { newRequestDeadline, recomputedDeadline, REQUEST_ENTITY, type StoredDeadline } from './deadlines';
import { addEvents, eventRows, loadRequestForWrite, loadRequestRow, refuseFuture, requestConflict } from './request-records';
import { toRequest } from './request-view';
import { auditedChange, auditView } from '../audit/audited-update';
import {
  insertRequestEventsInBulk,
  insertRequestsInBulk,
  takeNextReferenceNumber,
  takeReferenceNumbers,
  updateRequestAtRevision,
  type RequestRow,
} from './requests.repository';

type RequestValues = z.output<typeof requestInput>;

/** `REQ-2026-0001`: the year is the organisation's year of the day the request was received. */
export const referenceOf = (year: number, number: number) => `REQ-${year}-${String(number).padStart(4, '0')}`;
const yearReceived = (receivedAt: string, settings: Settings) => Number(localDateOf(receivedAt, settings.timeZone).slice(0, 4));

/** The intake fields as the requests table stores them: what logging a request and editing its intake write. */
function intakeColumns(values: Omit<RequestValues, 'receivedAt'>, receivedAt: string) {
  return {
    channel: values.channel,
    received_at: receivedAt,
    requester_name: values.requesterName,
    requester_contact: values.requesterContact,
    account_ref: values.accountRef,
    kind: values.kind,
    details: values.details,
    concerns_minor: values.concernsMinor ? 1 : 0,
    assignee: values.assignee,
  };
}

/** A request as logged: status new, nothing verified or answered yet. */
export function newRequestRow(values: RequestValues, reference: string, receivedAt: string, deadline: StoredDeadline, now: string) {
  return {
    reference,
    ...intakeColumns(values, receivedAt),
    identity_method: null,
    identity_result: null,
    identity_verified_at: null,
    status: 'new',
    status_before_pause: null,
    ...deadline,
    responded_at: null,
    response_summary: '',
    refusal_reason: null,
    refusal_note: '',
    complaint_route_given: 0,
    response_partial: 0,
    closed_at: null,
    anonymised_at: null,
    revision: 1,
    created_at: now,
    updated_at: now,
  };
}

export const createdEventData = (row: { channel: string; due_date: string | null; deadline_problem: string | null }) => ({
  channel: row.channel,
  dueDate: row.due_date,
  problem: row.deadline_problem,
});

/** The timeline entry of a request just logged. */
const createdEvent = (ctx: CoreContext, requestId: number, row: Parameters<typeof createdEventData>[0], at: string) =>
  eventRows(ctx, requestId, [{ kind: 'created', to: 'new', data: createdEventData(row) }], at)[0]!;

/** Logs one request. */
export async function createRequest(ctx: CoreContext, values: RequestValues): Promise<Request> {
  refuseFuture(values.receivedAt, ctx, 'receivedAt');
  return ctx.db.transaction().execute((trx) => logRequest(trx, ctx, values));
}

/** Logs one request inside the caller's transaction (createRequest's, or one that adds its files). */
export async function logRequest(trx: Executor, ctx: CoreContext, values: RequestValues): Promise<Request> {
  const settings = await getSettings(trx);
  const calendar = await loadCalendar(trx);
  const receivedAt = new Date(values.receivedAt).toISOString();
  const year = yearReceived(receivedAt, settings);
  const reference = referenceOf(year, await takeNextReferenceNumber(trx, year));
  const deadline = newRequestDeadline(receivedAt, settings, calendar, ctx.clock.now());
  const now = nowIso(ctx);
  const row = newRequestRow(values, reference, receivedAt, deadline, now);
  // The bulk writer's prepared statements, one row each: the request, its timeline entry, its audit entry.
  const bulk = bulkWriterOf({ db: trx, sqlite: ctx.sqlite });
  const [id] = await insertRequestsInBulk(bulk, [row]);
  await insertRequestEventsInBulk(bulk, [createdEvent(ctx, id!, row, now)]);
  const stored: RequestRow = { id: id!, ...row }; // every column is written: no need to read it back
  await recordAuditMany(trx, ctx, [{ entity: REQUEST_ENTITY, entityId: id!, action: 'create', before: null, after: auditView(stored) }]);
  return toRequest(stored, settings, ctx.clock.now());
}

/**
 * Logs many requests at once inside the caller's transaction (an import): the same reference,
 * deadline, timeline entry and audit entry as createRequest gives each, with the settings and the
 * calendar read once and the rows written in bulk. Answers how many were logged.
 */
export async function logRequestsInBulk(trx: Executor, ctx: CoreContext, list: RequestValues[]): Promise<number> {
  if (list.length === 0) return 0;
  list.forEach((values, index) => refuseFuture(values.receivedAt, ctx, `${index}.receivedAt`));
  const bulk = bulkWriterOf({ db: trx, sqlite: ctx.sqlite });
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

  const rows = prepared.map(({ values, receivedAt, year }) => {
    const number = nextNumber.get(year)!;
    nextNumber.set(year, number + 1);
    return newRequestRow(values, referenceOf(year, number), receivedAt, newRequestDeadline(receivedAt, settings, calendar, clockNow), now);
  });
  const ids = await insertRequestsInBulk(bulk, rows);
  await insertRequestEventsInBulk(
    bulk,
    rows.map((row, i) => createdEvent(ctx, ids[i]!, row, now)),
  );
  await recordAuditMany(
    trx,
    ctx,
    rows.map((row, i) => {
      const id = ids[i]!;
      const stored: RequestRow = { id, ...row };
      return { entity: REQUEST_ENTITY, entityId: id, action: 'create' as const, before: null, after: auditView(stored) };
    }),
  );
  return rows.length;
}

/** Edits the intake fields. A changed received time moves the deadline; the timeline says so. */
export async function updateRequest(ctx: CoreContext, input: z.output<typeof requestUpdateInput>): Promise<Request> {
  const { id, revision, ...values } = input;
  refuseFuture(values.receivedAt, ctx, 'receivedAt');
  return ctx.db.transaction().execute(async (trx) => {
    const before = await loadRequestForWrite(trx, id, revision);
    const settings = await getSettings(trx);
    const receivedAt = new Date(values.receivedAt).toISOString();
    const deadline: Partial<StoredDeadline> =
      receivedAt !== before.received_at ? await recomputedDeadline(trx, { ...before, received_at: receivedAt }, settings, ctx.clock.now()) : {};
    const changed = await updateRequestAtRevision(trx, id, revision, {
      ...intakeColumns(values, receivedAt),
      ...deadline,
      updated_at: nowIso(ctx),
    });
    if (changed !== 1) throw requestConflict();
    const after = await loadRequestRow(trx, id);
    const fields = await auditedChange(trx, ctx, { entity: REQUEST_ENTITY, id, before, after, skipUnchanged: true });
    if (fields.length > 0) {
      await addEvents(trx, ctx, id, [
        {
          kind: 'edited',
          data: { fields, ...(before.due_date !== after.due_date ? { dueDateBefore: before.due_date, dueDateAfter: after.due_date } : {}) },
        },
      ]);
    }
    return toRequest(after, settings, ctx.clock.now());
  });
}
