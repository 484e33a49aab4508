/**
 * The web host: the same router as the desktop app, over HTTP on 127.0.0.1 only, serving the built
 * renderer. Run `npm run serve -- --help`.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { join, resolve } from 'node:path';
import { languageFromLocale } from '@shared/i18n';
import { openWorkbench } from './core/workbench';
import { RegisterHost } from './register-host';
import { plainMessage } from './core/errors';
import { applyTemplateToNewDatabase } from './core/app/app.service';
import { absoluteLocation, DB_FILE, defaultUserDataDir, isPostgresUrl, resolveDbPath, shownLocation } from './core/paths';
import { decodePath, hostAllowed, requestTarget, staticFile } from './security';
import { StaticAssets } from './static-assets';
import { parseArgs, parseClock, parseLanguage, parsePort, parseTemplate, UsageError } from './host-args';
import { startAutomaticBackups, type BackupSchedule } from './core/backup/schedule';
import { chromiumPlatform, closeChromium } from './chromium-pdf';
import { awaitsFirstOfficer, newSession, type Session } from './core/people/session';
import { AppError } from './core/errors';
import { setupInput } from '@shared/domain/app';
import { passwordFromEnvironmentOrPrompt } from './cli-session';

const USAGE = `Usage: npm run serve -- [--db PATH] [--port N] [--lang en|zh-CN] [--template sample|empty] [--clock ISO] [--user NAME]

  --db PATH          the register (default: $PRIVACY_WORKBENCH_DB, else the desktop app's user-data folder)
  --port N           port on 127.0.0.1 (default: any free port)
  --lang LANG        the language to show before one is chosen in Settings (default: from the system locale)
  --template NAME    set up a new, empty database from the sample register or empty; an existing register is never touched.
                     A new team register (postgres://) is set up with --user NAME as its first privacy officer,
                     as the welcome screen would; without --user it is refused
  --clock ISO        freeze the clock at this instant (for demonstrations and tests)
  --user NAME        sign every browser session in as this person (for scripts; the password from
                     $PRIVACY_WORKBENCH_PASSWORD, or asked on the terminal); otherwise the page asks

Prints one line, READY http://127.0.0.1:PORT/#token=TOKEN, once it listens. Ctrl+C stops it.`;

const MAX_BODY_BYTES = 32 * 1024 * 1024;

const SESSION_COOKIE = 'pw_session';

/** The session id a browser sent in its cookie, if any. */
function sessionCookie(header: string | undefined): string | null {
  for (const part of (header ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === SESSION_COOKIE && /^[0-9a-f]{48}$/.test(value.join('='))) return value.join('=');
  }
  return null;
}

function send(res: ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error('too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function tokenMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(header?.startsWith('Bearer ') ? header.slice(7) : '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function plain(res: ServerResponse, status: number, text: string) {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }).end(text);
}

async function serveStatic(assets: StaticAssets, rendererDir: string, req: IncomingMessage, res: ServerResponse, urlPath: string) {
  const file = staticFile(rendererDir, urlPath);
  if (file === 'bad') {
    plain(res, 400, 'Bad request path');
    return;
  }
  if (file === null) {
    plain(res, 404, 'Not found');
    return;
  }
  await assets.serve(req, res, file);
}

