const dayFormats = new Map<string, Intl.DateTimeFormat>();
const wallFormats = new Map<string, Intl.DateTimeFormat>();

const offsets = new Map<string, number>();

/**
 * The zone's offset from UTC at an instant, in ms. Zones change offset on the hour (or half hour),
 * so the offset is looked up once per half-hour of time and zone: exports read it for every row.
 */
export function zoneOffset(ms: number, timeZone: string): number {
  const bucket = Math.floor(ms / 1800000);
  const key = `${timeZone}|${bucket}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    const at = bucket * 1800000;
    const p = wallParts(new Date(at).toISOString(), timeZone);
    offset = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - at;
    if (offsets.size > 100_000) offsets.clear();
    offsets.set(key, offset);
  }
  return offset;
}

/** The calendar day (`YYYY-MM-DD`) of an instant in a time zone. */
export function dayInZone(iso: string, timeZone: string): string {
  const ms = Date.parse(iso);
  return new Date(ms + zoneOffset(ms, timeZone)).toISOString().slice(0, 10);
}
void dayFormats;

/** The wall-clock parts of an instant in a time zone. */
export function wallParts(iso: string, timeZone: string): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  let format = wallFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    wallFormats.set(timeZone, format);
  }
  const p: Record<string, number> = {};
  for (const part of format.formatToParts(new Date(iso))) if (part.type !== 'literal') p[part.type] = Number(part.value);
  return { year: p.year!, month: p.month!, day: p.day!, hour: p.hour!, minute: p.minute!, second: p.second! };
}
