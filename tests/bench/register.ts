/**
 * Sharing register benchmark: 10,000 partners, 100,000 sharing flows, 10,000 agreements (plus
 * 1,000 SDKs with 2,000 reviews and the sample policy), then each list's first page, a filtered
 * and sorted page, and the dashboard's gap counts, timed in the service layer.
 * Run: npm run bench:register   (prints its figures; no assertions)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fixedClock } from '../../src/main/core/clock';
import { openWorkbench } from '../../src/main/core/workbench';
import { listPartners } from '../../src/main/core/partners/partners.service';
import { listFlows } from '../../src/main/core/flows/flows.service';
import { listAgreements } from '../../src/main/core/agreements/agreements.service';
import { listSdks } from '../../src/main/core/sdks/sdks.service';
import { importPolicy, listClauses } from '../../src/main/core/policy/policy.service';
import { gapList, gapSummary } from '../../src/main/core/gaps/gaps.service';
import { flowListInput, partnerListInput, PARTNER_ROLES, FLOW_METHODS, SHARING_BASES } from '../../src/shared/domain/partners';
import { agreementListInput, AGREEMENT_KINDS } from '../../src/shared/domain/agreements';
import { sdkListInput, SDK_PLATFORMS, REVIEW_RESULTS } from '../../src/shared/domain/sdks';
import { policyClauseListInput } from '../../src/shared/domain/policy';
import { gapListInput } from '../../src/shared/domain/gaps';
import { samplePolicyText } from '../helpers/sample-policy';

const PARTNERS = Number(process.env.BENCH_PARTNERS ?? 10_000);
const FLOWS = Number(process.env.BENCH_FLOWS ?? 100_000);
const AGREEMENTS = Number(process.env.BENCH_AGREEMENTS ?? 10_000);
const CATEGORIES = 60;
const SDKS = 1_000;
const NOW = '2026-11-17T06:30:00.000Z';

async function time<T>(label: string, runs: number, fn: () => Promise<T>): Promise<T> {
  let result!: T;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    result = await fn();
    times.push(performance.now() - start);
  }
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  console.log(`${label.padEnd(62)} first ${times[0]!.toFixed(1).padStart(7)} ms   median ${median.toFixed(2).padStart(7)} ms`);
  return result;
}

const pick = <T>(list: readonly T[], i: number): T => list[i % list.length]!;
const day = (offset: number) => new Date(Date.parse('2026-11-17T00:00:00Z') + offset * 86_400_000).toISOString().slice(0, 10);

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'pw-bench-register-'));
  const dbPath = join(dir, 'bench.sqlite');
  const wb = await openWorkbench({ dbPath, host: 'cli', systemLanguage: 'en', clock: fixedClock(NOW), actor: 'bench', log: () => {} });
  const sqlite = wb.database.sqlite!;
  const ctx = wb.ctx;
  const now = NOW;
  console.log(`Building ${PARTNERS} partners, ${FLOWS} flows, ${AGREEMENTS} agreements, ${SDKS} SDKs in ${dbPath} …`);
  const build = performance.now();
  sqlite.transaction(() => {
    const cat = sqlite.prepare(
      `insert into collection_categories (code, name, stage, subject_type, purposes, legal_basis, collection_method, sensitive, sensitive_kind,
        separate_consent, guardian_consent, retention, retention_days, storage_location, cross_border_mechanism, policy_clause, status, notes, revision, created_at, updated_at)
       values (?, ?, 'service_use', 'individual', '提供服务', 'consent', 'automatic', ?, ?, ?, 0, ?, null, 'domestic', 'none', ?, 'active', '', 1, ?, ?)`,
    );
    for (let i = 0; i < CATEGORIES; i++) {
      const sensitive = i % 5 === 0 ? 1 : 0;
      cat.run(`CAT-${String(i).padStart(3, '0')}`, `类别 ${i}`, sensitive, sensitive ? 'specific_identity' : null, i % 10 === 0 ? 1 : 0, i % 7 === 0 ? '' : '至账户注销', i % 11 === 0 ? '' : `3.2.${i % 3}`, now, now);
    }
    const partner = sqlite.prepare(
      `insert into partners (name, role, country_region, contact, sharing_basis, policy_clause, status, notes, revision, created_at, updated_at)
       values (?, ?, ?, '', ?, ?, ?, '', 1, ?, ?)`,
    );
    const countries = ['中国', '新加坡', '德国', '美国', '日本'];
    for (let i = 0; i < PARTNERS; i++) {
      const updated = new Date(Date.parse(now) - i * 60_000).toISOString();
      partner.run(`合作方 ${String(i).padStart(5, '0')}`, pick(PARTNER_ROLES, i), pick(countries, i * 7), pick(SHARING_BASES, i), i % 13 === 0 ? '' : '4.1.4', i % 20 === 0 ? 'retired' : 'active', updated, updated);
    }
    const flow = sqlite.prepare(
      `insert into sharing_flows (partner_id, category_id, purpose, method, frequency, cross_border, cross_border_mechanism, policy_clause, notes, revision, created_at, updated_at)
       values (?, ?, ?, ?, '每日', ?, ?, '4.1.4', '', 1, ?, ?)`,
    );
    for (let i = 0; i < FLOWS; i++) {
      const partnerId = (i % PARTNERS) + 1;
      const categoryId = ((i * 7 + Math.floor(i / PARTNERS)) % CATEGORIES) + 1;
      const crossBorder = i % 50 === 0 ? 1 : 0;
      flow.run(partnerId, categoryId, `目的 ${Math.floor(i / PARTNERS)}`, pick(FLOW_METHODS, i), crossBorder, crossBorder && i % 100 === 0 ? 'standard_contract' : 'none', now, now);
    }
    const agreement = sqlite.prepare(
      `insert into agreements (partner_id, kind, reference_no, signed_on, effective_from, expires_on, auto_renews, terminated, checklist, policy_clause, notes, revision, created_at, updated_at)
       values (?, ?, ?, ?, null, ?, ?, ?, '[]', '4.1.5', '', 1, ?, ?)`,
    );
    for (let i = 0; i < AGREEMENTS; i++) {
      // Partners 1..8000 get agreements (some twice); expiry spread from two years ago to three years ahead.
      const partnerId = (i * 7919) % Math.floor(PARTNERS * 0.8) + 1;
      agreement.run(partnerId, pick(AGREEMENT_KINDS, i), `AGR-${String(i).padStart(6, '0')}`, i % 25 === 0 ? null : day(-800 + (i % 500)), i % 9 === 0 ? null : day(-700 + ((i * 37) % 1800)), i % 17 === 0 ? 1 : 0, i % 40 === 0 ? 1 : 0, now, now);
    }
    const sdk = sqlite.prepare(
      `insert into sdks (name, vendor_partner_id, platform, purpose, policy_clause, status, notes, revision, created_at, updated_at) values (?, ?, ?, '统计', '4.1.6', 'active', '', 1, ?, ?)`,
    );
    const review = sqlite.prepare(
      `insert into sdk_reviews (sdk_id, version, checklist, reviewer, reviewed_on, result, findings, next_review_due, revision, created_at, updated_at) values (?, ?, '[]', '张三', ?, ?, '', ?, 1, ?, ?)`,
    );
    for (let i = 0; i < SDKS; i++) {
      const id = Number(sdk.run(`SDK ${i}`, (i * 13) % PARTNERS + 1, pick(SDK_PLATFORMS, i), now, now).lastInsertRowid);
      for (let v = 0; v < (i % 3); v++) review.run(id, `1.${v}`, day(-600 + v * 200 + (i % 90)), pick(REVIEW_RESULTS, i + v), v === 1 ? day(30) : null, now, now);
    }
  })();
  const policyText = samplePolicyText();
  await importPolicy(ctx, { title: '码尚云隐私权政策', versionLabel: 'bench', effectiveOn: null, text: policyText, notes: '' });
  sqlite.pragma('optimize');
  console.log(`Built in ${((performance.now() - build) / 1000).toFixed(1)} s\n`);

  const runs = 7;
  await time('partners: first page (by name)', runs, () => listPartners(ctx.db, partnerListInput.parse({})));
  await time('partners: role filter, by country desc, page 3', runs, () =>
    listPartners(ctx.db, partnerListInput.parse({ role: 'entrusted_processor', status: 'active', sortBy: 'countryRegion', sortDir: 'desc', page: 3 })),
  );
  await time('partners: search "0042", by updated', runs, () => listPartners(ctx.db, partnerListInput.parse({ search: '0042', sortBy: 'updatedAt', sortDir: 'desc' })));
  await time('flows: first page (by partner)', runs, () => listFlows(ctx.db, flowListInput.parse({})));
  await time('flows: one category, cross-border, by purpose desc', runs, () =>
    listFlows(ctx.db, flowListInput.parse({ categoryId: 5, crossBorder: true, sortBy: 'purpose', sortDir: 'desc' })),
  );
  await time('flows: one category, by partner, page 20', runs, () => listFlows(ctx.db, flowListInput.parse({ categoryId: 7, page: 20 })));
  await time('flows: one partner (its detail page)', runs, () => listFlows(ctx.db, flowListInput.parse({ partnerId: 4242, sortBy: 'category', pageSize: 10 })));
  await time('agreements: first page (by expiry)', runs, () => listAgreements(ctx, agreementListInput.parse({})));
  await time('agreements: status active, by partner desc, page 2', runs, () =>
    listAgreements(ctx, agreementListInput.parse({ status: 'active', sortBy: 'partner', sortDir: 'desc', page: 2 })),
  );
  await time('agreements: kind + status expired, by signed', runs, () =>
    listAgreements(ctx, agreementListInput.parse({ kind: 'data_sharing', status: 'expired', sortBy: 'signedOn' })),
  );
  await time('SDKs: first page', runs, () => listSdks(ctx.db, sdkListInput.parse({})));
  await time('SDKs: by last review date desc', runs, () => listSdks(ctx.db, sdkListInput.parse({ sortBy: 'lastReviewedOn', sortDir: 'desc' })));
  await time('policy clauses: first page (with citing counts)', runs, () => listClauses(ctx.db, policyClauseListInput.parse({})));
  const summary = await time('dashboard: every gap count (gaps:summary)', runs, () => gapSummary(ctx));
  console.log('\nGap counts:');
  for (const g of summary) console.log(`  ${g.id.padEnd(42)} ${String(g.count).padStart(7)}`);
  console.log('');
  await time('gap list: partner-without-agreement, first page', runs, () => gapList(ctx, gapListInput.parse({ checkId: 'partner-without-agreement' })));
  await time('gap list: agreement-expiring, first page', runs, () => gapList(ctx, gapListInput.parse({ checkId: 'agreement-expiring' })));

  await wb.close();
  rmSync(dir, { recursive: true, force: true });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
