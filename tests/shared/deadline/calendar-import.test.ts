import { describe, expect, it } from 'vitest';
import { parseCalendarCsv, parseCalendarImport, parseHolidayNotice } from '../../../src/shared/deadline/calendar-csv';
import { prcEntries } from './prc-calendar';

const shipped = (year: number) =>
  prcEntries()
    .filter((e) => e.date.startsWith(`${year}-`))
    .map((e) => `${e.date} ${e.kind}`)
    .sort();
const found = (lines: { date: string; kind: string }[]) => lines.map((l) => `${l.date} ${l.kind}`).sort();

// The shipped arrangements (DESIGN.md) written out in the notice's style, full-width punctuation as published.
const NOTICE_2026 = `国务院办公厅关于2026年部分节假日安排的通知

各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
经国务院批准，现将2026年元旦、春节、清明节、劳动节、端午节、中秋节和国庆节放假调休日期的具体安排通知如下。
一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。
二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。
三、清明节：4月4日（周六）至6日（周一）放假，共3天。
四、劳动节：5月1日（周五）至5日（周二）放假调休，共5天。5月9日（周六）上班。
五、端午节：6月19日（周五）至21日（周日）放假，共3天。
六、中秋节：9月25日（周五）至27日（周日）放假，共3天。9月20日（周日）上班。
七、国庆节：10月1日（周四）至7日（周三）放假调休，共7天。10月10日（周六）上班。
节假日期间，各地区、各部门要妥善安排好值班和安全、保卫等工作。

国务院办公厅
2025年11月4日`;

// 2025 in half-width punctuation, with a range across months written out.
const NOTICE_2025 = `国务院办公厅关于2025年部分节假日安排的通知
一、元旦:1月1日(周三)放假1天,不调休。
二、春节:1月28日(农历除夕、周二)至2月4日(农历正月初七、周二)放假调休,共8天。1月26日(周日)、2月8日(周六)上班。
三、清明节:4月4日(周五)至6日(周日)放假,共3天。
四、劳动节:5月1日(周四)至5日(周一)放假调休,共5天。4月27日(周日)上班。
五、端午节:5月31日(周六)至6月2日(周一)放假,共3天。
六、国庆节、中秋节:10月1日(周三)至8日(周三)放假调休,共8天。9月28日(周日)、10月11日(周六)上班。`;

describe('the State Council notice', () => {
  it('reads the 2026 notice into exactly the shipped 2026 calendar, holiday by holiday', () => {
    const r = parseCalendarImport(NOTICE_2026);
    expect(r.errors).toEqual([]);
    expect(r).toMatchObject({ format: 'notice', completeYear: 2026 });
    expect(found(r.lines)).toEqual(shipped(2026));
    expect(r.holidays.map((h) => [h.name, h.from, h.to, h.restDays, h.workdays.join(' ')])).toEqual([
      ['元旦', '2026-01-01', '2026-01-03', 3, '2026-01-04'],
      ['春节', '2026-02-15', '2026-02-23', 9, '2026-02-14 2026-02-28'],
      ['清明节', '2026-04-04', '2026-04-06', 3, ''],
      ['劳动节', '2026-05-01', '2026-05-05', 5, '2026-05-09'],
      ['端午节', '2026-06-19', '2026-06-21', 3, ''],
      ['中秋节', '2026-09-25', '2026-09-27', 3, '2026-09-20'],
      ['国庆节', '2026-10-01', '2026-10-07', 7, '2026-10-10'],
    ]);
    expect(r.lines.find((l) => l.date === '2026-02-15')?.note).toBe('春节');
  });

  it('reads the 2025 notice, half-width and with a range across months, into the shipped 2025 calendar', () => {
    const r = parseCalendarImport(NOTICE_2025);
    expect(r.errors).toEqual([]);
    expect(found(r.lines)).toEqual(shipped(2025));
    expect(r.holidays.find((h) => h.name === '春节')).toMatchObject({ from: '2025-01-28', to: '2025-02-04', restDays: 8 });
  });

  it('reads the older wording: 补休, 与周末连休, 星期 and a range across months', () => {
    const text = [
      '一、元旦：1月1日放假，1月2日（星期一）补休。',
      '二、劳动节：5月1日放假，与周末连休。',
      '三、中秋节、国庆节：9月29日至10月6日放假调休，共8天。10月7日（星期六）、10月8日（星期日）上班。',
    ].join('\n');
    // No title: the year is asked for.
    expect(parseHolidayNotice(text).errors).toEqual([{ line: 0, key: 'validation.calendarNoticeYear' }]);
    // The weekdays in brackets are checked: 2 January is a Monday in 2023, a Friday in 2026.
    expect(parseHolidayNotice(text, 2026).errors.map((e) => e.line)).toEqual([1, 3]);
    const r = parseHolidayNotice(text, 2023);
    expect(r.errors).toEqual([]);
    expect(r.completeYear).toBe(2023);
    expect(r.holidays.map((h) => [h.name, h.from, h.to, h.restDays])).toEqual([
      ['元旦', '2023-01-01', '2023-01-02', 2],
      ['劳动节', '2023-05-01', '2023-05-01', 1],
      ['中秋节、国庆节', '2023-09-29', '2023-10-06', 8],
    ]);
    expect(r.lines.filter((l) => l.kind === 'workday').map((l) => l.date)).toEqual(['2023-10-07', '2023-10-08']);
  });

  it('names a line whose weekday does not match its date (the wrong year), or with no day to read', () => {
    const text = `国务院办公厅关于2027年部分节假日安排的通知
一、元旦：1月1日（周五）放假，共1天。
二、春节：2月6日至2月31日放假调休。
三、清明节：放假安排另行通知。
四、劳动节：5月1日（周四）至5日放假调休，共5天。`;
    const r = parseHolidayNotice(text);
    // 1 January 2027 is a Friday: line 2 is right. Line 5 says Thursday for a Saturday.
    expect(r.errors).toEqual([
      { line: 3, key: 'validation.calendarNoticeLine' },
      { line: 4, key: 'validation.calendarNoticeLine' },
      { line: 5, key: 'validation.calendarNoticeWeekday' },
    ]);
  });
});

