import { describe, expect, it } from 'vitest';
import { formatWallTime, localDateOf, localDaysBetween, wallClock, wallClockDate, wallTimeOf } from '../../../src/shared/time';

const pad = (n: number | undefined) => String(n).padStart(2, '0');

function intlWallClock(ms: number, timeZone: string) {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(ms));
  const p = Object.fromEntries(parts.filter((x) => x.type !== 'literal').map((x) => [x.type, Number(x.value)]));
  return { year: p.year, month: p.month, day: p.day, hour: p.hour === 24 ? 0 : p.hour, minute: p.minute, second: p.second };
}

describe('the cached zone offsets', () => {
  // Shanghai (no daylight saving), New York and London across their spring and autumn changes,
  // Kathmandu (+05:45) and Lord Howe (a half-hour daylight shift).
  const cases: [string, string][] = [
    ['Asia/Shanghai', '2026-01-31T12:00:00Z'],
    ['America/New_York', '2026-03-07T12:00:00Z'],
    ['America/New_York', '2026-10-31T12:00:00Z'],
    ['Europe/London', '2026-03-28T12:00:00Z'],
    ['Europe/London', '2026-10-24T12:00:00Z'],
    ['Asia/Kathmandu', '2026-06-01T00:00:00Z'],
    ['Australia/Lord_Howe', '2026-04-04T00:00:00Z'],
  ];
  for (const [zone, from] of cases) {
    it(`read the same wall clock as Intl in ${zone} around ${from.slice(0, 10)}`, () => {
      const start = Date.parse(from);
      for (let ms = start; ms < start + 3 * 86_400_000; ms += 7 * 60_000 + 13_000) {
        expect(wallClock(ms, zone), new Date(ms).toISOString()).toEqual(intlWallClock(ms, zone));
      }
    });

    it(`write the same days, times and day counts as Intl reads in ${zone} around ${from.slice(0, 10)}`, () => {
      const start = Date.parse(from);
      const text = (w: ReturnType<typeof intlWallClock>) =>
        `${String(w.year).padStart(4, '0')}-${pad(w.month)}-${pad(w.day)} ${pad(w.hour)}:${pad(w.minute)}`;
      for (let ms = start; ms < start + 3 * 86_400_000; ms += 7 * 60_000 + 13_000) {
        const iso = new Date(ms).toISOString();
        const expected = text(intlWallClock(ms, zone));
        expect(formatWallTime(iso, zone), iso).toBe(expected);
        expect(wallTimeOf(new Date(ms), zone), iso).toBe(expected.replace(' ', 'T'));
        expect(localDateOf(iso, zone), iso).toBe(expected.slice(0, 10));
        expect(wallClockDate(iso, zone).toISOString().slice(0, 16).replace('T', ' '), iso).toBe(expected);
        const day = Date.UTC(Number(expected.slice(0, 4)), Number(expected.slice(5, 7)) - 1, Number(expected.slice(8, 10)));
        const to = text(intlWallClock(start, zone));
        const startDay = Date.UTC(Number(to.slice(0, 4)), Number(to.slice(5, 7)) - 1, Number(to.slice(8, 10)));
        expect(localDaysBetween(new Date(start).toISOString(), iso, zone), iso).toBe(Math.round((day - startDay) / 86_400_000));
      }
    });
  }

  it('write an instant of 1900 in Shanghai on its local mean time, as Intl does', () => {
    const iso = '1900-06-01T03:00:00.000Z';
    const w = intlWallClock(Date.parse(iso), 'Asia/Shanghai');
    expect(formatWallTime(iso, 'Asia/Shanghai')).toBe(`1900-06-01 ${pad(w.hour)}:${pad(w.minute)}`);
  });

  it('put 17:30 UTC on the next day in Shanghai', () => {
    expect(localDateOf('2026-11-01T17:30:00Z', 'Asia/Shanghai')).toBe('2026-11-02');
  });
});
