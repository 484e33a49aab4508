/**
 * The one time module: every conversion between instants and the organisation's calendar, and every
 * piece of day arithmetic, for the deadline calculator, the desk, the reports, the import, backup
 * rotation and the renderer. Calendar arithmetic in a named IANA time zone, with Intl only: no
 * `node:`, no DOM, never the machine's zone.
 *
 * A `LocalDate` is `YYYY-MM-DD`; a wall time is `YYYY-MM-DDTHH:mm[:ss]` (or with a space); an instant
 * is an ISO-8601 UTC string or a Date.
 *
 * Why our own code rather than Temporal (temporal-polyfill) or dayjs's timezone plugin: both also ask
 * Intl for the zone's offset, and the whole of what this app needs is the offset at an instant, which
 * this module caches per UTC day (an export of 100,000 requests needs it 200,000 times; Intl answers in
 * about 10 µs, the cache in well under 1 µs). dayjs stays a dependency only because @mantine/dates
 * requires it.
 */

export type LocalDate = string;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The wall clock read straight from Intl: the reference the cached path below is built on. */
function wallClockFromIntl(ms: number, timeZone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(ms))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return {
    year: parts.year!,
    month: parts.month!,
    day: parts.day!,
    hour: parts.hour! === 24 ? 0 : parts.hour!,
    minute: parts.minute!,
    second: parts.second!,
  };
}

const QUARTER_HOUR = 15 * 60 * 1000;
const DAY = 86_400_000;

function intlOffset(at: number, timeZone: string): number {
  const w = wallClockFromIntl(at, timeZone);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - at;
}

/** Per zone and UTC day: the offset when it holds the whole day, NaN on a day the zone changes it. */
const dayOffsets = new Map<string, Map<number, number>>();
/** Per zone and quarter hour, for the days on which the offset changes. */
const quarterOffsets = new Map<string, Map<number, number>>();

function cacheFor(caches: Map<string, Map<number, number>>, timeZone: string): Map<number, number> {
  let cache = caches.get(timeZone);
  if (!cache || cache.size > 100_000) {
    cache = new Map();
    caches.set(timeZone, cache);
  }
  return cache;
}

/**
 * The zone's offset from UTC at an instant, in ms (Shanghai: +8 h). Asking Intl is slow and
 * deadlines, imports and exports need the offset for every row, so it is remembered: per UTC day
 * when the offset at the day's first and last quarter hour agree (zones change their offset only on
 * a quarter hour, and at most once a day), otherwise per quarter hour of that day.
 */
export function zoneOffsetAt(ms: number, timeZone: string): number {
  const days = cacheFor(dayOffsets, timeZone);
  const day = Math.floor(ms / DAY);
  let offset = days.get(day);
  if (offset === undefined) {
    const first = intlOffset(day * DAY, timeZone);
    offset = first === intlOffset(day * DAY + DAY - QUARTER_HOUR, timeZone) ? first : Number.NaN;
    days.set(day, offset);
  }
  if (!Number.isNaN(offset)) return offset;
  const quarters = cacheFor(quarterOffsets, timeZone);
  const bucket = Math.floor(ms / QUARTER_HOUR);
  let exact = quarters.get(bucket);
  if (exact === undefined) {
    exact = intlOffset(bucket * QUARTER_HOUR, timeZone);
    quarters.set(bucket, exact);
  }
  return exact;
}

/** The wall-clock reading of an instant in `timeZone`. */
export function wallClock(ms: number, timeZone: string): WallClock {
  const d = new Date(ms + zoneOffsetAt(ms, timeZone));
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
  };
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** An instant as ms since the epoch (an ISO string is parsed without building a Date). */
const msOf = (instant: string | Date | number): number =>
  typeof instant === 'number' ? instant : typeof instant === 'string' ? Date.parse(instant) : instant.getTime();

/**
 * The wall clock's reading as ms since the epoch of a clock that has no zone: the instant shifted by
 * the zone's offset. Its whole days are the zone's calendar days, its remainder the time of day.
 */
const wallMs = (ms: number, timeZone: string): number => ms + zoneOffsetAt(ms, timeZone);

/** Day numbers (days since 1970-01-01) as `YYYY-MM-DD`, remembered: an export writes the same few hundred days for every row. */
const dayTexts = new Map<number, LocalDate>();

function dayTextOf(dayNumber: number): LocalDate {
  let text = dayTexts.get(dayNumber);
  if (text === undefined) {
    const d = new Date(dayNumber * DAY);
    text = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
    if (dayTexts.size > 100_000) dayTexts.clear();
    dayTexts.set(dayNumber, text);
  }
  return text;
}

