#!/usr/bin/env node
/**
 * better-sqlite3 for the Electron runtime, in node_modules/.electron-native/ (see native-path.mjs),
 * beside (not over) the Node build that `npm test`, the web host and the command line use.
 *
 * First the prebuilt binary that better-sqlite3 publishes for each Electron ABI (fetched by
 * prebuild-install, already in node_modules); only where none exists for this platform, a build from
 * source with node-gyp (which needs Python and a C++ toolchain). It checks the ABI of what it got:
 * npm's global `nodedir` setting can make a build asked for Electron silently use Node's headers.
 *
 *   node scripts/electron-native.mjs            fetch or build for the installed Electron
 *   node scripts/electron-native.mjs --force    again, even if the binary is there
 *
 * Used by `npm start` (scripts/start.mjs) and `npm run dev`.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { electronBindingPath } from './native-path.mjs';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The version of the installed `electron` package, or null when it is not installed. */
export function electronVersion(root = ROOT) {
  try {
    return JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')).version;
  } catch {
    return null;
  }
}

/** The Electron runtime npm's electron package would start, if it is on disk; found without downloading it. */
export function electronRuntime(root = ROOT, env = process.env) {
  const pkg = join(root, 'node_modules/electron');
  const pathFile = join(pkg, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(env.ELECTRON_OVERRIDE_DIST_PATH ?? join(pkg, 'dist'), readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

/** The ABI a native module was built for, read from the binary itself. */
function abiOf(file) {
  return /node_register_module_v(\d+)/.exec(readFileSync(file).toString('latin1'))?.[1] ?? null;
}

/** A clean environment: npm exports its config (nodedir among it) to scripts as npm_config_*. */
function cleanEnv() {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_config_/i.test(key)));
}

function run(args, cwd, quiet) {
  return spawnSync(process.execPath, args, { cwd, env: cleanEnv(), stdio: quiet ? 'pipe' : ['ignore', 'inherit', 'inherit'], encoding: 'utf8' });
}

/**
 * Makes sure the binary for this Electron is there. Returns `{ ok: true, path, how }` (how: ready,
 * prebuilt or built) or `{ ok: false, reason }` with the reason in one sentence; on failure nothing
 * is left behind.
 */
export function ensureElectronNative({
  root = ROOT,
  force = false,
  platform = process.platform,
  arch = process.arch,
  log = (m) => console.error(m),
} = {}) {
  const target = electronVersion(root);
  if (!target) return { ok: false, reason: 'the electron package is not installed' };
  const binary = electronBindingPath(root, target, platform, arch);
  if (existsSync(binary) && !force) return { ok: true, path: binary, how: 'ready' };

  const source = join(root, 'node_modules/better-sqlite3');
  const work = join(root, 'node_modules/.electron-native/.build');
  const clean = () => rmSync(work, { recursive: true, force: true });
  const install = (how) => {
    const built = join(work, 'build/Release/better_sqlite3.node');
    const abi = existsSync(built) ? abiOf(built) : null;
    if (!abi || abi === process.versions.modules) return null;
    mkdirSync(dirname(binary), { recursive: true });
    renameSync(built, binary);
    clean();
    log(`better-sqlite3 for Electron ${target}: ${how} (ABI ${abi}) → ${binary}`);
    return { ok: true, path: binary, how };
  };
  const common = [`--target=${target}`, `--arch=${arch}`];

  // 1. The prebuilt binary: prebuild-install reads the package's name, version and repository.
  clean();
  mkdirSync(work, { recursive: true });
  copyFileSync(join(source, 'package.json'), join(work, 'package.json'));
  log(`Fetching the prebuilt better-sqlite3 for Electron ${target} (${platform}-${arch})…`);
  const prebuilt = run(
    [join(root, 'node_modules/prebuild-install/bin.js'), '--runtime=electron', ...common, `--platform=${platform}`],
    work,
    true,
  );
  if (prebuilt.status === 0) {
    const done = install('prebuilt');
    if (done) return done;
  }

  // 2. From source, where no prebuild exists (or it could not be fetched); only for this machine.
  if (platform !== process.platform) {
    clean();
    return { ok: false, reason: `no prebuilt better-sqlite3 could be fetched for Electron ${target} on ${platform}-${arch}` };
  }
  const nodeGyp = join(root, 'node_modules/node-gyp/bin/node-gyp.js');
  if (!existsSync(nodeGyp)) {
    clean();
    return { ok: false, reason: 'no prebuilt better-sqlite3 could be fetched for this Electron, and node-gyp is not installed to build one' };
  }
  clean();
  mkdirSync(work, { recursive: true });
  cpSync(source, work, { recursive: true, filter: (path) => !path.startsWith(join(source, 'build')) });
  log(`No prebuilt binary could be had; building better-sqlite3 for Electron ${target} from source (about a minute, once)…`);
  const built = run(
    [nodeGyp, 'rebuild', '--release', ...common, `--devdir=${join(root, 'node_modules/.electron-native/.headers')}`, '--runtime=electron', '--dist-url=https://electronjs.org/headers'],
    work,
    false,
  );
  if (built.status === 0) {
    const done = install('built from source');
    if (done) return done;
    clean();
    return { ok: false, reason: "the build used Node's headers, not Electron's (a global npm 'nodedir' setting is the usual cause)" };
  }
  clean();
  return {
    ok: false,
    reason: 'no prebuilt better-sqlite3 could be fetched for this Electron and building it needs Python and a C++ toolchain',
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({ options: { force: { type: 'boolean', default: false } } });
  const result = ensureElectronNative({ force: values.force });
  if (!result.ok) {
    console.error(`better-sqlite3 for Electron: ${result.reason}. \`npm test\` and \`npm run serve\` do not need it.`);
    process.exit(1);
  }
  if (result.how === 'ready') console.error(`better-sqlite3 for Electron: ready (${result.path})`);
}
