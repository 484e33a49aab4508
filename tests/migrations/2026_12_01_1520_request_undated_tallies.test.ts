import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AT, migrationStep, type MigrationStep, type Row } from './step';

let step: MigrationStep;
let before: Record<string, Row[]>;

const DUE = '2026-12-08T15:59:59.999Z';

beforeEach(async () => {
  step = await migrationStep('2026_12_01_1520_request_undated_tallies');
  // Requests as the versions before wrote them: open ones with and without a due time, closed ones without.
  const request = step.sqlite.prepare(
    `insert into requests (reference, channel, received_at, requester_name, requester_contact, kind, status, due_date, due_at, created_at, updated_at)
     values (?, 'email', ?, '李娜', '13800000001', 'deletion', ?, ?, ?, ?, ?)`,
  );
  const rows: [string, string, string | null][] = [
    ['REQ-2026-0001', 'new', null],
    ['REQ-2026-0002', 'new', null],
    ['REQ-2026-0003', 'awaiting_requester', null],
    ['REQ-2026-0004', 'in_progress', DUE],
    ['REQ-2026-0005', 'closed', null],
    ['REQ-2026-0006', 'withdrawn', null],
  ];
  for (const [reference, status, dueAt] of rows) request.run(reference, AT, status, dueAt?.slice(0, 10) ?? null, dueAt, AT, AT);
  before = step.snapshot();
  await step.migrate();
});
afterEach(async () => {
  await step.close();
});

const undated = () => step.sqlite.prepare('select status, n from request_undated_tallies where n > 0 order by status').all();
const counted = () =>
  step.sqlite
    .prepare(
      `select status, count(*) as n from requests
       where status in ('new', 'verifying', 'in_progress', 'awaiting_requester') and due_at is null group by status order by status`,
    )
    .all();

describe('2026_12_01_1520_request_undated_tallies', () => {
  it('keeps every request as it was', () => {
    for (const [table, rows] of Object.entries(before)) expect(step.snapshot()[table]).toEqual(rows);
  });

  it('counts the open requests with no due time by status, and neither closed ones nor those with a due time', () => {
    expect(undated()).toEqual([
      { status: 'awaiting_requester', n: 1 },
      { status: 'new', n: 2 },
    ]);
  });

  it('keeps the tally in step as requests gain and lose a due time, change status, close, reopen and go', () => {
    const db = step.sqlite;
    const steps = [
      `update requests set due_at = '${DUE}', due_date = '2026-12-08' where id = 1`, // a calendar arrived: out of "unknown"
      `update requests set due_at = null, due_date = null where id = 4`, // a calendar removed: into "unknown"
      `update requests set status = 'verifying' where id = 2`, // a step while unknown
      `update requests set status = 'closed' where id = 3`, // answered while unknown
      `update requests set status = 'in_progress' where id = 5`, // reopened, still unknown
      `update requests set requester_name = '王芳' where id = 2`, // nothing the tally counts by
      `delete from requests where id = 6`,
      `delete from requests where id = 2`,
    ];
    for (const statement of steps) {
      db.prepare(statement).run();
      expect(undated(), statement).toEqual(counted());
    }
    expect(undated()).toEqual([{ status: 'in_progress', n: 2 }]);
    // A write that fails leaves the tally as it was: it is kept in the write's transaction.
    expect(() =>
      db.transaction(() => {
        db.prepare(`insert into requests (reference, channel, received_at, requester_name, requester_contact, kind, status, created_at, updated_at)
                    values ('REQ-2026-0009', 'email', ?, '王芳', '', 'deletion', 'new', ?, ?)`).run(AT, AT, AT);
        expect(undated()).toEqual(counted());
        throw new Error('rolled back');
      })(),
    ).toThrow('rolled back');
    expect(undated()).toEqual([{ status: 'in_progress', n: 2 }]);
  });
});
