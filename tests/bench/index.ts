/**
 * The benchmark: registers of 10,000, 100,000 and 1,000,000 requests (or `--size N`, repeatable),
 * and for each operation the app's median and p95 at the service layer beside the best raw SQL for
 * the same page and total on the same file, in the same run; their ratio; and the app's growth from
 * the first size. Prints a Markdown table (the README's). No assertions: speed is read here, never
 * asserted in tests.
 *
 *   npm run bench                    10k, 100k, 1M
 *   npm run bench -- --size 100000   one size
 *
 * With each size of desk goes a sharing register (10,000 partners, 100,000 flows and 10,000 agreements
 * at a million requests; tests/bench/build-register.ts), and every list the API offers is timed under
 * every filter × order × direction its input schema offers (tests/bench/lists.ts), beside the same
 * statements run raw. `--lists-runs N` sets how often each of those inputs is timed (5).
 * Then the transfers at 100,000 requests (bench:transfer's table: CSV and XLSX export, CSV import,
 * each beside its raw twin, with peak RSS; `--no-transfers` leaves them out, `--transfer-rows N`).
 * `--writes-only`: the start and the writes alone.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type BetterSqlite3 from 'better-sqlite3';
import { fixedClock } from '../../src/main/core/clock';
import { openWorkbench, type Workbench } from '../../src/main/core/workbench';
import { listRequests, requestCounts, requestDashboard } from '../../src/main/core/requests/desk.service';
import { createBackup } from '../../src/main/core/backup/copy';
import { requestListInput, type RequestListInput } from '../../src/shared/domain/requests';
import { BENCH_NOW } from './build-requests';
import { registerSizesFor } from './build-register';
import { seedListRegister } from '../helpers/list-register';
import { statementRecorder } from '../helpers/statements';
import { listTable, measureLists, summarise, type ListResult } from './lists';
import { writeOperations } from './writes';
import { measureTransfers } from './transfer';

const sizes = (() => {
  const given: number[] = [];
  const args = process.argv.slice(2);
  for (let i = 0; i < args.length; i++) if (args[i] === '--size') given.push(Number(args[++i]));
  return given.length ? given : [10_000, 100_000, 1_000_000];
})();
const LIST_RUNS = (() => {
  const at = process.argv.indexOf('--lists-runs');
  return at > 0 ? Number(process.argv[at + 1]) : 5;
})();

const RUNS = 21;
const OPEN = `('new', 'verifying', 'in_progress', 'awaiting_requester')`;
const COLUMNS = `id, reference, channel, received_at, requester_name, kind, status, concerns_minor, assignee, due_date, due_at, deadline_problem, revision, updated_at`;

interface Figure {
  median: number;
  p95: number;
}
const figureOf = (times: number[]): Figure => {
  const sorted = [...times].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)]!, p95: sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)]! };
};

async function timed(runs: number, fn: () => unknown): Promise<Figure> {
  await fn(); // warm: statements prepared, pages cached
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return figureOf(times);
}

interface Operation {
  label: string;
  app: (wb: Workbench) => Promise<unknown>;
  /** The same page and total in raw SQL, through prepared statements on the same connection. */
  raw?: (sqlite: BetterSqlite3.Database) => unknown;
  runs?: number;
}

/** A list call and its raw twin: the page (`where … order by … limit`) and its total (`count(*)`). */
function list(label: string, input: RequestListInput, where: string, order: string, params: unknown[] = [], page = 1): Operation {
  return {
    label,
    app: (wb) => listRequests(wb.ctx, requestListInput.parse(input)),
    raw: (sqlite) => {
      const w = where ? ` where ${where}` : '';
      sqlite.prepare(`select ${COLUMNS} from requests${w} order by ${order} limit 25 offset ${(page - 1) * 25}`).all(...params);
      return sqlite.prepare(`select count(*) as n from requests${w}`).get(...params);
    },
  };
}

