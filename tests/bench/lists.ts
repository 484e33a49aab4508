/**
 * Every list the API offers, under every filter × order × direction its input schema offers
 * (tests/helpers/offered-lists.ts), timed through the router (schema, handler, service, SQL) beside
 * the same statements run straight on the connection through prepared statements (the same page and
 * the same total, without the service or the query builder), on either engine (tests/bench/engines.ts). Part of `npm run bench`.
 */
import { performance } from 'node:perf_hooks';
import type { Workbench } from '../../src/main/core/workbench';
import type { Channel } from '../../src/shared/contract';
import { listSamples, offeredInputs, pagedChannels, type SampleIds } from '../helpers/offered-lists';
import type { BenchRecorder } from './engines';
import { figureOf, ms, type Figure } from './measure';

export type ListFigure = Figure;
export interface ListResult {
  channel: Channel;
  /** Its place in the channel's enumeration: the same input at every size (ids of records differ). */
  index: number;
  input: Record<string, unknown>;
  app: ListFigure;
  raw: ListFigure;
  total: number | null;
}

/**
 * The inputs the benchmark times: for the requests desk, every shape of its filters under every
 * order, and each other value of each filter under the default order (the full set runs to ten
 * thousand inputs, which the plan test walks); for the other lists, every offered input.
 */
