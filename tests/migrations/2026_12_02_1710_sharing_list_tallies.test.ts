import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AT, migrationStep, type MigrationStep, type Row } from './step';

let step: MigrationStep;
let before: Record<string, Row[]>;

beforeEach(async () => {
  step = await migrationStep('2026_12_02_1710_sharing_list_tallies');
  // Records of the four registers as the versions before wrote them.
  const db = step.sqlite;
  const partner = db.prepare(`insert into partners (name, role, country_region, sharing_basis, status, policy_clause, created_at, updated_at) values (?, ?, '中国', 'consent', ?, '', ?, ?)`);
  [['affiliate', 'active'], ['affiliate', 'active'], ['affiliate', 'retired'], ['state_organ', 'active']].forEach(([role, status], i) => partner.run(`合作方 ${i}`, role, status, AT, AT));
  const category = db.prepare(
    `insert into collection_categories (code, name, stage, subject_type, purposes, legal_basis, collection_method, policy_clause, created_at, updated_at) values (?, ?, 'registration', 'individual', '提供服务', 'consent', 'automatic', '', ?, ?)`,
  );
  for (const i of [1, 2]) category.run(`CAT-${i}`, `类别 ${i}`, AT, AT);
  const flow = db.prepare(`insert into sharing_flows (partner_id, category_id, purpose, method, frequency, cross_border, policy_clause, created_at, updated_at) values (?, ?, ?, ?, '每日', ?, '', ?, ?)`);
  [[1, 'api', 0], [1, 'api', 0], [2, 'api', 1], [1, 'file', 0]].forEach(([c, method, border], i) => flow.run(1 + (i % 2), c, `目的 ${i}`, method, border, AT, AT));
  const agreement = db.prepare(`insert into agreements (partner_id, kind, reference_no, signed_on, terminated, policy_clause, created_at, updated_at) values (1, ?, ?, ?, ?, '', ?, ?)`);
  [['data_sharing', null, 0], ['data_sharing', '2026-01-10', 0], ['data_sharing', '2026-01-10', 1], ['confidentiality', null, 1]].forEach(([kind, signed, terminated], i) => agreement.run(kind, `AGR-${i}`, signed, terminated, AT, AT));
  const sdk = db.prepare(`insert into sdks (name, vendor_partner_id, platform, purpose, policy_clause, status, created_at, updated_at) values (?, 1, ?, '统计', '', ?, ?, ?)`);
  [['android', 'active'], ['android', 'active'], ['ios', 'retired']].forEach(([platform, status], i) => sdk.run(`SDK ${i}`, platform, status, AT, AT));
  before = step.snapshot();
  await step.migrate();
});
afterEach(async () => {
  await step.close();
});

const rows = (sql: string) => step.sqlite.prepare(sql).all();
/** Each tally's rows that count something, and the same counts grouped from the register's rows. */
const STATE = `case when terminated = 1 then 'terminated' when signed_on is null then 'draft' else 'dated' end`;
const both = () => ({
  flows: [rows('select category_id, method, cross_border, n from sharing_flow_tallies where n > 0 order by 1, 2, 3'), rows('select category_id, method, cross_border, count(*) as n from sharing_flows group by 1, 2, 3 order by 1, 2, 3')],
  partners: [rows('select role, status, n from partner_tallies where n > 0 order by 1, 2'), rows('select role, status, count(*) as n from partners group by 1, 2 order by 1, 2')],
  sdks: [rows('select platform, status, n from sdk_tallies where n > 0 order by 1, 2'), rows('select platform, status, count(*) as n from sdks group by 1, 2 order by 1, 2')],
  agreements: [rows('select kind, state, n from agreement_tallies where n > 0 order by 1, 2'), rows(`select kind, ${STATE} as state, count(*) as n from agreements group by 1, 2 order by 1, 2`)],
});
const inStep = () => {
  for (const [register, [tally, counted]] of Object.entries(both())) expect(tally, register).toEqual(counted);
};

describe('2026_12_02_1710_sharing_list_tallies', () => {
  it('keeps every record as it was', () => {
    for (const [table, kept] of Object.entries(before)) expect(step.snapshot()[table]).toEqual(kept);
  });

  it('counts the records already there by their filters’ values', () => {
    expect(both().flows[0]).toEqual([
      { category_id: 1, method: 'api', cross_border: 0, n: 2 },
      { category_id: 1, method: 'file', cross_border: 0, n: 1 },
      { category_id: 2, method: 'api', cross_border: 1, n: 1 },
    ]);
    expect(both().partners[0]).toEqual([
      { role: 'affiliate', status: 'active', n: 2 },
      { role: 'affiliate', status: 'retired', n: 1 },
      { role: 'state_organ', status: 'active', n: 1 },
    ]);
    expect(both().sdks[0]).toEqual([
      { platform: 'android', status: 'active', n: 2 },
      { platform: 'ios', status: 'retired', n: 1 },
    ]);
    expect(both().agreements[0]).toEqual([
      { kind: 'confidentiality', state: 'terminated', n: 1 },
      { kind: 'data_sharing', state: 'dated', n: 1 },
      { kind: 'data_sharing', state: 'draft', n: 1 },
      { kind: 'data_sharing', state: 'terminated', n: 1 },
    ]);
    inStep();
  });

  it('keeps the tallies in step as records are added, change and go, and not for a write that fails', () => {
    const db = step.sqlite;
    const steps = [
      `update sharing_flows set method = 'sdk', cross_border = 1 where id = 1`,
      `update sharing_flows set category_id = 2 where method = 'api'`, // several rows in one statement
      `update sharing_flows set purpose = '改写' where id = 4`, // nothing the tally counts by
      `update partners set status = 'retired' where role = 'affiliate'`,
      `update partners set role = 'credit_bureau' where id = 4`,
      `update sdks set platform = 'web', status = 'retired' where id = 1`,
      `update agreements set signed_on = '2026-02-01' where id = 1`, // a draft signed: dated
      `update agreements set terminated = 0 where id = 4`, // no longer terminated, never signed: a draft
      `update agreements set kind = 'confidentiality', notes = '续签' where id = 2`,
      `insert into sdks (name, vendor_partner_id, platform, purpose, policy_clause, status, created_at, updated_at) values ('新 SDK', 2, 'ios', '推送', '', 'active', '${AT}', '${AT}')`,
      `insert into agreements (partner_id, kind, reference_no, policy_clause, created_at, updated_at) values (2, 'joint_handling', 'AGR-9', '', '${AT}', '${AT}')`,
      `delete from sharing_flows where id = 2`,
      `delete from sdks where status = 'retired'`,
      `delete from agreements where id = 3`,
      `delete from partners where id = 4`,
    ];
    for (const statement of steps) {
      db.prepare(statement).run();
      inStep();
    }
    const kept = both();
    expect(() =>
      db.transaction(() => {
        db.prepare(`update sharing_flows set method = 'manual'`).run();
        db.prepare(`delete from sdks`).run();
        inStep();
        throw new Error('rolled back');
      })(),
    ).toThrow('rolled back');
    expect(both()).toEqual(kept);
  });
});