/** The same search in raw SQL: the trigram index's matches joined to their requests, newest first, and their count. */
function search(label: string, text: string): Operation {
  const phrase = `"${text}"`;
  return {
    label,
    app: (wb) => listRequests(wb.ctx, requestListInput.parse({ search: text })),
    raw: (sqlite) => {
      sqlite
        .prepare(`select r.id from requests_fts f join requests r on r.id = f.rowid where requests_fts match ? order by r.received_at desc, r.id desc limit 25`)
        .all(phrase);
      return sqlite.prepare(`select count(*) from requests_fts where requests_fts match ?`).get(phrase);
    },
  };
}

function operations(nowIso: string): Operation[] {
  const dueSoonEnd = '2026-11-20T15:59:59.999Z';
  return [
    list('open requests by due date, page 1', { openOnly: true, sortBy: 'dueAt', sortDir: 'asc' }, `status in ${OPEN}`, 'due_at, id'),
    list('open requests, newest first, page 3', { openOnly: true, page: 3, sortBy: 'receivedAt', sortDir: 'desc' }, `status in ${OPEN}`, 'received_at desc, id desc', [], 3),
    list('status "new", newest first', { status: 'new' }, `status = 'new'`, 'received_at desc, id desc'),
    list('status "closed", newest first, page 40', { status: 'closed', page: 40 }, `status = 'closed'`, 'received_at desc, id desc', [], 40),
    list('kind + status + channel', { kind: 'deletion', status: 'closed', channel: 'email' }, `kind = 'deletion' and status = 'closed' and channel = 'email'`, 'received_at desc, id desc'),
    list('kind + channel, by reference desc', { kind: 'portability', channel: 'email', sortBy: 'reference', sortDir: 'desc' }, `kind = 'portability' and channel = 'email'`, 'substr(reference, 1, 8) desc, length(reference) desc, reference desc, id desc'),
    list('sort by kind', { sortBy: 'kind', sortDir: 'asc' }, '', 'kind, received_at, id'),
    list('sort by status, descending', { sortBy: 'status', sortDir: 'desc' }, '', 'status desc, received_at desc, id desc'),
    list('all, newest first', {}, '', 'received_at desc, id desc'),
    list('all, by last change', { sortBy: 'updatedAt', sortDir: 'desc' }, '', 'updated_at desc, id desc'),
    list('channel "letter", by due date desc', { channel: 'letter', sortBy: 'dueAt', sortDir: 'desc' }, `channel = 'letter'`, 'due_at desc, id desc'),
    list('due: overdue', { due: 'overdue' }, `status in ('new', 'verifying', 'in_progress') and due_at <= ?`, 'due_at, id', [nowIso]),
    list('due: soon', { due: 'due_soon' }, `status in ('new', 'verifying', 'in_progress') and due_at > ? and due_at <= ?`, 'due_at, id', [nowIso, dueSoonEnd]),
    list('due: soon, kind "deletion", newest first', { due: 'due_soon', kind: 'deletion', sortBy: 'receivedAt', sortDir: 'desc' }, `status in ('new', 'verifying', 'in_progress') and due_at > ? and due_at <= ? and kind = 'deletion'`, 'received_at desc, id desc', [nowIso, dueSoonEnd]),
    list('due: unknown', { due: 'unknown' }, `status in ${OPEN} and due_at is null`, 'due_at, id'),
    list('reference "REQ-2026-0123"', { search: 'REQ-2026-0123' }, `reference >= 'REQ-2026-0123' and reference < 'REQ-2026-0123\uffff'`, 'received_at desc, id desc'),
    search('search by name (3 characters)', '赵伟芳'),
    search('search by contact', '3800012345'),
    search('search by account', 'U-77770'),
    list('search, 2 characters (name begins)', { search: '赵伟' }, `requester_name like '赵伟%'`, 'received_at desc, id desc'),
    list('search, 1 character (a surname)', { search: '赵' }, `requester_name like '赵%'`, 'received_at desc, id desc'),
    {
      label: 'desk counts (navigation)',
      app: (wb) => requestCounts(wb.ctx),
      raw: (sqlite) => {
        sqlite.prepare(`select count(*) from requests where status in ${OPEN}`).get();
        sqlite.prepare(`select count(*) from requests where status in ('new', 'verifying', 'in_progress') and due_at <= ?`).get(nowIso);
        sqlite.prepare(`select count(*) from requests where status in ${OPEN} and due_at is null`).get();
        return sqlite.prepare(`select count(*), sum(responded_at <= due_at) from requests where responded_at >= '2026-10-31T16:00:00.000Z' and responded_at <= ?`).get(nowIso);
      },
    },
    { label: 'dashboard (counts, overdue, 12 weeks)', app: (wb) => requestDashboard(wb.ctx), runs: 9 },
  ];
}

