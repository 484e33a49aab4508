/**
 * The renderer's benchmark: a register of N requests (100,000 unless `--size N`), the built web host
 * on it, and Debian's Chromium driving the real renderer. Prints, over several runs (each in a fresh
 * browser profile, so nothing is cached), the median and p95 of:
 *   first paint         navigation → the app's shell on screen (and Chromium's first contentful paint)
 *   dashboard numbers   navigation → the dashboard's request counts on screen
 *   requests list       a click on Requests in the navigation → the first page of requests on screen
 *   next page           a click on "Next page" → the next page's rows on screen
 * beside the time of the same API calls made directly over HTTP. No assertions: figures only.
 *
 * Run: npm run bench:renderer [-- --size 1000000 --runs 7 --pages 5 --keep]
 * `--profile` prints, for the first run, where the renderer's main thread spent each step (Chromium's
 * CPU profiler), by source module when the build has source maps:
 * `RENDERER_SOURCEMAP=1 npm run bench:renderer -- --profile`.
 * `--eager-click` clicks on Requests as soon as the dashboard's numbers show, before its charts are drawn.
 * `--db FILE` measures a register kept by an earlier `--keep` run (give its `--size` too) instead of building one.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { chromium, type CDPSession, type Page } from 'playwright-core';
import { moduleName, readMap, sourceAt, type DecodedMap } from './sourcemap';
import { fixedClock } from '../../src/main/core/clock';
import { openWorkbench } from '../../src/main/core/workbench';
import { applyTemplateToNewDatabase } from '../../src/main/core/app/app.service';
import { updateSettings } from '../../src/main/core/settings/settings.service';
import { loadCalendar } from '../../src/main/core/calendar/calendar.repository';
import { resources } from '../../src/shared/i18n';
import { BENCH_NOW, buildRequests } from './build-requests';

const ROOT = resolve(__dirname, '../..');
const NOW = BENCH_NOW;
const PAGE_SIZE = 25;

const { values: args } = parseArgs({
  options: {
    size: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '7' },
    pages: { type: 'string', default: '5' },
    keep: { type: 'boolean', default: false },
    db: { type: 'string' },
    profile: { type: 'boolean', default: false },
    'eager-click': { type: 'boolean', default: false },
  },
});
const SIZE = Number(args.size);
const RUNS = Number(args.runs);
const PAGES = Number(args.pages);
if (!Number.isInteger(SIZE) || SIZE < 100 || !Number.isInteger(RUNS) || RUNS < 1 || !Number.isInteger(PAGES) || PAGES < 1) {
  console.error('Usage: npm run bench:renderer -- [--size N ≥ 100] [--runs N] [--pages N] [--keep]');
  process.exit(2);
}

const en = resources.en as unknown as Record<string, Record<string, unknown>>;
const text = (ns: string, path: string) => path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], en[ns]) as string;
const CAPTION = text('requests', 'table.caption');
const NEXT = text('common', 'paging.controls.next');

/** Sets up an empty register and writes SIZE requests into it (tests/bench/build-requests.ts). */
async function buildRegister(dbPath: string): Promise<void> {
  const wb = await openWorkbench({ dbPath, host: 'cli', systemLanguage: 'en', clock: fixedClock(NOW), actor: 'bench', log: () => {} });
  await applyTemplateToNewDatabase(wb.ctx, 'empty', 'en');
  // Today's backup would otherwise be taken as the host starts, measuring the copy instead of the renderer.
  await updateSettings(wb.ctx, { autoBackup: false });
  const started = performance.now();
  await buildRequests(wb.ctx.db, wb.database.sqlite, SIZE, await loadCalendar(wb.ctx.db));
  wb.database.sqlite!.exec('analyze');
  await wb.close();
  console.log(`Built ${SIZE.toLocaleString('en')} requests in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
}

async function startHost(dbPath: string): Promise<{ url: string; origin: string; token: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [join(ROOT, 'out/main/serve.js'), '--db', dbPath, '--port', '0', '--lang', 'en', '--clock', NOW], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = await new Promise<string>((done, fail) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const match = /^READY (\S+)$/m.exec(out);
      if (match?.[1]) done(match[1]);
    });
    child.on('exit', (code) => fail(new Error(`The web host exited with ${code}: ${stderr}`)));
  });
  return { url, origin: new URL(url).origin, token: url.split('#token=')[1]!, child };
}

interface Samples {
  [figure: string]: number[];
}
/** Adds a sample; a figure Chromium did not report in a run (NaN) is left out rather than spoiling the median and p95. */
const add = (s: Samples, key: string, value: number) => {
  const samples = (s[key] ??= []);
  if (Number.isFinite(value)) samples.push(value);
};

/** Waits, checking at every animation frame, until `predicate` holds; answers the page's clock then. */
function frameWhen(page: Page, predicate: string): Promise<number> {
  return page
    .waitForFunction(`(() => { const ok = (${predicate}); return ok ? performance.now() : false; })()`, undefined, { polling: 'raf', timeout: 60_000 })
    .then((h) => h.jsonValue() as Promise<number>);
}

const ROWS = `[...document.querySelectorAll('table')].find((t) => t.caption && t.caption.textContent === ${JSON.stringify(CAPTION)})`;
const FIRST_REF = `(${ROWS}?.querySelector('tbody tr a')?.textContent ?? null)`;

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}
const maps = new Map<string, DecodedMap | null>();

/** The step's CPU profile as self time per source module (or Chromium's own categories), largest first. */
async function printProfile(cdp: CDPSession, step: string): Promise<void> {
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile };
  const byNode = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const self = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const frame = byNode.get(id)!;
    let name = frame.functionName.startsWith('(') ? frame.functionName : '(browser)';
    const asset = /\/assets\/[^?#]+\.js$/.exec(frame.url)?.[0];
    if (asset) {
      const file = join(ROOT, 'out/renderer', asset);
      if (!maps.has(file)) maps.set(file, readMap(file));
      const map = maps.get(file);
      const source = map ? sourceAt(map, frame.lineNumber, frame.columnNumber) : null;
      name = source ? moduleName(source) : asset.slice('/assets/'.length);
    } else if (frame.url) name = frame.url;
    self.set(name, (self.get(name) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  console.log(`\nWhere the main thread went, ${step} (${total.toFixed(0)} ms sampled):`);
  for (const [name, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 18)) console.log(`  ${ms.toFixed(0).padStart(7)} ms  ${name}`);
}

async function browserRun(url: string, samples: Samples, executablePath: string, profile = false): Promise<void> {
  const browser = await chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    // The waits below are expressions that Playwright evaluates in the page, which the renderer's CSP
    // (no eval) would refuse; bypassing it changes nothing the figures measure.
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, bypassCSP: true });
    const page = await context.newPage();
    // The renderer's main-thread time (Chromium's TaskDuration) spent on each step: unlike the wall
    // clock, it barely moves when other programs share the machine's cores.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const busy = async () => {
      const { metrics } = await cdp.send('Performance.getMetrics');
      return (metrics.find((m) => m.name === 'TaskDuration')?.value ?? NaN) * 1000;
    };
    if (profile) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    await page.goto(url, { waitUntil: 'commit' });
    // Both figures from one watch in the page, each at the first frame it is seen: waiting for the
    // numbers only once the shell's wait has answered would add a round trip to Playwright to them
    // whenever the two are drawn together.
    const firstScreen = await page
      .waitForFunction(
        `(() => {
          const seen = (window.__benchSeen ??= {});
          const now = performance.now();
          if (seen.shell === undefined && document.querySelector('nav a[href="#/requests"]')) seen.shell = now;
          if (seen.numbers === undefined && document.querySelector('[data-testid="count-open"]')) seen.numbers = now;
          return seen.shell !== undefined && seen.numbers !== undefined ? seen : false;
        })()`,
        undefined,
        { polling: 'raf', timeout: 60_000 },
      )
      .then((h) => h.jsonValue() as Promise<{ shell: number; numbers: number }>);
    add(samples, 'first paint', firstScreen.shell);
    add(samples, 'dashboard numbers', firstScreen.numbers);
    add(samples, 'cpu dashboard numbers', await busy());
    // The page's own code runs as strings: this file is compiled for Node, without the DOM's types.
    add(samples, 'first contentful paint', await page.evaluate<number>(`performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN`));
    const scripts = await page.evaluate<number>(
      `performance.getEntriesByType('resource').filter((r) => r.name.endsWith('.js')).reduce((sum, r) => sum + r.transferSize, 0)`,
    );
    add(samples, 'scripts transferred to the dashboard (KB)', scripts / 1024);
    // The dashboard's charts come after its numbers; the click on Requests is made once they are
    // drawn and the page is idle, so that the list's figure is the list's own (`--eager-click` clicks
    // as soon as the numbers show, as the earlier tables did).
    if (!args['eager-click']) {
      add(samples, 'dashboard charts', await frameWhen(page, `document.querySelector('.recharts-wrapper')`));
      await page.evaluate(`new Promise((done) => requestIdleCallback(done, { timeout: 5000 }))`);
    }

    if (profile) {
      await printProfile(cdp, 'navigation → dashboard numbers');
      await cdp.send('Profiler.start');
    }
    let before = await busy();
    const clicked = await page.evaluate<number>(`(() => {
      const link = document.querySelector('nav a[href="#/requests"]');
      const t0 = performance.now();
      link.click();
      return t0;
    })()`);
    add(samples, 'requests list shown', (await frameWhen(page, `location.hash.startsWith('#/requests') && ${ROWS}?.querySelector('tbody tr a')`)) - clicked);
    add(samples, 'cpu requests list shown', (await busy()) - before);
    if (profile) {
      await printProfile(cdp, 'click on Requests → list shown');
      await cdp.send('Profiler.start');
    }

    for (let p = 2; p <= PAGES + 1; p++) {
      const firstRef = await page.evaluate<string | null>(FIRST_REF);
      before = await busy();
      const t0 = await page.evaluate<number>(`(() => {
        const button = document.querySelector('button[aria-label=${JSON.stringify(NEXT)}]');
        const t = performance.now();
        button.click();
        return t;
      })()`);
      const from = (p - 1) * PAGE_SIZE + 1;
      const shown = await frameWhen(
        page,
        `${FIRST_REF} !== ${JSON.stringify(firstRef)} && [...document.querySelectorAll('[aria-live="polite"]')].some((e) => e.textContent.startsWith('${from}–'))`,
      );
      add(samples, 'next page', shown - t0);
      add(samples, 'cpu next page', (await busy()) - before);
    }
    if (profile) await printProfile(cdp, `${PAGES} × next page`);
    await context.close();
  } finally {
    await browser.close();
  }
}

async function httpRun(origin: string, token: string, samples: Samples): Promise<void> {
  const callOnce = async (channel: string, input: unknown) => {
    const t0 = performance.now();
    const res = await fetch(`${origin}/api/${channel}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(input),
    });
    const body = (await res.json()) as { ok: boolean };
    if (!body.ok) throw new Error(`${channel} failed: ${JSON.stringify(body)}`);
    return performance.now() - t0;
  };
  add(samples, 'HTTP app:info', await callOnce('app:info', {}));
  add(samples, 'HTTP requests:dashboard', await callOnce('requests:dashboard', {}));
  add(samples, 'HTTP requests:list page 1', await callOnce('requests:list', { page: 1, pageSize: PAGE_SIZE, search: '' }));
  for (let p = 2; p <= PAGES + 1; p++) add(samples, 'HTTP requests:list next page', await callOnce('requests:list', { page: p, pageSize: PAGE_SIZE, search: '' }));
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}

