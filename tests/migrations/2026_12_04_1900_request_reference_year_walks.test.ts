import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AT, migrationStep, type MigrationStep, type Row } from './step';

let step: MigrationStep;
let before: Record<string, Row[]>;

beforeEach(async () => {
  step = await migrationStep('2026_12_04_1900_request_reference_year_walks');
  // Two years of requests numbered past 100, due and updated over the months, some without a due time.
  const request = step.sqlite.prepare(
    `insert into requests (reference, channel, received_at, requester_name, requester_contact, kind, status, due_at, created_at, updated_at)
     values (?, 'email', ?, '李娜', 'lina@example.cn', 'access_copy', ?, ?, ?, ?)`,
  );
  for (const year of [2025, 2026]) {
    for (let n = 1; n <= 140; n++) {
      const at = new Date(Date.UTC(year, 0, 1, 2) + n * 2 * 86_400_000);
      const due = n % 9 === 0 ? null : new Date(at.getTime() + 21 * 86_400_000).toISOString();
      const updated = new Date(at.getTime() + ((n * 17) % 50) * 86_400_000).toISOString();
      request.run(`REQ-${year}-${String(n).padStart(4, '0')}`, at.toISOString(), n % 3 ? 'closed' : 'in_progress', due, AT, updated);
    }
  }
  before = step.snapshot();
  await step.migrate();
});
afterEach(async () => {
  await step.close();
});

describe('2026_12_04_1900_request_reference_year_walks', () => {
  it('keeps every request as it was', () => {
    expect(step.snapshot()).toEqual(before);
  });

  it('holds the reference in the indexes of a year, after the order it keeps (an expression index: its columns as one text)', () => {
    expect(step.indexColumns('requests_reference_year_due_idx')).toEqual(['substr(reference, 1, 8), due_at, id, reference']);
    expect(step.indexColumns('requests_reference_year_updated_idx')).toEqual(['substr(reference, 1, 8), updated_at, id, reference']);
    expect(step.indexColumns('requests_reference_year_received_idx')).toEqual(['substr(reference, 1, 8), received_at, id, reference']);
    // The span of a beginning's times is read from the index of years and times received: the index of references and times received goes.
    expect(step.indexColumns('requests_reference_received_idx')).toBeUndefined();
  });

  it("finds the first and last time received of a beginning's requests from either end of its year's range, passing the others in the index", () => {
    const end = (d: string) =>
      `select received_at from requests indexed by requests_reference_year_received_idx where substr(reference, 1, 8) >= 'REQ-2025' and substr(reference, 1, 8) <= 'REQ-2025' and reference >= 'REQ-2025-01' and reference < 'REQ-2025-02' order by substr(reference, 1, 8) ${d}, received_at ${d} limit 1`;
    expect(step.plan(end('desc'))).toMatch(/^SEARCH requests USING COVERING INDEX requests_reference_year_received_idx \(<expr>>\? AND <expr><\?\)$/);
    const times = (step.sqlite.prepare(`select received_at as t from requests where reference like 'REQ-2025-01%' order by received_at`).all() as { t: string }[]).map((r) => r.t);
    expect([end('asc'), end('desc')].map((q) => (step.sqlite.prepare(q).get() as { received_at: string }).received_at)).toEqual([times[0], times[times.length - 1]]);
  });

  it("reads the requests of a reference's beginning newest first along its year's range, unsorted, the same as by hand", () => {
    for (const [column, index] of [['due_at', 'requests_reference_year_due_idx'], ['updated_at', 'requests_reference_year_updated_idx'], ['received_at', 'requests_reference_year_received_idx']] as const) {
      const read = `select id from requests indexed by ${index}
        where substr(reference, 1, 8) >= 'REQ-2025' and substr(reference, 1, 8) <= 'REQ-2025' and reference >= 'REQ-2025-01' and reference < 'REQ-2025-02'
        order by substr(reference, 1, 8) desc, ${column} desc, id desc`;
      expect(step.plan(read)).toMatch(new RegExp(`^SEARCH requests USING (COVERING )?INDEX ${index} \\(<expr>>\\? AND <expr><\\?\\)$`));
      const byHand = (step.sqlite.prepare(`select id, ${column} as v from requests where reference like 'REQ-2025-01%'`).all() as { id: number; v: string | null }[])
        .sort((a, b) => ((b.v ?? '') < (a.v ?? '') ? -1 : (b.v ?? '') > (a.v ?? '') ? 1 : b.id - a.id))
        .map((r) => r.id);
      expect(byHand).toHaveLength(41); // REQ-2025-0100 to REQ-2025-0140
      expect((step.sqlite.prepare(read).all() as { id: number }[]).map((r) => r.id)).toEqual(byHand);
    }
  });
});
