/**
 * Reading the renderer's source maps (built with RENDERER_SOURCEMAP=1): which source a position of a
 * minified chunk came from. Used by bundle.ts (bytes per module) and renderer.ts --profile (time per module).
 */
import { existsSync, readFileSync } from 'node:fs';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DIGIT = new Map([...B64].map((c, i) => [c, i]));

/** The values of one source-map segment (base64 VLQ). */
function decodeSegment(segment: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const ch of segment) {
    const digit = DIGIT.get(ch)!;
    value += (digit & 31) << shift;
    if (digit & 32) shift += 5;
    else {
      values.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return values;
}

/** Per generated line, its segments as [column, source index or -1], in column order. */
export interface DecodedMap {
  sources: string[];
  lines: [number, number][][];
}

export function readMap(file: string): DecodedMap | null {
  if (!existsSync(`${file}.map`)) return null;
  const map = JSON.parse(readFileSync(`${file}.map`, 'utf8')) as { sources: string[]; mappings: string };
  let source = 0;
  const lines = map.mappings.split(';').map((line) => {
    let column = 0;
    const out: [number, number][] = [];
    for (const seg of line.split(',')) {
      if (!seg) continue;
      const v = decodeSegment(seg);
      column += v[0]!;
      if (v.length >= 4) {
        source += v[1]!;
        out.push([column, source]);
      } else out.push([column, -1]);
    }
    return out;
  });
  return { sources: map.sources, lines };
}

/** The source of a generated position (0-based line and column), or null where nothing maps. */
export function sourceAt(map: DecodedMap, line: number, column: number): string | null {
  const segs = map.lines[line];
  if (!segs?.length) return null;
  let lo = 0;
  let hi = segs.length - 1;
  if (segs[0]![0] > column) return null;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (segs[mid]![0] <= column) lo = mid;
    else hi = mid - 1;
  }
  const src = segs[lo]![1];
  return src < 0 ? null : map.sources[src]!;
}

/** A module's name for a listing: the package for node_modules (with Mantine's and zod's folders), the path under src otherwise. */
export function moduleName(source: string): string {
  const nm = source.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const parts = source.slice(nm + 'node_modules/'.length).split('/');
    const pkg = parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
    const deeper = pkg.startsWith('@mantine/') || pkg === 'zod' ? parts.slice(pkg.includes('/') ? 2 : 1, -1).slice(0, 3).join('/') : '';
    return deeper ? `${pkg} · ${deeper}` : pkg;
  }
  const src = source.indexOf('src/');
  return src >= 0 ? source.slice(src) : source;
}
