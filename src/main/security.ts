/**
 * The security rules of both hosts, as pure functions over URLs, paths and headers: the Electron
 * host (index.ts, electron-platform.ts) and the web host (serve.ts) apply them, and the tests
 * check them here. Nothing in this file imports electron at run time.
 */
import type { CustomScheme, HandlerDetails } from 'electron';
import { extname, resolve, sep } from 'node:path';

/**
 * The renderer's Content-Security-Policy, for both hosts: only its own scripts and styles (Mantine
 * injects style tags, hence 'unsafe-inline' for styles only), no remote anything, no plugins, no
 * framing. Sent as a response header by the web host and by the desktop app's `app://` handler.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** The headers every file of the renderer is served with, by either host. */
export const RENDERER_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-cache',
};

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
};

/** The Content-Type of a file of the built renderer. */
export function contentTypeOf(file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** Decodes percent-encoding; null when it is malformed (`%E0%A4%A`, `%zz`). */
export function decodePath(encoded: string): string | null {
  try {
    return decodeURIComponent(encoded);
  } catch {
    return null;
  }
}

/**
 * The file under `rendererDir` that a URL path names: `'bad'` for a path no browser sends
 * (malformed percent-encoding, NUL, a backslash, a `.` or `..` segment), null when it would leave
 * the folder.
 */
export function staticFile(rendererDir: string, urlPath: string): string | 'bad' | null {
  const decoded = decodePath(urlPath === '/' || urlPath === '' ? '/index.html' : urlPath);
  if (decoded === null || /[\u0000\\]/.test(decoded)) return 'bad';
  const segments = decoded.split('/');
  if (segments.some((s) => s === '..' || s === '.')) return 'bad';
  const root = resolve(rendererDir);
  const file = resolve(root, ...segments.filter(Boolean));
  return file.startsWith(root + sep) ? file : null;
}

// The web host -----------------------------------------------------------------------------------

/**
 * True when the `Host` header names this server: `127.0.0.1:PORT` or `localhost:PORT`. Any other
 * name is a page elsewhere whose domain was made to resolve to 127.0.0.1 (DNS rebinding).
 */
export function hostAllowed(host: string | undefined, port: number): boolean {
  if (!host) return false;
  const value = host.toLowerCase();
  return value === `127.0.0.1:${port}` || value === `localhost:${port}`;
}

/** The request target as a URL, only in origin form (`/x?y`): never `http://other/…`, `//other` or `*`. */
export function requestTarget(rawUrl: string | undefined): URL | null {
  if (!rawUrl || !rawUrl.startsWith('/') || rawUrl.startsWith('//')) return null;
  try {
    return new URL(rawUrl, 'http://127.0.0.1');
  } catch {
    return null;
  }
}

// The Electron host ------------------------------------------------------------------------------

/** The desktop app serves its renderer from `app://renderer/`, never from file://. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'renderer';
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/**
 * How the scheme is registered: standard (relative URLs and an origin of its own), secure (like
 * https), allowed to fetch and stream its own files, and CORS-enabled because Vite's build loads
 * its scripts as `<script type="module" crossorigin>` (the renderer's files hold no secret). It
 * does not bypass the CSP.
 */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, stream: true, codeCache: true },
};

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * True for a page of our own renderer: `app://renderer/…`, or in development the dev server's
 * origin exactly (`http://localhost:5173.evil.example` is not `http://localhost:5173`). Used for
 * IPC senders, navigations and redirects.
 */
export function isTrustedRendererUrl(url: string, devServerUrl?: string): boolean {
  const parsed = parse(url);
  if (!parsed || parsed.username || parsed.password) return false;
  if (devServerUrl) {
    const dev = parse(devServerUrl);
    return dev !== null && parsed.origin === dev.origin;
  }
  return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
}

/** The file an `app://renderer/…` request names, or null for anything else. */
export function appFileFor(rendererDir: string, requestUrl: string): string | null {
  const parsed = parse(requestUrl);
  if (!parsed || parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
  const file = staticFile(rendererDir, parsed.pathname);
  return file === 'bad' ? null : file;
}

/**
 * The address to hand to the system's browser when the renderer asks for a new window: only an
 * https link that the user clicked (a plain click on a link that opens elsewhere), never one a
 * script opened, never another scheme (file:, smb:, a custom protocol handler…). The new window
 * itself is always denied.
 */
export function externalLinkToOpen(details: Pick<HandlerDetails, 'url' | 'disposition'>): string | null {
  if (details.disposition !== 'foreground-tab') return null;
  const parsed = parse(details.url);
  if (!parsed || parsed.protocol !== 'https:' || parsed.username || parsed.password || !parsed.hostname) return null;
  return parsed.href;
}

/**
 * What the PDF print window may load: the report's own file (written to a private temporary folder
 * for this one print, so that a large register's report is not held back by Chromium's 2 MB limit
 * on URLs) and what the report inlines (`data:` URLs); nothing else from the file system or the
 * network. A URL that spells the same file differently is the same file: compared after parsing.
 */
export function printRequestAllowed(url: string, reportFileUrl: string | null): boolean {
  const parsed = parse(url);
  if (!parsed) return false;
  if (parsed.protocol === 'data:') return true;
  if (parsed.protocol !== 'file:' || reportFileUrl === null || parsed.search || parsed.host) return false;
  const report = parse(reportFileUrl);
  return report !== null && report.protocol === 'file:' && parsed.pathname === report.pathname;
}
