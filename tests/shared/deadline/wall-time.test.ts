import { describe, expect, it } from 'vitest';
import { instantOfWallTime } from '../../../src/shared/time';

describe('a wall-clock time as an instant', () => {
  it('reads the time in the given zone', () => {
    expect(instantOfWallTime('2026-11-17T10:00', 'Asia/Shanghai')?.toISOString()).toBe('2026-11-17T02:00:00.000Z');
    expect(instantOfWallTime('2028-02-29T23:59', 'Asia/Shanghai')?.toISOString()).toBe('2028-02-29T15:59:00.000Z'); // a leap day
    expect(instantOfWallTime('2026-07-01T09:30', 'America/New_York')?.toISOString()).toBe('2026-07-01T13:30:00.000Z');
    expect(instantOfWallTime('2026-11-17 10:00:30', 'Asia/Shanghai')?.toISOString()).toBe('2026-11-17T02:00:30.000Z'); // a space, and seconds
  });

  it.each(['2026-02-30T10:00', '2026-02-29T10:00', '2026-13-01T10:00', '2026-04-31T10:00', '2026-03-01T25:99', '2026-03-01T24:00', '2026-03-01T10:60', '2026-03-01 10:00:75'])(
    'answers null for the impossible %s instead of rolling it over',
    (wall) => {
      expect(instantOfWallTime(wall, 'Asia/Shanghai')).toBeNull();
    },
  );
});
