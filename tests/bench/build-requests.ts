/**
 * Builds a register of N requests for the benchmarks, fast: one prepared statement of raw inserts in
 * large transactions (the triggers keep the search index and the tallies, as for any write), due
 * dates computed once per day received. Requests received in the last OPEN_DAYS days are open; older
 * ones are closed (answered, some refused).
 */
import type BetterSqlite3 from 'better-sqlite3';
import { computeDeadline, type DeadlineRules, type HolidayCalendar } from '../../src/shared/deadline/calculator';
import { localDateOf } from '../../src/shared/time';
import { REQUEST_CHANNELS, REQUEST_KINDS } from '../../src/shared/domain/requests';
import { DEFAULT_SETTINGS } from '../../src/shared/domain/settings';

export const BENCH_NOW = '2026-11-17T06:30:00.000Z';
const DAY = 86_400_000;
const OPEN_DAYS = 20;
const SPAN_DAYS = 4 * 365;
const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈'];
const GIVEN = [...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏辉建国文斌宇浩凯健俊帆'];

/** A requester's name: two or three characters, as most Chinese names are; one in twenty in Latin letters. */
export function benchName(i: number): string {
  if (i % 20 === 0) return `Requester ${i}`;
  const s = SURNAMES[i % SURNAMES.length]!;
  const g1 = GIVEN[Math.floor(i / SURNAMES.length) % GIVEN.length]!;
  const g2 = GIVEN[Math.floor(i / 7) % GIVEN.length]!;
  return i % 3 === 0 ? `${s}${g1}` : `${s}${g1}${g2}`;
}

export function buildRequests(sqlite: BetterSqlite3.Database, total: number, calendar: HolidayCalendar): { open: number } {
  const rules: DeadlineRules = { ...DEFAULT_SETTINGS };
  const dueMemo = new Map<string, { date: string | null; at: string | null }>();
  const dueOf = (receivedAt: string) => {
    const key = localDateOf(receivedAt, rules.timeZone);
    let d = dueMemo.get(key);
    if (!d) {
      const r = computeDeadline({ receivedAt, verifiedAt: null, pauses: [] }, rules, calendar);
      d = { date: r.dueDate, at: r.dueAt };
      dueMemo.set(key, d);
    }
    return d;
  };
  const insert = sqlite.prepare(`insert into requests (reference, channel, received_at, requester_name, requester_contact, account_ref, kind, details,
    concerns_minor, assignee, identity_method, identity_result, identity_verified_at, status, status_before_pause, due_date, due_at,
    deadline_problem, responded_at, response_summary, refusal_reason, complaint_route_given, closed_at, anonymised_at, revision, created_at, updated_at)
    values (?, ?, ?, ?, ?, ?, ?, '', 0, '', ?, ?, ?, ?, null, ?, ?, null, ?, ?, ?, ?, ?, null, 1, ?, ?)`);
  const nowMs = Date.parse(BENCH_NOW);
  const start = nowMs - SPAN_DAYS * DAY;
  const counters = new Map<number, number>();
  const openStatuses = ['new', 'verifying', 'in_progress', 'awaiting_requester'];
  let seed = 42;
  const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const BATCH = 50_000;
  let open = 0;
  for (let done = 0; done < total; done += BATCH) {
    sqlite.transaction(() => {
      for (let i = done; i < Math.min(total, done + BATCH); i++) {
        const receivedMs = start + Math.floor((i / total) * SPAN_DAYS * DAY) + Math.floor(rand() * 3_600_000);
        const receivedAt = new Date(receivedMs).toISOString();
        const year = Number(localDateOf(receivedAt, rules.timeZone).slice(0, 4));
        const n = (counters.get(year) ?? 0) + 1;
        counters.set(year, n);
        const due = dueOf(receivedAt);
        const isOpen = receivedMs > nowMs - OPEN_DAYS * DAY;
        const refused = !isOpen && rand() < 0.05;
        const respondedMs = receivedMs + Math.floor(rand() * 17 * DAY);
        const responded = isOpen ? null : new Date(respondedMs).toISOString();
        const status = isOpen ? openStatuses[i % 4]! : refused ? 'refused' : 'closed';
        if (isOpen) open++;
        const verified = status === 'new' || status === 'verifying' ? null : receivedAt;
        insert.run(
          `REQ-${year}-${String(n).padStart(4, '0')}`,
          REQUEST_CHANNELS[i % REQUEST_CHANNELS.length],
          receivedAt,
          benchName(i),
          i % 4 === 0 ? `user${i}@example.com` : `1${String(3800000000 + i)}`,
          i % 2 === 0 ? `U-${i}` : '',
          REQUEST_KINDS[(i * 7) % REQUEST_KINDS.length],
          verified ? 'sms_code' : null,
          verified ? 'verified' : null,
          verified,
          status,
          due.date,
          due.at,
          responded,
          responded ? 'Done' : '',
          refused ? 'trade_secret' : null,
          refused ? 1 : 0,
          isOpen ? null : new Date(respondedMs + DAY).toISOString(),
          receivedAt,
          responded ?? receivedAt,
        );
      }
    })();
  }
  const upsertCounter = sqlite.prepare('insert into request_counters (year, last_number) values (?, ?) on conflict(year) do update set last_number = excluded.last_number');
  for (const [year, n] of counters) upsertCounter.run(year, n);
  return { open };
}
