/**
 * The holiday calendar as imported text, in the three forms people have it in, each read by a pure
 * function so that the renderer previews exactly what the core will save:
 * - `date,kind[,note]` lines: kinds holiday/workday, 休/班, rest day, working day, make-up day…;
 *   an optional header line, `#` comments;
 * - the `holiday-cn` JSON (`{"year":2027,"days":[{"name":"元旦","date":"2027-01-01","isOffDay":true}]}`);
 * - the State Council's notice (国务院办公厅关于YYYY年部分节假日安排的通知) pasted as published.
 * A notice or a holiday-cn file covers its whole year: importing it makes that year complete.
 */
import { addDays, parseLocalDate, weekday } from '../time';
import type { CalendarDayKind, LocalDate } from './calculator';

export interface CalendarLine {
  date: LocalDate;
  kind: CalendarDayKind;
  note: string;
}

export type CalendarLineErrorKey =
  | 'validation.calendarDate'
  | 'validation.calendarKind'
  | 'validation.calendarDuplicate'
  | 'validation.calendarNoticeLine'
  | 'validation.calendarNoticeWeekday'
  | 'validation.calendarNoticeYear'
  | 'validation.calendarJson';

export interface CalendarLineError {
  /** 1-based line number in the text (0: the text as a whole). */
  line: number;
  key: CalendarLineErrorKey;
}

/** One holiday as the preview shows it: its rest days and the make-up working days that go with it. */
export interface CalendarHoliday {
  name: string;
  from: LocalDate;
  to: LocalDate;
  restDays: number;
  workdays: LocalDate[];
}

export interface CalendarImport {
  format: 'csv' | 'holiday-cn' | 'notice';
  lines: CalendarLine[];
  errors: CalendarLineError[];
  /** The year the text covers whole (a notice, a holiday-cn file); null for a list of days. */
  completeYear: number | null;
  holidays: CalendarHoliday[];
}

const HOLIDAY_WORDS = new Set(['holiday', '休', '假', '放假', '休息', '休息日', '节假日', 'rest', 'rest day', 'day off', 'off', 'off day', 'public holiday']);
const WORKDAY_WORDS = new Set(['workday', '班', '上班', '补班', '调休上班', '工作日', 'work', 'work day', 'working day', 'make-up day', 'makeup day', 'make up day', 'make-up working day', 'make-up workday', 'adjusted working day']);

/** A kind as people write it; null when not one. */
export function calendarKindOf(text: string): CalendarDayKind | null {
  const word = text.trim().toLowerCase().replace(/[_\s]+/g, ' ');
  if (HOLIDAY_WORDS.has(word)) return 'holiday';
  if (WORKDAY_WORDS.has(word)) return 'workday';
  return null;
}

export function parseCalendarCsv(text: string): { lines: CalendarLine[]; errors: CalendarLineError[] } {
  const lines: CalendarLine[] = [];
  const errors: CalendarLineError[] = [];
  const seen = new Set<string>();
  text.replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .forEach((raw, index) => {
      const line = raw.trim();
      if (!line || line.startsWith('#')) return;
      const [dateRaw = '', kindRaw = '', ...rest] = line.split(/[,;\t，]/).map((c) => c.trim().replace(/^"|"$/g, ''));
      if (lines.length === 0 && errors.length === 0 && dateRaw.toLowerCase() === 'date') return;
      if (!parseLocalDate(dateRaw)) return void errors.push({ line: index + 1, key: 'validation.calendarDate' });
      const kind = calendarKindOf(kindRaw);
      if (!kind) return void errors.push({ line: index + 1, key: 'validation.calendarKind' });
      if (seen.has(dateRaw)) return void errors.push({ line: index + 1, key: 'validation.calendarDuplicate' });
      seen.add(dateRaw);
      lines.push({ date: dateRaw, kind, note: rest.join(', ').trim().slice(0, 200) });
    });
  return { lines, errors };
}

/** The `holiday-cn` JSON: every day of its `year`, named. */
export function parseHolidayCnJson(text: string): CalendarImport {
  const fail = (): CalendarImport => ({ format: 'holiday-cn', lines: [], errors: [{ line: 0, key: 'validation.calendarJson' }], completeYear: null, holidays: [] });
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return fail();
  }
  const doc = data as { year?: unknown; days?: unknown };
  if (typeof doc !== 'object' || doc === null || !Number.isInteger(doc.year) || !Array.isArray(doc.days)) return fail();
  const lines: CalendarLine[] = [];
  const errors: CalendarLineError[] = [];
  const seen = new Set<string>();
  doc.days.forEach((d: unknown, i) => {
    const day = d as { name?: unknown; date?: unknown; isOffDay?: unknown };
    // Each day is counted as one "line" of the list (1-based), which is how the preview names it.
    const date = typeof day?.date === 'string' ? parseLocalDate(day.date) : null;
    if (!date) return void errors.push({ line: i + 1, key: 'validation.calendarDate' });
    if (typeof day.isOffDay !== 'boolean') return void errors.push({ line: i + 1, key: 'validation.calendarKind' });
    if (seen.has(date)) return void errors.push({ line: i + 1, key: 'validation.calendarDuplicate' });
    seen.add(date);
    lines.push({ date, kind: day.isOffDay ? 'holiday' : 'workday', note: typeof day.name === 'string' ? day.name.slice(0, 200) : '' });
  });
  return { format: 'holiday-cn', lines, errors, completeYear: doc.year as number, holidays: holidaysOf(lines) };
}

