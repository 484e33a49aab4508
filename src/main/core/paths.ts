import { homedir, userInfo } from 'node:os';
import { basename, dirname, extname, join, resolve } from 'node:path';
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

/** `--db`, then `PRIVACY_WORKBENCH_DB`, then the user-data folder: a file path, or a PostgreSQL URL. */
export function resolveDbPath(flag: string | undefined, userDataDir: string, env = process.env): string {
  return checkServerLocation(flag || env[DB_ENV] || join(userDataDir, DB_FILE));
}

/** `postgres://…` or `postgresql://…`: a team register on a PostgreSQL server. */
export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

/** A location with its password left out, for messages and the About box. */
export function shownLocation(location: string): string {
  return location.replace(/\/\/([^@/:]*):[^@/]*@/, '//$1:…@');
}

/** A file path made absolute; a server URL as it is. */
export function absoluteLocation(location: string): string {
  return isPostgresUrl(location) ? location : resolve(location);
}

/**
 * A PostgreSQL URL names a team register; any other URL (`mysql://…`, `http://…`) names a server this
 * app cannot open, and is refused before anything is created (a folder called `mysql:` used to
 * appear), the password left out of the message. A Windows path such as `C:\\registers\\x.sqlite`
 * is a file.
 */
export function checkServerLocation(location: string): string {
  if (!isPostgresUrl(location) && /^[a-z][a-z0-9+.-]+:\/\//i.test(location)) {
    throw new AppError('VALIDATION', { key: 'errors:serverRegister', params: { location: shownLocation(location) } });
  }
  return location;
}

/**
 * Attachments and backups live in a folder beside the database: `workbench.sqlite` → `workbench-files/`.
 * A team register's files are kept in the user-data folder, one folder per server and database.
 */
export function dataDirFor(dbPath: string, userDataDir = defaultUserDataDir()): string {
  if (isPostgresUrl(dbPath)) {
    const url = new URL(dbPath);
    const name = `${url.hostname}-${url.port || '5432'}-${url.pathname.replace(/^\//, '') || 'postgres'}`.replace(/[^A-Za-z0-9._-]/g, '_');
    return join(userDataDir, 'team-files', name);
  }
  return join(dirname(dbPath), `${basename(dbPath, extname(dbPath))}-files`);
}

export function currentUser(): string {
  try {
    return userInfo().username || 'unknown';
  } catch {
    return 'unknown';
  }
}
