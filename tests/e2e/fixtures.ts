import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';

export interface HostOptions {
  lang?: 'en' | 'zh-CN';
  template?: 'sample' | 'empty';
  /** Freeze the host's clock at this instant. */
  clock?: string;
  /** Reuse a database file (to reopen one). */
  dbPath?: string;
}

export interface WebHost {
  url: string;
  token: string;
  dbPath: string;
  process: ChildProcess;
  /** Calls the API directly, as a second client of the same register would. */
  api<T = unknown>(channel: string, input: unknown): Promise<{ ok: boolean; value?: T; error?: { code: string; message: string } }>;
  stop(): Promise<number | null>;
}

const ROOT = resolve(__dirname, '../..');
const ARTIFACTS = join(ROOT, 'tests/artifacts');
/** The build to serve: `out` unless PW_OUT_DIR names another (parallel work can build to its own folder). */
const OUT_DIR = process.env.PW_OUT_DIR ?? 'out';

/** Starts `out/main/serve.js` on a fresh temporary database and waits for its READY line. */
export async function startHost(options: HostOptions = {}): Promise<WebHost> {
  const dir = mkdtempSync(join(tmpdir(), 'pw-e2e-'));
  const dbPath = options.dbPath ?? join(dir, 'register.sqlite');
  const args = [join(ROOT, OUT_DIR, 'main/serve.js'), '--db', dbPath, '--port', '0', '--lang', options.lang ?? 'en'];
  if (options.template) args.push('--template', options.template);
  if (options.clock) args.push('--clock', options.clock);
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = await new Promise<string>((resolveUrl, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`web host did not start: ${stderr}`)), 20_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const match = /^READY (\S+)$/m.exec(out);
      if (match?.[1]) {
        clearTimeout(timer);
        resolveUrl(match[1]);
      }
    });
    child.on('exit', (code) => reject(new Error(`web host exited with ${code}: ${stderr}`)));
  });
  const token = url.split('#token=')[1]!;
  const origin = new URL(url).origin;
  return {
    url,
    token,
    dbPath,
    process: child,
    async api(channel, input) {
      const response = await fetch(`${origin}/api/${channel}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(input),
      });
      return (await response.json()) as never;
    },
    stop() {
      return new Promise((done) => {
        if (child.exitCode !== null) return done(child.exitCode);
        child.once('exit', (code) => done(code));
        child.kill('SIGTERM');
      });
    },
  };
}

/**
 * Saves a screenshot of the current screen as a test artefact: tests/artifacts/<set>/<lang>/<name>.png.
 * `screens` is the catalogue of every screen and dialog (screens.spec.ts alone writes it, so that each
 * picture there shows one known state); `flows` holds the pictures other specs take along their way.
 */
export async function screenshot(page: Page, name: string, set: 'screens' | 'flows' = 'flows'): Promise<void> {
  const lang = (await page.evaluate(() => document.documentElement.lang)) || 'unknown';
  const dir = join(ARTIFACTS, set, lang);
  mkdirSync(dir, { recursive: true });
  // The whole page, with the app shell's fixed header where it belongs: grow the viewport to fit.
  const viewport = page.viewportSize() ?? { width: 1400, height: 900 };
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: viewport.width, height: Math.max(viewport.height, Math.min(height, 4000)) });
  await page.screenshot({ path: join(dir, `${name}.png`) });
  await page.setViewportSize(viewport);
}

/** A test with a web host of its own (a fresh database), stopped afterwards. */
export const test = base.extend<{ hostOptions: HostOptions; host: WebHost }>({
  hostOptions: [{}, { option: true }],
  host: async ({ hostOptions }, use) => {
    const host = await startHost(hostOptions);
    await use(host);
    await host.stop();
  },
});

export { expect };
