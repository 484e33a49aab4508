import { wallClock, zoneOffsetAt } from '@shared/time';

/** The zone's offset from UTC at an instant, in ms (cached per quarter hour in the shared zone maths). */
export const zoneOffset = zoneOffsetAt;

/** The calendar day (`YYYY-MM-DD`) of an instant in a time zone. */
export function dayInZone(iso: string, timeZone: string): string {
  const ms = Date.parse(iso);
  return new Date(ms + zoneOffset(ms, timeZone)).toISOString().slice(0, 10);
}

/** The wall-clock parts of an instant in a time zone. */
export function wallParts(iso: string, timeZone: string): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  return wallClock(Date.parse(iso), timeZone);
}
