import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../src/main/core/audit/audit.service';

/**
 * How the audit chain's hashes were first made: JSON.stringify with a replacer that rebuilds every
 * object with sorted keys. Registers already hold chains hashed this way, so the hand-written
 * canonicalJson must write exactly the same text or their verification would break.
 */
function reference(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      return Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    }
    return v;
  });
}

/** A small deterministic generator, so that a failure can be replayed. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const KEYS = ['id', 'b', 'a', 'B', '10', '2', '0', '01', '-1', '1.5', '名称', 'é', '', 'due_date', '4294967295', '4294967294'];
const STRINGS = ['', 'x', '上海码昶', 'line\nbreak', 'quote " and \\ slash', '\u2028', '\ud83d\ude00', '[personal data]'];

function value(next: () => number, depth: number): unknown {
  const pick = Math.floor(next() * (depth > 2 ? 7 : 10));
  switch (pick) {
    case 0:
      return null;
    case 1:
      return next() < 0.5;
    case 2:
      return [0, -0, 1, -7, 3.25, 1e21, 1e-7, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53][Math.floor(next() * 10)];
    case 3:
    case 4:
      return STRINGS[Math.floor(next() * STRINGS.length)];
    case 5:
      return undefined;
    case 6:
      return new Date(Date.UTC(2026, 10, Math.floor(next() * 28) + 1));
    case 7:
    case 8: {
      const out: Record<string, unknown> = {};
      const n = Math.floor(next() * 6);
      for (let i = 0; i < n; i += 1) out[KEYS[Math.floor(next() * KEYS.length)]!] = value(next, depth + 1);
      return out;
    }
    default:
      return Array.from({ length: Math.floor(next() * 4) }, () => value(next, depth + 1));
  }
}

describe('canonicalJson', () => {
  it('writes the same text as the JSON.stringify the first hashes were made with, for 2,000 generated values', () => {
    const next = random(20261129);
    for (let i = 0; i < 2000; i += 1) {
      const v = { entry: value(next, 0), [KEYS[i % KEYS.length]!]: value(next, 1) };
      expect(canonicalJson(v), JSON.stringify(v)).toBe(reference(v));
    }
  });

  it('sorts keys at every level but keeps array order, and puts index keys first in numeric order', () => {
    expect(canonicalJson({ b: 1, a: [3, { d: 1, c: 2 }], 10: 'x', 2: 'y' })).toBe('{"2":"y","10":"x","a":[3,{"c":2,"d":1}],"b":1}');
  });

  it('leaves out undefined and functions in objects, writes null for them in arrays, and uses toJSON', () => {
    expect(canonicalJson({ a: undefined, f: () => 1, at: new Date('2026-11-29T00:00:00Z'), list: [undefined, Number.NaN] })).toBe(
      '{"at":"2026-11-29T00:00:00.000Z","list":[null,null]}',
    );
  });
});
