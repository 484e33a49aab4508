import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AT, migrationStep, type MigrationStep, type Row } from './step';

let step: MigrationStep;
let before: Record<string, Row[]>;

beforeEach(async () => {
  step = await migrationStep('2026_12_01_1510_audit_anchor_row');
  // A register file as the version before wrote it: a setting and its audit entry.
  step.insert(`insert into settings (key, value, created_at, updated_at) values ('organisationName', '"示例公司"', ?, ?)`, AT, AT);
  step.insert(
    `insert into audit_log (at, actor, entity, entity_id, action, before, after, prev_hash, hash, hmac) values (?, 'officer', 'settings', null, 'update', null, '{}', ?, ?, ?)`,
    AT,
    '0'.repeat(64),
    'a'.repeat(64),
    'b'.repeat(64),
  );
  before = step.snapshot();
  await step.migrate();
});
afterEach(async () => {
  await step.close();
});

describe('2026_12_01_1510_audit_anchor_row', () => {
  it('keeps every row as it was, and on a register file adds the anchor table empty (its anchor stays the file beside it)', () => {
    const after = step.snapshot();
    for (const [table, rows] of Object.entries(before)) expect(after[table]).toEqual(rows);
    expect(after.audit_anchor).toEqual([]);
  });

  it('holds one row at most', () => {
    step.insert(`insert into audit_anchor (id) values (1)`);
    expect(() => step.insert(`insert into audit_anchor (id) values (2)`)).toThrow(/CHECK constraint/);
  });
});
