/**
 * Transfer benchmark: XLSX and CSV export of N requests (default 100,000), import of N requests from
 * CSV, and the register PDF of the full sample, each beside its raw twin where there is one:
 *  - CSV export: a plain loop over one statement writing the same rows and columns, as stored
 *    (no labels, masking or time zone), through one write stream;
 *  - CSV import: the same request rows, timeline entries and audit entries that the app's import
 *    wrote, read from its register beforehand and inserted by hand into a fresh one, in one
 *    transaction with prepared statements, each audit entry hashed and signed as the app does.
 * Each step runs in its own process so that its peak RSS is its own. Those processes compile the
 * TypeScript sources as they load them; the import is measured once more through the command line as
 * built (`npm run bench:transfer` builds first), whose peak RSS is what a user's import costs.
 * Run: npm run bench:transfer [-- --rows 100000 --import-rows N --no-pdf]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openWorkbench } from '../../src/main/core/workbench';
import { fixedClock } from '../../src/main/core/clock';
import { setUpWorkbench } from '../../src/main/core/app/app.service';
import { writeReport } from '../../src/main/core/reports/reports.service';
import { commitImport } from '../../src/main/core/transfer/sheet-import';
import { IMPORT_SPECS } from '../../src/main/core/transfer/import-specs';
import { chromiumPlatform, closeChromium } from '../../src/main/chromium-pdf';
import { auditHash } from '../../src/main/core/audit/audit.service';
import { entryHmac } from '../../src/main/core/audit/audit-key';

const NOW = '2026-11-20T02:00:00.000Z';
/** The command line as `npm run build` leaves it. */
const BUILT_CLI = join(__dirname, '../../out/main/cli.js');
const KINDS = ['access_copy', 'correction', 'deletion', 'restriction_objection', 'portability', 'withdraw_consent', 'account_cancellation', 'explanation', 'complaint', 'other'];
const CHANNELS = ['hotline', 'email', 'in_app', 'letter', 'in_person', 'other'];

async function open(dbPath: string) {
  return openWorkbench({ dbPath, host: 'cli', systemLanguage: 'zh-CN', clock: fixedClock(NOW), actor: 'bench', platform: chromiumPlatform });
}

/** A register with the sample and N requests, written straight into the table (the fixture, not what is measured). */
async function build(dbPath: string, rows: number) {
  const wb = await open(dbPath);
  await setUpWorkbench(wb.ctx, { template: 'sample', organisationName: '上海码昶信息技术咨询中心（码尚云）', language: 'zh-CN' });
  const insert = wb.database.sqlite!.prepare(`insert into requests (reference, channel, received_at, requester_name, requester_contact, account_ref, kind, details,
    concerns_minor, assignee, status, due_date, due_at, responded_at, response_summary, complaint_route_given, closed_at, revision, created_at, updated_at)
    values (?, ?, ?, ?, ?, ?, ?, ?, 0, '', ?, ?, ?, ?, '', 0, ?, 1, ?, ?)`);
  const start = Date.parse('2025-01-01T00:00:00Z');
  const span = Date.parse('2026-11-15T00:00:00Z') - start;
  wb.database.sqlite!.transaction(() => {
    for (let i = 0; i < rows; i += 1) {
      const received = new Date(start + Math.floor((span * i) / rows));
      const due = new Date(received.getTime() + 15 * 86400000);
      const answeredAt = received.getTime() + ((i % 20) + 1) * 86400000;
      // Answered, except one in five, and never after the bench's now (an import refuses a future time).
      const answered = i % 5 !== 0 && answeredAt < Date.parse(NOW);
      const responded = answered ? new Date(answeredAt).toISOString() : null;
      insert.run(
        `REQ-${received.getUTCFullYear()}-${String(i + 1).padStart(6, '0')}`,
        CHANNELS[i % CHANNELS.length],
        received.toISOString(),
        `用户${i}`,
        `138${String(i).padStart(8, '0')}`,
        `U-${i}`,
        KINDS[i % KINDS.length],
        '请删除我的账户浏览记录',
        answered ? 'responded' : 'in_progress',
        due.toISOString().slice(0, 10),
        due.toISOString(),
        responded,
        null,
        received.toISOString(),
        received.toISOString(),
      );
    }
  })();
  await wb.close();
}

const cpuSeconds = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
};

function peakRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

