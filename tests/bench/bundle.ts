/**
 * What the renderer's first screen loads, module by module: the chunks the entry imports (from the
 * build's manifest) and, inside each, how many bytes of the minified file each source module (or
 * package) takes, read from the chunk's source map. Run after a build with source maps:
 *
 *   npm run bench:bundle [-- --all --top 40]
 *
 * `--all` lists every chunk, not only the first load; `--top N` the N largest modules per chunk.
 */
import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { moduleName, readMap, type DecodedMap } from './sourcemap';

const ROOT = resolve(__dirname, '../..');
const OUT = join(ROOT, 'out/renderer');

const { values: args } = parseArgs({ options: { all: { type: 'boolean', default: false }, top: { type: 'string', default: '25' } } });
const TOP = Number(args.top);

interface ManifestEntry {
  file: string;
  imports?: string[];
  dynamicImports?: string[];
  isEntry?: boolean;
}
const manifest = JSON.parse(readFileSync(join(OUT, '.vite/manifest.json'), 'utf8')) as Record<string, ManifestEntry>;

/** Bytes of the generated file attributed to each source, segment by segment. */
function bytesBySource(file: string, map: DecodedMap): Map<string, number> {
  const lines = readFileSync(file, 'utf8').split('\n');
  const out = new Map<string, number>();
  map.lines.forEach((segs, row) => {
    const text = lines[row] ?? '';
    segs.forEach(([col, src], i) => {
      const end = segs[i + 1]?.[0] ?? text.length;
      const name = src < 0 ? '(unmapped)' : map.sources[src]!;
      out.set(name, (out.get(name) ?? 0) + Buffer.byteLength(text.slice(col, end)));
    });
  });
  return out;
}

const firstLoad = new Set<string>();
const visit = (key: string) => {
  if (firstLoad.has(key)) return;
  firstLoad.add(key);
  for (const i of manifest[key]?.imports ?? []) visit(i);
};
for (const [key, e] of Object.entries(manifest)) if (e.isEntry) visit(key);

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const keys = Object.keys(manifest).filter((k) => manifest[k]!.file.endsWith('.js') && (args.all || firstLoad.has(k)));
let total = 0;
for (const key of keys.sort((a, b) => statSync(join(OUT, manifest[b]!.file)).size - statSync(join(OUT, manifest[a]!.file)).size)) {
  const file = join(OUT, manifest[key]!.file);
  const size = statSync(file).size;
  if (firstLoad.has(key)) total += size;
  console.log(`\n${manifest[key]!.file}  ${kb(size)}${firstLoad.has(key) ? '  (first load)' : ''}`);
  const map = readMap(file);
  if (!map) {
    console.log('  no source map: build with RENDERER_SOURCEMAP=1');
    continue;
  }
  const grouped = new Map<string, number>();
  for (const [source, n] of bytesBySource(file, map)) grouped.set(moduleName(source), (grouped.get(moduleName(source)) ?? 0) + n);
  const sorted = [...grouped].sort((a, b) => b[1] - a[1]);
  for (const [name, n] of sorted.slice(0, TOP)) console.log(`  ${kb(n).padStart(10)}  ${name}`);
  if (sorted.length > TOP) console.log(`  ${kb(sorted.slice(TOP).reduce((s, [, n]) => s + n, 0)).padStart(10)}  (${sorted.length - TOP} more)`);
}
console.log(`\nFirst load: ${kb(total)} in ${[...firstLoad].filter((k) => manifest[k]!.file.endsWith('.js')).length} scripts (target: ≤ 1 MB, ${total <= 1024 * 1024 ? 'met' : 'NOT met'}).`);
// The first screen also loads the words of one language (src/renderer/src/app/locales/): the larger.
const languageBytes = Object.keys(manifest)
  .filter((key) => /locales\/[^/]+\.ts$/.test(key) && !key.endsWith('bundle.ts'))
  .map((key) => {
    const own = new Set<string>();
    const walk = (k: string) => {
      if (own.has(k) || firstLoad.has(k)) return;
      own.add(k);
      for (const i of manifest[k]?.imports ?? []) walk(i);
    };
    walk(key);
    return [...own].reduce((sum, k) => sum + statSync(join(OUT, manifest[k]!.file)).size, 0);
  });
console.log(`With one language's words (the larger chunk, ${kb(Math.max(0, ...languageBytes))}): ${kb(total + Math.max(0, ...languageBytes))}.`);
