/**
 * The requests sheet's CSV, byte for byte, on a few thousand varied rows: cells a spreadsheet could
 * take for a formula, quotes, commas and line breaks, Chinese, empty and missing values, every
 * channel, kind and status, instants across daylight-saving changes, provisional due dates, masked
 * and unmasked requesters. The digests below are of the files the export wrote before its fast path
 * (per-column cell writers, cached day texts) was written: any change to a single byte fails here,
 * and the first differing line is shown beside the one the cell-by-cell path (`csvCell`) writes.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeWorkbench, type TestWorkbench } from '../../helpers/workbench';
import { run } from '../../helpers/engine';
import { buildReport, writeReport, type ReportRequest } from '../../../src/main/core/reports/reports.service';
import { csvCell } from '../../../src/main/core/reports/render-csv';
import { toSpreadsheetText } from '../../../src/main/core/reports/spreadsheet-text';

const ROWS = 3000;
const KINDS = ['access_copy', 'correction', 'deletion', 'restriction_objection', 'portability', 'withdraw_consent', 'account_cancellation', 'explanation', 'complaint', 'other'];
const CHANNELS = ['hotline', 'email', 'in_app', 'letter', 'in_person', 'other'];
const STATUSES = ['new', 'verifying', 'in_progress', 'awaiting_requester', 'responded', 'refused', 'withdrawn', 'closed'];
const TEXTS = [
  '请删除我的账户浏览记录',
  '=HYPERLINK("http://example.com","点我")',
  '+86 138 0000 0000',
  '-1',
  '@SUM(A1:A2)',
  '\tTabbed',
  '\rcarriage',
  "'=already quoted",
  "'plain quote",
  'a "quoted" word, and a comma',
  'line one\nline two',
  'line one\r\nline two',
  '',
  'Ünïcødé — naïve café',
  '张三丰',
  'John Smith',
  'alice@example.com',
  '021-6234 5678',
  '  spaced  ',
];
const NAMES = ['张三丰', '欧阳娜娜', 'John Smith', '=cmd|calc', '王', 'Li "Lee" Wei', '', '+Plus', 'María José'];
const CONTACTS = ['13812345678', '+86 138 1234 5678', 'john.smith@example.com', '王@例子.中国', '62345678', '-12345678', '@handle', '', 'line\nbreak'];
const PROBLEMS = [null, null, null, 'calendar_provisional:2027', 'calendar_missing:2027,2028', 'calendar_provisional:'];

/** Deterministic pseudo-random picks: the same rows on every run. */
function picker(seed: number) {
  let state = seed;
  return <T>(list: readonly T[]): T => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return list[state % list.length]!;
  };
}

async function fill(wb: TestWorkbench) {
  const pick = picker(7);
  const start = Date.parse('2024-01-01T00:00:00Z');
  const span = Date.parse('2026-11-15T00:00:00Z') - start;
  const columns = 'reference, channel, received_at, requester_name, requester_contact, account_ref, kind, details, concerns_minor, assignee, status, due_date, due_at, deadline_problem, responded_at, response_summary, complaint_route_given, closed_at, revision, created_at, updated_at';
  const perStatement = 100;
  for (let first = 0; first < ROWS; first += perStatement) {
    const values: unknown[] = [];
    const tuples: string[] = [];
    for (let i = first; i < Math.min(ROWS, first + perStatement); i += 1) {
      // Odd seconds and milliseconds, and some instants on the hour a daylight-saving zone skips or repeats.
      const received = new Date(start + Math.floor((span * i) / ROWS) + (i % 7) * 1234567 + (i % 1000));
      const status = pick(STATUSES);
      const problem = pick(PROBLEMS);
      const unknown = problem?.startsWith('calendar_missing');
      const due = unknown ? null : new Date(received.getTime() + (15 + (i % 4)) * 86400000);
      const answered = ['responded', 'refused', 'closed'].includes(status) || (status === 'withdrawn' && i % 2 === 0);
      const responded = answered ? new Date(received.getTime() + ((i % 25) + 0.37) * 86400000).toISOString() : null;
      const closed = status === 'closed' ? new Date(received.getTime() + 30 * 86400000).toISOString() : null;
      tuples.push(`(${Array.from({ length: 21 }, () => '?').join(', ')})`);
      values.push(
        `REQ-${received.getUTCFullYear()}-${String(i + 1).padStart(6, '0')}`,
        pick(CHANNELS),
        received.toISOString(),
        pick(NAMES),
        pick(CONTACTS),
        i % 3 === 0 ? '' : `U-${i}`,
        pick(KINDS),
        pick(TEXTS),
        i % 9 === 0 ? 1 : 0,
        pick(['', '李雷', '=A1', 'Han Meimei']),
        status,
        due ? due.toISOString().slice(0, 10) : null,
        due ? due.toISOString() : null,
        problem,
        responded,
        '',
        0,
        closed,
        1,
        received.toISOString(),
        received.toISOString(),
      );
    }
    await run(wb.ctx.db, `insert into requests (${columns}) values ${tuples.join(', ')}`, ...values);
  }
}

