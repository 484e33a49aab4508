/**
 * electron-builder's afterPack hook (electron-builder.yml): puts better-sqlite3 built for the packaged
 * Electron, for the target platform and architecture, into the app's unpacked node_modules, in place
 * of the Node build copied from this checkout. The binary is the prebuilt one better-sqlite3
 * publishes (scripts/electron-native.mjs), so no compiler is needed to package either.
 */
const { copyFileSync, existsSync } = require('node:fs');
const { join } = require('node:path');

/** electron-builder's Arch enum, by value. */
const ARCH = ['ia32', 'x64', 'armv7l', 'arm64', 'universal'];

exports.default = async function afterPack(context) {
  const { ensureElectronNative } = await import('./electron-native.mjs');
  const platform = context.electronPlatformName === 'mas' ? 'darwin' : context.electronPlatformName;
  const arch = ARCH[context.arch];
  const native = ensureElectronNative({ platform, arch });
  if (!native.ok) throw new Error(`better-sqlite3 for the packaged app: ${native.reason}.`);
  const resources =
    platform === 'darwin'
      ? join(context.appOutDir, `${context.packager.appInfo.productFilename}.app`, 'Contents', 'Resources')
      : join(context.appOutDir, 'resources');
  const target = join(resources, 'app.asar.unpacked', 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
  if (!existsSync(target)) throw new Error(`better-sqlite3 is not unpacked where expected: ${target}`);
  copyFileSync(native.path, target);
};
