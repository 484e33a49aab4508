import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

/**
 * Ways of writing a date that bypass the time module's one format per language: the machine's locale
 * (toLocaleString and friends), Intl's own styles, and ISO strings cut up for display.
 */
const OTHER_FORMATTERS = [
  /\.toLocale(Date|Time)?String\(/,
  /new Intl\.DateTimeFormat\(/,
  /\bdateStyle\b|\btimeStyle\b/,
  /toISOString\(\)\.slice\(/,
  /\.slice\(0, ?(10|16|19)\)/,
  /\.slice\(5\)/,
];

describe('dates on screens, in reports and in the command line', () => {
  it('are written only by the time module (src/shared/time.ts)', () => {
    const sources = [
      ...files(join(ROOT, 'src/renderer/src')),
      ...files(join(ROOT, 'src/main/core/reports')),
      ...files(join(ROOT, 'src/main')).filter((f) => /src\/main\/(cli[\w-]*|index|serve)\.ts$/.test(f)),
    ];
    expect(sources.length).toBeGreaterThan(50);
    const found = sources.flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .map((line, i) => ({ line, at: `${relative(ROOT, file)}:${i + 1}` }))
        .filter(({ line }) => OTHER_FORMATTERS.some((re) => re.test(line)))
        .map(({ at, line }) => `${at}: ${line.trim()}`),
    );
    expect(found).toEqual([]);
  });

  it('are never formatted by i18next’s own Intl formatters in a translation', () => {
    const dir = join(ROOT, 'src/shared/i18n');
    const own = readdirSync(dir)
      .filter((d) => statSync(join(dir, d)).isDirectory())
      .flatMap((lang) => readdirSync(join(dir, lang)).map((f) => join(dir, lang, f)));
    const found = own.flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/\{\{\s*\w+\s*,\s*(datetime|relativetime)[^}]*\}\}/g)].map((m) => `${relative(ROOT, file)}: ${m[0]}`));
    expect(found).toEqual([]);
  });
});
