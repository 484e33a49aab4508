import { describe, expect, it } from 'vitest';
import { formatDayOf, formatInstant, formatInstantWithZone, formatLocalDate, formatUtcOffset, spreadsheetDateFormat } from '../../src/shared/time';

// 15:27 on 1 December 2026 in Shanghai.
const AT = '2026-12-01T07:27:00.000Z';

describe('one way per language to write a date and a time', () => {
  it('writes a day as a Chinese official document and as international English write it', () => {
    expect(formatLocalDate('2026-12-01', 'zh-CN')).toBe('2026年12月1日');
    expect(formatLocalDate('2026-09-30', 'en')).toBe('30 Sep 2026');
    expect(formatLocalDate('2027-01-05', 'en')).toBe('5 Jan 2027');
    // Not a day: shown as given rather than as an invented one.
    expect(formatLocalDate('2026-02-30', 'en')).toBe('2026-02-30');
  });

  it('writes an instant on the organisation’s clock, never the machine’s', () => {
    expect(formatInstant(AT, 'zh-CN', 'Asia/Shanghai')).toBe('2026年12月1日 15:27');
    expect(formatInstant(AT, 'en', 'Asia/Shanghai')).toBe('1 Dec 2026, 15:27');
    expect(formatInstant(AT, 'en', 'America/New_York')).toBe('1 Dec 2026, 02:27');
    // 23:30 UTC is the next day in Shanghai.
    expect(formatInstant('2026-12-01T16:30:00Z', 'zh-CN', 'Asia/Shanghai')).toBe('2026年12月2日 00:30');
    expect(formatDayOf('2026-12-01T16:30:00Z', 'en', 'Asia/Shanghai')).toBe('2 Dec 2026');
  });

  it('adds the zone’s offset where a reader must know the zone (a report’s generation time)', () => {
    expect(formatInstantWithZone(AT, 'zh-CN', 'Asia/Shanghai')).toBe('2026年12月1日 15:27（UTC+8）');
    expect(formatInstantWithZone(AT, 'en', 'Asia/Shanghai')).toBe('1 Dec 2026, 15:27 (UTC+8)');
    expect(formatUtcOffset(AT, 'Asia/Kolkata')).toBe('UTC+5:30');
    expect(formatUtcOffset(AT, 'America/St_Johns')).toBe('UTC-3:30');
    expect(formatUtcOffset(AT, 'UTC')).toBe('UTC');
    // Daylight saving: New York is UTC-4 in July.
    expect(formatUtcOffset('2026-07-01T12:00:00Z', 'America/New_York')).toBe('UTC-4');
  });

  it('gives spreadsheets number formats that show a real date cell the same way', () => {
    expect(spreadsheetDateFormat('date', 'zh-CN')).toBe('yyyy"年"m"月"d"日"');
    expect(spreadsheetDateFormat('instant', 'zh-CN')).toBe('yyyy"年"m"月"d"日" hh:mm');
    expect(spreadsheetDateFormat('date', 'en')).toBe('[$-409]d mmm yyyy');
    expect(spreadsheetDateFormat('instant', 'en')).toBe('[$-409]d mmm yyyy, hh:mm');
  });
});
