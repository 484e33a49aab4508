/** What every write to a request shares: loading it, the errors it may give, and adding timeline entries. */
import type { RequestEventKind, RequestStatus } from '@shared/domain/requests';
import { AppError } from '../errors';
import { nowIso, type CoreContext } from '../context';
import type { Executor } from '../db/executor';
import { findRequestById, insertRequestEvents, type RequestRow } from './requests.repository';

export const requestNotFound = (id: number) => new AppError('NOT_FOUND', { key: 'requests:errors.notFound', params: { id } });
export const requestConflict = () => new AppError('CONFLICT', { key: 'requests:errors.conflict' });
export const requestAnonymised = () => new AppError('VALIDATION', { key: 'requests:errors.anonymised' });

export async function loadRequestRow(db: Executor, id: number): Promise<RequestRow> {
  const row = await findRequestById(db, id);
  if (!row) throw requestNotFound(id);
  return row;
}

/** A row about to be written: it must still be at the revision the user saw, and not anonymised. */
export async function loadRequestForWrite(db: Executor, id: number, revision: number): Promise<RequestRow> {
  const row = await loadRequestRow(db, id);
  if (row.revision !== revision) throw requestConflict();
  if (row.anonymised_at) throw requestAnonymised();
  return row;
}

/** A time given for something that happened (received, verified, answered) may not lie in the future. */
export function refuseFuture(at: string, ctx: CoreContext, field: string): void {
  // A minute's grace for a clock that differs slightly between two machines on one file.
  if (new Date(at).getTime() > ctx.clock.now().getTime() + 60_000) {
    throw new AppError('VALIDATION', { key: 'requests:errors.future' }, { [field]: { key: 'validation.notInFuture' } });
  }
}

export interface EventInput {
  kind: RequestEventKind;
  from?: RequestStatus | null;
  to?: RequestStatus | null;
  text?: string;
  data?: Record<string, unknown>;
  at?: string;
}

/** Timeline entries as the table stores them; `now` where an entry gives no time of its own. */
export function eventRows(ctx: Pick<CoreContext, 'actor'>, requestId: number, events: EventInput[], now: string) {
  return events.map((e) => ({
    request_id: requestId,
    at: e.at ?? now,
    actor: ctx.actor,
    kind: e.kind,
    from_status: e.from ?? null,
    to_status: e.to ?? null,
    text: e.text ?? '',
    data: JSON.stringify(e.data ?? {}),
  }));
}

export async function addEvents(db: Executor, ctx: CoreContext, requestId: number, events: EventInput[]): Promise<void> {
  await insertRequestEvents(db, eventRows(ctx, requestId, events, nowIso(ctx)));
}
