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
 * `--writes-only`: the start and the writes alone. `--lists requests:list,flows:list`: those lists alone.
 * `--without-statistics`: the register's planner statistics deleted after the build, then the register
 * opened again: a register another program filled, with only the statistics the app gathers at open.
 *
 * Each size runs on both engines and the tables put them side by side: a register file on SQLite,
 * and a database on PostgreSQL — a throwaway server started for the run and stopped at its end, or
 * the one `PRIVACY_WORKBENCH_BENCH_PG_URL` names (tests/bench/engines.ts). `--engine sqlite` or
 * `--engine postgres` measures one. The writes and the backup row are the register file's
 * (on a server, the server's own backups apply).
 */
import { performance } from 'node:perf_hooks';
import type { Workbench } from '../../src/main/core/workbench';
import type { Channel } from '../../src/shared/contract';
import { listRequests, requestCounts, requestDashboard } from '../../src/main/core/requests/desk.service';
import { createBackup } from '../../src/main/core/backup/copy';
import { requestListInput, type RequestListInput } from '../../src/shared/domain/requests';
import { BENCH_NOW } from './build-requests';
import { registerSizesFor } from './build-register';
import { seedListRegister } from '../helpers/list-register';
import { ENGINE_LABEL, enginesOf, openBenchRegister, stopBenchServer, type BenchEngine, type RawSql } from './engines';
import { listTable, measureLists, summarise, type ListResult } from './lists';
import { serverWriteOperations, writeOperations } from './writes';
import { measureTransfers } from './transfer';
import { figureOf, ms, numberOf, sizeLabel, sizesOf, timed, type Figure } from './measure';

const sizes = sizesOf(process.argv.slice(2), [10_000, 100_000, 1_000_000]);
const LIST_RUNS = numberOf(process.argv, '--lists-runs', 5);
/** `--without-statistics`: the SQLite register's planner statistics deleted after the build (as rows written by another program leave it), then opened again. */
const withoutStatistics = process.argv.includes('--without-statistics');
/** `--lists requests:list,flows:list`: those lists alone (no desk operations, writes, backup or transfers). */
const onlyLists = (() => {
  const at = process.argv.indexOf('--lists');
  return at < 0 ? undefined : (process.argv[at + 1] ?? '').split(',').filter(Boolean) as Channel[];
})();

/** `--backlog 0.3`: that share of the older requests left open (build-requests.ts, `BENCH_BACKLOG`). */
if (process.argv.includes('--backlog')) process.env.BENCH_BACKLOG = process.argv[process.argv.indexOf('--backlog') + 1];
const engines = enginesOf(process.argv.slice(2));
const RUNS = 21;
const OPEN = `('new', 'verifying', 'in_progress', 'awaiting_requester')`;
const COLUMNS = `id, reference, channel, received_at, requester_name, kind, status, concerns_minor, assignee, due_date, due_at, deadline_problem, revision, updated_at`;

interface Operation {
  label: string;
  app: (wb: Workbench) => Promise<unknown>;
  /** The same page and total in raw SQL, through prepared statements on the same connection (file or server). */
  raw?: (sql: RawSql, engine: BenchEngine) => Promise<unknown>;
  runs?: number;
}

/** A list call and its raw twin: the page (`where … order by … limit`) and its total (`count(*)`). */
function list(label: string, input: RequestListInput, where: string, order: string, params: unknown[] = [], page = 1): Operation {
  return {
    label,
    app: (wb) => listRequests(wb.ctx, requestListInput.parse(input)),
    raw: async (sql) => {
      const w = where ? ` where ${where}` : '';
      await sql.all(`select ${COLUMNS} from requests${w} order by ${order} limit 25 offset ${(page - 1) * 25}`, params);
      return sql.all(`select count(*) as n from requests${w}`, params);
    },
  };
}

/**
 * The same search in raw SQL, newest first, and its count: on SQLite the FTS5 trigram index's matches
 * joined to their requests; on PostgreSQL ILIKE on the four columns (their pg_trgm GIN indexes).
 */
function search(label: string, text: string): Operation {
  const phrase = `"${text}"`;
  const pattern = `%${text}%`;
  const matches = `(r.reference ilike ? or r.requester_name ilike ? or r.requester_contact ilike ? or r.account_ref ilike ?)`;
  return {
    label,
    app: (wb) => listRequests(wb.ctx, requestListInput.parse({ search: text })),
    raw: async (sql, engine) => {
      if (engine === 'postgres') {
        const p = [pattern, pattern, pattern, pattern];
        await sql.all(`select r.id from requests r where ${matches} order by r.received_at desc, r.id desc limit 25`, p);
        return sql.all(`select count(*) from requests r where ${matches}`, p);
      }
      await sql.all(`select r.id from requests_fts f join requests r on r.id = f.rowid where requests_fts match ? order by r.received_at desc, r.id desc limit 25`, [phrase]);
      return sql.all(`select count(*) from requests_fts where requests_fts match ?`, [phrase]);
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
    {
      label: 'search held by most requests ("13800", a number\'s first digits)',
      runs: 7,
      app: (wb) => listRequests(wb.ctx, requestListInput.parse({ search: '13800' })),
      // The best by hand: the page along the order's index, each row tested; the count in the search index alone.
      raw: async (sql, engine) => {
        if (engine === 'postgres') return search('', '13800').raw!(sql, engine);
        const contains = `(instr(lower(reference), ?) > 0 or instr(lower(requester_name), ?) > 0 or instr(lower(requester_contact), ?) > 0 or instr(lower(account_ref), ?) > 0)`;
        await sql.all(`select ${COLUMNS} from requests indexed by requests_received_idx where ${contains} order by received_at desc, id desc limit 25`, ['13800', '13800', '13800', '13800']);
        return sql.all(`select count(*) as n from requests_fts where requests_fts match ?`, ['"13800"']);
      },
    },
    list('search, 2 characters (name begins)', { search: '赵伟' }, `requester_name like '赵伟%'`, 'received_at desc, id desc'),
    list('search, 1 character (a surname)', { search: '赵' }, `requester_name like '赵%'`, 'received_at desc, id desc'),
    {
      label: 'desk counts (navigation)',
      // A fraction of a millisecond each: enough runs for a median the machine's load does not move.
      runs: 201,
      app: (wb) => requestCounts(wb.ctx),
      raw: async (sql) => {
        await sql.all(`select count(*) from requests where status in ${OPEN}`);
        await sql.all(`select count(*) from requests where status in ('new', 'verifying', 'in_progress') and due_at <= ?`, [nowIso]);
        await sql.all(`select count(*) from requests where status in ${OPEN} and due_at is null`);
        return sql.all(`select count(*), sum(case when responded_at <= due_at then 1 else 0 end) from requests where responded_at >= '2026-10-31T16:00:00.000Z' and responded_at <= ?`, [nowIso]);
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

async function measureSize(size: number, engine: BenchEngine): Promise<{ rows: Row[]; lists: ListResult[] }> {
  const register = await openBenchRegister(engine, BENCH_NOW);
  let wb = register.wb;
  const t0 = performance.now();
  const ids = await seedListRegister(wb, size, BENCH_NOW);
  const sizes = registerSizesFor(size);
  console.error(
    `${ENGINE_LABEL[engine]}: ${size.toLocaleString('en')} requests, ${sizes.partners.toLocaleString('en')} partners, ${sizes.flows.toLocaleString('en')} flows, ${sizes.agreements.toLocaleString('en')} agreements built in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  const rows: Row[] = [];
  if (withoutStatistics && engine === 'sqlite') {
    // A register as another program leaves it: no planner statistics, until the app gathers its own at open.
    wb.database.sqlite!.exec('delete from sqlite_stat1');
    wb = await register.reopen();
  }
  if (onlyLists) {
    const lists = await measureLists(wb, register.recorder, ids, LIST_RUNS, onlyLists);
    await register.dispose();
    return { rows, lists };
  }

  // Start: open an existing register, migrated, ready to answer (what a host does before READY).
  const starts: number[] = [];
  for (let i = 0; i < 5; i++) {
    const s = performance.now();
    wb = await register.reopen();
    starts.push(performance.now() - s);
  }
  rows.push({ label: 'start: open the register until ready', app: figureOf(starts) });

  for (const op of writesOnly ? [] : operations(BENCH_NOW)) {
    const app = await timed(op.runs ?? RUNS, () => op.app(wb));
    const raw = op.raw ? await timed(op.runs ?? RUNS, () => op.raw!(register.raw, engine)) : undefined;
    rows.push({ label: op.label, app, ...(raw ? { raw } : {}) });
  }
  if (!writesOnly) {
    // The desk counts' overhead above their own SQL: the statements the call ran, run again raw
    // (the settings' cache check among them); app − raw is what the service adds.
    const { statements } = await register.recorder.during(() => requestCounts(wb.ctx));
    const own = await timed(201, async () => {
      for (const r of statements) await register.recorder.raw(r);
    });
    rows.push({ label: `desk counts beside their own ${statements.length} statements run raw`, app: rows.find((r) => r.label === 'desk counts (navigation)')!.app, raw: own });
  }

  // The desk's frequent writes beside the same rows, events and audit entries written by hand
  // (writes.ts: on the SQLite file all three, on the server logging a request), app and raw
  // alternating so that both see the same load.
  for (const op of engine === 'sqlite' ? writeOperations(wb) : serverWriteOperations(wb, register.raw)) {
    const runs = 100;
    // Warmed by a few untimed pairs first: statements prepared, and the app's code optimised by V8 (a
    // single warm call left the first timed ones running unoptimised code, on the app's side only).
    const warm = 10;
    await op.setUp(runs + warm);
    const app: number[] = [];
    const raw: number[] = [];
    const appCpu: number[] = [];
    const rawCpu: number[] = [];
    const cpuMs = (since: NodeJS.CpuUsage) => {
      const used = process.cpuUsage(since);
      return (used.user + used.system) / 1000;
    };
    for (let i = 0; i < warm; i++) {
      await op.app();
      await op.raw();
    }
    for (let i = 0; i < runs; i++) {
      const ca = process.cpuUsage();
      const a = performance.now();
      await op.app();
      const b = performance.now();
      appCpu.push(cpuMs(ca));
      const cb = process.cpuUsage();
      await op.raw();
      raw.push(performance.now() - b);
      rawCpu.push(cpuMs(cb));
      app.push(b - a);
    }
    rows.push({ label: op.label, app: figureOf(app), raw: figureOf(raw) });
    rows.push({ label: `${op.label}, CPU time`, app: figureOf(appCpu), raw: figureOf(rawCpu) });
  }

  if (writesOnly) {
    await register.dispose();
    return { rows, lists: [] };
  }

  // List calls while the daily backup copies the register, beside the same calls without it (a
  // register file's backup: on a server, the server's own backups apply).
  if (engine === 'sqlite') {
    const input = requestListInput.parse({ openOnly: true, sortBy: 'dueAt', sortDir: 'asc' });
    // Both series 5 ms apart: back to back, a call finds the caches warmer than one after a pause.
    const spaced = async (times: number[]) => {
      const s = performance.now();
      await listRequests(wb.ctx, input);
      times.push(performance.now() - s);
      await new Promise((next) => setTimeout(next, 5));
    };
    const alone: number[] = [];
    for (let i = 0; i < 60; i++) await spaced(alone);
    const during: number[] = [];
    let done = false;
    const backup = createBackup(wb.ctx, 'manual').then(() => (done = true));
    while (!done) await spaced(during);
    await backup;
    rows.push({ label: `open by due date, during a backup (${during.length} calls)`, app: figureOf(during), raw: figureOf(alone) });
  }

  const lists = await measureLists(wb, register.recorder, ids, LIST_RUNS);

  await register.dispose();
  return { rows, lists };
}

/** `--writes-only`: the start and the writes alone (no lists, no backup, no transfers). */
const writesOnly = process.argv.includes('--writes-only');

const transferRows = (() => {
  const args = process.argv.slice(2);
  if (args.includes('--no-transfers') || args.includes('--writes-only') || args.includes('--lists')) return 0;
  return numberOf(args, '--transfer-rows', 100_000);
})();

/** The tables for the sizes measured so far (the last one, with growth from the first), the engines side by side. */
function printTables(done: number[], results: Map<BenchEngine, Row[][]>, lists: Map<BenchEngine, ListResult[][]>) {
  const last = done.length - 1;
  const measured = [...results.keys()];
  if (measured.every((e) => results.get(e)![last]!.length === 0)) return printListTables(done, lists);
  console.log(
    `\nAt ${sizeLabel(done[last]!)} requests (ms; "raw" is hand-written SQL on the same register and connection, prepared — on PostgreSQL a named statement; the backup row's "raw" is the same call without a backup running)\n`,
  );
  const growthHeads = done.length > 1 ? done.slice(1).map((n) => `${sizeLabel(n)} ÷ ${sizeLabel(done[0]!)}`) : [];
  const heads = measured.flatMap((e) => [`${ENGINE_LABEL[e]} app median`, 'app p95', 'raw median', 'raw p95', 'app ÷ raw', ...growthHeads.map((h) => `growth ${h}`)]);
  const both = measured.length > 1;
  console.log(`| operation | ${heads.join(' | ')} |${both ? ' PostgreSQL ÷ SQLite (app median) |' : ''}`);
  console.log(`|---|${heads.map(() => '---:|').join('')}${both ? '---:|' : ''}`);
  const labels: string[] = [];
  for (const e of measured) for (const row of results.get(e)![last]!) if (!labels.includes(row.label)) labels.push(row.label);
  for (const label of labels) {
    const cells: string[] = [];
    const medians: (number | null)[] = [];
    for (const e of measured) {
      const bySize = results.get(e)!.map((rs) => rs.find((r) => r.label === label));
      const row = bySize[last];
      medians.push(row ? row.app.median : null);
      if (!row) {
        cells.push('', '', '', '', '', ...growthHeads.map(() => ''));
        continue;
      }
      const raw = row.raw;
      cells.push(ms(row.app.median), ms(row.app.p95), raw ? ms(raw.median) : '', raw ? ms(raw.p95) : '', raw ? `${(row.app.median / raw.median).toFixed(1)}×` : '');
      for (const at of bySize.slice(1)) cells.push(at && bySize[0] ? `${(at.app.median / bySize[0].app.median).toFixed(1)}×` : '');
    }
    const ratio = both && medians[0] && medians[1] ? `${(medians[1] / medians[0]).toFixed(1)}×` : '';
    console.log(`| ${label} | ${cells.join(' | ')} |${both ? ` ${ratio} |` : ''}`);
  }
  printListTables(done, lists);
}

/** The second table: every offered list, per engine, at the last size (growth from the first). */
function printListTables(done: number[], lists: Map<BenchEngine, ListResult[][]>) {
  const last = done.length - 1;
  for (const e of lists.keys()) {
    const perSize = lists.get(e)!;
    if (!perSize[last]!.length) continue;
    const firstLists = perSize.length > 1 ? perSize[0]! : null;
    console.log(listTable(summarise(perSize[last]!, firstLists), `${sizeLabel(done[last]!)} requests on ${ENGINE_LABEL[e]}`, firstLists ? sizeLabel(done[0]!) : null));
  }
}

async function main() {
  const results = new Map<BenchEngine, Row[][]>();
  const lists = new Map<BenchEngine, ListResult[][]>();
  for (const [i, size] of sizes.entries()) {
    for (const engine of engines) {
      const measured = await measureSize(size, engine);
      results.set(engine, [...(results.get(engine) ?? []), measured.rows]);
      lists.set(engine, [...(lists.get(engine) ?? []), measured.lists]);
    }
    // Each size's tables as soon as it is done: a long run that is stopped keeps what it measured.
    printTables(sizes.slice(0, i + 1), results, lists);
  }
}

process.once('SIGINT', () => {
  void stopBenchServer().finally(() => process.exit(130));
});

main()
  .then(async () => {
    await stopBenchServer();
    if (transferRows > 0) console.log(`\n${(await measureTransfers(transferRows, { pdf: false })).join('\n')}`);
    process.exit(0); // the backup worker and timers would keep the process alive
  })
  .catch(async (error: unknown) => {
    console.error(error);
    await stopBenchServer();
    process.exit(1);
  });
