import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AT, migrationStep, type MigrationStep, type Row } from './step';

let step: MigrationStep;
let before: Record<string, Row[]>;

const DUE = ['2026-11-20T15:59:59.999Z', '2026-12-08T15:59:59.999Z'];

beforeEach(async () => {
  step = await migrationStep('2026_12_02_1800_request_due_filter_tallies');
  // Requests as the versions before wrote them: open with a due time, open without one, closed.
  const request = step.sqlite.prepare(
    `insert into requests (reference, channel, received_at, requester_name, requester_contact, kind, status, due_date, due_at, created_at, updated_at)
     values (?, ?, ?, '李娜', '13800000001', ?, ?, ?, ?, ?, ?)`,
  );
  const rows: [channel: string, kind: string, status: string, dueAt: string | null][] = [
    ['email', 'deletion', 'new', DUE[0]!],
    ['email', 'deletion', 'new', DUE[0]!],
    ['hotline', 'deletion', 'in_progress', DUE[0]!],
    ['hotline', 'access_copy', 'awaiting_requester', DUE[1]!],
    ['letter', 'access_copy', 'new', null],
    ['email', 'deletion', 'closed', DUE[0]!],
    ['email', 'correction', 'withdrawn', DUE[1]!],
  ];
  rows.forEach(([channel, kind, status, dueAt], i) => request.run(`REQ-2026-000${i + 1}`, channel, AT, kind, status, dueAt?.slice(0, 10) ?? null, dueAt, AT, AT));
  before = step.snapshot();
  await step.migrate();
});
afterEach(async () => {
  await step.close();
});

const rows = (sql: string) => step.sqlite.prepare(sql).all();
const OPEN = `status in ('new', 'verifying', 'in_progress', 'awaiting_requester') and due_at is not null`;
/** Each tally's rows that count something, and the same counts grouped from the open requests with a due time. */
const both = () => ({
  kind: [rows('select status, kind, due_at, n from request_due_kind_tallies where n > 0 order by 1, 2, 3'), rows(`select status, kind, due_at, count(*) as n from requests where ${OPEN} group by 1, 2, 3 order by 1, 2, 3`)],
  channel: [
    rows('select status, channel, due_at, n from request_due_channel_tallies where n > 0 order by 1, 2, 3'),
    rows(`select status, channel, due_at, count(*) as n from requests where ${OPEN} group by 1, 2, 3 order by 1, 2, 3`),
  ],
});
const inStep = (after: string) => {
  for (const [tally, [kept, counted]] of Object.entries(both())) expect(kept, `${tally} after ${after}`).toEqual(counted);
};

describe('2026_12_02_1800_request_due_filter_tallies', () => {
  it('keeps every record as it was', () => {
    for (const [table, kept] of Object.entries(before)) expect(step.snapshot()[table]).toEqual(kept);
  });

  it('counts the open requests with a due time already there, by status, kind or channel and due time', () => {
    expect(both().kind[0]).toEqual([
      { status: 'awaiting_requester', kind: 'access_copy', due_at: DUE[1], n: 1 },
      { status: 'in_progress', kind: 'deletion', due_at: DUE[0], n: 1 },
      { status: 'new', kind: 'deletion', due_at: DUE[0], n: 2 },
    ]);
    expect(both().channel[0]).toEqual([
      { status: 'awaiting_requester', channel: 'hotline', due_at: DUE[1], n: 1 },
      { status: 'in_progress', channel: 'hotline', due_at: DUE[0], n: 1 },
      { status: 'new', channel: 'email', due_at: DUE[0], n: 2 },
    ]);
    inStep('the migration');
  });

  it('keeps them in step as requests are logged, change, close and go, and not for a write that fails', () => {
    const db = step.sqlite;
    const steps = [
      `update requests set kind = 'correction', channel = 'letter' where id = 1`,
      `update requests set status = 'closed' where id = 3`, // answered: no longer open
      `update requests set status = 'new' where id = 6`, // reopened
      `update requests set due_at = '${DUE[1]}', due_date = '2026-12-08' where kind = 'deletion'`, // several rows, one statement
      `update requests set due_at = null, due_date = null where id = 4`, // no longer a known due time
      `update requests set due_at = '${DUE[0]}', due_date = '2026-11-20' where id = 5`, // now one
      `update requests set requester_name = '王芳' where id = 2`, // nothing the tallies count by
      `insert into requests (reference, channel, received_at, requester_name, requester_contact, kind, status, due_date, due_at, created_at, updated_at)
        values ('REQ-2026-0010', 'in_app', '${AT}', '赵伟', '', 'portability', 'verifying', '2026-11-20', '${DUE[0]}', '${AT}', '${AT}')`,
      `delete from requests where id = 2`,
      `delete from requests where status = 'withdrawn'`,
    ];
    for (const statement of steps) {
      db.prepare(statement).run();
      inStep(statement);
    }
    const kept = both();
    expect(() =>
      db.transaction(() => {
        db.prepare(`update requests set status = 'closed'`).run();
        inStep('closing every request');
        throw new Error('rolled back');
      })(),
    ).toThrow('rolled back');
    expect(both()).toEqual(kept);
  });
});
