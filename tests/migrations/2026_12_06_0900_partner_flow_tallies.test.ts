import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AT, migrationStep, type MigrationStep, type Row } from './step';

let step: MigrationStep;
let before: Record<string, Row[]>;

beforeEach(async () => {
  step = await migrationStep('2026_12_06_0900_partner_flow_tallies');
  // Three partners, the third with no flow; five flows as the versions before wrote them.
  const db = step.sqlite;
  const partner = db.prepare(`insert into partners (name, role, country_region, sharing_basis, status, policy_clause, created_at, updated_at) values (?, 'affiliate', '中国', 'consent', 'active', '', ?, ?)`);
  for (const i of [1, 2, 3]) partner.run(`合作方 ${i}`, AT, AT);
  const category = db.prepare(
    `insert into collection_categories (code, name, stage, subject_type, purposes, legal_basis, collection_method, policy_clause, created_at, updated_at) values (?, ?, 'registration', 'individual', '提供服务', 'consent', 'automatic', '', ?, ?)`,
  );
  for (const i of [1, 2]) category.run(`CAT-${i}`, `类别 ${i}`, AT, AT);
  const flow = db.prepare(`insert into sharing_flows (partner_id, category_id, purpose, method, frequency, cross_border, policy_clause, created_at, updated_at) values (?, ?, ?, 'api', '每日', 0, '', ?, ?)`);
  [1, 1, 1, 2, 2].forEach((p, i) => flow.run(p, 1 + (i % 2), `目的 ${i}`, AT, AT));
  before = step.snapshot();
  await step.migrate();
});
afterEach(async () => {
  await step.close();
});

const rows = (sql: string) => step.sqlite.prepare(sql).all();
/** The tally's rows that count something, and the flows counted per partner. */
const both = () => [rows('select partner_id, n from partner_flow_tallies where n > 0 order by 1'), rows('select partner_id, count(*) as n from sharing_flows group by 1 order by 1')];
const inStep = () => {
  const [tally, counted] = both();
  expect(tally).toEqual(counted);
};

describe('2026_12_06_0900_partner_flow_tallies', () => {
  it('keeps every record as it was', () => {
    for (const [table, kept] of Object.entries(before)) expect(step.snapshot()[table]).toEqual(kept);
  });

  it('counts the flows already there per partner, none for a partner without flows', () => {
    expect(both()[0]).toEqual([
      { partner_id: 1, n: 3 },
      { partner_id: 2, n: 2 },
    ]);
    inStep();
  });

  it('keeps the tally in step as flows are added, move to another partner and go, and not for a write that fails', () => {
    const db = step.sqlite;
    const steps = [
      `insert into sharing_flows (partner_id, category_id, purpose, method, frequency, cross_border, policy_clause, created_at, updated_at) values (3, 1, '新目的', 'sdk', '每周', 1, '', '${AT}', '${AT}')`,
      `update sharing_flows set partner_id = 3 where partner_id = 2`, // several rows in one statement
      `update sharing_flows set purpose = '改写', method = 'file' where id = 1`, // nothing the tally counts by
      `delete from sharing_flows where partner_id = 1`,
    ];
    for (const statement of steps) {
      db.prepare(statement).run();
      inStep();
    }
    // Partner 1's flows all went: its row stays, at 0.
    expect(rows('select partner_id, n from partner_flow_tallies order by 1')).toEqual([
      { partner_id: 1, n: 0 },
      { partner_id: 2, n: 0 },
      { partner_id: 3, n: 3 },
    ]);
    const kept = both();
    expect(() =>
      db.transaction(() => {
        db.prepare(`update sharing_flows set partner_id = 1`).run();
        inStep();
        throw new Error('rolled back');
      })(),
    ).toThrow('rolled back');
    expect(both()).toEqual(kept);
  });
});
