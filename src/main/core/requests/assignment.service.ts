import type { z } from 'zod';
import type { assignInput, myRequestsInput } from '@shared/domain/people';
import { OPEN_STATUSES, type Request, type RequestSummary } from '@shared/domain/requests';
import type { Page } from '@shared/domain/paging';
import { nowIso, type CoreContext } from '../context';
import { AppError } from '../errors';
import { auditedChange } from '../audit/audited-update';
import { getSettings } from '../settings/settings.service';
import { findPersonBySignInName } from '../people/people.repository';
import { addEvents, loadRequestForWrite, loadRequestRow, requestConflict } from './request-records';
import { updateRequestAtRevision } from './requests.repository';
import { findAssignedRequests } from './assignment.repository';
import { toRequest, toSummary } from './request-view';
import { REQUEST_ENTITY } from './deadlines';

/**
 * Assigns a request to a person of the register (by sign-in name; '' leaves it unassigned):
 * audited, and on the request's timeline, naming who assigned it.
 */
export async function assignRequest(ctx: CoreContext, input: z.output<typeof assignInput>): Promise<Request> {
  return ctx.db.transaction().execute(async (trx) => {
    const before = await loadRequestForWrite(trx, input.id, input.revision);
    if (input.assignee !== '') {
      const person = await findPersonBySignInName(trx, input.assignee);
      if (!person || person.disabled) {
        const ref = { key: 'errors:people.unknownAssignee', params: { signInName: input.assignee } };
        throw new AppError('VALIDATION', ref, { assignee: ref });
      }
    }
    const changed = await updateRequestAtRevision(trx, input.id, input.revision, { assignee: input.assignee, updated_at: nowIso(ctx) });
    if (changed !== 1) throw requestConflict();
    const after = await loadRequestRow(trx, input.id);
    const fields = await auditedChange(trx, ctx, { entity: REQUEST_ENTITY, id: input.id, before, after, skipUnchanged: true });
    if (fields.length > 0) await addEvents(trx, ctx, input.id, [{ kind: 'edited', data: { fields } }]);
    return toRequest(after, await getSettings(trx), ctx.clock.now());
  });
}

/** The caller's own requests; the system user of a single-user machine has none. */
export async function myRequests(ctx: CoreContext, input: z.output<typeof myRequestsInput>): Promise<Page<RequestSummary>> {
  const me = ctx.caller?.person?.sign_in_name;
  if (!me) return { items: [], total: 0, page: input.page, pageSize: input.pageSize };
  const [settings, { rows, total }] = await Promise.all([
    getSettings(ctx.db),
    findAssignedRequests(ctx.db, me, input.openOnly ? OPEN_STATUSES : null, input.pageSize, (input.page - 1) * input.pageSize),
  ]);
  const now = ctx.clock.now();
  return { items: rows.map((r) => toSummary(r, settings, now)), total, page: input.page, pageSize: input.pageSize };
}
