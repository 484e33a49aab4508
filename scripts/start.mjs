#!/usr/bin/env node
/**
 * `npm start`: the desktop app where it can run; otherwise the same workbench in the browser.
 *
 * The desktop app needs the Electron runtime (npm's electron package downloads it on first use) and
 * better-sqlite3 built for Electron (scripts/electron-native.mjs: a prebuilt binary, else a build
 * from source). Where either cannot be had, this says why in one sentence, leaves node_modules as it
 * was, and starts the web host on the register the desktop app would open (the same user-data
 * folder), prints its address and opens the default browser where there is one.
 *
 *   npm start                      the desktop app, or the web host where it cannot start
 *   npm start -- --web             the web host, even where the desktop app could start
 *   npm start -- --no-build        use the existing build in out/ (the web host only)
 *   npm start -- --db PATH …       other options go to the web host (see `npm run serve -- --help`)
 *
 * BROWSER=none keeps the browser closed (for servers and tests).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { electronRuntime, ensureElectronNative, ROOT } from './electron-native.mjs';

/** The command that opens a URL in the default browser on this platform, or null where there is none. */
export function browserCommand(platform, env, onPath) {
  if (env.BROWSER === 'none') return null;
  if (platform === 'darwin') return ['open'];
  if (platform === 'win32') return ['cmd', '/c', 'start', '""'];
  if (!env.DISPLAY && !env.WAYLAND_DISPLAY) return null;
  return onPath('xdg-open') ? ['xdg-open'] : null;
}

/** The address in the web host's READY line, or null. */
export function readyAddress(line) {
  return /^READY (http:\/\/127\.0\.0\.1:\d+\/\S*)$/.exec(line.trim())?.[1] ?? null;
}

function onPath(command, env = process.env) {
  return (env.PATH ?? '').split(delimiter).some((dir) => dir && existsSync(join(dir, command)));
}

/** The Electron runtime, downloaded if npm's package has not done it yet; a failed download writes nothing. */
function desktopRuntime() {
  if (electronRuntime()) return { ok: true };
  if (!existsSync(join(ROOT, 'node_modules/electron/install.js'))) return { ok: false, reason: 'the electron package is not installed' };
  console.error('Downloading the Electron runtime (once)…');
  const download = spawnSync(process.execPath, [join(ROOT, 'node_modules/electron/install.js')], { cwd: ROOT, stdio: 'pipe', timeout: 15 * 60_000 });
  if (download.status === 0 && electronRuntime()) return { ok: true };
  return { ok: false, reason: 'the Electron runtime could not be downloaded' };
}

const electronVite = join(ROOT, 'node_modules/electron-vite/bin/electron-vite.js');

function startDesktop() {
  const child = spawn(process.execPath, [electronVite, 'preview', '--config', 'electron.config.ts'], { cwd: ROOT, stdio: 'inherit' });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

function startWeb({ build, args }) {
  if (build) {
    const built = spawnSync(process.execPath, [electronVite, 'build', '--config', 'electron.config.ts', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
    if (built.status !== 0) process.exit(built.status ?? 1);
  }
  const child = spawn(process.execPath, [join(ROOT, 'out/main/serve.js'), ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  createInterface({ input: child.stdout }).on('line', (line) => {
    const address = readyAddress(line);
    if (!address) {
      console.log(line);
      return;
    }
    console.log(`Privacy Workbench is running at ${address}`);
    console.log('Keep this window open while you work; Ctrl+C stops the workbench.');
    const opener = browserCommand(process.platform, process.env, onPath);
    if (opener) {
      const [command, ...rest] = opener;
      const browser = spawn(command, [...rest, address], { stdio: 'ignore', detached: true });
      browser.on('error', () => console.log('Open the address above in your browser.'));
      browser.unref();
    } else console.log('Open the address above in your browser.');
  });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
}

function main() {
  const argv = process.argv.slice(2);
  const web = argv.includes('--web');
  const build = !argv.includes('--no-build');
  const args = argv.filter((arg) => arg !== '--web' && arg !== '--no-build');
  if (!web) {
    const runtime = desktopRuntime();
    const native = runtime.ok ? ensureElectronNative() : runtime;
    if (native.ok) {
      startDesktop();
      return;
    }
    console.log(`The desktop window cannot start on this computer (${native.reason}), so the same workbench starts in your browser instead.`);
  }
  startWeb({ build, args });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
