import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AT, migrationStep, refusal, type MigrationStep, type Row } from './step';

let step: MigrationStep;
let before: Record<string, Row[]>;

beforeEach(async () => {
  step = await migrationStep('2026_12_01_1310_people');
  // Requests as the version before wrote them, one with a free-text assignee.
  const request = step.sqlite.prepare(
    `insert into requests (reference, channel, received_at, requester_name, requester_contact, kind, status, assignee, due_date, due_at, created_at, updated_at)
     values (?, 'email', ?, '李娜', '13800000000', 'access', 'new', ?, '2026-12-08', '2026-12-08T15:59:59.999Z', ?, ?)`,
  );
  request.run('REQ-2026-0001', AT, '王芳', AT, AT);
  request.run('REQ-2026-0002', AT, '', AT, AT);
  before = step.snapshot();
  await step.migrate();
});
afterEach(async () => {
  await step.close();
});

const person = (signIn: string, role = 'desk', extra: { disabled?: number; seesContacts?: number } = {}) =>
  step.insert(
    'insert into people (sign_in_name, display_name, role, disabled, sees_contacts, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?)',
    signIn,
    '王芳',
    role,
    extra.disabled ?? 0,
    extra.seesContacts ?? 0,
    AT,
    AT,
  );

describe('2026_12_01_1310_people', () => {
  it('keeps every request as it was (a free-text assignee included) and adds an empty people table', () => {
    for (const [table, rows] of Object.entries(before)) expect(step.snapshot()[table]).toEqual(rows);
    expect(step.snapshot().people).toEqual([]);
  });

  it('holds one person per lower-case sign-in name, with one of the three roles', () => {
    expect(person('wang.fang')).toBeGreaterThan(0);
    expect(refusal(() => person('wang.fang', 'viewer'))).toMatch(/UNIQUE/);
    expect(refusal(() => person('Wang.Fang'))).toMatch(/CHECK/);
    expect(refusal(() => person('li', 'admin'))).toMatch(/CHECK/);
    expect(refusal(() => person('zhao', 'desk', { disabled: 2 }))).toMatch(/CHECK/);
    expect(refusal(() => person('', 'desk'))).toMatch(/CHECK/);
  });

  it('answers whether anyone signs in from one index entry', () => {
    expect(step.plan(`select id from people where disabled = ? and password_hash is not null limit 1`, 0)).toMatch(/people_signing_in_idx/);
  });

  it('reads one person\'s requests in due order from the assignee index', () => {
    expect(step.addedIndexes()).toEqual({ requests_assignee_due_idx: ['assignee', 'due_at', 'id'], people_signing_in_idx: ['disabled', 'id'] });
    expect(step.plan(`select id from requests where assignee = ? order by due_at, id`, 'wang.fang')).toMatch(/requests_assignee_due_idx/);
  });
});
