import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runTs } from '../../helpers/child-process';
import { openWorkbench } from '../../../src/main/core/workbench';
import { newSession } from '../../../src/main/core/people/session';

async function cli(args: string[], password?: string) {
  const env: Record<string, string> = { LANG: 'en_US.UTF-8', LC_ALL: 'en_US.UTF-8', PRIVACY_WORKBENCH_PASSWORD: password ?? '' };
  const child = runTs('src/main/cli.ts', args, env);
  const { code } = await child.exited;
  return { code, stdout: child.lines.join('\n'), stderr: child.stderr() };
}

describe('the command line signs in without a screen', () => {
  it('sets up the first officer, then refuses commands without --user or with a wrong password, and checks each role', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pw-cli-people-'));
    const db = join(dir, 'register.sqlite');
    const setup = await cli(['setup', '--db', db, '--officer', 'Wang.Fang', '--name', '王芳', '--template', 'sample'], 'officer-password-1');
    expect(setup.code, setup.stderr).toBe(0);
    expect(setup.stdout).toContain('王芳 (wang.fang) is the privacy officer');
    // A second setup is refused: the register already has people who sign in.
    expect((await cli(['setup', '--db', db, '--officer', 'other'], 'other-password-1')).code).toBe(1);

    // A desk person, added by the officer through the core.
    const wb = await openWorkbench({ dbPath: db, host: 'cli', systemLanguage: 'en' });
    const session = newSession();
    expect((await wb.router.invoke('session:signIn', { signInName: 'wang.fang', password: 'officer-password-1' }, session)).ok).toBe(true);
    expect((await wb.router.invoke('people:create', { signInName: 'li.na', displayName: '李娜', role: 'desk', password: 'desk-password-1' }, session)).ok).toBe(true);
    await wb.close();

    const out = (name: string) => join(dir, name);
    const [anonymous, wrong, officer, deskExport, deskBackup] = await Promise.all([
      cli(['export', '--db', db, '--report', 'register', '--format', 'json', '--out', out('a.json')]),
      cli(['export', '--db', db, '--user', 'wang.fang', '--report', 'register', '--format', 'json', '--out', out('b.json')], 'not-the-password'),
      cli(['export', '--db', db, '--user', 'wang.fang', '--report', 'register', '--format', 'json', '--out', out('c.json')], 'officer-password-1'),
      cli(['export', '--db', db, '--user', 'li.na', '--report', 'register', '--format', 'json', '--out', out('d.json')], 'desk-password-1'),
      cli(['backup', '--db', db, '--user', 'li.na', '--out', out('backup.sqlite')], 'desk-password-1'),
    ]);
    expect(anonymous).toMatchObject({ code: 1 });
    expect(anonymous.stderr).toMatch(/run the command with --user NAME/);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr.trim()).toBe('The sign-in name or the password is wrong.');
    expect(officer.code, officer.stderr).toBe(0);
    expect(deskExport.code, deskExport.stderr).toBe(0);
    expect(deskBackup.code).toBe(1);
    expect(deskBackup.stderr).toMatch(/Your role \(request desk\) does not allow this \(backup:create\)/);
  }, 120_000);
});
