import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AT, migrationStep, refusal, type MigrationStep, type Row } from './step';

let step: MigrationStep;
let before: Record<string, Row[]>;
let requestId: number;
const SHA = 'a'.repeat(64);

beforeEach(async () => {
  step = await migrationStep('2026_12_01_1100_request_attachments');
  // A request as 0330_requests wrote it.
  requestId = step.insert(
    `insert into requests (reference, channel, received_at, requester_name, requester_contact, kind, status, created_at, updated_at)
     values ('REQ-2026-0001', 'email', ?, '张三', 'zhang@example.cn', 'deletion', 'new', ?, ?)`,
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

const attach = (kind: string, size = 10, sha = SHA, messageId: string | null = null) =>
  step.insert(
    `insert into request_attachments (request_id, kind, file_name, mime_type, size, sha256, message_id, created_at) values (?, ?, '申请.eml', 'message/rfc822', ?, ?, ?, ?)`,
    requestId,
    kind,
    size,
    sha,
    messageId,
    AT,
  );

describe('2026_12_01_1100_request_attachments', () => {
  it('keeps every request as it was and adds an empty request_attachments table', () => {
    for (const [table, rows] of Object.entries(before)) expect(step.snapshot()[table]).toEqual(rows);
    expect(step.snapshot().request_attachments).toEqual([]);
  });

  it('takes an original message with its Message-ID, and finds it by request, hash and Message-ID', () => {
    attach('original_message', 120, SHA, 'abc@example.cn');
    expect(step.addedIndexes()).toEqual({
      request_attachments_request_idx: ['request_id'],
      request_attachments_sha256_idx: ['sha256'],
      request_attachments_message_id_idx: ['message_id'],
    });
    expect(step.plan('select request_id from request_attachments where message_id = ?', 'abc@example.cn')).toContain('request_attachments_message_id_idx');
  });

  it('refuses an unknown kind, a negative size, a malformed hash and a request that does not exist', () => {
    expect(refusal(() => attach('photo'))).toMatch(/CHECK/);
    expect(refusal(() => attach('attachment', -1))).toMatch(/CHECK/);
    expect(refusal(() => attach('attachment', 1, 'abc'))).toMatch(/CHECK/);
    expect(
      refusal(() =>
        step.insert(`insert into request_attachments (request_id, kind, file_name, mime_type, size, sha256, created_at) values (999, 'document', 'a.pdf', 'application/pdf', 1, ?, ?)`, SHA, AT),
      ),
    ).toMatch(/FOREIGN KEY/);
  });
});
