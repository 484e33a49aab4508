import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AT, migrationStep, type MigrationStep, type Row } from './step';

let step: MigrationStep;
let before: Record<string, Row[]>;

const CLAUSES = ['4.1.3', '4.1.4', '4.1', '', '3.2.1.1', '4.1.3'];

beforeEach(async () => {
  step = await migrationStep('2026_12_02_1620_policy_citation_tallies');
  // Records of the five registers as the versions before wrote them, citing clauses, a clause twice, and none.
  const db = step.sqlite;
  const partner = db.prepare(`insert into partners (name, role, country_region, sharing_basis, status, policy_clause, created_at, updated_at) values (?, 'affiliate', '中国', 'consent', 'active', ?, ?, ?)`);
  CLAUSES.forEach((c, i) => partner.run(`合作方 ${i}`, c, AT, AT));
  const category = db.prepare(
    `insert into collection_categories (code, name, stage, subject_type, purposes, legal_basis, collection_method, policy_clause, created_at, updated_at) values (?, ?, 'registration', 'individual', '提供服务', 'consent', 'automatic', ?, ?, ?)`,
  );
  CLAUSES.forEach((c, i) => category.run(`CAT-${i}`, `类别 ${i}`, c === '' ? '' : '3.2.1.1', AT, AT));
  const flow = db.prepare(`insert into sharing_flows (partner_id, category_id, purpose, method, frequency, policy_clause, created_at, updated_at) values (?, ?, ?, 'api', '每日', ?, ?, ?)`);
  CLAUSES.forEach((c, i) => flow.run(i + 1, i + 1, `目的 ${i}`, c, AT, AT));
  const agreement = db.prepare(`insert into agreements (partner_id, kind, reference_no, policy_clause, created_at, updated_at) values (?, 'data_sharing', ?, ?, ?, ?)`);
  CLAUSES.forEach((c, i) => agreement.run(i + 1, `AGR-${i}`, c === '' ? '' : '4.1.5', AT, AT));
  const sdk = db.prepare(`insert into sdks (name, vendor_partner_id, platform, purpose, policy_clause, status, created_at, updated_at) values (?, 1, 'android', '统计', ?, 'active', ?, ?)`);
  CLAUSES.forEach((c, i) => sdk.run(`SDK ${i}`, c === '' ? '' : '4.1.6', AT, AT));
  before = step.snapshot();
  await step.migrate();
});
afterEach(async () => {
  await step.close();
});

const TABLES = ['collection_categories', 'partners', 'sharing_flows', 'agreements', 'sdks'];
const tallies = () => step.sqlite.prepare('select ref, n from policy_citation_tallies where n > 0 order by ref').all();
/** What the tallies must hold: the records citing each reference, counted over every row of the five tables. */
const counted = () =>
  step.sqlite
    .prepare(`select ref, count(*) as n from (${TABLES.map((t) => `select policy_clause as ref from ${t}`).join(' union all ')}) where ref <> '' group by ref order by ref`)
    .all();

describe('2026_12_02_1620_policy_citation_tallies', () => {
  it('keeps every record as it was', () => {
    for (const [table, rows] of Object.entries(before)) expect(step.snapshot()[table]).toEqual(rows);
  });

  it('counts the records citing each reference across the five registers, and none for records citing no clause', () => {
    expect(tallies()).toEqual([
      { ref: '3.2.1.1', n: 7 },
      { ref: '4.1', n: 2 },
      { ref: '4.1.3', n: 4 },
      { ref: '4.1.4', n: 2 },
      { ref: '4.1.5', n: 5 },
      { ref: '4.1.6', n: 5 },
    ]);
  });

  it('keeps the tallies in step as records are added, cite another clause or none, and go', () => {
    const db = step.sqlite;
    const steps = [
      `update partners set policy_clause = '4.1.2' where id = 1`, // another clause
      `update sharing_flows set policy_clause = '' where id = 2`, // no clause any more
      `update sdks set policy_clause = '4.1.6' where id = 4`, // a clause for a record that had none
      `update agreements set policy_clause = '4.1.5', notes = '续签' where id = 1`, // the same clause: nothing to count
      `update collection_categories set name = '改名' where id = 1`, // nothing the tallies count by
      `insert into sdks (name, vendor_partner_id, platform, purpose, policy_clause, status, created_at, updated_at) values ('新 SDK', 2, 'ios', '推送', '4.1.6', 'active', '${AT}', '${AT}')`,
      `delete from sharing_flows where id = 1`,
      `delete from sdks where id = 4`,
      `delete from partners where id = 6 and not exists (select 1 from sharing_flows where partner_id = 6)`,
    ];
    for (const statement of steps) {
      db.prepare(statement).run();
      expect(tallies(), statement).toEqual(counted());
    }
    // A write that fails leaves the tallies as they were: they are kept in the write's transaction.
    const kept = tallies();
    expect(() =>
      db.transaction(() => {
        db.prepare(`update partners set policy_clause = '9.9'`).run();
        expect(tallies()).toEqual(counted());
        throw new Error('rolled back');
      })(),
    ).toThrow('rolled back');
    expect(tallies()).toEqual(kept);
  });
});
