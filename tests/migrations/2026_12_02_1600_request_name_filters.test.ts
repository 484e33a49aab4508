import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AT, migrationStep, type MigrationStep, type Row } from './step';
import { INDEXES, OPEN_ORDERS } from '../../src/main/core/db/migrations/2026_12_02_1600_request_name_filters';

let step: MigrationStep;
let before: Record<string, Row[]>;

const OPEN = `status in ('new', 'verifying', 'in_progress', 'awaiting_requester')`;

beforeEach(async () => {
  step = await migrationStep('2026_12_02_1600_request_name_filters');
  // Requests as the versions before wrote them: names in Chinese and in Latin letters of either case,
  // open and closed, of two kinds and two channels.
  const request = step.sqlite.prepare(
    `insert into requests (reference, channel, received_at, requester_name, requester_contact, kind, status, due_date, due_at, created_at, updated_at)
     values (?, ?, ?, ?, '13800000001', ?, ?, '2026-12-08', '2026-12-08T15:59:59.999Z', ?, ?)`,
  );
  const names = ['赵伟', '赵芳', '钱敏', 'li na', 'Li Wei', '赵', 'LIU'];
  for (let i = 0; i < 28; i++) {
    request.run(`REQ-2026-${String(i + 1).padStart(4, '0')}`, i % 2 ? 'email' : 'hotline', AT, names[i % names.length], i % 3 ? 'deletion' : 'access_copy', i % 4 ? 'closed' : 'new', AT, AT);
  }
  before = step.snapshot();
  await step.migrate();
});
afterEach(async () => {
  await step.close();
});

const ids = (query: string, ...params: unknown[]) => (step.sqlite.prepare(query).all(...params) as { id: number }[]).map((r) => r.id);

describe('2026_12_02_1600_request_name_filters', () => {
  it('keeps every request as it was', () => {
    expect(step.snapshot()).toEqual(before);
  });

  it('replaces the index of names by one that carries the filtered columns after the name, and one of open requests alone', () => {
    expect(Object.keys(step.addedIndexes()).sort()).toEqual(INDEXES.map((i) => i.name).sort());
    for (const { name } of INDEXES) expect(step.addedIndexes()[name]).toEqual(['requester_name', 'status', 'kind', 'channel', 'due_at']);
    expect(step.indexColumns('requests_name_idx')).toBeUndefined();
    const partial = step.sqlite.prepare(`select sql from sqlite_master where name = 'requests_open_name_filters_idx'`).get() as { sql: string };
    expect(partial.sql).toContain(`where ${OPEN}`);
  });

  it('makes the open requests’ index of each order again, with the id and the filtered columns after the order, still of open requests alone', () => {
    for (const { name, after } of OPEN_ORDERS) {
      const { sql: text } = step.sqlite.prepare(`select sql from sqlite_master where name = ?`).get(name) as { sql: string };
      expect(text).toBe(`CREATE INDEX ${name} on requests (${after.join(', ')}) where ${OPEN}`);
      expect(after).toContain('id');
    }
    expect(step.indexColumns('requests_open_kind_idx')).toEqual(['kind', 'received_at', 'id', 'status', 'channel', 'due_at']);
  });

  it('walks the open requests newest first testing the due time and kind in the index, in the order a sort gives', () => {
    const query = `select id from requests indexed by requests_open_received_idx
      where ${OPEN} and status in ('new', 'verifying', 'in_progress') and due_at > ? and due_at <= ? and kind = ? order by received_at desc, id desc`;
    const params = ['2026-12-01T00:00:00.000Z', '2026-12-31T00:00:00.000Z', 'access_copy'];
    expect(step.plan(query, ...params)).toBe('SCAN requests USING COVERING INDEX requests_open_received_idx');
    const sorted = `select id from requests not indexed where status = 'new' and kind = 'access_copy' order by received_at desc, id desc`;
    expect(ids(sorted).length).toBeGreaterThan(1);
    expect(ids(query, ...params)).toEqual(ids(sorted));
  });

  it('counts a name’s beginning with filters from the index alone, whatever the case of Latin letters, as a scan of the rows counts', () => {
    const count = `select count(*) as n from requests indexed by requests_name_filters_idx
      where requester_name collate nocase >= ? and requester_name collate nocase < ? and kind = ? and channel = ?`;
    expect(step.plan(count, 'li', 'li\uffff', 'deletion', 'email')).toMatch(/^SEARCH requests USING COVERING INDEX requests_name_filters_idx/);
    const scanned = step.sqlite.prepare(`select count(*) as n from requests not indexed where lower(requester_name) like 'li%' and kind = 'deletion' and channel = 'email'`).get();
    expect(scanned).toEqual({ n: 4 });
    expect(step.sqlite.prepare(count).get('li', 'li\uffff', 'deletion', 'email')).toEqual(scanned);
  });

  it('reads the open requests whose name begins so from the open requests’ index, and only them', () => {
    const query = `select id from requests indexed by requests_open_name_filters_idx
      where requester_name collate nocase >= ? and requester_name collate nocase < ? and ${OPEN} order by id`;
    expect(step.plan(query, '赵', '赵\uffff')).toMatch(/USING (COVERING )?INDEX requests_open_name_filters_idx/);
    const byHand = (step.sqlite.prepare(`select id, requester_name, status from requests order by id`).all() as { id: number; requester_name: string; status: string }[])
      .filter((r) => r.requester_name.startsWith('赵') && r.status === 'new')
      .map((r) => r.id);
    expect(byHand.length).toBeGreaterThan(1);
    expect(ids(query, '赵', '赵\uffff')).toEqual(byHand);
  });
});
