import type { z } from 'zod';
import type { PurgeResult, purgeInput } from '@shared/domain/requests';
import { nowIso, type CoreContext } from '../context';
import { recordAudit } from '../audit/audit.service';
import { getSettings } from '../settings/settings.service';
import { anonymiseRequesters, findIdsOfRequestsClosedBefore, forgetAnonymisedText, insertRequestEvents } from './requests.repository';
import { REQUEST_ENTITY } from './deadlines';
import { releaseRequestFiles } from './email-intake.service';
import { forgetRemovedFiles } from '../agreements/stored-files.repository';

/** The instant before which a closed request's requester details are no longer kept. */
export function purgeCutoff(now: Date, years: number): string {
  const cutoff = new Date(now.getTime());
  cutoff.setUTCFullYear(cutoff.getUTCFullYear() - years);
  return cutoff.toISOString();
}

/**
 * Anonymises the requester of every request closed more than `requesterRetentionYears` ago: name,
 * contact, account reference, details, the written texts and the files kept with the request go; dates, kind, channel, status,
 * refusal reason and deadline stay for statistics. One transaction, audited, noted in each timeline;
 * once it has committed, no old version of the rows (nor the search index) keeps what was removed.
 */
export async function purgeRequesterData(ctx: CoreContext, input: z.output<typeof purgeInput>): Promise<PurgeResult> {
  let files: Array<{ sha256: string; file_name: string }> = [];
  const result = await ctx.db.transaction().execute(async (trx) => {
    const settings = await getSettings(trx);
    const cutoff = purgeCutoff(ctx.clock.now(), settings.requesterRetentionYears);
    const ids = await findIdsOfRequestsClosedBefore(trx, cutoff);
    if (input.dryRun || ids.length === 0) return { anonymised: ids.length, cutoff };
    const now = nowIso(ctx);
    files = await anonymiseRequesters(trx, ids, now);
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
  if (!input.dryRun && result.anonymised > 0) await forgetAnonymisedText(ctx.db);
  // The files go once their rows are gone for good (after the commit), unless another request keeps them.
  await releaseRequestFiles(ctx, files);
  if (files.length > 0) await forgetRemovedFiles(ctx.db);
  return result;
}
