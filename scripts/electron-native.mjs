#!/usr/bin/env node
/**
 * Builds better-sqlite3 for the Electron runtime into node_modules/.electron-native/, beside (not
 * over) the Node build that `npm test`, the web host and the command line use. The Electron host
 * loads it through better-sqlite3's `nativeBinding` option (src/main/native-binding.ts).
 *
 * Run by `npm start` and `npm run dev`; skipped when the binary for this Electron version exists.
 *   node scripts/electron-native.mjs            build for the installed Electron
 *   node scripts/electron-native.mjs --runtime node --target 20.20.2 --nodedir /usr --out DIR
 *                                               the same steps for Node (to check the mechanism offline)
 *
 * It checks the ABI of what it built: npm's global `nodedir` setting can make a build that was asked
 * for Electron silently use Node's headers, so it never trusts the compiler's word for it.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    runtime: { type: 'string', default: 'electron' },
    target: { type: 'string' },
    nodedir: { type: 'string' },
    out: { type: 'string' },
    force: { type: 'boolean', default: false },
  },
});

const runtime = values.runtime;
const target = values.target ?? JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')).version;
const out =
  values.out ?? join(root, 'node_modules/.electron-native', `${runtime}-${target}-${process.platform}-${process.arch}`);
const binary = join(out, 'better_sqlite3.node');

if (existsSync(binary) && !values.force) {
  console.error(`better-sqlite3 for ${runtime} ${target}: ready (${binary})`);
  process.exit(0);
}

const source = join(root, 'node_modules/better-sqlite3');
const work = join(root, 'node_modules/.electron-native/.build');
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
cpSync(source, work, { recursive: true, filter: (path) => !path.startsWith(join(source, 'build')) });

// A clean environment: npm exports its config (nodedir among it) to scripts as npm_config_*.
const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_config_/i.test(key)));
const args = [
  join(root, 'node_modules/node-gyp/bin/node-gyp.js'),
  'rebuild',
  '--release',
  `--target=${target}`,
  `--arch=${process.arch}`,
  `--devdir=${join(root, 'node_modules/.electron-native/.headers')}`,
];
if (runtime === 'electron') args.push('--runtime=electron', '--dist-url=https://electronjs.org/headers');
if (values.nodedir) args.push(`--nodedir=${values.nodedir}`);

console.error(`Building better-sqlite3 for ${runtime} ${target} (${process.platform}-${process.arch}); about a minute, once…`);
const result = spawnSync(process.execPath, args, { cwd: work, env, stdio: ['ignore', 'inherit', 'inherit'] });
if (result.status !== 0) {
  console.error(
    `\nCould not build better-sqlite3 for ${runtime} ${target}. Building for Electron downloads Electron's headers once; ` +
      'check the network, and that python3, make and a C++ compiler are installed. ' +
      '`npm test` and `npm run serve` do not need this step.',
  );
  process.exit(1);
}

const built = join(work, 'build/Release/better_sqlite3.node');
const abi = /node_register_module_v(\d+)/.exec(readFileSync(built).toString('latin1'))?.[1];
if (runtime === 'electron' && abi === process.versions.modules) {
  console.error(
    `\nThe build used Node's headers (ABI ${abi}), not Electron's: a global npm 'nodedir' setting is the usual cause. ` +
      'Nothing was installed.',
  );
  process.exit(1);
}
mkdirSync(out, { recursive: true });
renameSync(built, binary);
rmSync(work, { recursive: true, force: true });
console.error(`better-sqlite3 for ${runtime} ${target}: built (ABI ${abi ?? 'unknown'}) → ${binary}`);