const dir = mkdtempSync(join(tmpdir(), 'pw-csv-golden-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function exportCsv(language: 'en' | 'zh-CN', timeZone: string, includeRequesterDetails: boolean): Promise<{ text: string; reference: string }> {
  const wb = await makeWorkbench({ language });
  try {
    await wb.call('app:setup', { template: 'empty', organisationName: '码尚云', language });
    await wb.call('settings:update', { timeZone });
    await fill(wb);
    const request = { report: 'requests', format: 'csv', sheet: 'requests', includeRequesterDetails } as const;
    const [file] = await writeReport(wb.ctx, request, join(dir, `${language}-${includeRequesterDetails}.csv`));
    return { text: readFileSync(file!, 'utf8'), reference: await cellByCell(wb, request) };
  } finally {
    await wb.close();
  }
}

/** The same sheet written cell by cell through `csvCell`, with its own RFC 4180 quoting: where a difference is. */
async function cellByCell(wb: TestWorkbench, request: ReportRequest): Promise<string> {
  const doc = await buildReport(wb.ctx, request);
  const sheet = doc.sheets.find((s) => s.key === 'requests')!;
  const field = (v: string | number) => (typeof v === 'number' ? String(v) : /[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  const lines = [sheet.columns.map((c) => field(toSpreadsheetText(doc.t(c.header)))).join(',')];
  for await (const batch of sheet.batches(doc.ctx, doc.filterValues)) {
    for (const record of batch) lines.push(sheet.columns.map((c) => field(csvCell(doc.t, c, c.get(record), doc.timeZone))).join(','));
  }
  return `\ufeff${lines.map((line) => `${line}\r\n`).join('')}`;
}

/** The first line at which two texts differ, with its number, or null. */
function firstDifference(a: string, b: string): string | null {
  const left = a.split('\r\n');
  const right = b.split('\r\n');
  const i = left.findIndex((line, n) => line !== right[n]);
  return i < 0 && left.length === right.length ? null : `line ${i + 1}:\n  ${left[i]}\n  ${right[i]}`;
}

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('the requests CSV, byte for byte', () => {
  const cases = [
    { language: 'zh-CN', timeZone: 'Asia/Shanghai', details: true, sha256: 'ae1d31a5ba8a8679da0cc40eded0190fae7d167b6c0a169b4ba97d8bd6bdbb2c' },
    { language: 'zh-CN', timeZone: 'Asia/Shanghai', details: false, sha256: '3c74ce6136abc5eaea190e00e46752321b87f06d75ba2a90fbedcfee6a50670e' },
    { language: 'en', timeZone: 'America/New_York', details: true, sha256: 'e79c274f1022237ae500bbdb06fb03fe8d19cc0a7ab69936e6856d91da46cc58' },
    { language: 'en', timeZone: 'Asia/Kolkata', details: false, sha256: '4cddf60bbf6322b6e340f9e5c06449f8815c717d6b35788b291cda37611781c1' },
  ] as const;
  for (const c of cases) {
    it(`is unchanged: ${c.language}, ${c.timeZone}, requesters ${c.details ? 'in full' : 'masked'}`, async () => {
      const { text, reference } = await exportCsv(c.language, c.timeZone, c.details);
      expect(text.match(/\r\nREQ-/g)?.length).toBe(ROWS);
      expect(firstDifference(text, reference)).toBeNull();
      expect(digest(text)).toBe(c.sha256);
    });
  }
});
