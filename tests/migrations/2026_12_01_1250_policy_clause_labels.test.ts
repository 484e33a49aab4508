import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AT, migrationStep, type MigrationStep, type Row } from './step';

let step: MigrationStep;
let before: Record<string, Row[]>;

beforeEach(async () => {
  step = await migrationStep('2026_12_01_1250_policy_clause_labels');
  // A policy as the earlier version saved it: decimal clauses whose text opens with their number,
  // and clauses of a policy numbered otherwise (一、, （二）) that kept only their reference.
  const version = step.insert(
    `insert into policy_versions (title, version_label, effective_on, source_text, notes, created_at, updated_at) values ('隐私政策', 'v1', '2026-01-01', '', '', ?, ?)`,
    AT,
    AT,
  );
  const clause = (number: string, text: string, position: number) =>
    step.insert(`insert into policy_clauses (version_id, number, heading, text, position, depth, promises) values (?, ?, '', ?, ?, 1, '')`, version, number, text, position);
  clause('3.2', '3.2 我们收集的信息', 0);
  clause('3.2.1', '3.2.1、注册信息', 1);
  clause('4', '4. 共享', 2);
  clause('1', '一、总则', 3);
  clause('1.2', '（二）适用范围', 4);
  clause('5#2', '5. 重复的编号', 5);
  before = step.snapshot();
  await step.migrate();
});
afterEach(async () => {
  await step.close();
});

describe('2026_12_01_1250_policy_clause_labels', () => {
  it('labels a decimal clause with its own number and leaves the others empty, to be shown as their reference', () => {
    expect(step.sqlite.prepare('select number, label from policy_clauses order by position').all()).toEqual([
      { number: '3.2', label: '3.2' },
      { number: '3.2.1', label: '3.2.1' },
      { number: '4', label: '4' },
      { number: '1', label: '' },
      { number: '1.2', label: '' },
      { number: '5#2', label: '' },
    ]);
  });

  it('keeps every clause and version otherwise as it was', () => {
    const after = step.snapshot();
    expect(after.policy_versions).toEqual(before.policy_versions);
    expect(after.policy_clauses!.map(({ label: _label, ...rest }) => rest)).toEqual(before.policy_clauses);
  });
});
