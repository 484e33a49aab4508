import { join } from 'node:path';

/**
 * Where `scripts/electron-native.mjs` puts the better-sqlite3 binary it builds for Electron. The
 * Node build in node_modules stays as it is, for `npm test`; the Electron host loads this one.
 */
export function electronBindingPath(projectRoot: string, electronVersion: string, platform = process.platform, arch = process.arch) {
  return join(projectRoot, 'node_modules', '.electron-native', `electron-${electronVersion}-${platform}-${arch}`, 'better_sqlite3.node');
}
