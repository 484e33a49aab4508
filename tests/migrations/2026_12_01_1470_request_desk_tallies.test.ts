import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AT, migrationStep, type MigrationStep, type Row } from './step';

let step: MigrationStep;
let before: Record<string, Row[]>;

const DUE = '2026-12-08T15:59:59.999Z';

beforeEach(async () => {
  step = await migrationStep('2026_12_01_1470_request_desk_tallies');
  // Requests as the versions before wrote them: open ones with and without a due time, answered ones on time and late.
  const request = step.sqlite.prepare(
    `insert into requests (reference, channel, received_at, requester_name, requester_contact, kind, status, due_date, due_at, responded_at, created_at, updated_at)
     values (?, 'email', ?, '李娜', '13800000001', ?, ?, ?, ?, ?, ?, ?)`,
  );
  const rows: [string, string, string, string, string | null, string | null][] = [
    ['REQ-2026-0001', '2026-11-17T06:10:00.000Z', 'deletion', 'new', DUE, null],
    ['REQ-2026-0002', '2026-11-17T06:50:00.000Z', 'access_copy', 'in_progress', DUE, null],
    ['REQ-2026-0003', '2026-11-17T07:05:00.000Z', 'deletion', 'new', null, null],
    ['REQ-2026-0004', '2026-11-10T01:00:00.000Z', 'deletion', 'closed', '2026-11-24T15:59:59.999Z', '2026-11-12T03:00:00.000Z'],
    ['REQ-2026-0005', '2026-10-01T01:00:00.000Z', 'deletion', 'closed', '2026-10-16T15:59:59.999Z', '2026-11-12T03:30:00.000Z'],
  ];
  for (const [reference, receivedAt, kind, status, dueAt, respondedAt] of rows) {
    request.run(reference, receivedAt, kind, status, dueAt?.slice(0, 10) ?? null, dueAt, respondedAt, AT, AT);
  }
  before = step.snapshot();
  await step.migrate();
});
afterEach(async () => {
  await step.close();
});

const all = (table: string, order: string) => step.sqlite.prepare(`select * from ${table} where n > 0 order by ${order}`).all();
const intake = () => all('request_intake_tallies', 'hour, kind');
const answers = () => all('request_answer_tallies', 'hour, on_time');
const due = () => all('request_due_tallies', 'status, due_at');

describe('2026_12_01_1470_request_desk_tallies', () => {
  it('keeps every request as it was', () => {
    for (const [table, rows] of Object.entries(before)) expect(step.snapshot()[table]).toEqual(rows);
  });

  it('counts the existing requests by the hour they came in and their kind', () => {
    expect(intake()).toEqual([
      { hour: '2026-10-01T01', kind: 'deletion', n: 1 },
      { hour: '2026-11-10T01', kind: 'deletion', n: 1 },
      { hour: '2026-11-17T06', kind: 'access_copy', n: 1 },
      { hour: '2026-11-17T06', kind: 'deletion', n: 1 },
      { hour: '2026-11-17T07', kind: 'deletion', n: 1 },
    ]);
  });

  it('counts the answers by the hour of the response, on time or late', () => {
    expect(answers()).toEqual([
      { hour: '2026-11-12T03', on_time: 0, n: 1 },
      { hour: '2026-11-12T03', on_time: 1, n: 1 },
    ]);
  });

  it('counts open requests with a due time by status and due time, and neither closed ones nor those with no due time', () => {
    expect(due()).toEqual([
      { status: 'in_progress', due_at: DUE, n: 1 },
      { status: 'new', due_at: DUE, n: 1 },
    ]);
  });

  it('keeps every tally in step with inserts, status steps, new due times, answers and deletes', () => {
    const db = step.sqlite;
    db.prepare(`update requests set status = 'awaiting_requester' where id = 1`).run();
    db.prepare(`update requests set due_at = '2026-12-09T15:59:59.999Z', due_date = '2026-12-09' where id = 3`).run();
    db.prepare(`update requests set responded_at = '2026-11-18T02:00:00.000Z', status = 'closed' where id = 2`).run();
    db.prepare(`update requests set kind = 'correction' where id = 4`).run();
    db.prepare(`delete from requests where id = 5`).run();
    // The tallies are what counting the requests gives.
    expect(intake()).toEqual(
      db.prepare(`select substr(received_at, 1, 13) as hour, kind, count(*) as n from requests group by 1, 2 order by 1, 2`).all(),
    );
    expect(answers()).toEqual(
      db
        .prepare(`select substr(responded_at, 1, 13) as hour, case when responded_at <= due_at then 1 else 0 end as on_time, count(*) as n
                  from requests where responded_at is not null group by 1, 2 order by 1, 2`)
        .all(),
    );
    expect(due()).toEqual([
      { status: 'awaiting_requester', due_at: DUE, n: 1 },
      { status: 'new', due_at: '2026-12-09T15:59:59.999Z', n: 1 },
    ]);
    // A write that fails leaves the tallies as they were: they are kept in the write's transaction.
    const snapshot = [intake(), answers(), due()];
    expect(() =>
      db.transaction(() => {
        db.prepare(`insert into requests (reference, channel, received_at, requester_name, requester_contact, kind, status, due_at, created_at, updated_at)
                    values ('REQ-2026-0009', 'email', ?, '王芳', '', 'deletion', 'new', ?, ?, ?)`).run(AT, DUE, AT, AT);
        throw new Error('rolled back');
      })(),
    ).toThrow('rolled back');
    expect([intake(), answers(), due()]).toEqual(snapshot);
  });
});
