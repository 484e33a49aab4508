/**
 * Requests desk benchmark: 1,000,000 requests, then the service-layer operations the issue names.
 * Run: npm run bench:requests   (prints its figures; no assertions)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fixedClock } from '../../src/main/core/clock';
import { openWorkbench } from '../../src/main/core/workbench';
import { computeDeadline, type DeadlineRules } from '../../src/shared/deadline/calculator';
import { localDateOf } from '../../src/shared/time';
import { loadCalendar } from '../../src/main/core/calendar/calendar.repository';
import { createRequest } from '../../src/main/core/requests/intake.service';
import { listRequests, requestCounts, requestDashboard } from '../../src/main/core/requests/desk.service';
import { onSettingsChanged } from '../../src/main/core/requests/deadlines';
import { updateSettings } from '../../src/main/core/settings/settings.service';
import { requestListInput } from '../../src/shared/domain/requests';
import { REQUEST_CHANNELS, REQUEST_KINDS } from '../../src/shared/domain/requests';
import { DEFAULT_SETTINGS } from '../../src/shared/domain/settings';

const TOTAL = Number(process.env.BENCH_REQUESTS ?? 1_000_000);
const NOW = '2026-11-17T06:30:00.000Z';
const DAY = 86_400_000;
/** Requests received in the last OPEN_DAYS days are still open; older ones are closed (answered or refused). */
const OPEN_DAYS = 20;
const SPAN_DAYS = 4 * 365;

function ms(start: number) {
  return performance.now() - start;
}

