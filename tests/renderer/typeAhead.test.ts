import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { matchRank, rankOptions, typeAheadMatch, typedPrefix, TYPE_AHEAD_PAUSE_MS } from '@renderer/components/typeAhead';
import en from '../../src/shared/i18n/en/requests.json';
import zh from '../../src/shared/i18n/zh-CN/requests.json';
import { REQUEST_CHANNELS } from '../../src/shared/domain/requests';

const channels = (words: typeof en) => REQUEST_CHANNELS.map((value) => ({ value, label: words.channel[value] }));
const enChannels = channels(en);
const zhChannels = channels(zh as typeof en);

/** What a select ends on when `keys` are typed one by one, quickly, from `start`. */
function typeInto(options: { value: string; label: string }[], keys: string[], start: string | null) {
  let state = { prefix: '', at: 0 };
  let value = start;
  let now = 10_000;
  for (const key of keys) {
    state = typedPrefix(state, key, (now += 50));
    value = typeAheadMatch(options, state.prefix, value)?.value ?? value;
  }
  return value;
}

describe('type-ahead on a plain select', () => {
  it('moves to the option whose label starts with what was typed, letter by letter, in English', () => {
    expect(enChannels.map((c) => c.label)).toEqual(['Hotline', 'Email', 'In the app', 'Letter', 'In person', 'Other']);
    expect(typeInto(enChannels, ['e'], 'hotline')).toBe('email');
    expect(typeInto(enChannels, ['e', 'm'], 'hotline')).toBe('email');
    expect(typeInto(enChannels, ['l', 'e', 't'], 'hotline')).toBe('letter');
    expect(typeInto(enChannels, [...'in p'], 'hotline')).toBe('in_person');
    expect(typeInto(enChannels, ['O'], 'hotline')).toBe('other');
  });

  it('finds a word inside a label when no label starts with it, and steps through options with the same letter typed again', () => {
    expect(typeInto(enChannels, [...'person'], 'hotline')).toBe('in_person');
    expect(typeInto(enChannels, ['i'], 'hotline')).toBe('in_app');
    expect(typeInto(enChannels, ['i', 'i'], 'hotline')).toBe('in_person');
    expect(typeInto(enChannels, ['i', 'i', 'i'], 'hotline')).toBe('in_app');
  });

  it('matches the start of a Chinese label, as typed or as an input method commits it', () => {
    expect(zhChannels.map((c) => c.label)).toContain('热线电话');
    expect(typeInto(zhChannels, ['电'], 'hotline')).toBe('email');
    expect(typeInto(zhChannels, ['电子'], 'hotline')).toBe('email');
    expect(typeInto(zhChannels, ['信'], 'hotline')).toBe('letter');
    expect(typeInto(zhChannels, ['现'], 'email')).toBe('in_person');
    // A word after 、 counts as a word start.
    expect(matchRank('行政、司法机关', '司法')).toBe(1);
  });

  it('leaves the choice as it was when nothing matches, rather than choosing a wrong option', () => {
    expect(typeInto(enChannels, ['x'], 'email')).toBe('email');
    expect(typeInto(zhChannels, ['e'], 'hotline')).toBe('hotline');
    expect(typeAheadMatch(enChannels, '', 'email')).toBeNull();
    expect(typeAheadMatch([{ value: 'a', label: 'Email', disabled: true }], 'e')).toBeNull();
  });

  it('starts a new prefix after a pause', () => {
    const first = typedPrefix({ prefix: '', at: 0 }, 'e', 1000);
    expect(typedPrefix(first, 'm', 1000 + 100).prefix).toBe('em');
    expect(typedPrefix(first, 'l', 1000 + TYPE_AHEAD_PAUSE_MS + 1).prefix).toBe('l');
  });
});

describe('a searchable select lists the best matches first', () => {
  it('label starts, then word starts, then the rest, leaving out what does not match', () => {
    const kinds = Object.entries(en.kind).map(([value, label]) => ({ value, label }));
    const ranked = rankOptions(kinds, 'co').map((o) => o.value);
    expect(ranked[0]).toBe('correction');
    expect(ranked).toContain('access_copy');
    expect(ranked.indexOf('correction')).toBeLessThan(ranked.indexOf('access_copy'));
    expect(rankOptions(kinds, 'zzz')).toEqual([]);
    const zhKinds = Object.entries(zh.kind).map(([value, label]) => ({ value, label }));
    expect(rankOptions(zhKinds, '删除')[0]!.value).toBe('deletion');
  });
});

describe('every select of the renderer is the one with type-ahead', () => {
  const root = join(__dirname, '../../src/renderer/src');
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? files(path) : /\.tsx?$/.test(name) ? [path] : [];
    });

  it('imports no Select or NativeSelect from Mantine and renders no native select, except the shared Select itself', () => {
    const offenders = files(root)
      .filter((path) => !path.endsWith(join('components', 'Select.tsx')))
      .filter((path) => {
        const text = readFileSync(path, 'utf8');
        const mantine = [...text.matchAll(/import\s*\{([^}]*)\}\s*from\s*'@mantine\/core'/g)].flatMap((m) => m[1]!.split(',').map((n) => n.trim()));
        return mantine.includes('Select') || mantine.includes('NativeSelect') || /<select[\s>]/.test(text);
      })
      .map((path) => relative(root, path));
    expect(offenders).toEqual([]);
  });
});
