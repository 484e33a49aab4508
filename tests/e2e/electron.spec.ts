import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
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

type Api = Record<string, (input?: unknown) => Promise<{ ok: boolean; value?: unknown; error?: { code: string } }>>;

/** Starts the built desktop app on a register (a new one unless given). */
async function launch(db = join(mkdtempSync(join(tmpdir(), 'pw-electron-')), 'register.sqlite')) {
  const app = await electron.launch({ executablePath: binary!, args: [join(ROOT, 'out/main/index.js'), '--db', db], cwd: ROOT });
  return { app, db };
}

test.describe('the Electron host', () => {
  test.skip(binary === null, SKIP_REASON);

  test('opens the window on a new register and shows the welcome screen', async () => {
    const { app } = await launch();
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

  test('the menu opens the intake form, a PDF prints, and an overdue request is notified', async () => {
    const { app, db } = await launch();
    let window = await app.firstWindow();
    try {
      const setUp = await window.evaluate(async () => {
        const api = (globalThis as unknown as { api: Api }).api;
        await api['app:setup']!({ template: 'sample', organisationName: 'Electron Test Co.', language: 'en' });
        // Received 40 days ago: overdue, so the reminders on the next start notify it.
        return api['requests:create']!({
          channel: 'email',
          receivedAt: new Date(Date.now() - 40 * 86_400_000).toISOString(),
          requesterName: 'Overdue Requester',
          requesterContact: 'overdue@example.com',
          accountRef: '',
          kind: 'access',
          details: '',
          concernsMinor: false,
          assignee: '',
        });
      });
      expect(setUp.ok).toBe(true);
      await window.reload();
      await expect(window.getByRole('navigation', { name: 'Main navigation' })).toBeVisible();

      // File → New Request…, as the user would pick it.
      await app.evaluate(({ Menu }) => Menu.getApplicationMenu()?.getMenuItemById('new-request')?.click());
      await expect(window.getByRole('textbox', { name: 'Received at' })).toBeVisible();

      // printToPDF through the report's temporary file: a real PDF of the whole register.
      const pdf = await window.evaluate(async () => {
        const api = (globalThis as unknown as { api: Api }).api;
        const result = await api['reports:export']!({ report: 'register', format: 'pdf' });
        const file = (result.value as { files: { base64: string; bytes: number }[] }).files[0]!;
        return { head: atob(file.base64.slice(0, 8)), bytes: file.bytes };
      });
      expect(pdf.head.startsWith('%PDF-')).toBe(true);
      expect(pdf.bytes).toBeGreaterThan(20_000);
    } finally {
      await app.close();
    }

    // Started again on the same register: the reminder for the overdue request is sent and recorded.
    const again = await launch(db);
    window = await again.app.firstWindow();
    await expect(window.getByRole('navigation', { name: 'Main navigation' })).toBeVisible();
    await again.app.close();
    const Database = (await import('better-sqlite3')).default;
    const register = new Database(db, { readonly: true });
    try {
      const sent = register.prepare("SELECT count(*) AS n FROM request_reminders").get() as { n: number };
      expect(sent.n).toBeGreaterThanOrEqual(1);
    } finally {
      register.close();
    }
  });

  test('refuses a file that is not a register, and leaves it as it was', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pw-electron-'));
    const notARegister = join(dir, 'notes.sqlite');
    writeFileSync(notARegister, 'These are my notes, not a database.\n');
    const before = readFileSync(notARegister);
    const { app } = await launch(notARegister);
    try {
      // The error dialog is up; no window of the app opens on a register it could not open.
      await new Promise((resolveWait) => setTimeout(resolveWait, 3_000));
      expect(app.windows()).toHaveLength(0);
    } finally {
      await app.close().catch(() => undefined);
    }
    expect(readFileSync(notARegister).equals(before)).toBe(true);
  });
});
