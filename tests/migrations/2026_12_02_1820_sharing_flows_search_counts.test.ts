import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AT, migrationStep, type MigrationStep, type Row } from './step';

let step: MigrationStep;
let before: Record<string, Row[]>;

beforeEach(async () => {
  step = await migrationStep('2026_12_02_1820_sharing_flows_search_counts');
  // Flows as the versions before wrote them: three partners, two categories, two methods, both borders.
  const db = step.sqlite;
  const partner = db.prepare(`insert into partners (name, role, country_region, sharing_basis, status, policy_clause, created_at, updated_at) values (?, 'affiliate', '中国', 'consent', 'active', '', ?, ?)`);
  for (const name of ['北京甲方', '上海乙方', '深圳丙方']) partner.run(name, AT, AT);
  const category = db.prepare(
    `insert into collection_categories (code, name, stage, subject_type, purposes, legal_basis, collection_method, policy_clause, created_at, updated_at) values (?, ?, 'registration', 'individual', '提供服务', 'consent', 'automatic', '', ?, ?)`,
  );
  for (const i of [1, 2]) category.run(`CAT-${i}`, `类别 ${i}`, AT, AT);
  const flow = db.prepare(`insert into sharing_flows (partner_id, category_id, purpose, method, frequency, cross_border, policy_clause, created_at, updated_at) values (?, ?, ?, ?, '每日', ?, '', ?, ?)`);
  for (let i = 0; i < 36; i++) flow.run(1 + (i % 3), 1 + (i % 2), `目的 ${i}`, i % 4 ? 'api' : 'file', i % 5 === 0 ? 1 : 0, AT, AT);
  before = step.snapshot();
  await step.migrate();
});
afterEach(async () => {
  await step.close();
});

describe('2026_12_02_1820_sharing_flows_search_counts', () => {
  it('keeps every flow as it was', () => {
    expect(step.snapshot()).toEqual(before);
  });

  it('adds the indexes of a method (and border) and of a border, each with the partner and the category', () => {
    expect(step.addedIndexes()).toEqual({
      sharing_flows_method_border_partner_category_idx: ['method', 'cross_border', 'partner_id', 'category_id'],
      sharing_flows_border_partner_category_idx: ['cross_border', 'partner_id', 'category_id'],
    });
  });

  it('counts the flows of a method or a border whose partner or category is among some, from an index alone, as many as there are', () => {
    const cases = [
      [`method = 'api'`, 'sharing_flows_method_border_partner_category_idx'],
      [`method = 'api' and cross_border = 0`, 'sharing_flows_method_border_partner_category_idx'],
      [`cross_border = 0`, 'sharing_flows_border_partner_category_idx'],
    ] as const;
    for (const [filter, index] of cases) {
      const query = `select count(*) as n from sharing_flows where ${filter} and (partner_id in (select id from partners where name like '%京%') or category_id in (select id from collection_categories where code = 'CAT-2'))`;
      expect(step.plan(query), filter).toContain(`USING COVERING INDEX ${index}`);
      const byHand = (step.sqlite.prepare(`select * from sharing_flows where ${filter}`).all() as { partner_id: number; category_id: number }[]).filter((f) => f.partner_id === 1 || f.category_id === 2).length;
      expect((step.sqlite.prepare(query).get() as { n: number }).n, filter).toBe(byHand);
      expect(byHand, filter).toBeGreaterThan(3);
    }
  });
});