/** Groups named days into holidays for the preview: each name's rest days and make-up days. */
function holidaysOf(lines: CalendarLine[]): CalendarHoliday[] {
  const out = new Map<string, CalendarHoliday>();
  for (const l of [...lines].sort((a, b) => a.date.localeCompare(b.date))) {
    const h = out.get(l.note) ?? { name: l.note, from: l.date, to: l.date, restDays: 0, workdays: [] };
    if (l.kind === 'holiday') {
      if (h.restDays === 0 || l.date < h.from) h.from = l.date;
      if (h.restDays === 0 || l.date > h.to) h.to = l.date;
      h.restDays++;
    } else h.workdays.push(l.date);
    out.set(l.note, h);
  }
  return [...out.values()];
}

// The notice -----------------------------------------------------------------------------

/** Full-width digits and punctuation as their half-width forms, so that one pattern reads both. */
function halfWidth(text: string): string {
  return text
    .replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/：/g, ':')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .replace(/，/g, ',')
    .replace(/；/g, ';')
    .replace(/\u3000/g, ' ');
}

const WEEKDAYS: Record<string, number> = { 日: 0, 天: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6 };
/**
 * One day as a notice writes it: an optional year and month (a bare "25日" takes them from the day
 * before it), an optional note in brackets (weekday, lunar date), and an optional range end after
 * 至, 到 or a dash (older notices write "2月18日—24日", "1月1日－3日").
 */
const DAY_PART = String.raw`(?:(\d{4})\s*年\s*)?(?:(\d{1,2})\s*月\s*)?(\d{1,2})\s*日\s*(?:\(([^)]*)\))?`;
const DAY = new RegExp(`${DAY_PART}(?:\\s*(?:至|到|—+|－|–|-|~|～)\\s*${DAY_PART})?`, 'g');
const HEADING = /^\s*[一二三四五六七八九十]+\s*[、.．]\s*([^:]+?)\s*:(.*)$/;

/** The year the notice's title names (…关于2027年部分节假日安排的通知), or its opening sentence. */
export function noticeYear(text: string): number | null {
  const t = halfWidth(text);
  const m = /(\d{4})\s*年\s*部分节假日安排/.exec(t) ?? /现将\s*(\d{4})\s*年/.exec(t) ?? /关于(?:调整|延长)?\s*(\d{4})\s*年/.exec(t);
  return m ? Number(m[1]) : null;
}

/** Does the text look like the notice (numbered holidays with 放假 or 上班)? */
export function looksLikeNotice(text: string): boolean {
  return /月\s*\d{1,2}\s*日/.test(halfWidth(text)) && /(放假|上班|补休)/.test(text);
}

/** The clauses of a paragraph: split at 。；， but never inside brackets ("（农历五月初五，端午节）"). */
function clausesOf(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let current = '';
  for (const c of text) {
    if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    if (depth === 0 && /[。;,]/.test(c)) {
      out.push(current);
      current = '';
    } else current += c;
  }
  out.push(current);
  return out;
}

type NoticeDays = { days: Map<LocalDate, CalendarDayKind>; error: CalendarLineErrorKey | null };

/**
 * The days of one paragraph of a notice (one holiday). Each clause with 上班 names working days, one
 * with 放假 or 补休 rest days; in the older wording ("将12月29日（星期六）公休日调至12月31日") a weekend
 * day moved away by 调至 and not itself a rest day of this holiday is a working day. A December day
 * without a year in a paragraph that also names January (or the year before) is of the year before.
 */
function noticeDays(paragraph: string, year: number): NoticeDays {
  const days = new Map<LocalDate, CalendarDayKind>();
  const movedWeekends: LocalDate[] = [];
  const previousYearNamed = paragraph.includes(`${year - 1}年`) || /(^|[^\d])1\s*月/.test(paragraph);
  let last: { y: number; m: number } | null = null;
  const dateOf = (y: string | undefined, m: string | undefined, d: string): LocalDate | null => {
    let yy: number;
    let mm: number;
    if (m) {
      mm = Number(m);
      yy = y ? Number(y) : mm === 12 && previousYearNamed ? year - 1 : year;
    } else if (last) {
      mm = last.m;
      yy = y ? Number(y) : last.y;
    } else return null;
    const date = parseLocalDate(`${yy}-${String(mm).padStart(2, '0')}-${d.padStart(2, '0')}`);
    if (date) last = { y: yy, m: mm };
    return date;
  };
  for (const clause of clausesOf(paragraph)) {
    const kind: CalendarDayKind | null = /上班/.test(clause) ? 'workday' : /(放假|补休)/.test(clause) ? 'holiday' : null;
    const moveAt = kind === null && /公休日/.test(clause) ? clause.indexOf('调至') : -1;
    for (const m of clause.matchAll(DAY)) {
      const from = dateOf(m[1], m[2], m[3]!);
      if (!from) return { days, error: 'validation.calendarNoticeLine' };
      const stated = /(?:星期|周)([日天一二三四五六])/.exec(m[4] ?? '');
      if (stated && WEEKDAYS[stated[1]!] !== weekday(from)) return { days, error: 'validation.calendarNoticeWeekday' };
      let to = from;
      if (m[7]) {
        const end = dateOf(m[5], m[6], m[7]);
        if (!end || end < from || end > addDays(from, 31)) return { days, error: 'validation.calendarNoticeLine' };
        to = end;
      }
      if (kind) for (let d = from; d <= to; d = addDays(d, 1)) days.set(d, days.get(d) === 'holiday' ? 'holiday' : kind);
      else if (moveAt >= 0 && (m.index ?? 0) < moveAt && [0, 6].includes(weekday(from))) movedWeekends.push(from);
    }
  }
  for (const d of movedWeekends) if (!days.has(d)) days.set(d, 'workday');
  return { days, error: null };
}

