/**
 * What every bench script measures and prints the same way: the sizes asked for (`--size N`,
 * repeatable), a median and p95 of timed runs, milliseconds and sizes as the tables write them.
 */
import { performance } from 'node:perf_hooks';

/** The sizes given by `--size N` (repeatable), or `defaults`. */
export function sizesOf(argv: readonly string[], defaults: number[]): number[] {
  const given: number[] = [];
  for (let i = 0; i < argv.length; i++) if (argv[i] === '--size') given.push(Number(argv[++i]));
  return given.length > 0 ? given : defaults;
}

/** The number after `flag`, or `fallback` when the flag is not given. */
export function numberOf(argv: readonly string[], flag: string, fallback: number): number {
  const at = argv.indexOf(flag);
  return at >= 0 ? Number(argv[at + 1]) : fallback;
}

export interface Figure {
  median: number;
  p95: number;
}

/** The median and the 95th percentile (the value 95% of the runs do not exceed) of `times`. */
export function figureOf(times: readonly number[]): Figure {
  const sorted = [...times].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)]!, p95: sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)]! };
}

/** `fn` run `runs` times after one warming run (statements prepared, pages cached): its figure. */
export async function timed(runs: number, fn: () => unknown): Promise<Figure> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return figureOf(times);
}

/**
 * `fn` run `runs` times, the first (cold) run and the median printed on one line under `label`;
 * answers the last run's result, for the caller to show what it found.
 */
export async function timedLine<T>(label: string, runs: number, fn: () => Promise<T>): Promise<T> {
  let result!: T;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    result = await fn();
    times.push(performance.now() - t0);
  }
  console.log(`${label.padEnd(62)} first ${times[0]!.toFixed(1).padStart(8)} ms   median ${figureOf(times).median.toFixed(2).padStart(8)} ms   (${runs} runs)`);
  return result;
}

/** Milliseconds as the tables print them: two decimals under 10, one above. */
export const ms = (n: number) => (n < 10 ? n.toFixed(2) : n.toFixed(1));

/** A size as the tables name it: 10k, 1M, 500. */
export const sizeLabel = (n: number) => (n >= 1_000_000 ? `${n / 1_000_000}M` : n >= 1000 ? `${n / 1000}k` : String(n));
