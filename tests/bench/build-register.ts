/**
 * Builds the sharing register for the benchmarks and the plan tests, fast, on either engine: bulk
 * inserts (partners, sharing flows, agreements, collection categories, SDKs with reviews).
 * Partners 1..80% have agreements (some twice); expiry dates spread from two years ago to three
 * years ahead; one flow in fifty crosses the border.
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { Insertable, Kysely } from 'kysely';
import type { Database } from '../../src/main/core/db/schema';
import { withIndexesAfter, writeRows } from './build-requests';
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

/**
 * Writes the sharing register into the register of `db`, on either engine, each table in one
 * transaction through the bulk writer (tests/bench/build-requests.ts `writeRows`). Ids are those of
 * fresh tables (1, 2, …): flows, agreements and SDKs name their partners and categories by them.
 */
export async function buildRegister(db: Kysely<Database>, sqlite: BetterSqlite3.Database | undefined, sizes: RegisterSizes, now: string): Promise<void> {
  const { partners: PARTNERS, flows: FLOWS, agreements: AGREEMENTS, categories: CATEGORIES, sdks: SDKS } = sizes;
  const stamps = { revision: 1, created_at: now, updated_at: now };
  const categories: Insertable<Database['collection_categories']>[] = [];
  for (let i = 0; i < CATEGORIES; i++) {
    const sensitive = i % 5 === 0 ? 1 : 0;
    categories.push({
      code: `CAT-${String(i).padStart(3, '0')}`,
      name: `类别 ${i}`,
      stage: pick(CATEGORY_STAGES, i),
      subject_type: 'individual',
      purposes: '提供服务',
      legal_basis: 'consent',
      collection_method: 'automatic',
      sensitive,
      sensitive_kind: sensitive ? 'specific_identity' : null,
      separate_consent: i % 10 === 0 ? 1 : 0,
      guardian_consent: 0,
      retention: i % 7 === 0 ? '' : '至账户注销',
      retention_days: null,
      storage_location: 'domestic',
      cross_border_mechanism: 'none',
      policy_clause: i % 11 === 0 ? '' : `3.2.${i % 3}`,
      status: i % 9 === 0 ? 'retired' : 'active',
      notes: '',
      ...stamps,
    } as Insertable<Database['collection_categories']>);
  }
  await writeRows(db, sqlite, 'collection_categories', categories);
  const countries = ['中国', '新加坡', '德国', '美国', '日本'];
  const partners: Insertable<Database['partners']>[] = [];
  for (let i = 0; i < PARTNERS; i++) {
    const updated = new Date(Date.parse(now) - i * 60_000).toISOString();
    partners.push({
      name: `合作方 ${String(i).padStart(5, '0')}`,
      role: pick(PARTNER_ROLES, i),
      country_region: pick(countries, i * 7),
      contact: '',
      sharing_basis: pick(SHARING_BASES, i),
      policy_clause: i % 13 === 0 ? '' : '4.1.4',
      status: i % 20 === 0 ? 'retired' : 'active',
      notes: '',
      revision: 1,
      created_at: updated,
      updated_at: updated,
    } as Insertable<Database['partners']>);
  }
  await writeRows(db, sqlite, 'partners', partners);
  const FLOW_BATCH = 50_000;
  // A hundred thousand flows at a million requests: their twenty indexes made after the rows, in one pass each.
  await withIndexesAfter(db, sqlite, 'sharing_flows', async () => {
    for (let from = 0; from < FLOWS; from += FLOW_BATCH) {
      const flows: Insertable<Database['sharing_flows']>[] = [];
      for (let i = from; i < Math.min(FLOWS, from + FLOW_BATCH); i++) {
        const crossBorder = i % 50 === 0 ? 1 : 0;
        flows.push({
          partner_id: (i % PARTNERS) + 1,
          category_id: ((i * 7 + Math.floor(i / PARTNERS)) % CATEGORIES) + 1,
          purpose: `目的 ${Math.floor(i / PARTNERS)}`,
          method: pick(FLOW_METHODS, i),
          frequency: '每日',
          cross_border: crossBorder,
          cross_border_mechanism: crossBorder && i % 100 === 0 ? 'standard_contract' : 'none',
          policy_clause: '4.1.4',
          notes: '',
          ...stamps,
        } as Insertable<Database['sharing_flows']>);
      }
      await writeRows(db, sqlite, 'sharing_flows', flows);
    }
  });
  const agreements: Insertable<Database['agreements']>[] = [];
  for (let i = 0; i < AGREEMENTS; i++) {
    // Partners 1..80% get agreements (some twice); expiry spread from two years ago to three years ahead.
    agreements.push({
      partner_id: ((i * 7919) % Math.floor(PARTNERS * 0.8)) + 1,
      kind: pick(AGREEMENT_KINDS, i),
      reference_no: `AGR-${String(i).padStart(6, '0')}`,
      signed_on: i % 25 === 0 ? null : day(-800 + (i % 500)),
      effective_from: null,
      expires_on: i % 9 === 0 ? null : day(-700 + ((i * 37) % 1800)),
      auto_renews: i % 17 === 0 ? 1 : 0,
      terminated: i % 40 === 0 ? 1 : 0,
      checklist: '[]',
      policy_clause: '4.1.5',
      notes: '',
      ...stamps,
    } as Insertable<Database['agreements']>);
  }
  await writeRows(db, sqlite, 'agreements', agreements);
  const sdks: Insertable<Database['sdks']>[] = [];
  const reviews: Insertable<Database['sdk_reviews']>[] = [];
  for (let i = 0; i < SDKS; i++) {
    sdks.push({ name: `SDK ${i}`, vendor_partner_id: ((i * 13) % PARTNERS) + 1, platform: pick(SDK_PLATFORMS, i), purpose: '统计', policy_clause: '4.1.6', status: 'active', notes: '', ...stamps } as Insertable<Database['sdks']>);
    for (let v = 0; v < i % 3; v++) {
      reviews.push({
        sdk_id: i + 1,
        version: `1.${v}`,
        checklist: '[]',
        reviewer: '张三',
        reviewed_on: day(-600 + v * 200 + (i % 90)),
        result: pick(REVIEW_RESULTS, i + v),
        findings: '',
        next_review_due: v === 1 ? day(30) : null,
        ...stamps,
      } as Insertable<Database['sdk_reviews']>);
    }
  }
  await writeRows(db, sqlite, 'sdks', sdks);
  await writeRows(db, sqlite, 'sdk_reviews', reviews);
}
