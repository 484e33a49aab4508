/**
 * `npm run cli -- setup --officer NAME` creates a register's first officer before anyone exists to
 * sign in, on a file and on a server (where everyone signs in) alike, and a second one is refused.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runTs } from '../../helpers/child-process';
import { freshPostgresRegister, onPostgres, rowsOf } from '../../helpers/engine';
import { openWorkbench, type Workbench } from '../../../src/main/core/workbench';
import { newSession } from '../../../src/main/core/people/session';
import { verifyAuditChain } from '../../../src/main/core/audit/audit-verify';
import { fileKeyProvider } from '../../../src/main/core/audit/audit-key';
import { dataDirFor, defaultUserDataDir } from '../../../src/main/core/paths';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
});

/** An empty register of this engine: a file path, or a new database on the test server. */
async function emptyRegister(): Promise<string> {
  if (!onPostgres) return join(mkdtempSync(join(tmpdir(), 'pw-setup-')), 'register.sqlite');
  const register = await freshPostgresRegister();
  cleanup.push(register.drop);
  return register.url;
}

function cliIn(userDataDir: string) {
  return async (args: string[], password: string) => {
    const env = { LANG: 'en_US.UTF-8', LC_ALL: 'en_US.UTF-8', PRIVACY_WORKBENCH_PASSWORD: password, XDG_CONFIG_HOME: userDataDir, PRIVACY_WORKBENCH_AUDIT_KEY: join(userDataDir, 'audit-key') };
    const child = runTs('src/main/cli.ts', args, env);
    const { code } = await child.exited;
    return { code, stdout: child.lines.join('\n'), stderr: child.stderr() };
  };
}

async function openAs(db: string, userDataDir: string): Promise<Workbench> {
  // The folder the command line used (beside a file; the user-data folder's for a server), and its key.
  const dataDir = dataDirFor(db, defaultUserDataDir('linux', { XDG_CONFIG_HOME: userDataDir }));
  const wb = await openWorkbench({ dbPath: db, host: 'cli', systemLanguage: 'en', dataDir, auditKey: fileKeyProvider(join(userDataDir, 'audit-key')), log: () => {} });
  cleanup.push(() => wb.close());
  return wb;
}

describe('cli setup --officer on an empty register', () => {
  it('sets up the register from a template with its first officer in one step; the officer signs in; a second setup is refused and changes nothing', async () => {
    const db = await emptyRegister();
    const userData = mkdtempSync(join(tmpdir(), 'pw-setup-home-'));
    const cli = cliIn(userData);
    const setup = await cli(['setup', '--db', db, '--officer', 'Wang.Fang', '--name', '王芳', '--template', 'sample'], 'officer-password-1');
    expect(setup.code, setup.stderr).toBe(0);
    expect(setup.stdout).toContain('王芳 (wang.fang) is the privacy officer of');
    expect(setup.stdout).not.toMatch(/postgres:\/\/[^@\s]*:[^@\s]*@/); // never a password in what is printed

    const second = await cli(['setup', '--db', db, '--officer', 'other'], 'other-password-1');
    expect(second.code).toBe(1);
    expect(second.stderr.trim()).toBe('This register already has people who sign in; add more in Settings → People, signed in as an officer.');

    const wb = await openAs(db, userData);
    const people = await rowsOf<{ sign_in_name: string; role: string }>(wb.ctx.db, 'select sign_in_name, role from people order by id');
    expect(people).toEqual([{ sign_in_name: 'wang.fang', role: 'officer' }]);
    const session = newSession();
    expect((await wb.router.invoke('session:signIn', { signInName: 'wang.fang', password: 'officer-password-1' }, session)).ok).toBe(true);
    const info = await wb.router.invoke('app:info', {}, session);
    expect(info).toMatchObject({ ok: true, value: { needsSetup: false, firstOfficerNeeded: false } });
    // The officer and the sample register were written in the set-up's one transaction, its entry last, and the chain verifies.
    expect(await verifyAuditChain(wb.ctx)).toMatchObject({ ok: true, problems: [] });
    const entries = await rowsOf<{ entity: string; action: string; after: string }>(wb.ctx.db, 'select entity, action, after from audit_log order by id');
    expect(entries[0]).toMatchObject({ entity: 'person', action: 'create' });
    expect(entries.at(-1)).toMatchObject({ entity: 'workbench', action: 'setup' });
    expect(JSON.parse(entries.at(-1)!.after)).toMatchObject({ template: 'sample', firstOfficer: 'wang.fang' });
  }, 120_000);

  it('without a template, creates the officer alone: the register awaits its welcome screen, which the officer signs in to', async () => {
    const db = await emptyRegister();
    const userData = mkdtempSync(join(tmpdir(), 'pw-setup-home-'));
    const cli = cliIn(userData);
    const setup = await cli(['setup', '--db', db, '--officer', 'li.na'], 'officer-password-2');
    expect(setup.code, setup.stderr).toBe(0);
    const wb = await openAs(db, userData);
    const session = newSession();
    expect((await wb.router.invoke('session:signIn', { signInName: 'li.na', password: 'officer-password-2' }, session)).ok).toBe(true);
    expect(await wb.router.invoke('app:info', {}, session)).toMatchObject({ ok: true, value: { needsSetup: true, firstOfficerNeeded: false } });
    expect((await wb.router.invoke('app:setup', { template: 'empty', organisationName: 'Org', language: 'en' }, session)).ok).toBe(true);
    expect((await cli(['setup', '--db', db, '--officer', 'again'], 'officer-password-3')).code).toBe(1);
  }, 120_000);
});