/** `HH:mm` for each minute of a day, made once. */
const minuteTexts: string[] = Array.from({ length: 1440 }, (_, m) => `${pad(Math.floor(m / 60))}:${pad(m % 60)}`);

/** `YYYY-MM-DD<separator>HH:mm` of an instant on the zone's clock. */
function wallText(ms: number, timeZone: string, separator: string): string {
  const wall = wallMs(ms, timeZone);
  const day = Math.floor(wall / DAY);
  return `${dayTextOf(day)}${separator}${minuteTexts[Math.floor((wall - day * DAY) / 60_000)]}`;
}

/**
 * The zone's clock at an instant, to the second, as a Date whose UTC fields read it: what a program
 * without zones (a spreadsheet) should show for the instant.
 */
export function wallClockDate(instant: string | Date | number, timeZone: string): Date {
  return new Date(Math.floor(wallMs(msOf(instant), timeZone) / 1000) * 1000);
}

/** The calendar day an instant falls on in `timeZone`. */
export function localDateOf(instant: string | Date | number, timeZone: string): LocalDate {
  return dayTextOf(Math.floor(wallMs(msOf(instant), timeZone) / DAY));
}

/** Offset of `timeZone` from UTC at an instant, in ms (Shanghai: +8 h). */
function offsetAt(ms: number, timeZone: string): number {
  return zoneOffsetAt(ms, timeZone);
}

/** Per zone, the instant each day begins: deadlines and reports ask it for the same few hundred days again and again. */
const dayStarts = new Map<string, Map<LocalDate, number>>();

/** The instant at which `date` begins (00:00) in `timeZone`. */
export function startOfLocalDay(date: LocalDate, timeZone: string): Date {
  let starts = dayStarts.get(timeZone);
  if (!starts || starts.size > 100_000) dayStarts.set(timeZone, (starts = new Map()));
  let ms = starts.get(date);
  if (ms === undefined) {
    const guess = toUtcMs(date);
    ms = guess - offsetAt(guess, timeZone);
    // Correct once more across an offset change (daylight saving) near midnight.
    const again = guess - offsetAt(ms, timeZone);
    if (again !== ms) ms = again;
    starts.set(date, ms);
  }
  return new Date(ms);
}

/** 24:00 of `date` in `timeZone`, i.e. the start of the next day: when a deadline on `date` passes. */
export function endOfLocalDay(date: LocalDate, timeZone: string): Date {
  return startOfLocalDay(addDays(date, 1), timeZone);
}

/** Days as UTC midnights and back, remembered: parsing and formatting them is most of what day arithmetic costs. */
const utcMidnights = new Map<LocalDate, number>();
const daysAtUtcMidnight = new Map<number, LocalDate>();

function toUtcMs(date: LocalDate): number {
  let ms = utcMidnights.get(date);
  if (ms === undefined) {
    const [y, m, d] = date.split('-').map(Number) as [number, number, number];
    ms = Date.UTC(y, m - 1, d);
    if (utcMidnights.size > 100_000) utcMidnights.clear();
    utcMidnights.set(date, ms);
  }
  return ms;
}

export function addDays(date: LocalDate, days: number): LocalDate {
  const ms = toUtcMs(date) + days * 86_400_000;
  let day = daysAtUtcMidnight.get(ms);
  if (day === undefined) {
    day = new Date(ms).toISOString().slice(0, 10);
    if (daysAtUtcMidnight.size > 100_000) daysAtUtcMidnight.clear();
    daysAtUtcMidnight.set(ms, day);
  }
  return day;
}

/** Whole days from `a` to `b` (positive when b is later). */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return Math.round((toUtcMs(b) - toUtcMs(a)) / 86_400_000);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: LocalDate): number {
  return new Date(toUtcMs(date)).getUTCDay();
}

export const yearOf = (date: LocalDate): number => Number(date.slice(0, 4));

/** Monday of the ISO week containing `date`. */
export function weekStart(date: LocalDate): LocalDate {
  return addDays(date, -((weekday(date) + 6) % 7));
}

/** `YYYY-MM-DDTHH:mm` wall-clock time in `timeZone` (as a datetime-local input shows it) for an instant. */
export function wallTimeOf(instant: string | Date, timeZone: string): string {
  return wallText(msOf(instant), timeZone, 'T');
}

/** The earliest and latest calendar years the app accepts anywhere (dates, times, imports). */
export const FIRST_YEAR = 1900;
export const LAST_YEAR = 2100;

