/**
 * Where `scripts/electron-native.mjs` puts the better-sqlite3 binary it fetches or builds for
 * Electron; one rule, shared with the script. A packaged app has no such folder: electron-builder
 * rebuilt better-sqlite3 itself for the app's Electron, and the default binary is loaded.
 */
export { electronBindingPath } from '../../scripts/native-path.mjs';
