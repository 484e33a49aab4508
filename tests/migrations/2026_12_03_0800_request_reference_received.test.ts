import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AT, migrationStep, type MigrationStep, type Row } from './step';

let step: MigrationStep;
let before: Record<string, Row[]>;

beforeEach(async () => {
  step = await migrationStep('2026_12_03_0800_request_reference_received');
  // Requests of three years as the versions before wrote them, each year's received over its months.
  const request = step.sqlite.prepare(
    `insert into requests (reference, channel, received_at, requester_name, requester_contact, kind, status, created_at, updated_at)
     values (?, 'hotline', ?, '王芳', '13900000002', 'deletion', 'closed', ?, ?)`,
  );
  for (const year of [2024, 2025, 2026]) {
    for (let n = 1; n <= 30; n++) {
      const at = new Date(Date.UTC(year, (n * 7) % 12, 1 + (n % 27), 2)).toISOString();
      request.run(`REQ-${year}-${String(n).padStart(4, '0')}`, at, at, AT);
    }
  }
  before = step.snapshot();
  await step.migrate();
});
afterEach(async () => {
  await step.close();
});

describe('2026_12_03_0800_request_reference_received', () => {
  it('keeps every request as it was', () => {
    expect(step.snapshot()).toEqual(before);
  });

  it("reads the first and last time received of a reference's year in two seeks, and of a longer beginning from its own entries", () => {
    const year = `select (select min(received_at) from requests where substr(reference, 1, 8) = 'REQ-2025') as lo, (select max(received_at) from requests where substr(reference, 1, 8) = 'REQ-2025') as hi`;
    expect(step.plan(year)).toMatch(/SEARCH requests USING COVERING INDEX requests_reference_year_received_idx \(<expr>=\?\)/);
    const spanOf = (like: string) => {
      const times = (step.sqlite.prepare(`select received_at from requests where reference like ?`).all(like) as { received_at: string }[]).map((r) => r.received_at).sort();
      return { n: times.length, lo: times[0], hi: times[times.length - 1] };
    };
    const ofYear = spanOf('REQ-2025-%');
    expect(ofYear.n).toBe(30);
    expect(step.sqlite.prepare(year).get()).toEqual({ lo: ofYear.lo, hi: ofYear.hi });

    const own = `select min(received_at) as lo, max(received_at) as hi from requests indexed by requests_reference_received_idx where reference >= 'REQ-2025-001' and reference < 'REQ-2025-002'`;
    expect(step.plan(own)).toMatch(/SEARCH requests USING COVERING INDEX requests_reference_received_idx \(reference>\? AND reference<\?\)/);
    const ofBeginning = spanOf('REQ-2025-001%');
    expect(ofBeginning.n).toBe(10);
    expect(ofBeginning).not.toEqual(ofYear);
    expect(step.sqlite.prepare(own).get()).toEqual({ lo: ofBeginning.lo, hi: ofBeginning.hi });
  });
});
