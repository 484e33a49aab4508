import { join } from 'node:path';

/**
 * Where the better-sqlite3 binary for Electron lives: node_modules/.electron-native/, beside (not over)
 * the Node build that `npm test`, the web host and the command line use. Written by
 * scripts/electron-native.mjs, read by the Electron host (src/main/native-binding.ts).
 */
export function electronBindingPath(projectRoot, electronVersion, platform = process.platform, arch = process.arch) {
  return join(projectRoot, 'node_modules', '.electron-native', `electron-${electronVersion}-${platform}-${arch}`, 'better_sqlite3.node');
}
