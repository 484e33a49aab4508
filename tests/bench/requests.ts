/**
 * Requests desk benchmark: 1,000,000 requests, then the service-layer operations the issue names.
 * on SQLite and on PostgreSQL (tests/bench/engines.ts; `--engine sqlite|postgres|both`), the requests
 * built by tests/bench/build-requests.ts. `BENCH_REQUESTS=N` sets the size.
 * Run: npm run bench:requests   (prints its figures; no assertions)
 */
import { performance } from 'node:perf_hooks';
import { loadCalendar } from '../../src/main/core/calendar/calendar.repository';
import { createRequest } from '../../src/main/core/requests/intake.service';
import { listRequests, requestCounts, requestDashboard } from '../../src/main/core/requests/desk.service';
import { onSettingsChanged } from '../../src/main/core/requests/deadlines';
import { updateSettings } from '../../src/main/core/settings/settings.service';
import { requestListInput } from '../../src/shared/domain/requests';
import { analyse } from '../helpers/list-register';
import { BENCH_NOW, buildRequests } from './build-requests';
import { timedLine } from './measure';
import { ENGINE_LABEL, openBenchRegister, runOnEngines, type BenchEngine } from './engines';

const TOTAL = Number(process.env.BENCH_REQUESTS ?? 1_000_000);
const NOW = BENCH_NOW;

async function measure(engine: BenchEngine) {
  const register = await openBenchRegister(engine, NOW);
  const ctx = register.wb.ctx;
  console.log(`\n${ENGINE_LABEL[engine]}: building ${TOTAL.toLocaleString('en')} requests …`);
  const build = performance.now();
  const { open } = await buildRequests(ctx.db, register.wb.database.sqlite, TOTAL, await loadCalendar(ctx.db));
  await analyse(register.wb);
  console.log(`Built in ${((performance.now() - build) / 1000).toFixed(1)} s: ${TOTAL.toLocaleString('en')} requests, ${open.toLocaleString('en')} open.\n`);
  const nowMs = Date.parse(NOW);

  const counts = await timedLine('Dashboard counts (requestCounts)', 10, () => requestCounts(ctx));
  console.log(`   → ${JSON.stringify(counts)}`);
  await timedLine('Dashboard panel (counts + overdue list + charts)', 5, () => requestDashboard(ctx));

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
    const page = await timedLine(label, 10, () => listRequests(ctx, requestListInput.parse(input)));
    console.log(`   → ${page.total.toLocaleString('en')} matching, ${page.items.length} on the page`);
  }

  let k = 0;
  await timedLine('Log one request (createRequest)', 200, () =>
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
  await timedLine('Settings change: responseDays 15 → 20 (recompute all open)', 1, () => updateSettings(ctx, { responseDays: 20 }, hook));
  await timedLine('Settings change: calendar → working days (recompute all open)', 1, () => updateSettings(ctx, { countingMode: 'working' }, hook));
  await timedLine('Settings change: time zone → Europe/London (recompute all open)', 1, () => updateSettings(ctx, { timeZone: 'Europe/London' }, hook));
  const [recomputed] = (await register.raw.all("select count(*) as n from request_events where kind = 'deadline_recomputed'")) as { n: number }[];
  console.log(`   → ${Number(recomputed!.n).toLocaleString('en')} timeline entries written for moved due dates`);
  await register.dispose();
}

runOnEngines(measure);
