/**
 * A few thousand varied requests written straight into a register, the same on every run: cells a
 * spreadsheet could take for a formula, quotes, commas and line breaks, Chinese, empty values, every
 * channel, kind and status, odd seconds, provisional and unknown due dates. For the exports' tests.
 */
import type { TestWorkbench } from './workbench';
import { run } from './engine';

export const ROWS = 3000;
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
    // The high bits: the low ones of this generator repeat with a short period.
    return list[Math.floor((state / 2147483648) * list.length)]!;
  };
}

export async function fillVariedRequests(wb: TestWorkbench) {
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

