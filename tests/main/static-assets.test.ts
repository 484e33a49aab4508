import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cacheControlFor, negotiateEncoding, StaticAssets } from '../../src/main/static-assets';
import { CONTENT_SECURITY_POLICY } from '../../src/main/security';

describe('negotiateEncoding', () => {
  it('prefers brotli, then gzip, honouring weights and refusals', () => {
    expect(negotiateEncoding('gzip, deflate, br, zstd')).toBe('br');
    expect(negotiateEncoding('gzip, deflate')).toBe('gzip');
    expect(negotiateEncoding('br;q=0, gzip')).toBe('gzip');
    expect(negotiateEncoding('br;q=0.5, gzip;q=0.8')).toBe('gzip');
    expect(negotiateEncoding('*')).toBe('br');
    expect(negotiateEncoding('*;q=0, gzip')).toBe('gzip');
    expect(negotiateEncoding('identity')).toBe('identity');
    expect(negotiateEncoding('gzip;q=0, br;q=0')).toBe('identity');
    expect(negotiateEncoding('')).toBe('identity');
    expect(negotiateEncoding(undefined)).toBe('identity');
  });
});

describe('cacheControlFor', () => {
  it('caches hashed build files for a year and revalidates everything else', () => {
    expect(cacheControlFor('assets/index-CNB3Edh1.js')).toBe('public, max-age=31536000, immutable');
    expect(cacheControlFor('assets/RequestsCharts-Vgtf7kMX.css')).toBe('public, max-age=31536000, immutable');
    expect(cacheControlFor('index.html')).toBe('no-cache');
    expect(cacheControlFor('assets/logo.png')).toBe('no-cache');
    expect(cacheControlFor('favicon.ico')).toBe('no-cache');
  });
});

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

describe('StaticAssets over HTTP', () => {
  let dir: string;
  let server: Server;
  let port: number;
  const script = `export const rows = [${Array.from({ length: 2000 }, (_, i) => `{ id: ${i}, name: "row ${i}" }`).join(', ')}];\n`;
  const html = `<!doctype html><html><head><script type="module" src="/assets/index-AbCd1234.js"></script></head><body>${'<div></div>'.repeat(200)}</body></html>`;
  const png = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pw-assets-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), html);
    writeFileSync(join(dir, 'assets/index-AbCd1234.js'), script);
    writeFileSync(join(dir, 'assets/tiny-ZyXw9876.js'), 'export {};\n');
    writeFileSync(join(dir, 'assets/picture-Qwer5678.png'), png);
    const assets = new StaticAssets(dir);
    assets.warm();
    server = createServer((req, res) => {
      const path = req.url === '/' ? '/index.html' : req.url!;
      void assets.serve(req, res, join(dir, ...path.split('/').filter(Boolean)));
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    port = (server.address() as { port: number }).port;
  });

  afterAll(async () => {
    await new Promise((done) => server.close(done));
    rmSync(dir, { recursive: true, force: true });
  });

  /** A raw request: the body comes back exactly as sent, never decompressed on the way. */
  function get(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Answer> {
    return new Promise((done, fail) => {
      const req = request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      });
      req.on('error', fail);
      req.end();
    });
  }

  it('sends a hashed script in brotli, smaller, cached for a year, with the renderer’s security headers', async () => {
    const a = await get('/assets/index-AbCd1234.js', { 'accept-encoding': 'gzip, deflate, br' });
    expect(a.status).toBe(200);
    expect(a.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(a.body).toString()).toBe(script);
    expect(a.body.length).toBeLessThan(Buffer.byteLength(script) / 4);
    expect(Number(a.headers['content-length'])).toBe(a.body.length);
    expect(a.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(a.headers.vary).toBe('Accept-Encoding');
    expect(a.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(a.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(a.headers['x-content-type-options']).toBe('nosniff');
    expect(a.headers['referrer-policy']).toBe('no-referrer');
  });

  it('sends gzip to a browser that refuses brotli, and the file as it is to one that accepts neither', async () => {
    const gz = await get('/assets/index-AbCd1234.js', { 'accept-encoding': 'br;q=0, gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(script);
    const plain = await get('/assets/index-AbCd1234.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(script);
    expect(plain.headers.vary).toBe('Accept-Encoding');
  });

  it('revalidates index.html every time, answering 304 while it is unchanged', async () => {
    const first = await get('/', { 'accept-encoding': 'br' });
    expect(first.headers['cache-control']).toBe('no-cache');
    expect(brotliDecompressSync(first.body).toString()).toBe(html);
    expect(first.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    const etag = first.headers.etag as string;
    expect(etag).toBeTruthy();
    const again = await get('/index.html', { 'accept-encoding': 'br', 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    const other = await get('/index.html', { 'if-none-match': 'W/"something-else"' });
    expect(other.status).toBe(200);
    expect(other.body.toString()).toBe(html);
  });

  it('leaves small files and images uncompressed, and answers HEAD without a body', async () => {
    const tiny = await get('/assets/tiny-ZyXw9876.js', { 'accept-encoding': 'br, gzip' });
    expect(tiny.headers['content-encoding']).toBeUndefined();
    expect(tiny.body.toString()).toBe('export {};\n');
    const image = await get('/assets/picture-Qwer5678.png', { 'accept-encoding': 'br, gzip' });
    expect(image.headers['content-encoding']).toBeUndefined();
    expect(image.headers['content-type']).toBe('image/png');
    expect(image.body.equals(png)).toBe(true);
    const head = await get('/assets/index-AbCd1234.js', { 'accept-encoding': 'br' }, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers['content-encoding']).toBe('br');
    expect(Number(head.headers['content-length'])).toBeGreaterThan(0);
    expect(head.body.length).toBe(0);
  });

  it('answers 404 for a file that does not exist', async () => {
    const missing = await get('/assets/gone-AAAA1111.js', { 'accept-encoding': 'br' });
    expect(missing.status).toBe(404);
  });
});
