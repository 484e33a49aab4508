import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AT, migrationStep, refusal, type MigrationStep, type Row } from './step';

let step: MigrationStep;
let before: Record<string, Row[]>;

beforeEach(async () => {
  step = await migrationStep('2026_12_01_1220_reply_letters');
  // A refused request and an answered one, as the earlier versions wrote them.
  step.insert(
    `insert into requests (reference, channel, received_at, requester_name, requester_contact, kind, status, refusal_reason, complaint_route_given, response_summary, created_at, updated_at)
     values ('REQ-2026-0001', 'email', ?, '张三', 'zhang@example.cn', 'deletion', 'refused', 'trade_secret', 1, '涉及商业秘密', ?, ?)`,
    AT,
    AT,
    AT,
  );
  step.insert(
    `insert into requests (reference, channel, received_at, requester_name, requester_contact, kind, status, response_summary, created_at, updated_at)
     values ('REQ-2026-0002', 'hotline', ?, '李四', '13800138000', 'access_copy', 'responded', '已提供副本', ?, ?)`,
    AT,
    AT,
    AT,
  );
  before = step.snapshot();
  await step.migrate();
});
afterEach(async () => {
  await step.close();
});

describe('2026_12_01_1220_reply_letters', () => {
  it('keeps every request, with no stated refusal reason and a whole (not partial) answer', () => {
    const requests = step.snapshot().requests!;
    expect(requests.map(({ refusal_note: _n, response_partial: _p, ...rest }) => rest)).toEqual(before.requests);
    expect(requests.map((r) => [r.reference, r.refusal_note, r.response_partial])).toEqual([
      ['REQ-2026-0001', '', 0],
      ['REQ-2026-0002', '', 0],
    ]);
    for (const [table, rows] of Object.entries(before)) if (table !== 'requests') expect(step.snapshot()[table]).toEqual(rows);
  });

  it('adds an empty reply_templates table holding one wording per template and language', () => {
    expect(step.snapshot().reply_templates).toEqual([]);
    const add = (language: string) =>
      step.insert(`insert into reply_templates (kind, language, subject, body, created_at, updated_at) values ('refused', ?, 'S', 'B', ?, ?)`, language, AT, AT);
    add('zh-CN');
    add('en');
    expect(refusal(() => add('zh-CN'))).toMatch(/UNIQUE/);
    expect(refusal(() => add('fr'))).toMatch(/CHECK/);
  });
});