const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * A `YYYY-MM-DD` string that names a real day between FIRST_YEAR and LAST_YEAR, or null: 2026-02-30,
 * month 13 and year 0000 are refused, never rolled over.
 */
export function parseLocalDate(text: string): LocalDate | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < FIRST_YEAR || year > LAST_YEAR || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return text;
}

export interface WallTime {
  date: LocalDate;
  hour: number;
  minute: number;
  second: number;
}

/**
 * `YYYY-MM-DD HH:mm[:ss]` (a `T` may stand for the space) as its parts, or null when it is not a real
 * wall time: 30 February, hour 25 or minute 99 are refused, never rolled over.
 */
export function parseWallTime(text: string): WallTime | null {
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(text.trim());
  if (!m) return null;
  const date = parseLocalDate(m[1]!);
  const [hour, minute, second] = [Number(m[2]), Number(m[3]), Number(m[4] ?? 0)];
  if (!date || hour > 23 || minute > 59 || second > 59) return null;
  return { date, hour, minute, second };
}

/**
 * The instant of a wall-clock time (`YYYY-MM-DD HH:mm[:ss]`, or with `T`) in `timeZone`, or null when
 * the text is not a real wall time (see parseWallTime).
 */
export function instantOfWallTime(wall: string, timeZone: string): Date | null {
  const parts = parseWallTime(wall);
  if (!parts) return null;
  const midnight = startOfLocalDay(parts.date, timeZone).getTime();
  const guess = midnight + ((parts.hour * 60 + parts.minute) * 60 + parts.second) * 1000;
  // Correct for an offset change between midnight and that time.
  const drift = offsetAt(guess, timeZone) - offsetAt(midnight, timeZone);
  return new Date(guess - drift);
}

/** `date` moved by whole months, clamped to the month's last day (31 January + 1 month = 28/29 February). */
export function addMonths(date: LocalDate, months: number): LocalDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const year = first.getUTCFullYear();
  const month = first.getUTCMonth() + 1;
  return `${pad(year, 4)}-${pad(month)}-${pad(Math.min(d, daysInMonth(year, month)))}`;
}

/** The first day of the month `date` falls in. */
export const monthStart = (date: LocalDate): LocalDate => `${date.slice(0, 7)}-01`;

/** ISO 8601 week of a day, as `YYYY-Www` (the week belongs to the year of its Thursday). */
export function isoWeek(date: LocalDate): string {
  const thursday = addDays(weekStart(date), 3);
  const year = yearOf(thursday);
  const week = Math.floor(daysBetween(`${year}-01-01`, thursday) / 7) + 1;
  return `${year}-W${pad(week)}`;
}

/** A period of calendar days in the organisation's zone, both ends included; either end may be open. */
export interface LocalPeriod {
  from?: LocalDate | null;
  to?: LocalDate | null;
}

/**
 * The instants that bound a period of days in `timeZone`: `start` is 00:00 of `from`, `end` is 24:00
 * of `to` (exclusive), so that an instant is inside when `start <= t < end`.
 */
export function periodBounds(period: LocalPeriod, timeZone: string): { start?: string; end?: string } {
  return {
    start: period.from ? startOfLocalDay(period.from, timeZone).toISOString() : undefined,
    end: period.to ? endOfLocalDay(period.to, timeZone).toISOString() : undefined,
  };
}

/** Whole calendar days in `timeZone` from the day of instant `a` to the day of instant `b`. */
export function localDaysBetween(a: string | Date, b: string | Date, timeZone: string): number {
  return Math.floor(wallMs(msOf(b), timeZone) / DAY) - Math.floor(wallMs(msOf(a), timeZone) / DAY);
}

// Display ---------------------------------------------------------------------------------------
//
// One way per language to write a day, a time and a zone, on every screen, in every report (PDF, the
// CSV's cover, JSON's local time), in letters and in the command line's output:
//
//   zh-CN  2026年12月1日        2026年12月1日 15:27        2026年12月1日 15:27（UTC+8）
//   en     1 Dec 2026           1 Dec 2026, 15:27          1 Dec 2026, 15:27 (UTC+8)
//
// Chinese: the form of official documents (GB/T 9704: Arabic numerals, the year in full, month and
// day without leading zeros), which compliance documents and regulators' notices follow. English:
// day, month in letters, year, as international correspondence writes it: 12/01/2026 is 1 December
// to one reader and 12 January to another, and a month in letters is read the same way by both; three
// letters keep a table's column narrow; a 24-hour clock as the Chinese one. Written here from the
// parts rather than by Intl's locale data, so that Node (reports, the command line) and Chromium (the
// screens) print the same characters whatever their ICU version ('Sept' or 'Sep', a narrow space).
//
// Data keeps data's form: spreadsheet cells are real dates shown through the number formats below,
// CSV cells and JSON values are `2026-12-01` and `2026-12-01 15:27` (formatWallTime) for the import
// and for other programs; inputs take `YYYY-MM-DD [HH:mm]`.

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

