/**
 * The web host's files of the built renderer: compressed (brotli or gzip, as the browser accepts),
 * kept in memory once compressed, and cached by the browser for a year when their name carries a
 * hash of their content (Vite's `assets/name-HASH.js`), revalidated every time otherwise
 * (index.html, which names the hashed files of the current build). Compression runs in libuv's
 * thread pool, started for every file when the host starts, so the event loop never waits on it.
 */
import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, relative, sep } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib, gzip } from 'node:zlib';
import { contentTypeOf, RENDERER_HEADERS } from './security';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

export type Encoding = 'br' | 'gzip' | 'identity';

/** Files worth compressing; images and fonts are compressed already. */
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.svg', '.json', '.txt', '.map', '.ico']);
/** Below this size a compressed copy saves less than its headers cost. */
const MIN_COMPRESS_BYTES = 1024;

export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const REVALIDATE = 'no-cache';

/**
 * The encoding to answer with for an `Accept-Encoding` header: brotli, else gzip, else the file as
 * it is. Weights are honoured (`br;q=0` refuses brotli; `*` stands for any encoding not named);
 * between two accepted encodings of equal weight, brotli (smaller) wins.
 */
export function negotiateEncoding(acceptEncoding: string | undefined): Encoding {
  if (!acceptEncoding) return 'identity';
  const weights = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    let q = 1;
    for (const p of params) {
      const m = /^\s*q\s*=\s*([0-9.]+)\s*$/.exec(p);
      if (m) q = Number(m[1]);
    }
    weights.set(name, Number.isFinite(q) ? q : 0);
  }
  const weightOf = (name: string) => weights.get(name) ?? weights.get('*') ?? 0;
  const br = weightOf('br');
  const gz = Math.max(weightOf('gzip'), weights.get('x-gzip') ?? 0);
  if (br > 0 && br >= gz) return 'br';
  if (gz > 0) return 'gzip';
  return 'identity';
}

/** A file named with a content hash (Vite's assets folder, `name-HASH.ext`) never changes under that name. */
export function isHashedAsset(relativePath: string): boolean {
  return /^assets\/[^/]+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+$/.test(relativePath);
}

export function cacheControlFor(relativePath: string): string {
  return isHashedAsset(relativePath) ? IMMUTABLE : REVALIDATE;
}

interface Asset {
  type: string;
  etag: string;
  cacheControl: string;
  bodies: Map<Encoding, Buffer>;
}

/** Brotli at 9 is within a few per cent of its maximum, at a fraction of its time; gzip at 9 is cheap. */
async function loadAsset(file: string, relativePath: string): Promise<Asset> {
  const raw = await readFile(file);
  const bodies = new Map<Encoding, Buffer>([['identity', raw]]);
  if (COMPRESSIBLE.has(extname(file).toLowerCase()) && raw.length >= MIN_COMPRESS_BYTES) {
    const [br, gz] = await Promise.all([
      brotli(raw, { params: { [zlib.BROTLI_PARAM_QUALITY]: 9, [zlib.BROTLI_PARAM_SIZE_HINT]: raw.length } }),
      gzipAsync(raw, { level: 9 }),
    ]);
    if (br.length < raw.length) bodies.set('br', br);
    if (gz.length < raw.length) bodies.set('gzip', gz);
  }
  return {
    type: contentTypeOf(file),
    // Weak: the same tag stands for the file in every encoding.
    etag: `W/"${createHash('sha256').update(raw).digest('base64url').slice(0, 27)}"`,
    cacheControl: cacheControlFor(relativePath),
    bodies,
  };
}

function walk(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...walk(path));
    else if (entry.isFile()) files.push(path);
  }
  return files;
}

/**
 * The renderer's files, read and compressed once. `warm()` starts that for every file (the host
 * calls it as it starts); a file asked for before it is ready waits for its own copy only. A build
 * replaced under a running host is not picked up: restart the host, as after any build.
 */
export class StaticAssets {
  private readonly cache = new Map<string, Promise<Asset>>();

  constructor(private readonly rendererDir: string) {}

  warm(): void {
    let files: string[] = [];
    try {
      files = walk(this.rendererDir);
    } catch {
      return; // No build yet: every request will answer 404.
    }
    for (const file of files) void this.load(file).catch(() => {});
  }

  private load(file: string): Promise<Asset> {
    let asset = this.cache.get(file);
    if (!asset) {
      const rel = relative(this.rendererDir, file).split(sep).join('/');
      asset = loadAsset(file, rel);
      this.cache.set(file, asset);
      asset.catch(() => this.cache.delete(file));
    }
    return asset;
  }

  /**
   * Answers a GET or HEAD for `file` (already resolved inside the renderer folder by `staticFile`):
   * 404 when it is not a file, 304 when the browser's copy is current, else the body in the best
   * encoding the browser accepts, with the renderer's security headers.
   */
  async serve(req: IncomingMessage, res: ServerResponse, file: string): Promise<void> {
    let isFile = false;
    try {
      isFile = statSync(file).isFile();
    } catch {
      isFile = false;
    }
    if (!isFile) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }).end('Not found');
      return;
    }
    const asset = await this.load(file);
    const headers: Record<string, string | number> = {
      ...RENDERER_HEADERS,
      'content-type': asset.type,
      'cache-control': asset.cacheControl,
      etag: asset.etag,
    };
    if (asset.bodies.size > 1) headers.vary = 'Accept-Encoding';
    const given = req.headers['if-none-match'];
    const bare = (tag: string) => tag.trim().replace(/^W\//, '');
    if (given && given.split(',').some((tag) => tag.trim() === '*' || bare(tag) === bare(asset.etag))) {
      res.writeHead(304, headers).end();
      return;
    }
    const wanted = negotiateEncoding(req.headers['accept-encoding']);
    const encoding: Encoding = asset.bodies.has(wanted) ? wanted : 'identity';
    const body = asset.bodies.get(encoding)!;
    if (encoding !== 'identity') headers['content-encoding'] = encoding;
    headers['content-length'] = body.length;
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  }
}
