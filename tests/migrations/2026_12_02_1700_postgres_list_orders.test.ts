import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AT, migrationStep, type MigrationStep, type Row } from './step';

// The migration changes a team register on PostgreSQL alone (its indexes, and what they serve, are
// tested on PostgreSQL by tests/main/db/postgres-plans.test.ts). On a register file it must change nothing.

let step: MigrationStep;
let before: Record<string, Row[]>;
let schemaBefore: unknown[];

const schema = () => step.sqlite.prepare(`select type, name, tbl_name, sql from sqlite_master where name not like 'kysely_%' order by type, name`).all();

beforeEach(async () => {
  step = await migrationStep('2026_12_02_1700_postgres_list_orders');
  const request = step.sqlite.prepare(
    `insert into requests (reference, channel, received_at, requester_name, requester_contact, kind, status, due_date, due_at, created_at, updated_at)
     values (?, 'email', ?, '赵伟', '13800000001', 'deletion', ?, ?, ?, ?, ?)`,
  );
  for (let i = 0; i < 6; i++) {
    const due = i % 3 === 0 ? null : '2026-12-08T15:59:59.999Z';
    request.run(`REQ-2026-${String(i + 1).padStart(4, '0')}`, AT, i % 2 ? 'closed' : 'new', due?.slice(0, 10) ?? null, due, AT, AT);
  }
  step.sqlite.prepare(`insert into partners (name, role, country_region, contact, sharing_basis, status, created_at, updated_at) values ('合作方 0004', 'affiliate', '中国', '', 'consent', 'active', ?, ?)`).run(AT, AT);
  before = step.snapshot();
  schemaBefore = schema();
  await step.migrate();
});
afterEach(async () => {
  await step.close();
});

describe('2026_12_02_1700_postgres_list_orders', () => {
  it('leaves a register file’s rows as they were', () => {
    expect(step.snapshot()).toEqual(before);
  });

  it('adds, drops and remakes nothing on SQLite, whose indexes already order undated requests lowest', () => {
    expect(step.addedIndexes()).toEqual({});
    expect(schema()).toEqual(schemaBefore);
  });
});