async function main() {
  const { values } = parseArgs({
    options: {
      db: { type: 'string' },
      port: { type: 'string' },
      lang: { type: 'string' },
      template: { type: 'string' },
      clock: { type: 'string' },
      user: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const systemLanguage = parseLanguage(values.lang, languageFromLocale(Intl.DateTimeFormat().resolvedOptions().locale));
  const template = parseTemplate(values.template);
  const clock = parseClock(values.clock);
  const port = parsePort(values.port);
  let dbPath: string;
  try {
    dbPath = absoluteLocation(resolveDbPath(values.db, defaultUserDataDir()));
  } catch (error) {
    console.error(plainMessage(error, systemLanguage));
    process.exit(1);
  }
  // One session per browser, by an HttpOnly, SameSite=Strict cookie; with --user, each starts signed in.
  const sessions = new Map<string, Session>();
  const startAs: Session = newSession();
  let backups: BackupSchedule | null = null;
  const host = new RegisterHost({
    open: (location) => openWorkbench({ dbPath: location, host: 'web', systemLanguage, clock, actor: undefined, platform: chromiumPlatform }),
    host: 'web',
    localLocation: join(defaultUserDataDir(), DB_FILE),
    systemLanguage,
    // The web host remembers no choice: it opens --db (or PRIVACY_WORKBENCH_DB, or the user-data
    // folder's register) at every start, and a server's password is given in the address or ~/.pgpass.
    onOpened: (opened) => {
      // Whoever was signed in was signed in to the register before: everyone signs in again.
      for (const session of [startAs, ...sessions.values()]) Object.assign(session, newSession());
      backups = startAutomaticBackups(opened.ctx, (m, e) => console.error(m, e));
      console.error(`Serving ${shownLocation(opened.ctx.dbPath)}`);
    },
    onClosing: async () => {
      await backups?.dispose();
      backups = null;
    },
    // The register given at start is refused below in one sentence of the user's language; only
    // later switches (from the browser) are logged here.
    log: (m) => {
      if (started) console.error(m);
    },
  });
  let started = false;
  if (!(await host.open(dbPath))) {
    // A file that is not a register, locked, read-only, newer: refused before serving, in one
    // sentence. A server that cannot be reached or refuses is explained in the browser too, which
    // can try again or connect to another register.
    const status = await host.router.invoke('connection:status', {});
    const message = status.ok ? (status.value as { message: string | null }).message : null;
    console.error(message ?? 'The register could not be opened.');
    if (!isPostgresUrl(dbPath) || template || values.user !== undefined) process.exit(1);
  }
  started = true;
  const workbench = host.current;
  // Read once, for the first officer a template creates and for signing in.
  let password: string | undefined;
  const passwordOf = async (user: string) => (password ??= await passwordFromEnvironmentOrPrompt(`Password for ${user}: `));
  if (workbench && template) {
    try {
      // A new team register is set up as the welcome screen sets it up: with its first officer, --user.
      let firstOfficer: { signInName: string; displayName: string; password: string } | undefined;
      if (values.user !== undefined && isPostgresUrl(dbPath) && (await awaitsFirstOfficer(workbench.ctx.db))) {
        const parsed = setupInput.shape.firstOfficer.safeParse({ signInName: values.user, displayName: values.user, password: await passwordOf(values.user) });
        if (!parsed.success || !parsed.data) throw new AppError('VALIDATION', { key: 'errors:people.invalidFirstOfficer', params: { name: values.user } });
        firstOfficer = parsed.data;
      }
      const applied = await applyTemplateToNewDatabase(workbench.ctx, template, systemLanguage, firstOfficer);
      console.error(
        applied
          ? `Set up ${shownLocation(dbPath)} from the ${template} template${firstOfficer ? `, with ${firstOfficer.signInName} as its privacy officer` : ''}.`
          : `${shownLocation(dbPath)} already holds a register; --template ignored.`,
      );
    } catch (error) {
      console.error(plainMessage(error, systemLanguage));
      await host.close();
      process.exit(1);
    }
  }
  if (workbench?.restore) {
    console.error(
      workbench.restore.refused
        ? `The scheduled restore was refused: ${workbench.restore.refused}`
        : `Restored from ${workbench.restore.restoredFrom}; the replaced register is kept at ${workbench.restore.keptAside}.`,
    );
  }

  if (workbench && values.user !== undefined) {
    const signedIn = await workbench.router.invoke('session:signIn', { signInName: values.user, password: await passwordOf(values.user) }, startAs);
    if (!signedIn.ok) {
      console.error(signedIn.error.message);
      await host.close();
      process.exit(1);
    }
  }
  const sessionOf = (req: IncomingMessage, res: ServerResponse): Session => {
    const id = sessionCookie(req.headers.cookie);
    const known = id ? sessions.get(id) : undefined;
    if (known) return known;
    const fresh = randomBytes(24).toString('hex');
    const session = { ...startAs };
    sessions.set(fresh, session);
    res.setHeader('set-cookie', `${SESSION_COOKIE}=${fresh}; HttpOnly; SameSite=Strict; Path=/`);
    return session;
  };

  const token = randomBytes(24).toString('hex');
  const rendererDir = resolve(join(__dirname, '../renderer'));
  // Read and compress the renderer's files in the thread pool now, before the browser asks.
  const assets = new StaticAssets(rendererDir);
  assets.warm();
  let listeningPort = port;
  const server = createServer(async (req, res) => {
    try {
      // Only requests addressed to this server by name: a page on another domain that resolves
      // to 127.0.0.1 (DNS rebinding) is told so before anything is read or served.
      if (!hostAllowed(req.headers.host, listeningPort)) {
        plain(res, req.headers.host ? 421 : 400, 'This server answers only 127.0.0.1 and localhost');
        return;
      }
      const url = requestTarget(req.url);
      if (!url) {
        plain(res, 400, 'Bad request target');
        return;
      }
      if (url.pathname.startsWith('/api/')) {
        if (!tokenMatches(req.headers.authorization, token)) {
          send(res, 401, { ok: false, error: { code: 'FORBIDDEN', message: 'Missing or wrong token.' } });
          return;
        }
        if (req.method !== 'POST') {
          res.writeHead(405, { allow: 'POST' }).end();
          return;
        }
        let input: unknown;
        try {
          const body = await readBody(req);
          input = body.length ? JSON.parse(body) : {};
        } catch (error) {
          const tooLarge = (error as Error).message === 'too large';
          send(res, tooLarge ? 413 : 400, {
            ok: false,
            error: { code: 'VALIDATION', message: tooLarge ? 'The request body is too large.' : 'The request body is not JSON.' },
          });
          return;
        }
        const channel = decodePath(url.pathname.slice('/api/'.length));
        if (channel === null) {
          send(res, 400, { ok: false, error: { code: 'VALIDATION', message: 'The channel name is not valid percent-encoding.' } });
          return;
        }
        send(res, 200, await host.router.invoke(channel, input, sessionOf(req, res)));
        return;
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405).end();
        return;
      }
      await serveStatic(assets, rendererDir, req, res, url.pathname);
    } catch (error) {
      console.error('Web host error', error);
      if (!res.headersSent) send(res, 500, { ok: false, error: { code: 'INTERNAL', message: 'Web host error.' } });
    }
  });

  server.listen(port, '127.0.0.1', () => {
    const address = server.address();
    const actualPort = typeof address === 'object' && address ? address.port : port;
    listeningPort = actualPort;
    process.stdout.write(`READY http://127.0.0.1:${actualPort}/#token=${token}\n`);
  });

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    console.error(`${signal}: closing the register…`);
    server.close();
    server.closeAllConnections();
    void closeChromium()
      .then(() => host.close())
      .then(() => process.exit(0));
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  console.error(error);
  process.exit(1);
});