/**
 * The State Council's notice as published: each numbered line names a holiday, its rest days
 * ("1月1日至3日放假调休", "9月30日至10月8日", "2月18日—24日", "1月1日放假，与周末连休", "1月2日（星期一）补休")
 * and its make-up working days ("1月4日（星期日）上班", or in the older wording a weekend 公休日 调至 a
 * weekday). The year comes from the title, else from `year`. A numbered line with no day that can be
 * read, a day that does not exist, or a weekday in brackets that does not match the date is an error
 * of that line. A notice with no numbered lines (one that adjusts a single holiday, such as 关于调整
 * 2019年劳动节假期安排的通知) is read paragraph by paragraph; it amends its year and does not make the
 * year complete.
 */
export function parseHolidayNotice(text: string, year: number | null = null): CalendarImport {
  const errors: CalendarLineError[] = [];
  const noticeYearFound = noticeYear(text) ?? year;
  const paragraphs = halfWidth(text.replace(/^\uFEFF/, '')).split(/\r?\n/);
  const numbered = paragraphs.some((p) => HEADING.test(p));
  const result = (lines: CalendarLine[], holidays: CalendarHoliday[]): CalendarImport => ({
    format: 'notice',
    lines,
    errors,
    completeYear: numbered ? noticeYearFound : null,
    holidays,
  });
  if (noticeYearFound === null) {
    errors.push({ line: 0, key: 'validation.calendarNoticeYear' });
    return result([], []);
  }
  const lines: CalendarLine[] = [];
  const holidays: CalendarHoliday[] = [];
  const seen = new Set<string>();
  const titleLine = paragraphs.find((p) => /通知\s*$/.test(p)) ?? '';
  const title = /(?:调整|延长)?\s*\d{4}\s*年\s*([^\s,]*?)(?:假期|放假)安排/.exec(titleLine) ?? /关于(.+?)(?:调休)?(?:放假|假期)?的通知/.exec(titleLine);
  paragraphs.forEach((raw, index) => {
    const heading = HEADING.exec(raw);
    let name: string;
    let body: string;
    if (heading) {
      name = heading[1]!.trim();
      body = heading[2]!;
    } else if (!numbered && /月\s*\d{1,2}\s*日/.test(raw) && /(放假|上班|补休)/.test(raw) && !/通知$/.test(raw.trim())) {
      name = title?.[1] || '';
      body = raw;
    } else return;
    const lineNo = index + 1;
    const { days, error } = noticeDays(body, noticeYearFound);
    if (error) return void errors.push({ line: lineNo, key: error });
    if (![...days.values()].includes('holiday')) return void errors.push({ line: lineNo, key: 'validation.calendarNoticeLine' });
    for (const d of days.keys()) {
      if (seen.has(d)) return void errors.push({ line: lineNo, key: 'validation.calendarDuplicate' });
    }
    const holiday: CalendarHoliday = { name, from: '', to: '', restDays: 0, workdays: [] };
    for (const [date, kind] of [...days].sort(([a], [b]) => a.localeCompare(b))) {
      seen.add(date);
      lines.push({ date, kind, note: name });
      if (kind === 'workday') holiday.workdays.push(date);
      else {
        if (!holiday.from || date < holiday.from) holiday.from = date;
        if (!holiday.to || date > holiday.to) holiday.to = date;
        holiday.restDays++;
      }
    }
    holidays.push(holiday);
  });
  if (lines.length === 0 && errors.length === 0) errors.push({ line: 0, key: 'validation.calendarNoticeLine' });
  return result(lines, holidays);
}

/** Any of the three forms, told apart by their look: JSON, the notice, or lines of days. */
export function parseCalendarImport(text: string, year: number | null = null): CalendarImport {
  const body = text.replace(/^\uFEFF/, '').trim();
  if (body.startsWith('{')) return parseHolidayCnJson(body);
  if (looksLikeNotice(body)) return parseHolidayNotice(body, year);
  const { lines, errors } = parseCalendarCsv(text);
  return { format: 'csv', lines, errors, completeYear: null, holidays: holidaysOf(lines) };
}
