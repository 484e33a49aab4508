import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AT, migrationStep, type MigrationStep, type Row } from './step';

let step: MigrationStep;
let before: Record<string, Row[]>;
let partners: number[];

beforeEach(async () => {
  step = await migrationStep('2026_11_29_0420_sharing_indexes');
  // A sharing register as 0310_sharing_register wrote it: two partners, one receiving by SDK, one agreement.
  const category = step.insert(
    `insert into collection_categories (code, name, stage, subject_type, purposes, legal_basis, collection_method, created_at, updated_at)
     values ('USE-DEVICE', '设备信息', 'use', 'individual', '统计分析', 'consent', 'automatic', ?, ?)`,
    AT,
    AT,
  );
  const partner = step.sqlite.prepare(
    `insert into partners (name, role, country_region, sharing_basis, created_at, updated_at) values (?, 'sdk_provider', 'CN', 'consent', ?, ?)`,
  );
  partners = ['友盟同欣', '极光'].map((name) => Number(partner.run(name, AT, AT).lastInsertRowid));
  const flow = step.sqlite.prepare(
    `insert into sharing_flows (partner_id, category_id, purpose, method, frequency, created_at, updated_at) values (?, ?, '统计分析', ?, 'realtime', ?, ?)`,
  );
  flow.run(partners[0], category, 'sdk', AT, AT);
  flow.run(partners[1], category, 'api', AT, AT);
  step.insert(
    `insert into agreements (partner_id, kind, reference_no, signed_on, effective_from, expires_on, auto_renews, created_at, updated_at)
     values (?, 'dpa', 'DPA-2026-01', '2026-01-05', '2026-01-05', '2027-01-04', 0, ?, ?)`,
    partners[0],
    AT,
    AT,
  );
  before = step.snapshot();
  await step.migrate();
});
afterEach(async () => {
  await step.close();
});

describe('2026_11_29_0420_sharing_indexes', () => {
  it('keeps every partner, flow and agreement as they were', () => {
    for (const [table, rows] of Object.entries(before)) expect(step.snapshot()[table]).toEqual(rows);
  });

  it('adds the two indexes the gap checks probe', () => {
    expect(step.addedIndexes()).toEqual({
      sharing_flows_partner_method_idx: ['partner_id', 'method'],
      agreements_partner_status_idx: ['partner_id', 'terminated', 'signed_on', 'effective_from', 'expires_on', 'auto_renews'],
    });
  });

  it('answers "does this partner receive anything by SDK?" from the index alone, for the existing flows', () => {
    const query = `select exists (select 1 from sharing_flows where partner_id = ? and method = 'sdk') as yes`;
    expect(step.plan(query, partners[0])).toContain('USING COVERING INDEX sharing_flows_partner_method_idx');
    expect(partners.map((p) => step.sqlite.prepare(query).get(p))).toEqual([{ yes: 1 }, { yes: 0 }]);
  });

  it('answers "is an agreement with this partner in force on a day?" from the index alone, for the existing agreement', () => {
    // activeSql of src/main/core/agreements/agreements.repository.ts, for one partner.
    const query = `select count(*) as n from agreements a where a.partner_id = ? and (a.terminated = 0 and a.signed_on is not null
      and coalesce(a.effective_from, a.signed_on) <= ? and (a.expires_on is null or a.expires_on >= ? or a.auto_renews = 1))`;
    expect(step.plan(query, partners[0], '2026-11-17', '2026-11-17')).toContain('USING COVERING INDEX agreements_partner_status_idx');
    expect(step.sqlite.prepare(query).get(partners[0], '2026-11-17', '2026-11-17')).toEqual({ n: 1 });
    expect(step.sqlite.prepare(query).get(partners[0], '2027-02-01', '2027-02-01')).toEqual({ n: 0 });
  });
});
