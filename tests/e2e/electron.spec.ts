import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { CHANNELS } from '../../src/shared/contract/channels';

/**
 * The desktop window itself. It needs the Electron runtime, which npm downloads on first use; where
 * that cannot happen (no network beyond the npm registry), this spec is skipped and says so.
 */
const ROOT = resolve(__dirname, '../..');

/** The runtime npm's electron package would start, if it is on disk; looked up without triggering its download. */
function electronBinary(): string | null {
  const pkg = join(ROOT, 'node_modules/electron');
  const pathFile = join(pkg, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const relative = readFileSync(pathFile, 'utf8').trim();
  const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(pkg, 'dist');
  const binary = join(dist, relative);
  return existsSync(binary) ? binary : null;
}

const binary = electronBinary();
const SKIP_REASON = 'the Electron runtime is not installed on this machine (npm downloads it on first use; no network here)';
if (binary === null) console.log(`Electron host spec SKIPPED: ${SKIP_REASON}.`);

test.describe('the Electron host', () => {
  test.skip(binary === null, SKIP_REASON);

  test('opens the window on a new register and shows the welcome screen', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'pw-electron-')), 'register.sqlite');
    const app = await electron.launch({ executablePath: binary!, args: [join(ROOT, 'out/main/index.js'), '--db', db], cwd: ROOT });
    try {
      const window = await app.firstWindow();
      await expect(window.getByRole('heading', { level: 1 })).toBeVisible();
      // Context isolation and no Node in the page: only window.api, one function per channel.
      const page = await window.evaluate(() => ({
        require: typeof (globalThis as { require?: unknown }).require,
        process: typeof (globalThis as { process?: unknown }).process,
        api: Object.keys((globalThis as unknown as { api: object }).api).length,
      }));
      expect(page).toEqual({ require: 'undefined', process: 'undefined', api: CHANNELS.length });
    } finally {
      await app.close();
    }
  });
});