async function time<T>(label: string, runs: number, fn: () => Promise<T>): Promise<T> {
  let result!: T;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    result = await fn();
    times.push(ms(start));
  }
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  console.log(`${label.padEnd(58)} first ${times[0]!.toFixed(1).padStart(8)} ms   median ${median.toFixed(2).padStart(8)} ms   (${runs} runs)`);
  return result;
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'pw-bench-requests-'));
  const dbPath = join(dir, 'bench.sqlite');
  const wb = await openWorkbench({ dbPath, host: 'cli', systemLanguage: 'en', clock: fixedClock(NOW), actor: 'bench', log: () => {} });
  const sqlite = wb.database.sqlite!;
  const ctx = wb.ctx;
  console.log(`Building ${TOTAL.toLocaleString('en')} requests in ${dbPath} …`);

  const calendar = await loadCalendar(ctx.db);
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
    values (?, ?, ?, ?, ?, '', ?, '', 0, '', ?, ?, ?, ?, null, ?, ?, null, ?, ?, ?, ?, ?, null, 1, ?, ?)`);
  const nowMs = Date.parse(NOW);
  const start = nowMs - SPAN_DAYS * DAY;
  const counters = new Map<number, number>();
  const openStatuses = ['new', 'verifying', 'in_progress', 'awaiting_requester'];
  let seed = 42;
  const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const build = performance.now();
  const BATCH = 50_000;
  let open = 0;
  for (let done = 0; done < TOTAL; done += BATCH) {
    sqlite.transaction(() => {
      for (let i = done; i < Math.min(TOTAL, done + BATCH); i++) {
        const receivedMs = start + Math.floor((i / TOTAL) * SPAN_DAYS * DAY) + Math.floor(rand() * 3_600_000);
        const receivedAt = new Date(receivedMs).toISOString();
        const year = Number(localDateOf(receivedAt, rules.timeZone).slice(0, 4));
        const n = (counters.get(year) ?? 0) + 1;
        counters.set(year, n);
        const due = dueOf(receivedAt);
        const isOpen = receivedMs > nowMs - OPEN_DAYS * DAY;
        const refused = !isOpen && rand() < 0.05;
        const respondedMs = receivedMs + Math.floor(rand() * 17 * DAY);
        const responded = isOpen ? null : new Date(respondedMs).toISOString();
        const status = isOpen ? openStatuses[i % 4]! : 'closed';
        if (isOpen) open++;
        const verified = status === 'new' || status === 'verifying' ? null : receivedAt;
        insert.run(
          `REQ-${year}-${String(n).padStart(4, '0')}`,
          REQUEST_CHANNELS[i % REQUEST_CHANNELS.length],
          receivedAt,
          `Requester ${i}`,
          `1${String(3800000000 + i)}`,
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
          receivedAt,
        );
      }
    })();
  }
  const upsertCounter = sqlite.prepare('insert into request_counters (year, last_number) values (?, ?) on conflict(year) do update set last_number = excluded.last_number');
  for (const [year, n] of counters) upsertCounter.run(year, n);
  sqlite.pragma('analysis_limit = 1000');
  sqlite.exec('analyze');
  console.log(`Built in ${(ms(build) / 1000).toFixed(1)} s: ${TOTAL.toLocaleString('en')} requests, ${open.toLocaleString('en')} open.\n`);

  const counts = await time('Dashboard counts (requestCounts)', 10, () => requestCounts(ctx));
  console.log(`   → ${JSON.stringify(counts)}`);
  await time('Dashboard panel (counts + overdue list + charts)', 5, () => requestDashboard(ctx));

  const lists: [string, unknown][] = [
    ['List: kind=deletion, status=closed, newest first, page 3', { kind: 'deletion', status: 'closed', sortBy: 'receivedAt', sortDir: 'desc', page: 3 }],
    ['List: overdue, by due time', { due: 'overdue', sortBy: 'dueAt', sortDir: 'asc' }],
    ['List: due soon, by due time', { due: 'due_soon' }],
    ['List: channel=email, kind=portability, by reference desc', { channel: 'email', kind: 'portability', sortBy: 'reference', sortDir: 'desc' }],
    // Filters that match many rows, in another order than their indexes keep.
    ['List: channel=letter, by reference desc', { channel: 'letter', sortBy: 'reference', sortDir: 'desc' }],
    ['List: status=closed, newest first', { status: 'closed' }],
    ['List: status=closed, newest first, page 40', { status: 'closed', page: 40 }],
    ['List: status=in_progress, by due time', { status: 'in_progress', sortBy: 'dueAt' }],
    ['List: all, newest first, page 1', {}],
    ['List: all, by reference desc, page 2', { sortBy: 'reference', sortDir: 'desc', page: 2 }],
    ['List: search "REQ-2026-0123"', { search: 'REQ-2026-0123' }],
  ];
  for (const [label, input] of lists) {
    const page = await time(label, 10, () => listRequests(ctx, requestListInput.parse(input)));
    console.log(`   → ${page.total.toLocaleString('en')} matching, ${page.items.length} on the page`);
  }

  let k = 0;
  await time('Log one request (createRequest)', 200, () =>
    createRequest(ctx, {
      channel: 'hotline',
      receivedAt: new Date(nowMs - 60_000 - k++).toISOString(),
      requesterName: '王小明',
      requesterContact: '13800138000',
      accountRef: 'U-1',
      kind: 'deletion',
      details: '',
      concernsMinor: false,
      assignee: '',
    }),
  );

  const hook = (trx: Parameters<typeof onSettingsChanged>[0], before: Parameters<typeof onSettingsChanged>[2], after: Parameters<typeof onSettingsChanged>[3]) =>
    onSettingsChanged(trx, ctx, before, after);
  await time('Settings change: responseDays 15 → 20 (recompute all open)', 1, () => updateSettings(ctx, { responseDays: 20 }, hook));
  await time('Settings change: calendar → working days (recompute all open)', 1, () => updateSettings(ctx, { countingMode: 'working' }, hook));
  await time('Settings change: time zone → Europe/London (recompute all open)', 1, () => updateSettings(ctx, { timeZone: 'Europe/London' }, hook));
  const recomputed = sqlite.prepare("select count(*) as n from request_events where kind = 'deadline_recomputed'").get() as { n: number };
  console.log(`   → ${recomputed.n.toLocaleString('en')} timeline entries written for moved due dates`);

  await wb.close();
  if (process.env.BENCH_KEEP) console.log(`Kept ${dbPath}`);
  else rmSync(dir, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
