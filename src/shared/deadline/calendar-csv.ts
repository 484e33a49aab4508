/**
 * The holiday calendar as plain text: one `date,kind` per line (`2027-01-01,holiday`), an optional
 * header line, `#` comments. Pure, so that the renderer can preview what the core will import.
 */
import type { CalendarDayKind, LocalDate } from './calculator';

export interface CalendarLine {
  date: LocalDate;
  kind: CalendarDayKind;
}

export interface CalendarLineError {
  /** 1-based line number in the text. */
  line: number;
  key: 'validation.calendarDate' | 'validation.calendarKind' | 'validation.calendarDuplicate';
}

function isRealDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
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
