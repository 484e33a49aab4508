import { readFileSync, realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBarrel, rewriteImports } from '../../scripts/direct-imports';

const ROOT = resolve(__dirname, '../..');
const indexOf = (pkg: string) => realpathSync(resolve(ROOT, 'node_modules', pkg, 'esm/index.mjs'));

describe('imports of a package index rewritten to the files that define the names', () => {
  const barrel = `import { Button } from "./components/Button/Button.mjs";
import { useThing as useThingInner, other } from "./hooks/thing.mjs";
import { RemoveScroll } from "react-remove-scroll";
export { Button, RemoveScroll, useThingInner as useThing };
`;
  const map = readBarrel('/pkg/esm/index.mjs', barrel)!;
  const maps = new Map([['@scope/ui', map]]);

  it('maps each exported name to its file and its name there, including renamed exports and packages it re-exports', () => {
    expect(map.get('Button')).toEqual(['/pkg/esm/components/Button/Button.mjs', 'Button']);
    expect(map.get('useThing')).toEqual(['/pkg/esm/hooks/thing.mjs', 'useThing']);
    expect(map.get('RemoveScroll')).toEqual(['react-remove-scroll', 'RemoveScroll']);
    // Imported by the index but not exported: not offered.
    expect(map.has('other')).toBe(false);
  });

  it('refuses an index of another shape (code of its own), so that nothing is rewritten from it', () => {
    expect(readBarrel('/pkg/esm/index.mjs', `${barrel}console.log('side effect');\n`)).toBeNull();
    expect(readBarrel('/pkg/esm/index.mjs', 'export * from "./all.mjs";\n')).toBeNull();
  });

  it('rewrites a named import file by file, keeping local names, on the same line', () => {
    const code = `import { Button as B, useThing } from "@scope/ui";\nconst x = 1;\n`;
    const out = rewriteImports(code, maps)!;
    expect(out).toBe(
      `import { Button as B } from "/pkg/esm/components/Button/Button.mjs"; import { useThing } from "/pkg/esm/hooks/thing.mjs";\nconst x = 1;\n`,
    );
  });

  it('leaves alone an import naming anything the index does not export, type specifiers, namespace imports and other packages', () => {
    for (const code of [
      `import { Button, Missing } from "@scope/ui";`,
      `import { type Props, Button } from "@scope/ui";`,
      `import * as UI from "@scope/ui";`,
      `import { Button } from "@scope/other";`,
    ]) {
      expect(rewriteImports(code, maps)).toBeNull();
    }
  });

  it('reads the installed Mantine indexes in full: every name they export maps to a file that exports it', () => {
    for (const pkg of ['@mantine/core', '@mantine/dates', '@mantine/hooks', '@mantine/notifications', '@mantine/modals', '@mantine/charts']) {
      const real = readBarrel(indexOf(pkg), readFileSync(indexOf(pkg), 'utf8'));
      expect(real, pkg).not.toBeNull();
      expect(real!.size).toBeGreaterThan(5);
      for (const [exported, [file, name]] of real!) {
        if (!file.startsWith('/')) continue; // a package the index re-exports
        const source = readFileSync(file, 'utf8');
        expect(new RegExp(`export\\s*\\{[^}]*\\b${name}\\b`).test(source), `${pkg} ${exported} in ${file}`).toBe(true);
      }
    }
  });
});
