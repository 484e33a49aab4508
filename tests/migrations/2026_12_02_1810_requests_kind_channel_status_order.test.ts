import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AT, migrationStep, type MigrationStep, type Row } from './step';

let step: MigrationStep;
let before: Record<string, Row[]>;

const STATUSES = ['new', 'verifying', 'in_progress', 'closed', 'refused', 'withdrawn'];

beforeEach(async () => {
  step = await migrationStep('2026_12_02_1810_requests_kind_channel_status_order');
  // Requests as the versions before wrote them, over two kinds, two channels and six statuses.
  const request = step.sqlite.prepare(
    `insert into requests (reference, channel, received_at, requester_name, requester_contact, kind, status, created_at, updated_at)
     values (?, ?, ?, '李娜', '13800000001', ?, ?, ?, ?)`,
  );
  for (let i = 0; i < 60; i++) {
    const at = new Date(Date.parse(AT) - (i % 17) * 3_600_000).toISOString();
    request.run(`REQ-2026-${String(i + 1).padStart(4, '0')}`, i % 2 ? 'email' : 'hotline', at, i % 3 ? 'deletion' : 'access_copy', STATUSES[i % 6], at, AT);
  }
  before = step.snapshot();
  await step.migrate();
});
afterEach(async () => {
  await step.close();
});

describe('2026_12_02_1810_requests_kind_channel_status_order', () => {
  it('keeps every request as it was', () => {
    expect(step.snapshot()).toEqual(before);
  });

  it('adds the index of a kind and a channel in the order of the status, then the time received', () => {
    expect(step.addedIndexes()).toEqual({ requests_kind_channel_status_received_idx: ['kind', 'channel', 'status', 'received_at'] });
  });

  it('reads one kind by one channel in the order of the status, for any statuses, with the rows of sorting them', () => {
    for (const statuses of [[], ['new', 'verifying', 'in_progress']]) {
      const where = `kind = 'deletion' and channel = 'email'${statuses.length ? ` and status in (${statuses.map((s) => `'${s}'`).join(', ')})` : ''}`;
      const query = `select id from requests where ${where} order by status desc, received_at desc, id desc limit 7`;
      expect(step.plan(query), where).toMatch(/USING (COVERING )?INDEX requests_kind_channel_status_received_idx/);
      expect(step.plan(query), where).not.toMatch(/TEMP B-TREE/);
      const ids = (step.sqlite.prepare(query).all() as { id: number }[]).map((r) => r.id);
      const byHand = (step.sqlite.prepare(`select id, status, received_at from requests where ${where}`).all() as { id: number; status: string; received_at: string }[])
        .sort((a, b) => (a.status !== b.status ? (a.status < b.status ? 1 : -1) : a.received_at !== b.received_at ? (a.received_at < b.received_at ? 1 : -1) : b.id - a.id))
        .slice(0, 7)
        .map((r) => r.id);
      expect(ids, where).toEqual(byHand);
      expect(ids.length, where).toBeGreaterThan(1);
    }
  });
});
