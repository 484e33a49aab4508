import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCalendarImport, parseHolidayNotice } from '../../../src/shared/deadline/calendar-csv';
import { weekday } from '../../../src/shared/time';

// The State Council's notices of every year from 2007, and the holiday-cn JSON of the same years
// (tests/fixtures/real/README.md names the sources). Each notice is read on its own and its days are
// checked against the JSON, which was compiled independently from the same notices.
const dir = join(__dirname, '../../fixtures/real');
const years = readdirSync(join(dir, 'holiday-notices'))
  .map((f) => /^(\d{4})\.txt$/.exec(f)?.[1])
  .filter((y): y is string => !!y)
  .map(Number);
const notice = (name: string) => readFileSync(join(dir, 'holiday-notices', name), 'utf8');
interface HolidayCn { year: number; papers: string[]; days: { name: string; date: string; isOffDay: boolean }[] }
const holidayCn = (year: number): HolidayCn => JSON.parse(readFileSync(join(dir, 'holiday-cn', `${year}.json`), 'utf8')) as HolidayCn;

const isWeekend = (date: string) => [0, 6].includes(weekday(date));
/** What changes a deadline: rest days that fall Monday to Friday, working days that fall on a weekend. */
const effective = (days: { date: string; off: boolean }[]) =>
  days.filter((d) => (d.off ? !isWeekend(d.date) : isWeekend(d.date))).map((d) => `${d.date} ${d.off ? 'rest' : 'work'}`).sort();

/** The notices that adjusted a year after its notice; 2020's extension names only the new last day. */
const AMENDMENTS: Record<number, string> = { 2015: '2015-amendment.txt', 2019: '2019-amendment.txt' };
const EXTENSION_2020 = ['2020-01-31', '2020-02-01', '2020-02-02', '2020-02-03'];

describe('the State Council notices of every year, as published', () => {
  it('has every year from 2007 to 2026', () => {
    expect(years).toEqual(Array.from({ length: 20 }, (_, i) => 2007 + i));
  });

  it.each(years)('reads the %i notice into the days holiday-cn lists for that year', (year) => {
    const r = parseCalendarImport(notice(`${year}.txt`));
    expect(r.errors).toEqual([]);
    expect(r).toMatchObject({ format: 'notice', completeYear: year });
    const byDate = new Map(r.lines.map((l) => [l.date, l.kind]));
    const amendment = AMENDMENTS[year] ? parseHolidayNotice(notice(AMENDMENTS[year]!), year) : null;
    if (amendment) {
      expect(amendment.errors).toEqual([]);
      // An adjusting notice amends its year; it does not make the year complete on its own.
      expect(amendment.completeYear).toBeNull();
      for (const l of amendment.lines) byDate.set(l.date, l.kind);
    }
    const hc = holidayCn(year);
    const skip = year === 2020 ? new Set(EXTENSION_2020) : new Set<string>();
    const mine = effective([...byDate].map(([date, kind]) => ({ date, off: kind === 'holiday' })).filter((d) => !skip.has(d.date)));
    const theirs = effective(hc.days.map((d) => ({ date: d.date, off: d.isOffDay })).filter((d) => !skip.has(d.date)));
    expect(mine).toEqual(theirs);
    // One holiday in the preview for each holiday the JSON names (元旦, 春节, …), the amendments' included.
    const names = new Set(hc.days.map((d) => d.name));
    expect(new Set([...r.holidays, ...(amendment?.holidays ?? [])].map((h) => h.name)).size).toBe(names.size);
    // Every make-up working day is counted, weekend or not.
    const workdays = [...byDate].filter(([date, kind]) => kind === 'workday' && !skip.has(date)).length;
    expect(workdays).toBe(hc.days.filter((d) => !d.isOffDay && !skip.has(d.date)).length);
  });

  it.each(years)('imports the %i holiday-cn JSON as a complete year', (year) => {
    const r = parseCalendarImport(readFileSync(join(dir, 'holiday-cn', `${year}.json`), 'utf8'));
    expect(r.errors).toEqual([]);
    expect(r).toMatchObject({ format: 'holiday-cn', completeYear: year });
    expect(r.lines.length).toBe(holidayCn(year).days.length);
  });

  it('reads the older wording: dashes for ranges, bare days, a weekend 公休日 moved by 调至 and December of the year before', () => {
    const r = parseCalendarImport(notice('2008.txt'));
    expect(r.holidays.map((h) => [h.name, h.from, h.to, h.restDays, h.workdays.join(' ')])).toEqual([
      ['元旦', '2007-12-30', '2008-01-01', 3, '2007-12-29'],
      ['春节', '2008-02-06', '2008-02-12', 7, '2008-02-02 2008-02-03'],
      ['清明节', '2008-04-04', '2008-04-06', 3, ''],
      ['“五一”国际劳动节', '2008-05-01', '2008-05-03', 3, '2008-05-04'],
      ['端午节', '2008-06-07', '2008-06-09', 3, ''],
      ['中秋节', '2008-09-13', '2008-09-15', 3, ''],
      // The notice names no 上班 here: 9月27日、28日 are weekend rest days moved to 29 and 30 September.
      ['国庆节', '2008-09-29', '2008-10-05', 7, '2008-09-27 2008-09-28'],
    ]);
    const r2007 = parseCalendarImport(notice('2007.txt'));
    expect(r2007.holidays[1]).toMatchObject({ name: '春节', from: '2007-02-18', to: '2007-02-24', restDays: 7, workdays: ['2007-02-17', '2007-02-25'] });
  });

  it('names the holiday of an adjusting notice from its title, and refuses the 2020 extension it cannot read', () => {
    expect(parseHolidayNotice(notice('2019-amendment.txt')).holidays).toEqual([
      { name: '劳动节', from: '2019-05-01', to: '2019-05-04', restDays: 4, workdays: ['2019-04-28', '2019-05-05'] },
    ]);
    const extension = parseHolidayNotice(notice('2020-amendment.txt'));
    expect(extension.errors).toEqual([{ line: 3, key: 'validation.calendarNoticeLine' }]);
    expect(extension.lines).toEqual([]);
  });
});
