/**
 * Kill -9 suite: a child process imports 5,000 requests, or streams writes, into a register and is
 * killed with SIGKILL at a random moment; the register is then reopened and checked: SQLite's
 * integrity_check, the import all or nothing, every write the child saw committed still there,
 * request references without gaps, and the audit chain.
 *
 *   npm run stress [-- --runs N] [-- --seed S]   (default 100 runs; STRESS_RUNS, STRESS_SEED also work)
 *
 * Prints one line per run and the counts; exits 1 when any run was partial or broke the chain.
 * A few runs of the same code are part of `npm test` (tests/main/db/kill.test.ts).
 */
import { copyFileSync, cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import BetterSqlite3 from 'better-sqlite3';
import { openWorkbench } from '../../src/main/core/workbench';
import { fixedClock } from '../../src/main/core/clock';
import { verifyAuditChain } from '../../src/main/core/audit/audit-verify';
import { runTs } from '../helpers/child-process';
import { requestsCsv } from '../helpers/import-files';
import { requestFixture } from '../helpers/fixtures';
import type { Result } from '../../src/shared/contract/result';
import type { Request } from '../../src/shared/domain/requests';

export const IMPORT_ROWS = 5000;

export interface KillPlan {
  kind: 'import' | 'writes';
  /** Kill once the child has reported this many rows read (import) or writes committed (writes)… */
  after: number;
  /** …and this many milliseconds more. */
  delayMs: number;
}

export interface KillOutcome {
  plan: KillPlan;
  /** Killed by the signal, or it had already finished. */
  killed: boolean;
  /** import: 'all' or 'none' of the rows are there, or 'partial'. writes: 'all' when every acknowledged write is there. */
  rows: 'all' | 'none' | 'partial';
  integrity: string;
  chainOk: boolean;
  /** The next request logged after the reopen got the next reference (no gap, no reuse). */
  nextReferenceOk: boolean;
  found: number;
}

export interface KillSuite {
  dir: string;
  template: string;
  csv: string;
  run(plan: KillPlan): Promise<KillOutcome>;
  dispose(): void;
}

const NOW = '2026-11-20T02:00:00.000Z';

/** A set-up register to copy for each run, and the 5,000-row file to import. */
export async function prepareKillSuite(): Promise<KillSuite> {
  const dir = mkdtempSync(join(tmpdir(), 'pw-kill-'));
  const template = join(dir, 'template.sqlite');
  const wb = await openWorkbench({ dbPath: template, host: 'cli', systemLanguage: 'en', clock: fixedClock(NOW), actor: 'stress', log: () => {} });
  const setUp = await wb.router.invoke('app:setup', { template: 'empty', organisationName: 'Org', language: 'en' });
  if (!setUp.ok) throw new Error(setUp.error.message);
  await wb.close(); // a clean close checkpoints the WAL: the file alone is the whole register
  const csv = join(dir, 'requests.csv');
  writeFileSync(csv, requestsCsv(IMPORT_ROWS));
  let n = 0;
  return {
    dir,
    template,
    csv,
    run: (plan) => killRun(template, csv, join(dir, `run-${(n += 1)}.sqlite`), plan),
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}

function countOf(lines: string[], prefix: string): number {
  if (prefix === 'progress') return Number(lines.filter((l) => l.startsWith('progress ')).at(-1)?.slice(9) ?? 0);
  return lines.filter((l) => l.startsWith(prefix)).length;
}

async function killRun(template: string, csv: string, dbPath: string, plan: KillPlan): Promise<KillOutcome> {
  copyFileSync(template, dbPath);
  // The register's files folder goes with it: it holds the audit log's anchor.
  const filesOf = (path: string) => path.replace(/\.sqlite$/, '-files');
  cpSync(filesOf(template), filesOf(dbPath), { recursive: true });
  const args = plan.kind === 'import' ? [dbPath, 'import', csv] : [dbPath, 'writes', 'K', '100000'];
  const child = runTs('tests/helpers/register-writer.ts', args);
  let finished = false;
  void child.exited.then(() => (finished = true));
  await child.waitFor('started');
  const progress = plan.kind === 'import' ? 'progress' : 'committed request';
  while (!finished && countOf(child.lines, progress) < plan.after) await sleep(2);
  if (plan.delayMs > 0) await sleep(plan.delayMs);
  const killed = child.process.kill('SIGKILL') && !finished;
  const exit = await child.exited;
  const acknowledged = child.lines.filter((l) => l.startsWith('committed request ')).map((l) => l.slice('committed request '.length));
  const importCommitted = child.lines.some((l) => l.startsWith('committed '));

  const raw = new BetterSqlite3(dbPath);
  const integrity = String(raw.pragma('integrity_check', { simple: true }));
  const references = (raw.prepare('select reference from requests order by id').all() as { reference: string }[]).map((r) => r.reference);
  raw.close();

  let rows: KillOutcome['rows'];
  if (plan.kind === 'import') {
    rows = references.length === IMPORT_ROWS ? 'all' : references.length === 0 ? 'none' : 'partial';
    // What the child was told was committed must be there.
    if (importCommitted && rows !== 'all') rows = 'partial';
  } else {
    const present = new Set(references);
    rows = acknowledged.every((ref) => present.has(ref)) ? 'all' : 'partial';
  }
  const gapFree = references.every((ref, i) => ref === `REQ-2026-${String(i + 1).padStart(4, '0')}`);

  const wb = await openWorkbench({ dbPath, host: 'cli', systemLanguage: 'en', clock: fixedClock(NOW), actor: 'stress', log: () => {} });
  let chainOk = false;
  let nextReferenceOk = false;
  try {
    const verdict = await verifyAuditChain(wb.ctx);
    chainOk = verdict.ok;
    const next = (await wb.router.invoke('requests:create', requestFixture())) as Result<Request>;
    nextReferenceOk = gapFree && next.ok && next.value.reference === `REQ-2026-${String(references.length + 1).padStart(4, '0')}`;
    chainOk = chainOk && (await verifyAuditChain(wb.ctx)).ok;
  } finally {
    await wb.close();
  }
  rmSync(dbPath, { force: true });
  for (const suffix of ['-wal', '-shm']) rmSync(dbPath + suffix, { force: true });
  if (!killed && exit.code !== 0) throw new Error(`the child failed before it was killed: ${child.stderr()}`);
  return { plan, killed, rows, integrity, chainOk, nextReferenceOk, found: references.length };
}

/** A small seeded generator (mulberry32): the same seed gives the same kill moments. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A random kill moment: mostly imports, anywhere while the file is read and written, or after its
 * last row, when the last rows, the audit entries and the commit are written (or it has finished);
 * some streams of single writes.
 */
export function randomPlan(next: () => number): KillPlan {
  const draw = next();
  if (draw < 0.5) return { kind: 'import', after: Math.floor(next() * IMPORT_ROWS), delayMs: Math.floor(next() * 60) };
  if (draw < 0.75) return { kind: 'import', after: IMPORT_ROWS, delayMs: Math.floor(next() * 800) };
  return { kind: 'writes', after: 1 + Math.floor(next() * 60), delayMs: Math.floor(next() * 20) };
}

function option(name: string, env: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? process.argv[i + 1] : process.env[env];
  const n = Number(value ?? fallback);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive whole number`);
  return n;
}

async function main() {
  const runs = option('runs', 'STRESS_RUNS', 100);
  const seed = option('seed', 'STRESS_SEED', Date.now() % 1_000_000);
  const next = random(seed);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(130)); // the exit kills the child too
  const suite = await prepareKillSuite();
  const counts = { runs: 0, killed: 0, all: 0, none: 0, partial: 0, integrityFailures: 0, chainFailures: 0, referenceFailures: 0 };
  console.log(`kill -9 suite: ${runs} runs, seed ${seed}`);
  try {
    for (let i = 0; i < runs; i += 1) {
      const outcome = await suite.run(randomPlan(next));
      counts.runs += 1;
      if (outcome.killed) counts.killed += 1;
      counts[outcome.rows] += 1;
      if (outcome.integrity !== 'ok') counts.integrityFailures += 1;
      if (!outcome.chainOk) counts.chainFailures += 1;
      if (!outcome.nextReferenceOk) counts.referenceFailures += 1;
      const { kind, after, delayMs } = outcome.plan;
      console.log(
        `${String(i + 1).padStart(4)} ${kind.padEnd(7)} kill after ${after} +${delayMs} ms: ${outcome.killed ? 'killed' : 'had finished'}, ` +
          `${outcome.found} requests (${outcome.rows}), integrity ${outcome.integrity}, chain ${outcome.chainOk ? 'ok' : 'BROKEN'}, next reference ${outcome.nextReferenceOk ? 'ok' : 'WRONG'}`,
      );
    }
  } finally {
    suite.dispose();
  }
  console.log(
    `runs ${counts.runs}, killed ${counts.killed}, all ${counts.all}, none ${counts.none}, partial ${counts.partial}, ` +
      `integrity failures ${counts.integrityFailures}, chain failures ${counts.chainFailures}, reference failures ${counts.referenceFailures}`,
  );
  const bad = counts.partial + counts.integrityFailures + counts.chainFailures + counts.referenceFailures;
  console.log(`${counts.runs - bad} passed, ${bad} failed`);
  process.exit(bad === 0 ? 0 : 1);
}

if (/stress[/\\]kill\.ts$/.test(process.argv[1] ?? '')) void main();
