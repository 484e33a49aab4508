import { homedir, userInfo } from 'node:os';
import { basename, dirname, extname, join } from 'node:path';
import { AppError } from './errors';

export const APP_FOLDER = 'Privacy Workbench';
export const DB_FILE = 'workbench.sqlite';
export const DB_ENV = 'PRIVACY_WORKBENCH_DB';

/**
 * The same user-data folder Electron's `app.getPath('userData')` gives for this app, so that the web
 * host and the command line find the desktop app's register by default.
 */
export function defaultUserDataDir(platform: NodeJS.Platform = process.platform, env = process.env): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_FOLDER);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_FOLDER);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_FOLDER);
}

/** `--db`, then `PRIVACY_WORKBENCH_DB`, then the user-data folder. */
export function resolveDbPath(flag: string | undefined, userDataDir: string, env = process.env): string {
  return refuseServerLocation(flag || env[DB_ENV] || join(userDataDir, DB_FILE));
}

/**
 * `postgres://…` and other URLs name a database server, not a file: refused before anything is
 * created (a folder called `postgres:` used to appear), the password left out of the message. A
 * Windows path such as `C:\\registers\\x.sqlite` is a file.
 */
export function refuseServerLocation(location: string): string {
  if (/^[a-z][a-z0-9+.-]+:\/\//i.test(location)) {
    throw new AppError('VALIDATION', { key: 'errors:serverRegister', params: { location: location.replace(/\/\/[^@/]*@/, '//…@') } });
  }
  return location;
}

/** Attachments and backups live in a folder beside the database: `workbench.sqlite` → `workbench-files/`. */
export function dataDirFor(dbPath: string): string {
  return join(dirname(dbPath), `${basename(dbPath, extname(dbPath))}-files`);
}

export function currentUser(): string {
  try {
    return userInfo().username || 'unknown';
  } catch {
    return 'unknown';
  }
}
