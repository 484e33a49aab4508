/**
 * Sharing register benchmark: 10,000 partners, 100,000 sharing flows, 10,000 agreements (plus
 * 1,000 SDKs with 2,000 reviews and the sample policy), then each list's first page, a filtered
 * and sorted page, and the dashboard's gap counts, timed in the service layer.
 * On SQLite and on PostgreSQL (tests/bench/engines.ts; `--engine sqlite|postgres|both`).
 * Run: npm run bench:register   (prints its figures; no assertions)
 */
import { performance } from 'node:perf_hooks';
import { listPartners } from '../../src/main/core/partners/partners.service';
import { listFlows } from '../../src/main/core/flows/flows.service';
import { listAgreements } from '../../src/main/core/agreements/agreements.service';
import { listSdks } from '../../src/main/core/sdks/sdks.service';
import { importPolicy, listClauses } from '../../src/main/core/policy/policy.service';
import { gapList, gapSummary } from '../../src/main/core/gaps/gaps.service';
import { flowListInput, partnerListInput } from '../../src/shared/domain/partners';
import { agreementListInput } from '../../src/shared/domain/agreements';
import { sdkListInput } from '../../src/shared/domain/sdks';
import { policyClauseListInput } from '../../src/shared/domain/policy';
import { gapListInput } from '../../src/shared/domain/gaps';
import { samplePolicyText } from '../helpers/sample-policy';
import { buildRegister } from './build-register';
import { analyse } from '../helpers/list-register';
import { timedLine } from './measure';
import { ENGINE_LABEL, openBenchRegister, runOnEngines, type BenchEngine } from './engines';

const PARTNERS = Number(process.env.BENCH_PARTNERS ?? 10_000);
const FLOWS = Number(process.env.BENCH_FLOWS ?? 100_000);
const AGREEMENTS = Number(process.env.BENCH_AGREEMENTS ?? 10_000);
const CATEGORIES = 60;
const SDKS = 1_000;
const NOW = '2026-11-17T06:30:00.000Z';

async function measure(engine: BenchEngine) {
  const register = await openBenchRegister(engine, NOW);
  const ctx = register.wb.ctx;
  console.log(`\n${ENGINE_LABEL[engine]}: building ${PARTNERS} partners, ${FLOWS} flows, ${AGREEMENTS} agreements, ${SDKS} SDKs …`);
  const build = performance.now();
  await buildRegister(ctx.db, register.wb.database.sqlite, { partners: PARTNERS, flows: FLOWS, agreements: AGREEMENTS, categories: CATEGORIES, sdks: SDKS }, NOW);
  const policyText = samplePolicyText();
  await importPolicy(ctx, { title: '码尚云隐私权政策', versionLabel: 'bench', effectiveOn: null, text: policyText, notes: '' });
  await analyse(register.wb);
  console.log(`Built in ${((performance.now() - build) / 1000).toFixed(1)} s\n`);

  const runs = 7;
  await timedLine('partners: first page (by name)', runs, () => listPartners(ctx.db, partnerListInput.parse({})));
  await timedLine('partners: role filter, by country desc, page 3', runs, () =>
    listPartners(ctx.db, partnerListInput.parse({ role: 'entrusted_processor', status: 'active', sortBy: 'countryRegion', sortDir: 'desc', page: 3 })),
  );
  await timedLine('partners: search "0042", by updated', runs, () => listPartners(ctx.db, partnerListInput.parse({ search: '0042', sortBy: 'updatedAt', sortDir: 'desc' })));
  await timedLine('flows: first page (by partner)', runs, () => listFlows(ctx.db, flowListInput.parse({})));
  await timedLine('flows: one category, cross-border, by purpose desc', runs, () =>
    listFlows(ctx.db, flowListInput.parse({ categoryId: 5, crossBorder: true, sortBy: 'purpose', sortDir: 'desc' })),
  );
  await timedLine('flows: one category, by partner, page 20', runs, () => listFlows(ctx.db, flowListInput.parse({ categoryId: 7, page: 20 })));
  await timedLine('flows: one partner (its detail page)', runs, () => listFlows(ctx.db, flowListInput.parse({ partnerId: 4242, sortBy: 'category', pageSize: 10 })));
  await timedLine('agreements: first page (by expiry)', runs, () => listAgreements(ctx, agreementListInput.parse({})));
  await timedLine('agreements: status active, by partner desc, page 2', runs, () =>
    listAgreements(ctx, agreementListInput.parse({ status: 'active', sortBy: 'partner', sortDir: 'desc', page: 2 })),
  );
  await timedLine('agreements: kind + status expired, by signed', runs, () =>
    listAgreements(ctx, agreementListInput.parse({ kind: 'data_sharing', status: 'expired', sortBy: 'signedOn' })),
  );
  await timedLine('SDKs: first page', runs, () => listSdks(ctx.db, sdkListInput.parse({})));
  await timedLine('SDKs: by last review date desc', runs, () => listSdks(ctx.db, sdkListInput.parse({ sortBy: 'lastReviewedOn', sortDir: 'desc' })));
  await timedLine('policy clauses: first page (with citing counts)', runs, () => listClauses(ctx.db, policyClauseListInput.parse({})));
  const summary = await timedLine('dashboard: every gap count (gaps:summary)', runs, () => gapSummary(ctx));
  console.log('\nGap counts:');
  for (const g of summary) console.log(`  ${g.id.padEnd(42)} ${String(g.count).padStart(7)}`);
  console.log('');
  await timedLine('gap list: partner-without-agreement, first page', runs, () => gapList(ctx, gapListInput.parse({ checkId: 'partner-without-agreement' })));
  await timedLine('gap list: agreement-expiring, first page', runs, () => gapList(ctx, gapListInput.parse({ checkId: 'agreement-expiring' })));

  await register.dispose();
}

runOnEngines(measure);
