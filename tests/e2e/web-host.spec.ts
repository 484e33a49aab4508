import { spawnSync } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test as base, expect } from '@playwright/test';
import { startHost } from './fixtures';

const ROOT = resolve(__dirname, '../..');
const OUT = process.env.PW_OUT_DIR ?? 'out';
const test = base;

test('the web host prints one READY line, and refuses calls without the right token', async () => {
  const host = await startHost({ template: 'empty' });
  try {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[0-9a-f]{48}$/);
    const origin = new URL(host.url).origin;
    const noToken = await fetch(`${origin}/api/categories:list`, { method: 'POST', body: '{}' });
    expect(noToken.status).toBe(401);
    expect(JSON.stringify(await noToken.json())).not.toContain('items');
    const wrong = await fetch(`${origin}/api/categories:list`, {
      method: 'POST',
      headers: { authorization: `Bearer ${'0'.repeat(48)}` },
      body: '{}',
    });
    expect(wrong.status).toBe(401);
    const right = await host.api<{ total: number }>('categories:list', {});
    expect(right).toMatchObject({ ok: true, value: { total: 0 } });
    const notJson = await fetch(`${origin}/api/categories:list`, {
      method: 'POST',
      headers: { authorization: `Bearer ${host.token}` },
      body: '{oops',
    });
    expect(notJson.status).toBe(400);
  } finally {
    await host.stop();
  }
});

/** A raw HTTP request, so that the Host header and the path go out exactly as written. */
function raw(origin: string, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<{ status: number; headers: Record<string, unknown> }> {
  const { hostname, port } = new URL(origin);
  return new Promise((done, fail) => {
    const req = httpRequest({ host: hostname, port, path, method, headers, setHost: false }, (res) => {
      res.resume();
      res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers }));
    });
    req.on('error', fail);
    req.end();
  });
}

test('the web host answers only its own name, refuses malformed paths with 400, and sends one CSP', async () => {
  const host = await startHost({ template: 'empty' });
  try {
    const origin = new URL(host.url).origin;
    const port = new URL(host.url).port;
    const auth = { authorization: `Bearer ${host.token}` };
    // DNS rebinding: a page on evil.example that resolves to 127.0.0.1 gets nothing, even with the token.
    expect((await raw(origin, '/', { host: `evil.example:${port}` })).status).toBe(421);
    expect((await raw(origin, '/api/categories:list', { host: `evil.example:${port}`, ...auth }, 'POST')).status).toBe(421);
    expect((await raw(origin, '/', {})).status).toBe(400);
    expect((await raw(origin, '/', { host: `localhost:${port}` })).status).toBe(200);
    const page = await raw(origin, '/', { host: `127.0.0.1:${port}` });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    // Malformed percent-encoding and traversal are the client's mistake (400), never a server error.
    for (const path of ['/%E0%A4%A', '/assets/%zz.js', '/..%2f..%2fetc/passwd', '/a%00.js']) {
      expect((await raw(origin, path, { host: `127.0.0.1:${port}` })).status, path).toBe(400);
    }
    expect((await raw(origin, '/api/%E0%A4%A', { host: `127.0.0.1:${port}`, ...auth }, 'POST')).status).toBe(400);
    expect((await raw(origin, 'http://evil.example/', { host: `127.0.0.1:${port}` })).status).toBe(400);
  } finally {
    await host.stop();
  }
});

test('the built renderer is sent compressed: its scripts in brotli and cached for a year, index.html revalidated', async () => {
  const host = await startHost({ template: 'empty' });
  try {
    const origin = new URL(host.url).origin;
    const index = await fetch(`${origin}/`, { headers: { 'accept-encoding': 'br, gzip' } });
    expect(index.headers.get('cache-control')).toBe('no-cache');
    expect(index.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await index.text();
    const entry = /<script type="module" crossorigin src="\.?(\/assets\/index-[^"]+\.js)"/.exec(html)?.[1];
    expect(entry).toBeTruthy();
    // Node's http client leaves the body as sent, so the size is the compressed one.
    const script = await new Promise<{ headers: Record<string, unknown>; size: number }>((done, fail) => {
      const req = httpRequest(`${origin}${entry}`, { headers: { 'accept-encoding': 'gzip, deflate, br' } }, (res) => {
        let size = 0;
        res.on('data', (c: Buffer) => (size += c.length));
        res.on('end', () => done({ headers: res.headers, size }));
      });
      req.on('error', fail);
      req.end();
    });
    expect(script.headers['content-encoding']).toBe('br');
    expect(script.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(script.headers['content-security-policy']).toContain("script-src 'self'");
    const file = statSync(join(ROOT, OUT, 'renderer', entry!)).size;
    expect(script.size).toBeLessThan(file / 2);
    // What the first screen loads stays under 1 MB: the entry and what it imports, and the words of
    // one language (a chunk of each language, loaded as the renderer starts); other pages and the
    // charts come in chunks of their own.
    const manifest = JSON.parse(readFileSync(join(ROOT, OUT, 'renderer/.vite/manifest.json'), 'utf8')) as Record<string, { file: string; imports?: string[] }>;
    const closure = (key: string, into = new Set<string>()) => {
      if (into.has(key)) return into;
      into.add(key);
      for (const i of manifest[key]?.imports ?? []) closure(i, into);
      return into;
    };
    const sizeOf = (keys: Iterable<string>) => [...keys].reduce((sum, key) => sum + statSync(join(ROOT, OUT, 'renderer', manifest[key]!.file)).size, 0);
    const first = closure('index.html');
    const languages = Object.keys(manifest).filter((key) => /locales\/(en|zh-CN)\.ts$/.test(key));
    expect(languages).toHaveLength(2);
    const words = Math.max(...languages.map((key) => sizeOf([...closure(key)].filter((k) => !first.has(k)))));
    expect(sizeOf(first) + words).toBeLessThan(1024 * 1024);
    expect([...first].some((key) => /RequestsCharts|Import\.page|Reports\.page/.test(key))).toBe(false);
  } finally {
    await host.stop();
  }
});

test('SIGTERM closes the register cleanly, and --template never touches an existing register', async () => {
  const first = await startHost({ template: 'sample' });
  const created = await first.api<{ total: number }>('categories:list', {});
  expect(created.value?.total).toBe(13);
  await first.api('settings:update', { organisationName: '我们自己的组织' });
  expect(await first.stop()).toBe(0);
  // A clean close checkpoints the write-ahead log into the database file.
  const wal = `${first.dbPath}-wal`;
  expect(!existsSync(wal) || statSync(wal).size === 0).toBe(true);

  const again = await startHost({ dbPath: first.dbPath, template: 'empty' });
  try {
    const info = await again.api<{ organisationName: string; needsSetup: boolean }>('app:info', {});
    expect(info.value).toMatchObject({ organisationName: '我们自己的组织', needsSetup: false });
    expect((await again.api<{ total: number }>('categories:list', {})).value?.total).toBe(13);
  } finally {
    await again.stop();
  }
});

test('the command line explains itself and refuses unknown commands with exit code 2', () => {
  const cli = join(ROOT, OUT, 'main/cli.js');
  const help = spawnSync(process.execPath, [cli, '--help'], { encoding: 'utf8' });
  expect(help.status).toBe(0);
  expect(help.stdout).toContain('Usage: npm run cli -- <command> [options]');
  const unknown = spawnSync(process.execPath, [cli, 'frobnicate'], { encoding: 'utf8' });
  expect(unknown.status).toBe(2);
  expect(unknown.stderr).toContain('Unknown command: frobnicate');
});
