/**
 * The web host: the same router as the desktop app, over HTTP on 127.0.0.1 only, serving the built
 * renderer. Run `npm run serve -- --help`.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { languageFromLocale } from '@shared/i18n';
import { openWorkbench, type Workbench } from './core/workbench';
import { plainMessage } from './core/errors';
import { applyTemplateToNewDatabase } from './core/app/app.service';
import { defaultUserDataDir, resolveDbPath } from './core/paths';
import { CONTENT_SECURITY_POLICY } from './security';
import { parseArgs, parseClock, parseLanguage, parsePort, parseTemplate, UsageError } from './host-args';
import { startAutomaticBackups } from './core/transfer/backup';
import { chromiumPlatform, closeChromium } from './chromium-pdf';

const USAGE = `Usage: npm run serve -- [--db PATH] [--port N] [--lang en|zh-CN] [--template sample|empty] [--clock ISO]

  --db PATH          the register (default: $PRIVACY_WORKBENCH_DB, else the desktop app's user-data folder)
  --port N           port on 127.0.0.1 (default: any free port)
  --lang LANG        the language to show before one is chosen in Settings (default: from the system locale)
  --template NAME    set up a new, empty database from the sample register or empty; an existing register is never touched
  --clock ISO        freeze the clock at this instant (for demonstrations and tests)

Prints one line, READY http://127.0.0.1:PORT/#token=TOKEN, once it listens. Ctrl+C stops it.`;

const MAX_BODY_BYTES = 32 * 1024 * 1024;
const MIME: Record<string, string> = {
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

function serveStatic(rendererDir: string, urlPath: string, res: ServerResponse) {
  const relative = normalize(decodeURIComponent(urlPath === '/' ? '/index.html' : urlPath)).replace(/^([/\\])+/, '');
  const file = resolve(rendererDir, relative);
  if (!file.startsWith(rendererDir + sep) || !existsSync(file) || !statSync(file).isFile()) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
    return;
  }
  res.writeHead(200, {
    'content-type': MIME[extname(file)] ?? 'application/octet-stream',
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-cache',
  });
  createReadStream(file).pipe(res);
}

async function main() {
  const { values } = parseArgs({
    options: {
      db: { type: 'string' },
      port: { type: 'string' },
      lang: { type: 'string' },
      template: { type: 'string' },
      clock: { type: 'string' },
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
  const dbPath = resolve(resolveDbPath(values.db, defaultUserDataDir()));

  let workbench: Workbench;
  try {
    workbench = await openWorkbench({ dbPath, host: 'web', systemLanguage, clock, actor: undefined, platform: chromiumPlatform });
  } catch (error) {
    // Not SQLite, locked by another program, read-only, newer: refused before serving, in one sentence.
    console.error(plainMessage(error, systemLanguage));
    process.exit(1);
  }
  if (template) {
    const applied = await applyTemplateToNewDatabase(workbench.ctx, template, systemLanguage);
    console.error(applied ? `Set up ${dbPath} from the ${template} template.` : `${dbPath} already holds a register; --template ignored.`);
  }
  if (workbench.restore) {
    console.error(
      workbench.restore.refused
        ? `The scheduled restore was refused: ${workbench.restore.refused}`
        : `Restored from ${workbench.restore.restoredFrom}; the replaced register is kept at ${workbench.restore.keptAside}.`,
    );
  }
  const stopBackups = startAutomaticBackups(workbench.ctx, (m, e) => console.error(m, e));

  const token = randomBytes(24).toString('hex');
  const rendererDir = resolve(join(__dirname, '../renderer'));
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
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
        const channel = decodeURIComponent(url.pathname.slice('/api/'.length));
        send(res, 200, await workbench.router.invoke(channel, input));
        return;
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405).end();
        return;
      }
      serveStatic(rendererDir, url.pathname, res);
    } catch (error) {
      console.error('Web host error', error);
      if (!res.headersSent) send(res, 500, { ok: false, error: { code: 'INTERNAL', message: 'Web host error.' } });
    }
  });

  server.listen(port, '127.0.0.1', () => {
    const address = server.address();
    const actualPort = typeof address === 'object' && address ? address.port : port;
    process.stdout.write(`READY http://127.0.0.1:${actualPort}/#token=${token}\n`);
    console.error(`Serving ${dbPath}`);
  });

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    stopBackups();
    console.error(`${signal}: closing the register…`);
    server.close();
    server.closeAllConnections();
    void closeChromium()
      .then(() => workbench.close())
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