interface Row {
  label: string;
  app: Figure;
  raw?: Figure;
}

async function measureSize(size: number): Promise<{ rows: Row[]; lists: ListResult[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'pw-bench-'));
  const dbPath = join(dir, 'bench.sqlite');
  const open = () => openWorkbench({ dbPath, host: 'cli', systemLanguage: 'en', clock: fixedClock(BENCH_NOW), actor: 'bench', dataDir: join(dir, 'data'), log: () => {} });
  let wb = await open();
  const t0 = performance.now();
  const ids = await seedListRegister(wb, size, BENCH_NOW);
  const register = registerSizesFor(size);
  console.error(
    `${size.toLocaleString('en')} requests, ${register.partners.toLocaleString('en')} partners, ${register.flows.toLocaleString('en')} flows, ${register.agreements.toLocaleString('en')} agreements built in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  const rows: Row[] = [];

  // Start: open an existing register, migrated, ready to answer (what a host does before READY).
  await wb.close();
  const starts: number[] = [];
  for (let i = 0; i < 5; i++) {
    const s = performance.now();
    wb = await open();
    starts.push(performance.now() - s);
    if (i < 4) await wb.close();
  }
  rows.push({ label: 'start: open the register until ready', app: figureOf(starts) });

  const sqlite = wb.database.sqlite!;
  const recorder = statementRecorder(sqlite); // on the fresh connection, before any list statement is prepared
  for (const op of writesOnly ? [] : operations(BENCH_NOW)) {
    const app = await timed(op.runs ?? RUNS, () => op.app(wb));
    const raw = op.raw ? await timed(op.runs ?? RUNS, () => op.raw!(sqlite)) : undefined;
    rows.push({ label: op.label, app, ...(raw ? { raw } : {}) });
  }

  // The desk's frequent writes beside the same rows, events and audit entries written by hand (writes.ts),
  // app and raw alternating so that both see the same load.
  for (const op of writeOperations(wb)) {
    const runs = 50;
    await op.setUp(runs + 1);
    const app: number[] = [];
    const raw: number[] = [];
    const appCpu: number[] = [];
    const rawCpu: number[] = [];
    const cpuMs = (since: NodeJS.CpuUsage) => {
      const used = process.cpuUsage(since);
      return (used.user + used.system) / 1000;
    };
    await op.app();
    op.raw();
    for (let i = 0; i < runs; i++) {
      const ca = process.cpuUsage();
      const a = performance.now();
      await op.app();
      const b = performance.now();
      appCpu.push(cpuMs(ca));
      const cb = process.cpuUsage();
      op.raw();
      raw.push(performance.now() - b);
      rawCpu.push(cpuMs(cb));
      app.push(b - a);
    }
    rows.push({ label: op.label, app: figureOf(app), raw: figureOf(raw) });
    rows.push({ label: `${op.label}, CPU time`, app: figureOf(appCpu), raw: figureOf(rawCpu) });
  }

  if (writesOnly) {
    await wb.close();
    rmSync(dir, { recursive: true, force: true });
    return { rows, lists: [] };
  }

  // List calls while the daily backup copies the register, beside the same calls without it.
  const input = requestListInput.parse({ openOnly: true, sortBy: 'dueAt', sortDir: 'asc' });
  const during: number[] = [];
  let done = false;
  const backup = createBackup(wb.ctx, 'manual').then(() => (done = true));
  while (!done) {
    const s = performance.now();
    await listRequests(wb.ctx, input);
    during.push(performance.now() - s);
    await new Promise((next) => setTimeout(next, 5));
  }
  await backup;
  rows.push({ label: `open by due date, during a backup (${during.length} calls)`, app: figureOf(during), raw: await timed(RUNS, () => listRequests(wb.ctx, input)) });

  const lists = await measureLists(wb, recorder, ids, LIST_RUNS);

  await wb.close();
  rmSync(dir, { recursive: true, force: true });
  return { rows, lists };
}

const ms = (n: number) => (n < 10 ? n.toFixed(2) : n.toFixed(1));

/** `--writes-only`: the start and the writes alone (no lists, no backup, no transfers). */
const writesOnly = process.argv.includes('--writes-only');

const transferRows = (() => {
  const args = process.argv.slice(2);
  if (args.includes('--no-transfers') || args.includes('--writes-only')) return 0;
  const i = args.indexOf('--transfer-rows');
  return i >= 0 ? Number(args[i + 1]) : 100_000;
})();

/** The tables for the sizes measured so far (the last one, with growth from the first). */
function printTables(done: number[], results: Row[][], lists: ListResult[][]) {
  const last = results.length - 1;
  const sizeLabel = (n: number) => (n >= 1_000_000 ? `${n / 1_000_000}M` : n >= 1000 ? `${n / 1000}k` : String(n));
  console.log(`\nAt ${sizeLabel(done[last]!)} requests (ms; "raw" is hand-written SQL on the same file and connection; the backup row's "raw" is the same call without a backup running)\n`);
  const growthHeads = results.length > 1 ? done.slice(1).map((n) => `app median at ${sizeLabel(n)} ÷ ${sizeLabel(done[0]!)}`) : [];
  console.log(`| operation | app median | app p95 | raw median | raw p95 | app ÷ raw (median) |${growthHeads.map((h) => ` ${h} |`).join('')}`);
  console.log(`|---|---:|---:|---:|---:|---:|${growthHeads.map(() => '---:|').join('')}`);
  for (const [i, row] of results[last]!.entries()) {
    const raw = row.raw;
    const growth = results.slice(1).map((r) => `${(r[i]!.app.median / results[0]![i]!.app.median).toFixed(1)}×`);
    console.log(
      `| ${row.label} | ${ms(row.app.median)} | ${ms(row.app.p95)} | ${raw ? ms(raw.median) : ''} | ${raw ? ms(raw.p95) : ''} | ${raw ? `${(row.app.median / raw.median).toFixed(1)}×` : ''} |${growth.map((g) => ` ${g} |`).join('')}`,
    );
  }
  const firstLists = lists.length > 1 ? lists[0]! : null;
  console.log(listTable(summarise(lists[last]!, firstLists), `${sizeLabel(done[last]!)} requests`, firstLists ? sizeLabel(done[0]!) : null));
}

async function main() {
  const results: Row[][] = [];
  const lists: ListResult[][] = [];
  for (const [i, size] of sizes.entries()) {
    const measured = await measureSize(size);
    results.push(measured.rows);
    lists.push(measured.lists);
    // Each size's tables as soon as it is done: a long run that is stopped keeps what it measured.
    printTables(sizes.slice(0, i + 1), results, lists);
  }
}

main()
  .then(async () => {
    if (transferRows > 0) console.log(`\n${(await measureTransfers(transferRows, { pdf: false })).join('\n')}`);
    process.exit(0); // the backup worker and timers would keep the process alive
  })
  .catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
