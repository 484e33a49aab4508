import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AT, migrationStep, refusal, type MigrationStep, type Row } from './step';

let step: MigrationStep;
let before: Record<string, Row[]>;

beforeEach(async () => {
  step = await migrationStep('2026_12_01_1200_import_mappings');
  before = step.snapshot();
  await step.migrate();
});
afterEach(async () => {
  await step.close();
});

const save = (name: string, register = 'categories', body = '{"register":"categories"}') =>
  step.insert('insert into import_mappings (name, register, body, created_at, updated_at) values (?, ?, ?, ?, ?)', name, register, body, AT, AT);

describe('2026_12_01_1200_import_mappings', () => {
  it('keeps every table as it was and adds an empty import_mappings table', () => {
    for (const [table, rows] of Object.entries(before)) expect(step.snapshot()[table]).toEqual(rows);
    expect(step.snapshot().import_mappings).toEqual([]);
  });

  it('holds one mapping per name, for a register it knows, with a JSON body', () => {
    save('处理活动记录表');
    expect(refusal(() => save('处理活动记录表'))).toMatch(/UNIQUE/);
    expect(refusal(() => save('  '))).toMatch(/CHECK/);
    expect(refusal(() => save('x', 'invoices'))).toMatch(/CHECK/);
    expect(refusal(() => save('y', 'requests', '{not json'))).toMatch(/CHECK/);
    expect(save('工单系统导出', 'requests')).toBeGreaterThan(0);
  });
});
