import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AT, migrationStep, refusal, type MigrationStep, type Row } from './step';

let step: MigrationStep;
let before: Record<string, Row[]>;

beforeEach(async () => {
  step = await migrationStep('2026_11_29_0330_requests');
  // A register as 0310_sharing_register left it: a category shared with a partner, and a policy version.
  const category = step.insert(
    `insert into collection_categories (code, name, stage, subject_type, purposes, legal_basis, collection_method, created_at, updated_at)
     values ('REG-1', '账户信息', 'registration', 'individual', '注册', 'contract', 'user_provided', ?, ?)`,
    AT,
    AT,
  );
  const partner = step.insert(
    `insert into partners (name, role, country_region, sharing_basis, policy_clause, created_at, updated_at) values ('征信机构', 'credit_bureau', 'CN', 'legal_obligation', '3.3.5', ?, ?)`,
    AT,
    AT,
  );
  step.insert(
    `insert into sharing_flows (partner_id, category_id, purpose, method, frequency, created_at, updated_at) values (?, ?, '信用评估', 'api', 'on_demand', ?, ?)`,
    partner,
    category,
    AT,
    AT,
  );
  step.insert(`insert into policy_versions (title, version_label, source_text, created_at, updated_at) values ('隐私政策', '2024', '正文', ?, ?)`, AT, AT);
  before = step.snapshot();
  await step.migrate();
});
afterEach(async () => {
  await step.close();
});

const request = (reference: string) =>
  step.insert(
    `insert into requests (reference, channel, received_at, requester_name, requester_contact, kind, status, created_at, updated_at)
     values (?, 'email', ?, '张伟', 'zhangwei@example.cn', 'access', 'received', ?, ?)`,
    reference,
    AT,
    AT,
    AT,
  );
const calendar = (from: string, to: string) =>
  Object.fromEntries(
    (step.sqlite.prepare('select date, kind from holiday_calendar where date between ? and ? order by date').all(from, to) as { date: string; kind: string }[]).map(
      (r) => [r.date, r.kind],
    ),
  );
const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();

describe('2026_11_29_0330_requests', () => {
  it('keeps every row of the register as it was', () => {
    for (const [table, rows] of Object.entries(before)) expect(step.snapshot()[table]).toEqual(rows);
    expect(before.sharing_flows).toHaveLength(1);
  });

  it('ships the 2025 and 2026 rest-day arrangements: the holidays and the weekend make-up working days', () => {
    // Spring Festival 2025 (the State Council’s notice for 2025): 28 January to 4 February off, Sunday 26 January and Saturday 8 February worked.
    expect(calendar('2025-01-25', '2025-02-09')).toEqual({
      '2025-01-26': 'workday',
      '2025-01-28': 'holiday',
      '2025-01-29': 'holiday',
      '2025-01-30': 'holiday',
      '2025-01-31': 'holiday',
      '2025-02-01': 'holiday',
      '2025-02-02': 'holiday',
      '2025-02-03': 'holiday',
      '2025-02-04': 'holiday',
      '2025-02-08': 'workday',
    });
    // National Day 2026: 1 to 7 October off, Saturday 10 October worked.
    expect(calendar('2026-09-30', '2026-10-11')).toMatchObject({ '2026-10-01': 'holiday', '2026-10-07': 'holiday', '2026-10-10': 'workday' });
    expect(calendar('2026-10-08', '2026-10-09')).toEqual({});
    const all = step.sqlite.prepare('select date, kind, note from holiday_calendar').all() as { date: string; kind: string; note: string }[];
    expect(all.filter((d) => d.date.startsWith('2025') && d.kind === 'holiday')).toHaveLength(28);
    expect(all.filter((d) => d.kind === 'workday').map((d) => weekday(d.date)).every((w) => w === 0 || w === 6)).toBe(true);
    expect(new Set(all.map((d) => d.kind))).toEqual(new Set(['holiday', 'workday']));
    expect(all.every((d) => d.note === '')).toBe(true);
    expect(refusal(() => step.insert(`insert into holiday_calendar (date, kind, created_at, updated_at) values ('2025-01-28', 'workday', ?, ?)`, AT, AT))).toContain(
      'UNIQUE constraint failed: holiday_calendar.date',
    );
  });

  it('fills every optional field of a request with its default, and keeps references unique', () => {
    const id = request('REQ-2026-0001');
    expect(step.sqlite.prepare('select * from requests where id = ?').get(id)).toMatchObject({
      account_ref: '',
      details: '',
      concerns_minor: 0,
      assignee: '',
      identity_method: null,
      due_date: null,
      due_at: null,
      responded_at: null,
      response_summary: '',
      complaint_route_given: 0,
      anonymised_at: null,
      revision: 1,
    });
    expect(refusal(() => request('REQ-2026-0001'))).toContain('UNIQUE constraint failed: requests.reference');
    step.insert(`insert into request_counters (year, last_number) values (2026, 1)`);
    expect(refusal(() => step.insert(`insert into request_counters (year, last_number) values (2026, 2)`))).toContain('UNIQUE constraint failed');
  });

  it('ties a request’s timeline, pauses and reminders to it, one reminder a day, and deletes them with it', () => {
    const id = request('REQ-2026-0001');
    step.insert(`insert into request_events (request_id, at, actor, kind, to_status) values (?, ?, 'local', 'created', 'received')`, id, AT);
    step.insert(`insert into request_pauses (request_id, started_at, reason) values (?, ?, '等待身份核验')`, id, AT);
    const reminder = () => step.insert(`insert into request_reminders (request_id, day, state, sent_at) values (?, '2026-11-17', 'due_soon', ?)`, id, AT);
    reminder();
    expect(refusal(reminder)).toContain('UNIQUE constraint failed');
    expect(refusal(() => step.insert(`insert into request_events (request_id, at, actor, kind) values (?, ?, 'local', 'note')`, id + 1, AT))).toContain(
      'FOREIGN KEY constraint failed',
    );
    expect(step.sqlite.prepare('select text, data from request_events').get()).toEqual({ text: '', data: '{}' });
    step.sqlite.prepare('delete from requests where id = ?').run(id);
    expect(
      step.sqlite.prepare('select (select count(*) from request_events) + (select count(*) from request_pauses) + (select count(*) from request_reminders) as n').get(),
    ).toEqual({ n: 0 });
  });

  it('indexes requests by status and due time, so that the dashboard’s counts are range scans', () => {
    expect(step.addedIndexes()).toEqual({
      requests_status_due_idx: ['status', 'due_at'],
      requests_due_idx: ['due_at'],
      requests_received_idx: ['received_at'],
      requests_responded_idx: ['responded_at', 'due_at'],
      requests_kind_received_idx: ['kind', 'received_at'],
      requests_channel_received_idx: ['channel', 'received_at'],
      requests_closed_idx: ['closed_at'],
      requests_updated_idx: ['updated_at'],
      request_events_request_idx: ['request_id', 'id'],
      request_pauses_request_idx: ['request_id'],
    });
    expect(step.plan(`select count(*) from requests where status = 'in_progress' and due_at < ?`, AT)).toContain('USING COVERING INDEX requests_status_due_idx');
  });
});
