import type { z } from 'zod';
import type { PurgeResult, purgeInput } from '@shared/domain/requests';
import { nowIso, type CoreContext } from '../context';
import { recordAudit } from '../audit/audit.service';
import { getSettings } from '../settings/settings.service';
import { insertRequestEvents } from './requests.repository';
import { REQUEST_ENTITY } from './deadlines';

/** The instant before which a closed request's requester details are no longer kept. */
export function purgeCutoff(now: Date, years: number): string {
  const cutoff = new Date(now.getTime());
  cutoff.setUTCFullYear(cutoff.getUTCFullYear() - years);
  return cutoff.toISOString();
}

/**
 * Anonymises the requester of every request closed more than `requesterRetentionYears` ago: name,
 * contact, account reference, details and the written texts go; dates, kind, channel, status,
 * refusal reason and deadline stay for statistics. One transaction, audited, noted in each timeline.
 */
export async function purgeRequesterData(ctx: CoreContext, input: z.output<typeof purgeInput>): Promise<PurgeResult> {
  return ctx.db.transaction().execute(async (trx) => {
    const settings = await getSettings(trx);
    const cutoff = purgeCutoff(ctx.clock.now(), settings.requesterRetentionYears);
    const rows = await trx
      .selectFrom('requests')
      .select('id')
      .where('status', '=', 'closed')
      .where('closed_at', '<=', cutoff)
      .where('anonymised_at', 'is', null)
      .execute();
    const ids = rows.map((r) => r.id);
    if (input.dryRun || ids.length === 0) return { anonymised: ids.length, cutoff };
    const now = nowIso(ctx);
    for (let i = 0; i < ids.length; i += 900) {
      const chunk = ids.slice(i, i + 900);
      await trx
        .updateTable('requests')
        .set((eb) => ({
          requester_name: '',
          requester_contact: '',
          account_ref: '',
          details: '',
          response_summary: '',
          anonymised_at: now,
          updated_at: now,
          revision: eb('revision', '+', 1),
        }))
        .where('id', 'in', chunk)
        .execute();
      await trx.updateTable('request_events').set({ text: '' }).where('request_id', 'in', chunk).execute();
      await trx.updateTable('request_pauses').set({ reason: '', resume_reason: '' }).where('request_id', 'in', chunk).execute();
    }
    await insertRequestEvents(
      trx,
      ids.map((id) => ({
        request_id: id,
        at: now,
        actor: ctx.actor,
        kind: 'anonymised',
        from_status: null,
        to_status: null,
        text: '',
        data: JSON.stringify({ retentionYears: settings.requesterRetentionYears }),
      })),
    );
    await recordAudit(trx, ctx, {
      entity: REQUEST_ENTITY,
      entityId: null,
      action: 'update',
      before: null,
      after: { anonymised: ids.length, cutoff, retentionYears: settings.requesterRetentionYears, ids },
    });
    return { anonymised: ids.length, cutoff };
  });
}
