/**
 * A register with something in every list, for the plan test and the benchmark: requests (built
 * raw, see tests/bench/build-requests.ts), the sharing register to go with them, the sample policy,
 * and a few records written through the services so that timelines and audit histories exist.
 */
import type { Workbench } from '../../src/main/core/workbench';
import { loadCalendar } from '../../src/main/core/calendar/calendar.repository';
import { importPolicy } from '../../src/main/core/policy/policy.service';
import { createRequest } from '../../src/main/core/requests/intake.service';
import { createPartner } from '../../src/main/core/partners/partners.service';
import { GAP_CHECKS } from '../../src/main/core/gaps/registry';
import { buildRequests } from '../bench/build-requests';
import { buildRegister, registerSizesFor } from '../bench/build-register';
import { samplePolicyText } from './sample-policy';
import type { SampleIds } from './offered-lists';
import { sql } from 'kysely';
import { refreshPlannerStatistics } from '../../src/main/core/db/dialect';
import { afterLargeWrite } from '../../src/main/core/db/large-writes';

/**
 * Statistics for the planner, as a user's register has them after rows came in by the thousand: on
 * a file the app's own (`refreshPlannerStatistics`, as after an import and at every open); a
 * server's autovacuum vacuums and analyses a table that many rows were just written to, which also
 * empties the search index's pending list (a GIN index defers its inserts; unflushed, the planner
 * prices the trigram index above a scan of the whole table).
 */
export async function analyse(wb: Workbench): Promise<void> {
  if (wb.database.sqlite) {
    await refreshPlannerStatistics(wb.ctx.db);
    // The build's write-ahead log copied into the file and emptied, as closing the app leaves it:
    // otherwise the bench's first start times the builder's close (at 1M, a 1.1 GB log: about 1 s).
    wb.database.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  } else {
    // As the app leaves a register after a large write (the summed tallies rewritten compactly, every table analysed), then vacuumed.
    await afterLargeWrite(wb.ctx.db, Number.MAX_SAFE_INTEGER);
    await sql`vacuum`.execute(wb.ctx.db);
  }
}

export async function seedListRegister(wb: Workbench, requests: number, now: string): Promise<SampleIds> {
  const sqlite = wb.database.sqlite;
  await buildRequests(wb.ctx.db, sqlite, requests, await loadCalendar(wb.ctx.db));
  await buildRegister(wb.ctx.db, sqlite, registerSizesFor(requests), now);
  const policy = await importPolicy(wb.ctx, { title: '码尚云隐私权政策', versionLabel: 'bench', effectiveOn: null, text: samplePolicyText(), notes: '' });
  const request = await createRequest(wb.ctx, {
    channel: 'email',
    receivedAt: new Date(Date.parse(now) - 3_600_000).toISOString(),
    requesterName: '赵伟芳',
    requesterContact: 'zhao@example.com',
    accountRef: 'U-77770',
    kind: 'deletion',
    details: '',
    concernsMinor: false,
    assignee: '',
  });
  const partner = await createPartner(wb.ctx, {
    name: '审计合作方',
    role: 'entrusted_processor',
    countryRegion: '中国',
    contact: '',
    sharingBasis: 'consent',
    policyClause: '',
    notes: '',
  });
  await analyse(wb);
  return {
    partnerId: 7,
    categoryId: 5,
    vendorPartnerId: 13,
    policyVersionId: policy.version.id,
    requestId: request.id,
    checkIds: GAP_CHECKS.map((c) => c.id),
    audited: [
      { entity: 'request', entityId: request.id },
      { entity: 'partner', entityId: partner.id },
    ],
  };
}
