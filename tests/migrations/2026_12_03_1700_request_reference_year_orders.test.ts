import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AT, migrationStep, type MigrationStep, type Row } from './step';

let step: MigrationStep;
let before: Record<string, Row[]>;

beforeEach(async () => {
  step = await migrationStep('2026_12_03_1700_request_reference_year_orders');
  // Requests of three years as the versions before wrote them, due and updated over the months, some without a due time.
  const request = step.sqlite.prepare(
    `insert into requests (reference, channel, received_at, requester_name, requester_contact, kind, status, due_at, created_at, updated_at)
     values (?, 'hotline', ?, '王芳', '13900000002', 'deletion', 'closed', ?, ?, ?)`,
  );
  for (const year of [2024, 2025, 2026]) {
    for (let n = 1; n <= 30; n++) {
      const at = new Date(Date.UTC(year, (n * 7) % 12, 1 + (n % 27), 2));
      const due = n % 10 === 0 ? null : new Date(at.getTime() + 21 * 86_400_000).toISOString();
      const updated = new Date(at.getTime() + ((n * 13) % 40) * 86_400_000).toISOString();
      request.run(`REQ-${year}-${String(n).padStart(4, '0')}`, at.toISOString(), due, AT, updated);
    }
  }
  before = step.snapshot();
  await step.migrate();
});
afterEach(async () => {
  await step.close();
});

describe('2026_12_03_1700_request_reference_year_orders', () => {
  it('keeps every request as it was', () => {
    expect(step.snapshot()).toEqual(before);
  });

  it("reads one year's requests in the order of due dates, and of last updates, from that year's range alone, unsorted", () => {
    for (const [column, index] of [['due_at', 'requests_reference_year_due_idx'], ['updated_at', 'requests_reference_year_updated_idx']] as const) {
      const read = `select id from requests where substr(reference, 1, 8) >= 'REQ-2025' and substr(reference, 1, 8) <= 'REQ-2025' order by substr(reference, 1, 8) desc, ${column} desc, id desc`;
      expect(step.plan(read)).toMatch(new RegExp(`^SEARCH requests USING (COVERING )?INDEX ${index} \\(<expr>>\\? AND <expr><\\?\\)$`));
      const byHand = (step.sqlite.prepare(`select id, ${column} as v from requests where reference like 'REQ-2025-%'`).all() as { id: number; v: string | null }[])
        .sort((a, b) => ((b.v ?? '') < (a.v ?? '') ? -1 : (b.v ?? '') > (a.v ?? '') ? 1 : b.id - a.id))
        .map((r) => r.id);
      expect(byHand).toHaveLength(30);
      expect((step.sqlite.prepare(read).all() as { id: number }[]).map((r) => r.id)).toEqual(byHand);
    }
  });
});
