/**
 * A request log from another system, moved in with its history: each request keeps its earlier
 * reference (or gets the year's next one), its status, its response time and outcome and its
 * closing time. Its deadline is computed by the calculator from the day it was received, and its
 * lateness follows from the timeliness rule as for any request; its timeline shows the history as
 * events at the times they happened, and the audit log its creation.
 */
import type { z } from 'zod';
import type { requestInput, RefusalReason, RequestStatus } from '@shared/domain/requests';
import { localDateOf } from '@shared/time';
import { nowIso, type CoreContext } from '../context';
import type { Executor } from '../db/executor';
import { auditView } from '../audit/audited-update';
import { recordAuditMany } from '../audit/audit.service';
import { bulkWriterOf } from '../db/bulk';
import { getSettings } from '../settings/settings.service';
import { loadCalendar } from '../calendar/calendar.repository';
import { newRequestDeadline, REQUEST_ENTITY } from './deadlines';
import { createdEventData, newRequestRow, referenceOf } from './intake.service';
import { eventRows, type EventInput } from './request-records';
import { insertRequestEventsInBulk, insertRequestsInBulk, raiseReferenceCounter, takeNextReferenceNumber } from './requests.repository';

type RequestValues = z.output<typeof requestInput>;

/** What a historic log holds beyond the intake fields. */
export interface RequestHistory {
  /** The reference the request had; empty: the year's next reference is given. */
  reference: string;
  status: RequestStatus;
  respondedAt: string | null;
  closedAt: string | null;
  outcome: string;
  refusalReason: RefusalReason | null;
  /** Where it came from (the file's name), for the timeline. */
  source: string;
}

/** `REQ-2025-0042`: its year and number, so that the year's counter can move past it. */
const OWN_REFERENCE = /^REQ-(\d{4})-(\d{1,9})$/;

/** The timeline of an imported request: each step of its history at the time it happened. */
function historyEvents(history: RequestHistory, receivedAt: string, row: { channel: string; due_date: string | null; deadline_problem: string | null }): EventInput[] {
  const events: EventInput[] = [
    { kind: 'created', to: 'new', at: receivedAt, data: { ...createdEventData(row), imported: history.source, ...(history.reference ? { earlierReference: history.reference } : {}) } },
  ];
  const answeredAt = history.respondedAt;
  const final = history.status;
  if (answeredAt) {
    const refused = final === 'refused' || (final === 'closed' && history.refusalReason !== null);
    events.push(
      refused
        ? { kind: 'refused', from: 'new', to: 'refused', at: answeredAt, text: history.outcome, data: { reason: history.refusalReason } }
        : { kind: 'responded', from: 'new', to: 'responded', at: answeredAt, text: history.outcome },
    );
  }
  if (final === 'withdrawn' || (final === 'closed' && !answeredAt)) {
    events.push({ kind: 'withdrawn', from: 'new', to: 'withdrawn', at: history.closedAt ?? receivedAt });
  }
  if (final === 'closed') {
    const before = events[events.length - 1]!.to ?? 'new';
    events.push({ kind: 'closed', from: before, to: 'closed', at: history.closedAt! });
  }
  if (!answeredAt && final !== 'new' && final !== 'withdrawn' && final !== 'closed') {
    // An open request in a later step (verifying, in progress, paused): how it got there is not in the log.
    events.push({ kind: 'note', from: 'new', to: final, at: receivedAt, text: '', data: { importedStatus: final } });
  }
  return events;
}

/**
 * Logs requests with their history inside the caller's transaction (an import), written in bulk as
 * logRequestsInBulk writes requests logged anew: the settings and calendar read once, every row
 * written whole (nothing read back), the timeline and audit entries through the bulk writer. Answers
 * how many.
 */
export async function logHistoricRequests(trx: Executor, ctx: CoreContext, list: { values: RequestValues; history: RequestHistory }[]): Promise<number> {
  if (list.length === 0) return 0;
  const settings = await getSettings(trx);
  const calendar = await loadCalendar(trx);
  const now = nowIso(ctx);
  const clockNow = ctx.clock.now();
  // Every kept REQ-YYYY-NNNN first (the highest of each year), so that a reference given to a row without one never repeats a later row's.
  const highest = new Map<number, number>();
  for (const { history } of list) {
    const own = OWN_REFERENCE.exec(history.reference);
    if (own) highest.set(Number(own[1]), Math.max(highest.get(Number(own[1])) ?? 0, Number(own[2])));
  }
  for (const [year, number] of highest) await raiseReferenceCounter(trx, year, number);
  const rows = [];
  for (const { values, history } of list) {
    const receivedAt = new Date(values.receivedAt).toISOString();
    const year = Number(localDateOf(receivedAt, settings.timeZone).slice(0, 4));
    const reference = history.reference || referenceOf(year, await takeNextReferenceNumber(trx, year));
    const deadline = newRequestDeadline(receivedAt, settings, calendar, clockNow);
    rows.push({
      ...newRequestRow(values, reference, receivedAt, deadline, now),
      status: history.status,
      responded_at: history.respondedAt,
      response_summary: history.outcome,
      refusal_reason: history.refusalReason,
      closed_at: history.closedAt,
    });
  }
  const bulk = bulkWriterOf({ db: trx, sqlite: ctx.sqlite });
  const ids = await insertRequestsInBulk(bulk, rows);
  await insertRequestEventsInBulk(
    bulk,
    rows.flatMap((row, i) => eventRows(ctx, ids[i]!, historyEvents(list[i]!.history, row.received_at, row), now)),
  );
  // Every column was written: the row as stored is the row given.
  await recordAuditMany(
    trx,
    ctx,
    rows.map((row, i) => ({ entity: REQUEST_ENTITY, entityId: ids[i]!, action: 'create' as const, before: null, after: auditView({ id: ids[i]!, ...row }) })),
  );
  return list.length;
}
