import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATION_NAMES } from './step';

// A released migration has run on users' registers: changing it would leave theirs and a new one
// with different schemas under the same name. released.json holds the SHA-256 of each migration's
// normalised source as released; this test holds the files to it.

const ROOT = join(__dirname, '../..');
const DIR = join(ROOT, 'src/main/core/db/migrations');
const MANIFEST = join(DIR, 'released.json');
const shown = (file: string) => relative(ROOT, file).split('\\').join('/');

/** The source as written, whatever the checkout's line endings, trailing spaces or final newlines. */
function normalisedSource(text: string): string {
  return `${text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .map((line) => line.trimEnd())
    .join('\n')
    .trimEnd()}\n`;
}

const sha256 = (file: string) => createHash('sha256').update(normalisedSource(readFileSync(file, 'utf8'))).digest('hex');
const released = JSON.parse(readFileSync(MANIFEST, 'utf8')) as Record<string, string>;

describe('released migrations (src/main/core/db/migrations/released.json)', () => {
  it('normalise line endings, trailing spaces and final newlines, and nothing else', () => {
    expect(normalisedSource('\uFEFFa  \r\nb\t\r\n\r\n')).toBe(normalisedSource('a\nb\n'));
    expect(normalisedSource('a\n b\n')).not.toBe(normalisedSource('a\nb\n'));
    expect(normalisedSource('// x\na\n')).not.toBe(normalisedSource('a\n'));
  });

  it('are each a file of the static list, and each file is in the list', () => {
    const files = readdirSync(DIR).filter((f) => f.endsWith('.ts') && f !== 'index.ts');
    expect([
      ...files.filter((f) => !MIGRATION_NAMES.includes(f.replace(/\.ts$/, ''))).map((f) => `${shown(join(DIR, f))} is not in the list of index.ts`),
      ...MIGRATION_NAMES.filter((name) => !files.includes(`${name}.ts`)).map((name) => `${name} in index.ts has no file ${name}.ts`),
    ]).toEqual([]);
  });

  it('are unchanged since their release', () => {
    const problems = Object.entries(released).flatMap(([name, hash]) => {
      const file = join(DIR, `${name}.ts`);
      if (!existsSync(file)) return [`${shown(file)} was released and is gone: registers that ran it would be refused. Put it back.`];
      const now = sha256(file);
      return now === hash
        ? []
        : [
            `${shown(file)} has changed since its release (sha256 ${hash}, now ${now}). ` +
              'A released migration never changes: undo the edit and make the change in a new migration.',
          ];
    });
    expect(problems).toEqual([]);
  });

  it('include every migration of the list', () => {
    const missing = MIGRATION_NAMES.filter((name) => !(name in released));
    const lines = missing.map((name) => `  "${name}": "${sha256(join(DIR, `${name}.ts`))}"`);
    expect(
      missing,
      `${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not in ${shown(MANIFEST)}. When the migration is final, add ${missing.length === 1 ? 'this line' : 'these lines'} to it:\n${lines.join(',\n')}\n`,
    ).toEqual([]);
  });
});
