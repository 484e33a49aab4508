import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AT, migrationStep, type MigrationStep, type Row } from './step';

let step: MigrationStep;
let before: Record<string, Row[]>;

beforeEach(async () => {
  step = await migrationStep('2026_11_29_0400_requests_list_indexes');
  // Requests as 0330_requests wrote them, each with its first timeline event.
  const request = step.sqlite.prepare(
    `insert into requests (reference, channel, received_at, requester_name, requester_contact, kind, status, due_date, due_at, created_at, updated_at)
     values (?, ?, ?, '李娜', '13800000000', ?, ?, '2026-12-08', '2026-12-08T15:59:59.999Z', ?, ?)`,
  );
  const event = step.sqlite.prepare(`insert into request_events (request_id, at, actor, kind, to_status) values (?, ?, 'local', 'created', ?)`);
  const rows: [string, string, string, string][] = [
    ['REQ-2026-0001', 'email', 'access', 'received'],
    ['REQ-2026-0002', 'hotline', 'deletion', 'in_progress'],
    ['REQ-2026-0003', 'email', 'deletion', 'in_progress'],
  ];
  for (const [reference, channel, kind, status] of rows) {
    const id = Number(request.run(reference, channel, AT, kind, status, AT, AT).lastInsertRowid);
    event.run(id, AT, status);
  }
  before = step.snapshot();
  await step.migrate();
});
afterEach(async () => {
  await step.close();
});

describe('2026_11_29_0400_requests_list_indexes', () => {
  it('keeps every request and its timeline as they were', () => {
    for (const [table, rows] of Object.entries(before)) expect(step.snapshot()[table]).toEqual(rows);
    expect(before.requests).toHaveLength(3);
  });

  it('adds the indexes on status, kind and channel, each ending in the received time the list sorts by', () => {
    expect(step.addedIndexes()).toEqual({
      requests_status_kind_received_idx: ['status', 'kind', 'received_at'],
      requests_status_channel_received_idx: ['status', 'channel', 'received_at'],
      requests_kind_channel_received_idx: ['kind', 'channel', 'received_at'],
    });
  });

  it('answers a filtered count from an index alone, and counts the existing requests', () => {
    const query = `select count(*) as n from requests where status = ? and kind = ?`;
    expect(step.plan(query, 'in_progress', 'deletion')).toContain('USING COVERING INDEX requests_status_kind_received_idx');
    expect(step.sqlite.prepare(query).get('in_progress', 'deletion')).toEqual({ n: 2 });
    const byChannel = `select count(*) as n from requests where kind = ? and channel = ?`;
    expect(step.plan(byChannel, 'deletion', 'email')).toContain('USING COVERING INDEX requests_kind_channel_received_idx');
    expect(step.sqlite.prepare(byChannel).get('deletion', 'email')).toEqual({ n: 1 });
  });
});
