import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';

/**
 * `npm start` where the desktop window cannot open (no Electron runtime, as on this machine): it
 * says so in one sentence, leaves node_modules as it was, and starts the same workbench in the
 * web host on the desktop app's own user-data folder.
 */
const ROOT = resolve(__dirname, '../..');
/** Asked of the start script's own check (an ES module, so asked in a child process). */
const hasRuntime =
  execFileSync(process.execPath, ['--input-type=module', '-e', "import('./scripts/electron-native.mjs').then((m) => console.log(m.electronRuntime() !== null))"], {
    cwd: ROOT,
    encoding: 'utf8',
  }).trim() === 'true';

/** What npm installed for the desktop app: names and modification times, to compare before and after. */
function installedState(): string[] {
  const places = ['node_modules/electron', 'node_modules/better-sqlite3', 'node_modules/better-sqlite3/build/Release', 'node_modules/.electron-native'];
  return places.flatMap((place) => {
    const dir = join(ROOT, place);
    if (!existsSync(dir)) return [`${place}: absent`];
    return readdirSync(dir).map((name) => `${place}/${name} ${statSync(join(dir, name)).mtimeMs}`);
  });
}

test.describe('npm start without the Electron runtime', () => {
  test.skip(hasRuntime, 'the Electron runtime is installed here: npm start opens the desktop window instead');

  test('starts the web host on the desktop app’s register and says why, changing nothing in node_modules', async ({ page }) => {
    const home = mkdtempSync(join(tmpdir(), 'pw-start-'));
    const before = installedState();
    const child = spawn(process.execPath, [join(ROOT, 'scripts/start.mjs'), '--no-build', '--lang', 'en'], {
      cwd: ROOT,
      // The user-data folder the desktop app would use on Linux ($XDG_CONFIG_HOME/Privacy Workbench).
      env: { ...process.env, XDG_CONFIG_HOME: home, APPDATA: home, BROWSER: 'none', PRIVACY_WORKBENCH_DB: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let out = '';
      const address = await new Promise<string>((resolveAddress, reject) => {
        const timer = setTimeout(() => reject(new Error(`no address printed:\n${out}`)), 45_000);
        child.stdout!.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const match = /running at (http:\/\/127\.0\.0\.1:\d+\/#token=\w+)/.exec(out);
          if (match?.[1]) {
            clearTimeout(timer);
            resolveAddress(match[1]);
          }
        });
        child.on('exit', (code) => reject(new Error(`npm start exited with ${code}:\n${out}`)));
      });
      // One sentence that names the cause, no stack trace.
      const why = out.split('\n').filter((line) => line.includes('cannot start'));
      expect(why).toHaveLength(1);
      expect(why[0]).toMatch(/^The desktop window cannot start on this computer \(.+\), so the same workbench starts in your browser instead\.$/);
      expect(out).not.toMatch(/gyp|Error:|at .+:\d+:\d+/);

      await page.goto(address);
      await expect(page.getByRole('heading', { level: 1, name: 'Welcome to Privacy Workbench' })).toBeVisible();
      expect(existsSync(join(home, 'Privacy Workbench', 'workbench.sqlite'))).toBe(true);
      expect(installedState()).toEqual(before);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
