/**
 * A build plugin for the renderer: `import { Button } from '@mantine/core'` becomes an import of the
 * file that defines Button, for the packages named below (and inside them: @mantine/dates imports
 * @mantine/core the same way).
 *
 * Why: the bundler decides which chunk a module goes in by which entries reach it. Every file that
 * imports a package's index reaches, through it, every module the index re-exports. So the first
 * script imported one chunk holding every Mantine component any page uses (the number inputs, the
 * multi-selects, the date pickers…), because the first screen imports the same index for its own
 * few components. Imported file by file, a component used only by a page lazily loaded travels with
 * that page. What runs is the same code: these indexes only re-export, and their packages declare
 * no side effects but their CSS.
 *
 * An import this cannot map in full (a name the index does not re-export, a namespace import) is
 * left as it was, so the worst a new Mantine version can do is make the first script larger again
 * (`npm run bench:bundle` shows it).
 */
import { readFileSync, realpathSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Plugin } from 'vite';

/** Export name → [absolute file (or package), the name it has there], read from a package's ESM index. */
type ExportMap = Map<string, [string, string]>;

/**
 * The index's own shape (Mantine 9, generated): `import { a, b as c } from "./x.mjs";` lines, then
 * one `export { … };`. Anything else in it makes the map refuse (null): imports stay as written.
 */
export function readBarrel(indexFile: string, source: string): ExportMap | null {
  const dir = dirname(indexFile);
  const locals = new Map<string, [string, string]>();
  const importLine = /^import\s*\{([^}]*)\}\s*from\s*"([^"]+)";?$/;
  const exportLine = /^export\s*\{([^}]*)\};?$/;
  const out: ExportMap = new Map();
  let exported = false;
  for (const raw of source.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('//') || line.startsWith("'use client'") || line.startsWith('"use client"')) continue;
    const imp = importLine.exec(line);
    if (imp) {
      // A relative file, or a package the index re-exports from (react-remove-scroll in @mantine/core).
      const file = imp[2]!.startsWith('.') ? resolve(dir, imp[2]!) : imp[2]!;
      for (const spec of specifiers(imp[1]!)) locals.set(spec.local, [file, spec.imported]);
      continue;
    }
    const exp = exportLine.exec(line);
    if (exp && !exported) {
      exported = true;
      for (const spec of specifiers(exp[1]!)) {
        // `export { local as exportedName }`: here `imported` is the local, `local` the exported name.
        const target = locals.get(spec.imported);
        if (!target) return null;
        out.set(spec.local, target);
      }
      continue;
    }
    return null;
  }
  return exported ? out : null;
}

interface Specifier {
  imported: string;
  local: string;
}

function specifiers(list: string): Specifier[] {
  return list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const [imported, local = imported] = s.split(/\s+as\s+/) as [string, string?];
      return { imported: imported.trim(), local: local.trim() };
    });
}

/**
 * Rewrites `import { A, B as C } from "<package>"` in `code` with `maps`; an import with a name the
 * map lacks, a `type` specifier, or a default or namespace import is left alone.
 */
export function rewriteImports(code: string, maps: ReadonlyMap<string, ExportMap>): string | null {
  let changed = false;
  const out = code.replace(/import\s*\{([^}]*)\}\s*from\s*(["'])(@[^"'/]+\/[^"'/]+)\2;?/g, (whole, list: string, _q: string, pkg: string) => {
    const map = maps.get(pkg);
    if (!map) return whole;
    const specs = specifiers(list);
    if (specs.length === 0 || specs.some((s) => s.imported.startsWith('type ') || !map.has(s.imported))) return whole;
    const byFile = new Map<string, string[]>();
    for (const s of specs) {
      const [file, name] = map.get(s.imported)!;
      const names = byFile.get(file) ?? [];
      names.push(name === s.local ? name : `${name} as ${s.local}`);
      byFile.set(file, names);
    }
    changed = true;
    return [...byFile].map(([file, names]) => `import { ${names.join(', ')} } from ${JSON.stringify(file)};`).join(' ');
  });
  return changed ? out : null;
}

export function directImports(root: string, packages: readonly string[]): Plugin {
  const maps = new Map<string, ExportMap>();
  for (const pkg of packages) {
    const index = realpathSync(resolve(root, 'node_modules', pkg, 'esm/index.mjs'));
    const map = readBarrel(index, readFileSync(index, 'utf8'));
    if (map) maps.set(pkg, map);
  }
  return {
    name: 'direct-imports',
    apply: 'build',
    transform(code, id) {
      if (!/\.(m?js|tsx?|jsx)$/.test(id.split('?')[0]!)) return null;
      if (!packages.some((pkg) => code.includes(pkg))) return null;
      const out = rewriteImports(code, maps);
      return out === null ? null : { code: out, map: null };
    },
  };
}
