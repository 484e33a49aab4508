/**
 * The workflow: one step of a request (verify, pause, resume, respond, refuse, withdraw, close,
 * reopen, note), checked against the transition table in `@shared/domain/requests` (which steps are
 * allowed from which status) and carried out by the effects table below (what each step changes,
 * what it notes on the timeline, whether it moves the deadline). The row, its pauses, its timeline and
 * the audit log change together or not at all.
 */
import type { z } from 'zod';
import { answeredOnTime } from '@shared/deadline/timeliness';
import { TRANSITIONS, type Request, type RequestAction, type RequestStatus, type requestActInput } from '@shared/domain/requests';
import type { Settings } from '@shared/domain/settings';
import { AppError } from '../errors';
import { nowIso, type CoreContext } from '../context';
import type { Executor } from '../db/executor';
import { getSettings } from '../settings/settings.service';
import { recomputedDeadline, REQUEST_ENTITY } from './deadlines';
import { addEvents, loadRequestForWrite, refuseFuture, requestConflict, type EventInput } from './request-records';
import { toRequest } from './request-view';
import { auditedChange } from '../audit/audited-update';
import { endOpenPauses, findOpenPause, insertPause, endPause, updateRequestAtRevisionReturning, type RequestRow } from './requests.repository';

type ActInput = z.output<typeof requestActInput>;
type StepInput<A extends RequestAction> = Extract<ActInput, { action: A }>;

interface Step<A extends RequestAction> {
  trx: Executor;
  input: StepInput<A>;
  before: RequestRow;
  from: RequestStatus;
  /** When the step happened: the time given, or now. */
  at: string;
  now: string;
  settings: Settings;
}

/** What one step does beyond moving to the transition table's status. */
interface Effect {
  /** The timeline entry (its status change is filled in from the transition). */
  event: Omit<EventInput, 'from' | 'to'> & { statusless?: true };
  changes?: Partial<RequestRow>;
  /** A status other than the table's (a failed verification stays in verification). */
  to?: RequestStatus;
  /** The step may move the due date (verification starts the clock, pauses may stop it). */
  recompute?: boolean;
  /** The step's text is its reason, and goes into the audit entry (answers and notes do not). */
  auditReason?: string;
}

const resumeBeforePause = () =>
  new AppError('VALIDATION', { key: 'requests:errors.resumeBeforePause' }, { at: { key: 'validation.resumeBeforePause' } });

const EFFECTS: { [A in RequestAction]: (step: Step<A>) => Effect | Promise<Effect> } = {
  startVerification: ({ input }) => ({ event: { kind: 'verification_started', text: input.note }, auditReason: input.note }),
  verify: ({ input, at, settings }) => ({
    to: input.result === 'failed' ? 'verifying' : undefined,
    changes: { identity_method: input.method, identity_result: input.result, identity_verified_at: at },
    event: { kind: input.result === 'verified' ? 'verified' : 'verification_failed', text: input.note, data: { method: input.method, result: input.result } },
    recompute: settings.clockStart === 'verified',
    auditReason: input.note,
  }),
  pause: async ({ trx, input, before, from, at, settings }) => {
    await insertPause(trx, { request_id: before.id, started_at: at, ended_at: null, reason: input.reason, resume_reason: '' });
    return { changes: { status_before_pause: from }, event: { kind: 'paused', text: input.reason }, recompute: settings.pauseStopsClock, auditReason: input.reason };
  },
  resume: async ({ trx, input, before, at, settings }) => {
    const open = await findOpenPause(trx, before.id);
    if (open && at < open.started_at) throw resumeBeforePause();
    if (open) await endPause(trx, open.id, at, input.reason);
    return { changes: { status_before_pause: null }, event: { kind: 'resumed', text: input.reason }, recompute: settings.pauseStopsClock, auditReason: input.reason };
  },
  // An answer replaces an earlier refusal of a reopened request (the refusal stays on the timeline
  // and in the audit log): its letter and its outcome are the answer's.
  respond: ({ input, before, at }) => ({
    changes: { responded_at: at, response_summary: input.summary, response_partial: input.partial ? 1 : 0, refusal_reason: null, refusal_note: '' },
    event: {
      kind: 'responded',
      text: input.summary,
      data: { onTime: before.due_at === null ? null : answeredOnTime(at, before.due_at), ...(input.partial ? { partial: true } : {}) },
    },
  }),
  refuse: async ({ trx, input, before, at }) => {
    if (before.status_before_pause) await endOpenPauses(trx, before.id, at);
    return {
      changes: {
        refusal_reason: input.refusalReason,
        refusal_note: input.refusalNote,
        complaint_route_given: 1,
        responded_at: at,
        response_summary: input.explanation,
        status_before_pause: null,
      },
      event: {
        kind: 'refused',
        text: input.explanation,
        data: { refusalReason: input.refusalReason, ...(input.refusalNote ? { refusalNote: input.refusalNote } : {}), complaintRouteGiven: true },
      },
    };
  },
  withdraw: async ({ trx, input, before, at }) => {
    if (before.status_before_pause) await endOpenPauses(trx, before.id, at);
    return { changes: { status_before_pause: null }, event: { kind: 'withdrawn', text: input.reason }, auditReason: input.reason };
  },
  close: ({ input, now }) => ({ changes: { closed_at: now }, event: { kind: 'closed', text: input.note, at: now }, auditReason: input.note }),
  reopen: ({ input, now }) => ({ changes: { closed_at: null }, event: { kind: 'reopened', text: input.reason, at: now }, auditReason: input.reason }),
  note: ({ input, now }) => ({ event: { kind: 'note', text: input.note, at: now, statusless: true } }),
};

