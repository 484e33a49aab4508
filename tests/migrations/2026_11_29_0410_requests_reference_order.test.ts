import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AT, migrationStep, type MigrationStep, type Row } from './step';

let step: MigrationStep;
let before: Record<string, Row[]>;

beforeEach(async () => {
  step = await migrationStep('2026_11_29_0410_requests_reference_order');
  // References as the requests desk numbered them, past the four padded digits in 2026.
  const request = step.sqlite.prepare(
    `insert into requests (reference, channel, received_at, requester_name, requester_contact, kind, status, created_at, updated_at)
     values (?, 'email', ?, '王芳', 'wangfang@example.cn', 'access', 'received', ?, ?)`,
  );
  for (const reference of ['REQ-2026-10000', 'REQ-2025-0042', 'REQ-2026-9999', 'REQ-2026-0001']) request.run(reference, AT, AT, AT);
  before = step.snapshot();
  await step.migrate();
});
afterEach(async () => {
  await step.close();
});

// The requests list's order by reference (src/main/core/requests/requests.repository.ts).
const BY_REFERENCE = `select reference from requests order by substr(reference, 1, 8), length(reference), reference`;

describe('2026_11_29_0410_requests_reference_order', () => {
  it('keeps every request as it was', () => {
    for (const [table, rows] of Object.entries(before)) expect(step.snapshot()[table]).toEqual(rows);
  });

  it('adds the index of the reference order', () => {
    expect(step.addedIndexes()).toEqual({ requests_reference_order_idx: ['substr(reference, 1, 8), length(reference), reference'] });
  });

  it('lists the existing references by year, then number, from the index without sorting', () => {
    expect(step.sqlite.prepare(BY_REFERENCE).all()).toEqual(
      ['REQ-2025-0042', 'REQ-2026-0001', 'REQ-2026-9999', 'REQ-2026-10000'].map((reference) => ({ reference })),
    );
    const plan = step.plan(BY_REFERENCE);
    expect(plan).toContain('requests_reference_order_idx');
    expect(plan).not.toContain('TEMP B-TREE');
  });
});