async function main() {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  const dir = args.db ? null : mkdtempSync(join(tmpdir(), 'pw-bench-renderer-'));
  const dbPath = args.db ? resolve(args.db) : join(dir!, 'register.sqlite');
  if (dir) await buildRegister(dbPath);
  const host = await startHost(dbPath);
  const samples: Samples = {};
  try {
    // One run to warm the host (its statement caches, SQLite's page cache), not counted.
    await browserRun(host.url, {}, executablePath);
    for (let run = 0; run < RUNS; run++) {
      await browserRun(host.url, samples, executablePath, args.profile && run === 0);
      await httpRun(host.origin, host.token, samples);
    }
  } finally {
    host.child.kill('SIGTERM');
  }

  const rows: [string, string, string, string | null][] = [
    ['First paint (shell on screen)', 'first paint', '≤ 600 ms', 'HTTP app:info'],
    ['First contentful paint (Chromium)', 'first contentful paint', '', null],
    ['Dashboard numbers', 'dashboard numbers', '≤ 500 ms', 'HTTP requests:dashboard'],
    ['Dashboard charts drawn', 'dashboard charts', '', null],
    ['Requests list shown', 'requests list shown', '≤ 800 ms', 'HTTP requests:list page 1'],
    ['Next page of requests', 'next page', '≤ 100 ms', 'HTTP requests:list next page'],
  ];
  const f = (n: number) => `${n.toFixed(0)} ms`;
  console.log(`\nRenderer at ${SIZE.toLocaleString('en')} requests, ${RUNS} runs (next page: ${PAGES} per run), Chromium ${executablePath}\n`);
  console.log(`Load average when done: ${loadavg().map((l) => l.toFixed(1)).join(' / ')} (1 / 5 / 15 min, ${cpus().length} cores)\n`);
  console.log('| figure | target | median | p95 | median within target | renderer main thread, median | same API call over HTTP, median / p95 |');
  console.log('|---|---|---|---|---|---|---|');
  for (const [label, key, target, http] of rows) {
    const s = samples[key];
    if (!s || s.length === 0) continue;
    const h = http ? samples[http]! : null;
    const cpu = samples[`cpu ${key}`];
    const limit = /≤ (\d+) ms/.exec(target)?.[1];
    const within = limit ? (quantile(s, 0.5) <= Number(limit) ? 'yes' : '**no**') : '';
    console.log(`| ${label} | ${target} | ${f(quantile(s, 0.5))} | ${f(quantile(s, 0.95))} | ${within} | ${cpu ? f(quantile(cpu, 0.5)) : ''} | ${h ? `${f(quantile(h, 0.5))} / ${f(quantile(h, 0.95))} (${http!.slice(5)})` : ''} |`);
  }
  const kb = samples['scripts transferred to the dashboard (KB)']!;
  console.log(`\nScripts transferred before the dashboard's numbers: ${quantile(kb, 0.5).toFixed(0)} KB (compressed as sent).`);
  if (args.keep || !dir) console.log(`Kept ${dbPath}`);
  else rmSync(dir, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
