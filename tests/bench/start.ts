/**
 * Start and the daily backup at a size (issue 13, point 4), beside what they are measured against:
 *  - start: opening an existing register until it answers (what a host does before READY), five times;
 *  - the start's backup check when today's automatic backup exists: how long it takes and whether it
 *    copied anything (it must not);
 *  - list calls (open requests by due date) while the daily backup copies the register, beside the
 *    same calls with no backup running: their medians and p95s, and the ratio of the p95s.
 * Run: npm run bench:start [-- --size 1000000] (repeatable; default 100,000). Use `nice` for big sizes.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openWorkbench } from '../../src/main/core/workbench';
import { fixedClock } from '../../src/main/core/clock';
import { createBackup } from '../../src/main/core/backup/copy';
import { listBackups } from '../../src/main/core/backup/files';
import { runAutomaticBackup } from '../../src/main/core/backup/schedule';
import { listRequests } from '../../src/main/core/requests/desk.service';
import { requestListInput } from '../../src/shared/domain/requests';
import { seedListRegister } from '../helpers/list-register';
import { BENCH_NOW } from './build-requests';
import { figureOf, ms, sizeLabel, sizesOf, type Figure } from './measure';

const sizes = sizesOf(process.argv.slice(2), [100_000]);

async function measure(size: number): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'pw-bench-start-'));
  const dbPath = join(dir, 'bench.sqlite');
  const open = () => openWorkbench({ dbPath, host: 'cli', systemLanguage: 'en', clock: fixedClock(BENCH_NOW), actor: 'bench', dataDir: join(dir, 'data'), log: () => {} });
  let wb = await open();
  const t0 = performance.now();
  await seedListRegister(wb, size, BENCH_NOW);
  // Today's automatic backup, as the first start of the day leaves it.
  const first = performance.now();
  await createBackup(wb.ctx, 'auto');
  const backupMs = performance.now() - first;
  console.error(`${size.toLocaleString('en')} requests built in ${((performance.now() - t0) / 1000).toFixed(1)} s; register ${(statSync(dbPath).size / 1e6).toFixed(0)} MB; a backup took ${(backupMs / 1000).toFixed(1)} s`);
  await wb.close();

  const starts: number[] = [];
  const checks: number[] = [];
  let copied = 0;
  for (let i = 0; i < 5; i++) {
    const s = performance.now();
    wb = await open();
    starts.push(performance.now() - s);
    const c = performance.now();
    if (await runAutomaticBackup(wb.ctx)) copied += 1;
    checks.push(performance.now() - c);
    if (i < 4) await wb.close();
  }
  const backupsAfter = listBackups(wb.ctx.dataDir).length;

  // List calls alone, then while the daily backup copies the register (in its worker, in large steps).
  const input = requestListInput.parse({ openOnly: true, sortBy: 'dueAt', sortDir: 'asc' });
  const alone: number[] = [];
  for (let i = 0; i < 60; i++) {
    const s = performance.now();
    await listRequests(wb.ctx, input);
    alone.push(performance.now() - s);
    await new Promise((next) => setTimeout(next, 5));
  }
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
  await wb.close();
  rmSync(dir, { recursive: true, force: true });

  const [start, check, busy, quiet] = [starts, checks, during, alone].map(figureOf) as [Figure, Figure, Figure, Figure];
  return [
    `| at ${sizeLabel(size)} requests | median ms | p95 ms | compared with | its median ms | its p95 ms | ratio (p95) | target |`,
    '|---|---:|---:|---|---:|---:|---:|---|',
    `| start: open the register until ready (5 starts) | ${ms(start.median)} | ${ms(start.p95)} | | | | | ≤ 1,000 ms |`,
    `| the start's backup check, today's backup there (5 starts; ${copied} copies taken, ${backupsAfter} backup on disk) | ${ms(check.median)} | ${ms(check.p95)} | a backup | ${ms(backupMs)} | | | no copy |`,
    `| open by due date during a backup (${during.length} calls) | ${ms(busy.median)} | ${ms(busy.p95)} | no backup running (${alone.length} calls) | ${ms(quiet.median)} | ${ms(quiet.p95)} | ${(busy.p95 / quiet.p95).toFixed(2)}× | ≤ 2× |`,
  ];
}

async function main() {
  for (const size of sizes) console.log(`\n${(await measure(size)).join('\n')}`);
  process.exit(0); // the backup worker would keep the process alive
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