describe('holiday-cn JSON', () => {
  it('reads named days of its year and makes the year complete', () => {
    const r = parseCalendarImport(
      JSON.stringify({ year: 2027, papers: [], days: [{ name: '元旦', date: '2027-01-01', isOffDay: true }, { name: '春节', date: '2027-02-20', isOffDay: false }, { name: '春节', date: '2027-02-06', isOffDay: true }] }),
    );
    expect(r).toMatchObject({ format: 'holiday-cn', completeYear: 2027, errors: [] });
    expect(r.lines).toEqual([
      { date: '2027-01-01', kind: 'holiday', note: '元旦' },
      { date: '2027-02-20', kind: 'workday', note: '春节' },
      { date: '2027-02-06', kind: 'holiday', note: '春节' },
    ]);
    expect(r.holidays.find((h) => h.name === '春节')).toMatchObject({ from: '2027-02-06', restDays: 1, workdays: ['2027-02-20'] });
  });

  it('refuses JSON that is not the format, and names a bad day by its place', () => {
    expect(parseCalendarImport('{"days": 3}').errors).toEqual([{ line: 0, key: 'validation.calendarJson' }]);
    expect(parseCalendarImport('{"year":2027,"days":[{"date":"2027-01-01","isOffDay":true},{"date":"2027-02-30","isOffDay":true}]}').errors).toEqual([
      { line: 2, key: 'validation.calendarDate' },
    ]);
  });
});

describe('date,kind[,note] lines', () => {
  it('takes 休/班 and the English words, and keeps a third column as the note', () => {
    const r = parseCalendarCsv('date,kind,note\n2027-01-01,休,元旦\n2027-02-20,班\n2027-05-01,rest day,Labour Day\n2027-05-08,Make-up day\n2027-10-09,working day');
    expect(r.errors).toEqual([]);
    expect(r.lines).toEqual([
      { date: '2027-01-01', kind: 'holiday', note: '元旦' },
      { date: '2027-02-20', kind: 'workday', note: '' },
      { date: '2027-05-01', kind: 'holiday', note: 'Labour Day' },
      { date: '2027-05-08', kind: 'workday', note: '' },
      { date: '2027-10-09', kind: 'workday', note: '' },
    ]);
    expect(parseCalendarImport('2027-01-01,holiday').completeYear).toBeNull();
  });
});