export function benchInputs(channel: Channel, ids: SampleIds): Record<string, unknown>[] {
  const all = offeredInputs(channel, listSamples(channel, ids), { page: 1, pageSize: 25 });
  if (channel !== 'requests:list') return all;
  const shapes = offeredInputs(channel, listSamples(channel, ids), { page: 1, pageSize: 25 }).filter((input) => {
    const { sortBy: _by, sortDir: _dir, page: _p, pageSize: _s, ...filters } = input;
    void _by, void _dir, void _p, void _s;
    const firsts: Record<string, unknown> = { status: 'new', kind: 'access_copy', channel: 'hotline', due: 'overdue', openOnly: true };
    // Every shape under every order with no search and with a three-character one; the other searches under the default order.
    return Object.entries(filters).every(([k, v]) => (k === 'search' ? v === '' || v === '赵伟芳' : firsts[k] === v));
  });
  const variants = all.filter((input) => input.sortBy === undefined && input.sortDir === 'asc');
  // Enumerated afresh at each size, in the same order: `index` matches inputs across sizes.
  const seen = new Set<string>();
  return [...shapes, ...variants].filter((input) => {
    const key = JSON.stringify(input);
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

export async function measureLists(
  wb: Workbench,
  recorder: BenchRecorder,
  ids: SampleIds,
  runs: number,
  only?: Channel[],
): Promise<ListResult[]> {
  const results: ListResult[] = [];
  for (const channel of only ?? pagedChannels()) {
    const inputs = benchInputs(channel, ids);
    const t0 = performance.now();
    for (const [index, input] of inputs.entries()) {
      const { result, statements } = await recorder.during(() => wb.router.invoke(channel, input));
      if (!result.ok) throw new Error(`${channel} ${JSON.stringify(input)}: ${result.error.code} ${result.error.message}`);
      const reads = statements.filter((s) => /^\s*(select|with)\b/i.test(s.sql));
      const appTimes: number[] = [];
      const rawTimes: number[] = [];
      for (let i = 0; i < runs; i++) {
        let s = performance.now();
        await wb.router.invoke(channel, input);
        appTimes.push(performance.now() - s);
        s = performance.now();
        for (const r of reads) await recorder.raw(r);
        rawTimes.push(performance.now() - s);
      }
      const value = result.value as { total?: number };
      results.push({ channel, index, input, app: figureOf(appTimes), raw: figureOf(rawTimes), total: typeof value.total === 'number' ? value.total : null });
    }
    console.error(`  ${channel}: ${inputs.length} inputs in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  return results;
}

export const listKey = (r: Pick<ListResult, 'channel' | 'index'>) => `${r.channel} ${r.index}`;

/** Targets of issue 13: p95 ≤ 20 ms, ≤ 3× the raw statements, ≤ 2× the app's own median at the first size. */
export const TARGET = { p95: 20, ratio: 3, growth: 2 };
const OVERHEAD = 0.3;

export interface ListSummary {
  channel: Channel;
  inputs: number;
  medianOfMedians: number;
  worstP95: ListResult;
  worstRatio: ListResult;
  worstGrowth: { result: ListResult; growth: number } | null;
  misses: { result: ListResult; why: string[] }[];
}

/** Per list: how many inputs, their typical median, the worst p95, ratio and growth, and the inputs that miss a target. */
export function summarise(results: ListResult[], first: ListResult[] | null): ListSummary[] {
  const base = new Map((first ?? []).map((r) => [listKey(r), r]));
  // A ratio or a growth counts when the difference is more than a list call's fixed overhead (issue
  // 13 point 3: 0.3 ms); below it, a tenth of a millisecond of noise makes a factor of two.
  const ratioOf = (r: ListResult) => (r.app.median - r.raw.median <= OVERHEAD ? 1 : r.app.median / Math.max(r.raw.median, 0.001));
  const growthOf = (r: ListResult) => {
    const b = base.get(listKey(r));
    if (!b || !first) return null;
    return r.app.median - b.app.median <= OVERHEAD ? 1 : r.app.median / Math.max(b.app.median, 0.001);
  };
  const byChannel = new Map<Channel, ListResult[]>();
  for (const r of results) byChannel.set(r.channel, [...(byChannel.get(r.channel) ?? []), r]);
  return [...byChannel].map(([channel, rs]) => {
    const medians = rs.map((r) => r.app.median).sort((a, b) => a - b);
    const worst = (f: (r: ListResult) => number) => rs.reduce((a, b) => (f(b) > f(a) ? b : a));
    const worstGrowthResult = first ? worst((r) => growthOf(r) ?? 0) : null;
    const misses = rs
      .map((r) => {
        const why: string[] = [];
        if (r.app.p95 > TARGET.p95) why.push(`p95 ${r.app.p95.toFixed(1)} ms`);
        if (ratioOf(r) > TARGET.ratio) why.push(`${ratioOf(r).toFixed(1)}× raw`);
        const g = growthOf(r);
        if (g !== null && g > TARGET.growth) why.push(`${g.toFixed(1)}× its cost at the first size`);
        return { result: r, why };
      })
      .filter((m) => m.why.length > 0);
    return {
      channel,
      inputs: rs.length,
      medianOfMedians: medians[Math.floor(medians.length / 2)]!,
      worstP95: worst((r) => r.app.p95),
      worstRatio: worst(ratioOf),
      worstGrowth: worstGrowthResult && growthOf(worstGrowthResult) !== null ? { result: worstGrowthResult, growth: growthOf(worstGrowthResult)! } : null,
      misses,
    };
  });
}

const brief = (r: ListResult) => {
  const { page: _p, pageSize: _s, ...rest } = r.input;
  void _p, void _s;
  return JSON.stringify(rest).replace(/"/g, '').replace(/,search:(?=[,}])/, '') || '{}';
};

/** How many of the inputs missing a target the table lists (`--misses N`, or `all`; 40 by default). */
const SHOWN_MISSES = ((at) => (at < 0 ? 40 : process.argv[at + 1] === 'all' ? undefined : Number(process.argv[at + 1])))(process.argv.indexOf('--misses'));

/** The Markdown table of the lists, one row per list, and the inputs that miss a target below it. */
export function listTable(summaries: ListSummary[], sizeLabel: string, firstLabel: string | null): string {
  const lines = [
    `\nEvery offered list at ${sizeLabel} (ms; each input timed through the router, "raw" the same statements on the same connection; a ratio or growth counted where the difference is over 0.3 ms)\n`,
    `| list | inputs | median of medians | worst p95 (input) | worst app ÷ raw (input) |${firstLabel ? ` worst growth from ${firstLabel} (input) |` : ''} inputs missing a target |`,
    `|---|---:|---:|---|---|${firstLabel ? '---|' : ''}---:|`,
  ];
  for (const s of summaries) {
    const ratio =
      s.worstRatio.app.median - s.worstRatio.raw.median <= OVERHEAD ? 'within 0.3 ms' : `${(s.worstRatio.app.median / s.worstRatio.raw.median).toFixed(1)}× ${brief(s.worstRatio)}`;
    const growth = s.worstGrowth
      ? s.worstGrowth.growth === 1
        ? ' within 0.3 ms |'
        : ` ${s.worstGrowth.growth.toFixed(1)}× ${brief(s.worstGrowth.result)} |`
      : firstLabel
        ? ' |'
        : '';
    lines.push(`| ${s.channel} | ${s.inputs} | ${ms(s.medianOfMedians)} | ${ms(s.worstP95.app.p95)} ${brief(s.worstP95)} | ${ratio} |${growth} ${s.misses.length} |`);
  }
  const misses = summaries.flatMap((s) => s.misses);
  if (misses.length) {
    const missing = (target: RegExp) => misses.filter((m) => m.why.some((w) => target.test(w))).length;
    const shown = SHOWN_MISSES ?? misses.length;
    lines.push(
      '',
      `Inputs missing a target (${misses.length}: ${missing(/^p95/)} over p95 20 ms, ${missing(/raw/)} over 3× raw, ${missing(/first size/)} over 2× their cost at the first size; ${shown >= misses.length ? 'all' : `the first ${shown}`} by p95, \`--misses N|all\`):`,
      '',
    );
    for (const m of [...misses].sort((a, b) => b.result.app.p95 - a.result.app.p95).slice(0, shown)) {
      lines.push(`- ${m.result.channel} ${brief(m.result)}: ${m.why.join(', ')} (median ${ms(m.result.app.median)}, raw ${ms(m.result.raw.median)})`);
    }
  }
  return lines.join('\n');
}
