/**
 * Builds the sharing register for the benchmarks and the plan tests, fast: raw inserts in one
 * transaction (partners, sharing flows, agreements, collection categories, SDKs with reviews).
 * Partners 1..80% have agreements (some twice); expiry dates spread from two years ago to three
 * years ahead; one flow in fifty crosses the border.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { PARTNER_ROLES, FLOW_METHODS, SHARING_BASES } from '../../src/shared/domain/partners';
import { CATEGORY_STAGES } from '../../src/shared/domain/categories';
import { AGREEMENT_KINDS } from '../../src/shared/domain/agreements';
import { SDK_PLATFORMS, REVIEW_RESULTS } from '../../src/shared/domain/sdks';

export interface RegisterSizes {
  partners: number;
  flows: number;
  agreements: number;
  categories: number;
  sdks: number;
}

/** The sharing register that goes with a desk of `requests` requests: 10,000 partners, 100,000 flows and 10,000 agreements at a million. */
export function registerSizesFor(requests: number): RegisterSizes {
  return {
    partners: Math.max(50, Math.round(requests / 100)),
    flows: Math.max(500, Math.round(requests / 10)),
    agreements: Math.max(50, Math.round(requests / 100)),
    categories: 60,
    sdks: Math.max(20, Math.min(1000, Math.round(requests / 1000))),
  };
}

const pick = <T>(list: readonly T[], i: number): T => list[i % list.length]!;
const day = (offset: number) => new Date(Date.parse('2026-11-17T00:00:00Z') + offset * 86_400_000).toISOString().slice(0, 10);

export function buildRegister(sqlite: BetterSqlite3.Database, sizes: RegisterSizes, now: string): void {
  const { partners: PARTNERS, flows: FLOWS, agreements: AGREEMENTS, categories: CATEGORIES, sdks: SDKS } = sizes;
  sqlite.transaction(() => {
    const cat = sqlite.prepare(
      `insert into collection_categories (code, name, stage, subject_type, purposes, legal_basis, collection_method, sensitive, sensitive_kind,
        separate_consent, guardian_consent, retention, retention_days, storage_location, cross_border_mechanism, policy_clause, status, notes, revision, created_at, updated_at)
       values (?, ?, ?, 'individual', '提供服务', 'consent', 'automatic', ?, ?, ?, 0, ?, null, 'domestic', 'none', ?, ?, '', 1, ?, ?)`,
    );
    for (let i = 0; i < CATEGORIES; i++) {
      const sensitive = i % 5 === 0 ? 1 : 0;
      cat.run(`CAT-${String(i).padStart(3, '0')}`, `类别 ${i}`, pick(CATEGORY_STAGES, i), sensitive, sensitive ? 'specific_identity' : null, i % 10 === 0 ? 1 : 0, i % 7 === 0 ? '' : '至账户注销', i % 11 === 0 ? '' : `3.2.${i % 3}`, i % 9 === 0 ? 'retired' : 'active', now, now);
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
}