async function step(name: string, dbPath: string, arg: string) {
  const t0 = performance.now();
  let extra = '';
  /** The transfer's own time, without opening the register (or, for the raw import, reading the rows it copies). */
  let own = 0;
  /** The same section's CPU time (all threads), which a loaded machine disturbs less than the clock. */
  let ownCpu = 0;
  /** For the built command line: its own process's peak RSS, not this step's. */
  let builtPeakRss: number | undefined;
  if (name === 'export-xlsx' || name === 'export-csv') {
    const wb = await open(dbPath);
    const t1 = performance.now();
    const c1 = process.cpuUsage();
    const files = await writeReport(wb.ctx, { report: 'requests', format: name === 'export-xlsx' ? 'xlsx' : 'csv', sheet: name === 'export-csv' ? 'requests' : undefined, includeRequesterDetails: true }, arg);
    own = performance.now() - t1;
    ownCpu = cpuSeconds(c1);
    extra = `${files.length} file(s), ${(statSync(files[0]!).size / 1e6).toFixed(1)} MB`;
    await wb.close();
  } else if (name === 'export-csv-raw') {
    const wb = await open(dbPath);
    const columns = ['reference', 'channel', 'received_at', 'requester_name', 'requester_contact', 'account_ref', 'kind', 'details', 'concerns_minor', 'assignee', 'status', 'due_date', 'deadline_problem', 'responded_at', 'closed_at'];
    const quote = (v: unknown) => (v === null ? '' : typeof v === 'number' ? String(v) : /[",\r\n]/.test(v as string) ? `"${(v as string).replace(/"/g, '""')}"` : (v as string));
    const t1 = performance.now();
    const c1 = process.cpuUsage();
    const out = createWriteStream(arg);
    out.write(`\ufeff${columns.join(',')}\r\n`);
    let chunk = '';
    for (const row of wb.database.sqlite!.prepare(`select ${columns.join(', ')} from requests order by id`).raw().iterate() as Iterable<unknown[]>) {
      chunk += `${row.map(quote).join(',')}\r\n`;
      if (chunk.length > 65536) {
        if (!out.write(chunk)) await once(out, 'drain');
        chunk = '';
      }
    }
    out.end(chunk);
    await once(out, 'finish');
    own = performance.now() - t1;
    ownCpu = cpuSeconds(c1);
    extra = `${(statSync(arg).size / 1e6).toFixed(1)} MB`;
    await wb.close();
  } else if (name === 'import-csv-raw') {
    // arg: the register the app's import wrote; dbPath: a fresh one, set up alike, that the same rows go into by hand.
    const source = await open(arg);
    const wb = await open(dbPath);
    await setUpWorkbench(wb.ctx, { template: 'empty', organisationName: 'Bench', language: 'zh-CN' });
    const sqlite = wb.database.sqlite!;
    const setUpTo = (sqlite.prepare('select max(id) as id from audit_log').get() as { id: number }).id;
    const read = (sql: string) => source.database.sqlite!.prepare(sql).raw().all() as unknown[][];
    const requestColumns = (source.database.sqlite!.prepare('select * from requests limit 1').columns()).map((c) => c.name);
    const requests = read('select * from requests order by id');
    const eventColumns = (source.database.sqlite!.prepare('select * from request_events limit 1').columns()).map((c) => c.name);
    const events = read('select * from request_events order by id');
    const audits = source.database.sqlite!.prepare('select at, actor, entity, entity_id, action, before, after from audit_log where id > ? order by id').all(setUpTo) as {
      at: string; actor: string; entity: string; entity_id: number | null; action: string; before: string | null; after: string | null;
    }[];
    await source.close();
    const key = wb.ctx.audit.key;
    const t1 = performance.now();
    const c1 = process.cpuUsage();
    const insertRequest = sqlite.prepare(`insert into requests (${requestColumns.join(', ')}) values (${requestColumns.map(() => '?').join(', ')})`);
    const insertEvent = sqlite.prepare(`insert into request_events (${eventColumns.join(', ')}) values (${eventColumns.map(() => '?').join(', ')})`);
    const insertAudit = sqlite.prepare('insert into audit_log (id, at, actor, entity, entity_id, action, before, after, prev_hash, hash, hmac) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
    sqlite.transaction(() => {
      for (const r of requests) insertRequest.run(...r);
      for (const e of events) insertEvent.run(...e);
      let last = sqlite.prepare('select id, hash from audit_log order by id desc limit 1').get() as { id: number; hash: string };
      for (const a of audits) {
        const row = { ...a, prev_hash: last.hash };
        const hash = auditHash(row);
        const id = last.id + 1;
        insertAudit.run(id, a.at, a.actor, a.entity, a.entity_id, a.action, a.before, a.after, last.hash, hash, key ? entryHmac(key, id, hash) : null);
        last = { id, hash };
      }
    }).immediate();
    own = performance.now() - t1;
    ownCpu = cpuSeconds(c1);
    extra = `${requests.length} requests, ${events.length} timeline entries, ${audits.length} audit entries (inserts only: ${((performance.now() - t1) / 1000).toFixed(2)} s)`;
    await wb.close();
  } else if (name === 'import-csv') {
    const wb = await open(dbPath);
    await setUpWorkbench(wb.ctx, { template: 'empty', organisationName: 'Bench', language: 'zh-CN' });
    const t1 = performance.now();
    const c1 = process.cpuUsage();
    const result = await commitImport(wb.ctx, 'requests.csv', readFileSync(arg), IMPORT_SPECS).catch((error: { preview?: { issues: unknown[] } }) => {
      throw new Error(`import refused: ${JSON.stringify(error.preview?.issues.slice(0, 3) ?? error)}`);
    });
    own = performance.now() - t1;
    ownCpu = cpuSeconds(c1);
    extra = `${result.inserted.requests} requests`;
    await wb.close();
  } else if (name === 'import-csv-built') {
    // The same import through the command line as built (out/main/cli.js), as a user runs it: no
    // TypeScript compiled on the fly, which costs the other steps' processes about 30 MB.
    execFileSync(process.execPath, [BUILT_CLI, 'info', '--db', dbPath, '--template', 'empty'], { stdio: 'ignore' });
    const t1 = performance.now();
    const run = spawnSync(process.execPath, ['--require', join(__dirname, 'peak-rss.cjs'), BUILT_CLI, 'import', '--db', dbPath, '--file', arg], { encoding: 'utf8', maxBuffer: 1 << 24 });
    own = performance.now() - t1;
    if (run.status !== 0) throw new Error(`the built command line's import failed: ${run.stderr}`);
    ownCpu = Number.NaN;
    builtPeakRss = Number(/peak-rss-mb (\d+)\s*$/.exec(run.stderr)?.[1]);
    extra = run.stdout.trim().split('\n').at(-1) ?? '';
  } else if (name === 'pdf') {
    const wb = await open(dbPath);
    const cold = performance.now();
    await writeReport(wb.ctx, { report: 'register', format: 'pdf' }, join(arg, 'register-cold.pdf'));
    const coldMs = performance.now() - cold;
    const warm = performance.now();
    await writeReport(wb.ctx, { report: 'register', format: 'pdf' }, join(arg, 'register-warm.pdf'));
    const warmMs = performance.now() - warm;
    const pages = /Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [join(arg, 'register-warm.pdf')]).toString())?.[1];
    own = warmMs;
    ownCpu = Number.NaN;
    extra = `${pages} pages; first print (starts Chromium) ${(coldMs / 1000).toFixed(2)} s, next print ${(warmMs / 1000).toFixed(2)} s`;
    await closeChromium();
    await wb.close();
  }
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage();
  extra += `; CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s`;
  process.stdout.write(JSON.stringify({ name, seconds, own: own / 1000, ownCpu, peakRssMb: builtPeakRss ?? peakRssMb(), extra }) + '\n');
}

interface StepResult {
  name: string;
  seconds: number;
  own: number;
  ownCpu: number;
  peakRssMb: number;
  extra: string;
}

/** One step in a child process of its own: its peak RSS is the step's alone. */
function runStep(name: string, dbPath: string, arg: string): StepResult {
  const out = execFileSync(process.execPath, [...process.execArgv, __filename, 'step', name, dbPath, arg], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 20 });
  const result = JSON.parse(out.trim().split('\n').at(-1)!) as StepResult;
  result.ownCpu ??= Number.NaN; // not measured (JSON writes NaN as null)
  console.error(`${result.name.padEnd(15)} ${result.own.toFixed(2).padStart(7)} s, CPU ${Number.isNaN(result.ownCpu) ? '–' : result.ownCpu.toFixed(2)} s (process ${result.seconds.toFixed(2)} s)   peak RSS ${String(result.peakRssMb).padStart(4)} MB   ${result.extra}`);
  return result;
}

const sec = (n: number) => n.toFixed(2);

/** The Markdown table: the app beside its raw twin, their ratio (by the clock and by CPU time), the app's peak RSS, and the target. */
export function transferTable(rows: number, results: Record<string, StepResult>): string[] {
  const size = rows >= 1000 ? `${rows / 1000}k` : String(rows);
  const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
  const line = (label: string, app: StepResult, raw: StepResult | undefined, target: string) =>
    `| ${label} | ${sec(app.own)} | ${raw ? sec(raw.own) : ''} | ${raw ? ratio(app.own, raw.own) : ''} | ${Number.isNaN(app.ownCpu) ? '' : sec(app.ownCpu)} | ${raw && !Number.isNaN(app.ownCpu) ? sec(raw.ownCpu) : ''} | ${raw && !Number.isNaN(app.ownCpu) ? ratio(app.ownCpu, raw.ownCpu) : ''} | ${app.peakRssMb} | ${raw ? raw.peakRssMb : ''} | ${target} |`;
  return [
    `| transfer (${size} requests) | app s | raw s | app ÷ raw | app CPU s | raw CPU s | app ÷ raw (CPU) | app peak RSS MB | raw peak RSS MB | target |`,
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---|',
    line('CSV export', results['export-csv']!, results['export-csv-raw'], '≤ 2× raw'),
    line('XLSX export', results['export-xlsx']!, undefined, '≤ 6 s'),
    line('CSV import', results['import-csv']!, results['import-csv-raw'], '≤ 1.5× raw, ≤ 250 MB'),
    ...(results['import-csv-built'] ? [line('CSV import, the built command line', results['import-csv-built'], results['import-csv-raw'], '≤ 250 MB')] : []),
    ...(results.pdf ? [line('register PDF (sample, next print)', results.pdf, undefined, '')] : []),
  ];
}

/** Builds the register and runs every step; answers the table. */
export async function measureTransfers(rows: number, options: { importRows?: number; pdf?: boolean; built?: boolean } = {}): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'pw-bench-transfer-'));
  const dbPath = join(dir, 'register.sqlite');
  const t = performance.now();
  await build(dbPath, rows);
  console.error(`Built a register with the sample and ${rows} requests in ${((performance.now() - t) / 1000).toFixed(1)} s (${dir})`);
  const results: Record<string, StepResult> = {};
  results['export-csv-raw'] = runStep('export-csv-raw', dbPath, join(dir, 'requests-raw.csv'));
  results['export-csv'] = runStep('export-csv', dbPath, join(dir, 'requests.csv'));
  results['export-xlsx'] = runStep('export-xlsx', dbPath, join(dir, 'requests.xlsx'));
  let csv = join(dir, 'requests.csv');
  if (options.importRows) {
    const lines = readFileSync(csv, 'utf8').split('\r\n');
    csv = join(dir, `requests-${options.importRows}.csv`);
    writeFileSync(csv, lines.slice(0, options.importRows + 1).join('\r\n') + '\r\n');
  }
  results['import-csv'] = runStep('import-csv', join(dir, 'imported.sqlite'), csv);
  if (options.built && existsSync(BUILT_CLI)) results['import-csv-built'] = runStep('import-csv-built', join(dir, 'imported-built.sqlite'), csv);
  results['import-csv-raw'] = runStep('import-csv-raw', join(dir, 'by-hand.sqlite'), join(dir, 'imported.sqlite'));
  if (options.pdf !== false) results.pdf = runStep('pdf', dbPath, dir);
  rmSync(dir, { recursive: true, force: true });
  return transferTable(rows, results);
}

async function main() {
  const [mode, ...rest] = process.argv.slice(2);
  if (mode === 'step') return step(rest[0]!, rest[1]!, rest[2]!);
  // `build <file> <rows>`: only the register, to run or profile one step on it (`step <name> <file> <out>`).
  if (mode === 'build') return build(rest[0]!, Number(rest[1]));
  const flag = (name: string) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? Number(process.argv[i + 1]) : undefined;
  };
  const rows = flag('--rows') ?? 100_000;
  const table = await measureTransfers(rows, { importRows: flag('--import-rows'), pdf: !process.argv.includes('--no-pdf'), built: true });
  console.log(`\n${table.join('\n')}`);
}

if (require.main === module) main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