const impossible = (action: string, status: string) =>
  new AppError('VALIDATION', {
    key: 'requests:errors.impossibleTransition',
    params: { action: `requests:action.${action}`, status: `requests:status.${status}` },
  });

function runEffect<A extends RequestAction>(step: Step<A>): Effect | Promise<Effect> {
  return EFFECTS[step.input.action as A](step);
}

/** One step of the workflow. */
export async function actOnRequest(ctx: CoreContext, input: ActInput): Promise<Request> {
  const given = 'at' in input && input.at ? input.at : null;
  if (given) refuseFuture(given, ctx, 'at');
  return ctx.db.transaction().execute(async (trx) => {
    const before = await loadRequestForWrite(trx, input.id, input.revision);
    const from = before.status as RequestStatus;
    const rule = TRANSITIONS[input.action];
    if (!rule.from.includes(from)) throw impossible(input.action, from);
    const settings = await getSettings(trx);
    const now = nowIso(ctx);
    const at = given ? new Date(given).toISOString() : now;
    if (at < before.received_at) {
      throw new AppError('VALIDATION', { key: 'requests:errors.beforeReceived' }, { at: { key: 'validation.beforeReceived' } });
    }
    const effect = await runEffect({ trx, input, before, from, at, now, settings });
    const to: RequestStatus =
      effect.to ?? (rule.to === 'previous' ? ((before.status_before_pause as RequestStatus | null) ?? 'in_progress') : rule.to === 'same' ? from : rule.to);
    const changes: Partial<RequestRow> = { ...effect.changes };
    const { statusless, ...eventFields } = effect.event;
    const event: EventInput = { at, ...eventFields, from: statusless ? null : from, to: statusless ? null : to };

    if (effect.recompute) {
      const next = await recomputedDeadline(trx, { ...before, ...changes }, settings, ctx.clock.now());
      if (next.due_date !== before.due_date || next.deadline_problem !== before.deadline_problem) {
        Object.assign(changes, next);
        event.data = { ...(event.data ?? {}), dueDateBefore: before.due_date, dueDateAfter: next.due_date };
      }
    }

    const after = await updateRequestAtRevisionReturning(trx, before.id, before.revision, { ...changes, status: to, updated_at: now });
    if (!after) throw requestConflict();
    await addEvents(trx, ctx, before.id, [event]);
    await auditedChange(trx, ctx, {
      entity: REQUEST_ENTITY,
      id: before.id,
      before,
      after,
      action: from !== to ? 'status' : 'update',
      annotate: { before: { action: input.action }, after: { action: input.action, ...(effect.auditReason ? { reason: effect.auditReason } : {}) } },
    });
    return toRequest(after, settings, ctx.clock.now());
  });
}