const isChinese = (language: string) => language.startsWith('zh');

function dayText(year: number, month: number, day: number, language: string): string {
  return isChinese(language) ? `${year}年${month}月${day}日` : `${day} ${MONTHS[month - 1]} ${year}`;
}

function timeText(w: WallClock, language: string): string {
  return `${dayText(w.year, w.month, w.day, language)}${isChinese(language) ? ' ' : ', '}${pad(w.hour)}:${pad(w.minute)}`;
}

/** A calendar day as a reader sees it: `2026年12月1日`, `1 Dec 2026`; never shifted by a zone (it is a day, not an instant). */
export function formatLocalDate(date: LocalDate, language: string): string {
  if (!parseLocalDate(date)) return date;
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return dayText(y, m, d, language);
}

/**
 * A day without its year, where the year is said once around it (a chart's axis of weeks):
 * `11月16日`, `16 Nov` — formatLocalDate's form, shortened.
 */
export function formatMonthDay(date: LocalDate, language: string): string {
  if (!parseLocalDate(date)) return date;
  const [, m, d] = date.split('-').map(Number) as [number, number, number];
  return isChinese(language) ? `${m}月${d}日` : `${d} ${MONTHS[m - 1]}`;
}

/** An instant as a reader sees it, on the organisation's clock (`timeZone`): `2026年12月1日 15:27`, `1 Dec 2026, 15:27`. */
export function formatInstant(instant: string | Date, language: string, timeZone: string): string {
  const ms = new Date(instant).getTime();
  if (Number.isNaN(ms)) return String(instant);
  return timeText(wallClock(ms, timeZone), language);
}

/** An instant with the zone's offset, as a report's generation time: `2026年12月1日 15:27（UTC+8）`, `1 Dec 2026, 15:27 (UTC+8)`. */
export function formatInstantWithZone(instant: string | Date, language: string, timeZone: string): string {
  const ms = new Date(instant).getTime();
  if (Number.isNaN(ms)) return String(instant);
  return `${timeText(wallClock(ms, timeZone), language)}${formatZoneNote(instant, language, timeZone)}`;
}

/** What formatInstantWithZone puts after the time: `（UTC+8）` in Chinese, ` (UTC+8)` in English. */
export function formatZoneNote(instant: string | Date, language: string, timeZone: string): string {
  const offset = formatUtcOffset(instant, timeZone);
  return isChinese(language) ? `（${offset}）` : ` (${offset})`;
}

/** The day of an instant on the organisation's clock, in `language` (a letter's date). */
export function formatDayOf(instant: string | Date, language: string, timeZone: string): string {
  return formatLocalDate(localDateOf(instant, timeZone), language);
}

/** The zone's offset from UTC at an instant: `UTC+8`, `UTC+5:30`, `UTC-3`, `UTC` for none. */
export function formatUtcOffset(instant: string | Date, timeZone: string): string {
  const minutes = Math.round(zoneOffsetAt(new Date(instant).getTime(), timeZone) / 60_000);
  if (minutes === 0) return 'UTC';
  const hours = Math.floor(Math.abs(minutes) / 60);
  const rest = Math.abs(minutes) % 60;
  return `UTC${minutes < 0 ? '-' : '+'}${hours}${rest ? `:${pad(rest)}` : ''}`;
}

/**
 * Spreadsheet number formats that show a real date cell as formatLocalDate and formatInstant write it
 * (the English month names fixed by the locale code, whatever the spreadsheet's own language).
 */
export function spreadsheetDateFormat(kind: 'date' | 'instant', language: string): string {
  const day = isChinese(language) ? 'yyyy"年"m"月"d"日"' : '[$-409]d mmm yyyy';
  return kind === 'date' ? day : `${day}${isChinese(language) ? ' ' : ', '}hh:mm`;
}

/**
 * An instant as data: `2026-12-01 20:15` on the organisation's clock, in either language, for CSV cells
 * (which the import reads back in that zone) and other programs. People read formatInstant.
 */
export function formatWallTime(instant: string | Date, timeZone: string): string {
  return wallText(msOf(instant), timeZone, ' ');
}
