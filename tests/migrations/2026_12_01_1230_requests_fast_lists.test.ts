import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AT, migrationStep, type MigrationStep, type Row } from './step';

let step: MigrationStep;
let before: Record<string, Row[]>;

beforeEach(async () => {
  step = await migrationStep('2026_12_01_1230_requests_fast_lists');
  // Requests as the versions before wrote them.
  const request = step.sqlite.prepare(
    `insert into requests (reference, channel, received_at, requester_name, requester_contact, account_ref, kind, status, due_date, due_at, created_at, updated_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, '2026-12-08', '2026-12-08T15:59:59.999Z', ?, ?)`,
  );
  const rows: [string, string, string, string, string, string][] = [
    ['REQ-2026-0001', 'email', '欧阳娜娜', '13800000001', 'U-7781', 'new'],
    ['REQ-2026-0002', 'hotline', '李娜', '13800000002', '', 'in_progress'],
    ['REQ-2026-0003', 'email', 'Zhang Wei', 'zw@example.com', 'U-7790', 'closed'],
  ];
  for (const [reference, channel, name, contact, account, status] of rows) request.run(reference, channel, AT, name, contact, account, 'deletion', status, AT, AT);
  before = step.snapshot();
  await step.migrate();
});
afterEach(async () => {
  await step.close();
});

const matches = (step: MigrationStep, phrase: string) =>
  (step.sqlite.prepare(`select rowid as id from requests_fts where requests_fts match ? order by rowid`).all(`"${phrase}"`) as { id: number }[]).map((r) => r.id);

describe('2026_12_01_1230_requests_fast_lists', () => {
  it('keeps every request as it was', () => {
    for (const [table, rows] of Object.entries(before)) expect(step.snapshot()[table]).toEqual(rows);
    expect(before.requests).toHaveLength(3);
  });

  it('indexes the existing requests for search by name, contact, account and reference', () => {
    expect(matches(step, '欧阳娜')).toEqual([1]);
    expect(matches(step, 'example.com')).toEqual([3]);
    expect(matches(step, 'u-77')).toEqual([1, 3]);
    expect(matches(step, '2026-000')).toEqual([1, 2, 3]);
  });

  it('counts the existing requests per status, kind and channel, and keeps counting as they change', () => {
    const tallies = () => step.sqlite.prepare('select status, kind, channel, n from request_tallies where n > 0 order by status, channel').all();
    expect(tallies()).toEqual([
      { status: 'closed', kind: 'deletion', channel: 'email', n: 1 },
      { status: 'in_progress', kind: 'deletion', channel: 'hotline', n: 1 },
      { status: 'new', kind: 'deletion', channel: 'email', n: 1 },
    ]);
    step.sqlite.prepare(`update requests set status = 'closed' where id = 1`).run();
    step.sqlite.prepare(`delete from requests where id = 2`).run();
    expect(tallies()).toEqual([{ status: 'closed', kind: 'deletion', channel: 'email', n: 2 }]);
  });

  it('keeps the search index in step with changes, in the same transaction', () => {
    step.sqlite.prepare(`update requests set requester_name = '' where id = 1`).run();
    expect(matches(step, '欧阳娜')).toEqual([]);
    expect(() =>
      step.sqlite.transaction(() => {
        step.sqlite.prepare(`update requests set requester_name = '司马相如' where id = 2`).run();
        throw new Error('rolled back');
      })(),
    ).toThrow('rolled back');
    expect(matches(step, '司马相')).toEqual([]);
    expect(matches(step, '李娜')).toEqual([]); // two characters: no trigram
    expect(step.sqlite.prepare(`select count(*) as n from requests where requester_name = '李娜'`).get()).toEqual({ n: 1 });
  });

  it('changes the cache token of settings and of the calendar whenever either is written', () => {
    const token = (name: string) => (step.sqlite.prepare('select token from cache_revisions where name = ?').get(name) as { token: number }).token;
    const [settings, calendar] = [token('settings'), token('calendar')];
    step.sqlite.prepare(`insert into settings (key, value, created_at, updated_at) values ('responseDays', '20', ?, ?)`).run(AT, AT);
    expect(token('settings')).not.toBe(settings);
    expect(token('calendar')).toBe(calendar);
    step.sqlite.prepare(`delete from holiday_calendar where date = (select min(date) from holiday_calendar)`).run();
    expect(token('calendar')).not.toBe(calendar);
  });

  it('adds partial indexes for open requests, and a name index for searches too short for trigrams', () => {
    const added = step.addedIndexes();
    expect(added.requests_open_due_idx).toEqual(['due_at']);
    expect(added.requests_name_idx).toEqual(['requester_name']);
    const partial = step.sqlite.prepare(`select sql from sqlite_master where name = 'requests_open_due_idx'`).get() as { sql: string };
    expect(partial.sql).toContain(`where status in ('new', 'verifying', 'in_progress', 'awaiting_requester')`);
    expect(step.indexColumns('requests_status_channel_received_idx')).toBeUndefined();
  });
});
