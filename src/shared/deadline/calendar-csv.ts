/**
 * The holiday calendar as plain text: one `date,kind` per line (`2027-01-01,holiday`), an optional
 * header line, `#` comments. Pure, so that the renderer can preview what the core will import.
 */
import type { CalendarDayKind, LocalDate } from './calculator';
import { localDate } from '../validation';

export interface CalendarLine {
  date: LocalDate;
  kind: CalendarDayKind;
}

export interface CalendarLineError {
  /** 1-based line number in the text. */
  line: number;
  key: 'validation.calendarDate' | 'validation.calendarKind' | 'validation.calendarDuplicate';
}

/** The same rule as every date field: a day that exists, in the years the workbench accepts. */
const isRealDate = (text: string): boolean => localDate.safeParse(text).success;

export function parseCalendarCsv(text: string): { lines: CalendarLine[]; errors: CalendarLineError[] } {
  const lines: CalendarLine[] = [];
  const errors: CalendarLineError[] = [];
  const seen = new Set<string>();
  text.replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .forEach((raw, index) => {
      const line = raw.trim();
      if (!line || line.startsWith('#')) return;
      const [dateRaw = '', kindRaw = ''] = line.split(/[,;\t]/).map((c) => c.trim().replace(/^"|"$/g, ''));
      if (index === 0 && dateRaw.toLowerCase() === 'date') return;
      if (!isRealDate(dateRaw)) return void errors.push({ line: index + 1, key: 'validation.calendarDate' });
      const kind = kindRaw.toLowerCase();
      if (kind !== 'holiday' && kind !== 'workday') return void errors.push({ line: index + 1, key: 'validation.calendarKind' });
      if (seen.has(dateRaw)) return void errors.push({ line: index + 1, key: 'validation.calendarDuplicate' });
      seen.add(dateRaw);
      lines.push({ date: dateRaw, kind });
    });
  return { lines, errors };
}
