import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AT, migrationStep, refusal, type MigrationStep, type Row } from './step';

let step: MigrationStep;
let before: Record<string, Row[]>;

beforeEach(async () => {
  step = await migrationStep('2026_12_01_1500_stored_files');
  // A request with an attachment as the version before kept it: its row here, its bytes in the folder.
  const request = step.insert(
    `insert into requests (reference, channel, received_at, requester_name, requester_contact, kind, status, due_date, due_at, created_at, updated_at)
     values ('REQ-2026-0001', 'email', ?, '李娜', 'li@example.cn', 'access', 'new', '2026-12-08', '2026-12-08T15:59:59.999Z', ?, ?)`,
    AT,
    AT,
    AT,
  );
  step.insert(
    `insert into request_attachments (request_id, kind, file_name, mime_type, size, sha256, created_at) values (?, 'attachment', '身份证明.pdf', 'application/pdf', 8, ?, ?)`,
    request,
    'a'.repeat(64),
    AT,
  );
  before = step.snapshot();
  await step.migrate();
});
afterEach(async () => {
  await step.close();
});

const PDF = Buffer.from('%PDF-1.4 扫描件');
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const keep = (folder: string, bytes: Buffer, size = bytes.length, hash = sha(bytes)) =>
  step.sqlite.prepare('insert into stored_files (folder, sha256, size, bytes, created_at) values (?, ?, ?, ?, ?)').run(folder, hash, size, bytes, AT);

describe('2026_12_01_1500_stored_files', () => {
  it('keeps every row as it was and adds an empty table of file bytes (a register file keeps its folder)', () => {
    for (const [table, rows] of Object.entries(before)) expect(step.snapshot()[table]).toEqual(rows);
    expect(step.snapshot().stored_files).toEqual([]);
  });

  it('holds the same bytes once per store, byte for byte, with their true size', () => {
    keep('request-files', PDF);
    keep('documents', PDF);
    expect(refusal(() => keep('request-files', PDF))).toMatch(/UNIQUE|PRIMARY/);
    const row = step.sqlite.prepare(`select bytes from stored_files where folder = 'request-files'`).get() as { bytes: Buffer };
    expect(Buffer.from(row.bytes).equals(PDF)).toBe(true);
  });

  it('refuses an unknown store, a hash that is not a SHA-256, and a size that is not the bytes’ length', () => {
    expect(refusal(() => keep('elsewhere', PDF))).toMatch(/CHECK/);
    expect(refusal(() => keep('documents', PDF, PDF.length, 'abc'))).toMatch(/CHECK/);
    expect(refusal(() => keep('documents', PDF, PDF.length + 1))).toMatch(/CHECK/);
  });
});
