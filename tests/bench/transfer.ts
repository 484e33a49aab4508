/**
 * Transfer benchmark: XLSX and CSV export of N requests (default 100,000), import of N requests from
 * CSV, and the register PDF of the full sample. Each step runs in its own process so that its peak
 * RSS is its own. Run: npm run bench:transfer [-- --rows 100000]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openWorkbench } from '../../src/main/core/workbench';
import { fixedClock } from '../../src/main/core/clock';
import { setUpWorkbench } from '../../src/main/core/app/app.service';
import { writeReport } from '../../src/main/core/reports/reports.service';
import { commitImport } from '../../src/main/core/transfer/sheet-import';
import { IMPORT_SPECS } from '../../src/main/core/transfer/import-specs';
import { chromiumPlatform, closeChromium } from '../../src/main/chromium-pdf';

const NOW = '2026-11-20T02:00:00.000Z';
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
      const answered = i % 5 !== 0;
      const responded = answered ? new Date(received.getTime() + ((i % 20) + 1) * 86400000).toISOString() : null;
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

function peakRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

async function step(name: string, dbPath: string, arg: string) {
  const t0 = performance.now();
  let extra = '';
  if (name === 'export-xlsx' || name === 'export-csv') {
    const wb = await open(dbPath);
    const files = await writeReport(wb.ctx, { report: 'requests', format: name === 'export-xlsx' ? 'xlsx' : 'csv', sheet: name === 'export-csv' ? 'requests' : undefined }, arg);
    extra = `${files.length} file(s), ${(statSync(files[0]!).size / 1e6).toFixed(1)} MB`;
    await wb.close();
  } else if (name === 'import-csv') {
    const wb = await open(dbPath);
    await setUpWorkbench(wb.ctx, { template: 'empty', organisationName: 'Bench', language: 'zh-CN' });
    const t1 = performance.now();
    const result = await commitImport(wb.ctx, 'requests.csv', readFileSync(arg), IMPORT_SPECS);
    extra = `${result.inserted.requests} requests (import only: ${((performance.now() - t1) / 1000).toFixed(2)} s)`;
    await wb.close();
  } else if (name === 'pdf') {
    const wb = await open(dbPath);
    const cold = performance.now();
    await writeReport(wb.ctx, { report: 'register', format: 'pdf' }, join(arg, 'register-cold.pdf'));
    const coldMs = performance.now() - cold;
    const warm = performance.now();
    await writeReport(wb.ctx, { report: 'register', format: 'pdf' }, join(arg, 'register-warm.pdf'));
    const warmMs = performance.now() - warm;
    const pages = /Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [join(arg, 'register-warm.pdf')]).toString())?.[1];
    extra = `${pages} pages; first print (starts Chromium) ${(coldMs / 1000).toFixed(2)} s, next print ${(warmMs / 1000).toFixed(2)} s`;
    await closeChromium();
    await wb.close();
  }
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage();
  extra += `; CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s`;
  process.stdout.write(JSON.stringify({ name, seconds, peakRssMb: peakRssMb(), extra }) + '\n');
}

function runStep(name: string, dbPath: string, arg: string) {
  const out = execFileSync(process.execPath, [...process.execArgv, __filename, 'step', name, dbPath, arg], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 20 });
  const result = JSON.parse(out.trim().split('\n').at(-1)!) as { name: string; seconds: number; peakRssMb: number; extra: string };
  console.log(`${result.name.padEnd(12)} ${result.seconds.toFixed(2).padStart(7)} s   peak RSS ${String(result.peakRssMb).padStart(4)} MB   ${result.extra}`);
  return result;
}

async function main() {
  const [mode, ...rest] = process.argv.slice(2);
  if (mode === 'step') return step(rest[0]!, rest[1]!, rest[2]!);
  const rowsFlag = process.argv.indexOf('--rows');
  const rows = rowsFlag > 0 ? Number(process.argv[rowsFlag + 1]) : 100_000;
  const importFlag = process.argv.indexOf('--import-rows');
  const dir = mkdtempSync(join(tmpdir(), 'pw-bench-transfer-'));
  const dbPath = join(dir, 'register.sqlite');
  const t = performance.now();
  await build(dbPath, rows);
  console.log(`Built a register with the sample and ${rows} requests in ${((performance.now() - t) / 1000).toFixed(1)} s (${dir})`);
  runStep('export-xlsx', dbPath, join(dir, 'requests.xlsx'));
  runStep('export-csv', dbPath, join(dir, 'requests.csv'));
  let csv = join(dir, 'requests.csv');
  if (importFlag > 0) {
    const n = Number(process.argv[importFlag + 1]);
    const lines = readFileSync(csv, 'utf8').split('\r\n');
    csv = join(dir, `requests-${n}.csv`);
    writeFileSync(csv, lines.slice(0, n + 1).join('\r\n') + '\r\n');
  }
  runStep('import-csv', join(dir, 'empty.sqlite'), csv);
  runStep('pdf', dbPath, dir);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
