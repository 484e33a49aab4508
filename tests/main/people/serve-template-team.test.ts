/**
 * The web host's `--template` on a new team register agrees with the welcome screen: it sets the
 * register up with its first officer (`--user`, the password from the environment), or, without
 * one, refuses in one sentence saying how, and leaves the register as it was.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runTs } from '../../helpers/child-process';
import { freshPostgresRegister, onPostgres, rowsOf } from '../../helpers/engine';
import { openDatabase } from '../../../src/main/core/db/connection';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
});

function serve(args: string[], password: string, lang = 'en_US.UTF-8') {
  const home = mkdtempSync(join(tmpdir(), 'pw-serve-home-'));
  return runTs('src/main/serve.ts', args, { LANG: lang, LC_ALL: lang, PRIVACY_WORKBENCH_PASSWORD: password, XDG_CONFIG_HOME: home, PRIVACY_WORKBENCH_AUDIT_KEY: join(home, 'audit-key') });
}

async function contentsOf(url: string) {
  const opened = await openDatabase({ path: url });
  try {
    return {
      people: await rowsOf<{ sign_in_name: string; role: string }>(opened.db, 'select sign_in_name, role from people order by id'),
      settings: (await rowsOf<{ key: string }>(opened.db, 'select key from settings order by key')).map((r) => r.key),
      categories: Number((await rowsOf<{ n: number }>(opened.db, 'select count(*) as n from collection_categories'))[0]!.n),
    };
  } finally {
    await opened.close();
  }
}

describe.runIf(onPostgres)('the web host --template on a new team register', () => {
  it('without --user: refused in one sentence (in the user’s language), nothing written', async () => {
    const register = await freshPostgresRegister();
    cleanup.push(register.drop);
    for (const [lang, sentence] of [
      ['en_US.UTF-8', 'is a team register where everyone signs in, and --template would set it up with nobody who can: name its first privacy officer with --user NAME'],
      ['zh_CN.UTF-8', '是人人都须登录的团队登记册，而用 --template 设置会使其无人能登录'],
    ] as const) {
      const child = serve(['--db', register.url, '--template', 'sample'], '', lang);
      const { code } = await child.exited;
      expect(code, child.stderr()).toBe(1);
      expect(child.lines.join('\n')).not.toContain('READY');
      expect(child.stderr()).toContain(sentence);
      expect(child.stderr()).not.toMatch(/^\s+at /m);
    }
    expect(await contentsOf(register.url)).toEqual({ people: [], settings: [], categories: 0 });
  }, 120_000);

  it('with --user: sets it up from the template with that person as its first officer, signed in; a later start leaves it as it is', async () => {
    const register = await freshPostgresRegister();
    cleanup.push(register.drop);
    const first = serve(['--db', register.url, '--template', 'sample', '--user', 'Wang.Fang'], 'officer-password-1');
    cleanup.push(async () => void first.process.kill('SIGTERM'));
    await first.waitFor('READY');
    expect(first.stderr()).toContain('from the sample template, with wang.fang as its privacy officer.');
    first.process.kill('SIGTERM');
    await first.exited;
    const after = await contentsOf(register.url);
    expect(after.people).toEqual([{ sign_in_name: 'wang.fang', role: 'officer' }]);
    expect(after.categories).toBeGreaterThan(0);

    const again = serve(['--db', register.url, '--template', 'sample', '--user', 'wang.fang'], 'officer-password-1');
    cleanup.push(async () => void again.process.kill('SIGTERM'));
    await again.waitFor('READY');
    expect(again.stderr()).toContain('already holds a register; --template ignored.');
    again.process.kill('SIGTERM');
    await again.exited;
    expect(await contentsOf(register.url)).toEqual(after);
  }, 120_000);
});
