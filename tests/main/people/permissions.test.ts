import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS, type Channel } from '../../../src/shared/contract';
import { ROLES, type Role } from '../../../src/shared/domain/people';
import { can, PERMISSIONS } from '../../../src/shared/permissions';
import { newSession, type Session } from '../../../src/main/core/people/session';
import { makeWorkbench, type TestWorkbench } from '../../helpers/workbench';
import { categoryFixture } from '../../helpers/fixtures';
import { onPostgres } from '../../helpers/engine';

let wb: TestWorkbench;
const sessions = {} as Record<Role, Session>;
const people = {} as Record<Role, { id: number; revision: number }>;

/**
 * A person of `role` and a session of theirs: on a file, named without a password and picked at the
 * desk (single-user mode); on a server, which always asks to sign in, signed in with a password.
 */
async function personOf(w: TestWorkbench, role: Role, signInName: string, displayName: string) {
  const password = onPostgres ? `${signInName}-password` : undefined;
  const person = await w.call('people:create', { signInName, displayName, role, ...(password ? { password } : {}) });
  const session = newSession();
  const started = password
    ? await w.router.invoke('session:signIn', { signInName, password }, session)
    : await w.router.invoke('session:pick', { personId: person.id }, session);
  expect(started.ok, JSON.stringify(started)).toBe(true);
  return { person, session };
}

beforeAll(async () => {
  wb = await makeWorkbench();
  await wb.call('app:setup', { template: 'empty', organisationName: 'Acme', language: 'en' });
  for (const role of ROLES) {
    const { person, session } = await personOf(wb, role, `the.${role}`, `The ${role}`);
    people[role] = person;
    sessions[role] = session;
  }
});
afterAll(() => wb.close());

const refusedForRole = /Your role \(/;

describe('the permission table (src/shared/permissions.ts)', () => {
  it('names every channel of the router, and nothing else', () => {
    expect(Object.keys(PERMISSIONS).sort()).toEqual([...CHANNELS].sort());
  });

  it('gives the officer everything, the desk no deletes, settings or people, the viewer no writes', () => {
    for (const channel of CHANNELS) expect(can('officer', channel), channel).toBe(true);
    const deskRefused = CHANNELS.filter((c) => !can('desk', c));
    for (const c of CHANNELS.filter((c) => /:(delete|purge|setStatus)$/.test(c) || /^(people|settings|backup|calendar):/.test(c))) {
      if (c === 'settings:get' || c === 'calendar:year') continue;
      expect(deskRefused, c).toContain(c);
    }
    for (const c of ['requests:create', 'requests:act', 'requests:update', 'requests:sendLetter', 'requests:assign'] as Channel[]) expect(can('desk', c), c).toBe(true);
    for (const c of ['requests:create', 'requests:act', 'requests:assign', 'categories:create', 'settings:update'] as Channel[]) expect(can('viewer', c), c).toBe(false);
    for (const c of ['reports:export', 'requests:list', 'categories:list', 'audit:verify'] as Channel[]) expect(can('viewer', c), c).toBe(true);
  });
});

describe('every channel × every role, through the router', () => {
  for (const role of ROLES) {
    it(`${role}: refused exactly where the table says, before the input is read`, async () => {
      const outcomes: string[] = [];
      for (const channel of CHANNELS) {
        // An input no channel accepts: an allowed call stops at validation (or runs), a refused one never gets there.
        const result = await wb.router.invoke(channel, { notAField: true }, sessions[role]);
        const refused = !result.ok && result.error.code === 'FORBIDDEN' && refusedForRole.test(result.error.message);
        if (refused === can(role, channel)) outcomes.push(`${channel}: ${refused ? 'refused' : 'allowed'} against the table`);
      }
      expect(outcomes).toEqual([]);
    });
  }

  it('team mode, nobody signed in: only the channels open to anyone answer', async () => {
    // On a file, an officer's password turns team mode on; a server is in team mode from the start.
    if (!onPostgres) await wb.call('people:resetPassword', { id: people.officer.id, revision: people.officer.revision, password: 'officer-password-1' });
    const anonymous = newSession();
    for (const channel of CHANNELS) {
      const result = await wb.router.invoke(channel, { notAField: true }, anonymous);
      const refused = !result.ok && result.error.code === 'FORBIDDEN' && /Sign in first/.test(result.error.message);
      expect(refused, channel).toBe(PERMISSIONS[channel] !== 'anyone');
    }
    // The picked people of single-user mode no longer count: they must sign in too (on a server, they did).
    const desk = await wb.router.invoke('requests:list', {}, sessions.desk);
    if (onPostgres) expect(desk.ok).toBe(true);
    else expect(desk.ok ? null : desk.error.message).toMatch(/Sign in first/);
  });
});

describe('a desk user deleting a category', () => {
  it('gets FORBIDDEN, naming the role, in the register\'s language, and nothing is deleted', async () => {
    const zh = await makeWorkbench({ language: 'zh-CN' });
    try {
      await zh.call('app:setup', { template: 'empty', organisationName: '码尚云', language: 'zh-CN' });
      const category = await zh.call('categories:create', categoryFixture());
      const { session } = await personOf(zh, 'desk', 'li.desk', '李受理');
      const result = await zh.router.invoke('categories:delete', { id: category.id, revision: category.revision }, session);
      expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(result.ok ? '' : result.error.message).toBe('您的角色为受理人员，无权进行此操作（categories:delete）。如确需办理，请联系个人信息保护负责人。');
      expect((await zh.call('categories:get', { id: category.id })).id).toBe(category.id);
    } finally {
      await zh.close();
    }
  });
});
