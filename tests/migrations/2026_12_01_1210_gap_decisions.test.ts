import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AT, migrationStep, refusal, type MigrationStep, type Row } from './step';

let step: MigrationStep;
let before: Record<string, Row[]>;

beforeEach(async () => {
  step = await migrationStep('2026_12_01_1210_gap_decisions');
  // A partner as 0310_sharing_register wrote it: the record a decision will be about.
  step.insert(
    `insert into partners (name, role, country_region, contact, sharing_basis, policy_clause, status, notes, revision, created_at, updated_at)
     values ('甲公司', 'other_handler', '中国', '', 'consent', '4.1.3', 'active', '', 1, ?, ?)`,
    AT,
    AT,
  );
  before = step.snapshot();
  await step.migrate();
});
afterEach(async () => {
  await step.close();
});

const decide = (checkId: string, decision: string, owner: string, dueOn: string | null, reason: string, reviewOn: string | null) =>
  step.insert(
    `insert into gap_decisions (check_id, record_id, decision, owner, due_on, reason, review_on, created_at, updated_at) values (?, 1, ?, ?, ?, ?, ?, ?, ?)`,
    checkId,
    decision,
    owner,
    dueOn,
    reason,
    reviewOn,
    AT,
    AT,
  );

describe('2026_12_01_1210_gap_decisions', () => {
  it('keeps every record as it was and adds an empty gap_decisions table', () => {
    for (const [table, rows] of Object.entries(before)) expect(step.snapshot()[table]).toEqual(rows);
    expect(step.snapshot().gap_decisions).toEqual([]);
  });

  it('takes one decision per gap (check and record), each complete for its kind', () => {
    decide('partner-without-agreement', 'in_hand', '王敏', '2026-12-15', '', null);
    decide('partner-without-clause', 'accepted', '', null, '已评估', '2027-06-30');
    expect(step.snapshot().gap_decisions).toHaveLength(2);
    expect(refusal(() => decide('partner-without-agreement', 'accepted', '', null, '另一决定', '2027-01-01'))).toMatch(/UNIQUE/);
  });

  it('refuses an unknown decision, an owner without a due date, and an acceptance without a reason or a review date', () => {
    expect(refusal(() => decide('a', 'ignored', '王敏', '2026-12-15', '', null))).toMatch(/CHECK/);
    expect(refusal(() => decide('b', 'in_hand', '王敏', null, '', null))).toMatch(/CHECK/);
    expect(refusal(() => decide('c', 'in_hand', '', '2026-12-15', '', null))).toMatch(/CHECK/);
    expect(refusal(() => decide('d', 'accepted', '', null, '', '2027-01-01'))).toMatch(/CHECK/);
    expect(refusal(() => decide('e', 'not_applicable', '', null, '不适用', null))).toMatch(/CHECK/);
  });
});
