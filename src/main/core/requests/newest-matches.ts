/**
 * On PostgreSQL, where a search is dense is decided by its first matches; for a text that many
 * requests hold, those are looked for among the newest requests before the trigram index's bitmap
 * (request-list.repository.ts `textSearchPlan`, TRIGRAM_RARITY.newestRows).
 */
import type { Executor } from '../db/executor';
import { rowsOf, rowsPlanned } from '../db/query';
import { REQUEST_SEARCHED, requestContains } from '../db/dialect';

/**
 * On PostgreSQL, a text that the planner's sample of the searched columns says many requests hold
 * (`candidates` in every `newestRows`, one in six: "qq.com", "UID"; `sampledShare`): the first
 * `candidates` matches among the newest `newestRows` requests, tested row by row, where they are
 * that many; else null. The GIN index's bitmap reads every entry of the text's trigrams before its
 * first match (qq.com: 30 ms at a million, where the newest requests give 2,000 matches in 8 ms).
 * The sample only chooses whether to look: if the newest requests hold fewer, the bitmap is read
 * after them (at most `newestRows` rows tested, about 12 ms), and the matches that decide are
 * real either way.
 */
export async function newestMatches(db: Executor, text: string, rarity: { candidates: number; newestRows: number }): Promise<number[] | null> {
  if ((await sampledShare(db, text)).share * rarity.newestRows < rarity.candidates) return null;
  const contains = requestContains(db, text);
  const newest = `select r.id from (select id, ${REQUEST_SEARCHED.join(', ')} from requests order by id desc limit ${rarity.newestRows}) as r where ${contains.where} limit ${rarity.candidates}`;
  const ids = (await rowsPlanned<{ id: number }>(db, 'range', newest, contains.params)).map((r) => Number(r.id));
  return ids.length >= rarity.candidates ? ids : null;
}

/** A searched column as the planner last sampled it: the share of empty values, the most common ones with their shares, and the bounds of the rest's histogram. */
interface SampledColumn {
  nulls: number;
  common: { value: string; share: number }[];
  bounds: string[];
}

/**
 * On PostgreSQL, beside a status, kind, channel or due window: the share of the requests that the
 * planner's sample says hold `text`, where that makes at least `candidates` of them; else null.
 * Such a text is taken as dense without its first matches read from the bitmap (8–16 ms at a
 * million for "Wang" or "@163", which 3% hold), as the filtered matches counted up to the bound
 * next are real either way: no more than the bound, and they are the list. A sample that holds a
 * rare text by chance costs a bounded walk at most (`cheaperRange`, request-list.repository.ts).
 */
export async function sampledDensity(db: Executor, text: string, candidates: number): Promise<number | null> {
  const { share, requests } = await sampledShare(db, text);
  return share * requests >= candidates ? share : null;
}

/** The planner's samples of the searched columns of each register (its Kysely instance) and its count of requests, read again after a minute. */
const SAMPLES_FOR_MS = 60_000;
const sampled = new WeakMap<object, { at: number; sample: Promise<{ columns: SampledColumn[]; requests: number }> }>();

/**
 * The share of the requests that hold `text` in a searched column, as the planner's own sample
 * (pg_stats, written by ANALYZE) suggests: each column's most common values that hold it, and the
 * histogram's share of the rest, as PostgreSQL itself guesses a pattern's share. Read in memory: a
 * statement planned for it took about 0.7 ms a search.
 */
async function sampledShare(db: Executor, text: string): Promise<{ share: number; requests: number }> {
  let entry = sampled.get(db);
  if (!entry || Date.now() - entry.at > SAMPLES_FOR_MS) {
    const read = rowsOf<{ nulls: number; vals: string | null; freqs: string | null; bounds: string | null; requests: number }>(
      db,
      `select (select c.reltuples from pg_class c join pg_namespace s on s.oid = c.relnamespace where s.nspname = current_schema() and c.relname = 'requests') as requests,
        null_frac as nulls, array_to_json(most_common_vals::text::text[])::text as vals, array_to_json(most_common_freqs)::text as freqs,
        array_to_json(histogram_bounds::text::text[])::text as bounds
        from pg_stats where schemaname = current_schema() and tablename = 'requests' and attname in (${REQUEST_SEARCHED.map(() => '?').join(', ')})`,
      [...REQUEST_SEARCHED],
    );
    const sample = read.then((rows) => ({
      columns: rows.map((r) => {
        const values = JSON.parse(r.vals ?? '[]') as string[];
        const shares = JSON.parse(r.freqs ?? '[]') as number[];
        return { nulls: Number(r.nulls), common: values.map((value, i) => ({ value, share: shares[i] ?? 0 })), bounds: JSON.parse(r.bounds ?? '[]') as string[] };
      }),
      // (reltuples is -1 for a table never analysed, whose columns have no sample either.)
      requests: Math.max(0, Number(rows[0]?.requests ?? 0)),
    }));
    sampled.set(db, (entry = { at: Date.now(), sample }));
    sample.catch(() => sampled.delete(db));
  }
  const { columns, requests } = await entry.sample;
  const folded = text.toLowerCase();
  const holds = (value: string) => value.toLowerCase().includes(folded);
  let none = 1;
  for (const c of columns) {
    const common = c.common.reduce((n, v) => n + v.share, 0);
    const rest = Math.max(0, 1 - c.nulls - common) * (c.bounds.length ? c.bounds.filter(holds).length / c.bounds.length : 0);
    none *= 1 - Math.min(1, c.common.filter((v) => holds(v.value)).reduce((n, v) => n + v.share, 0) + rest);
  }
  return { share: 1 - none, requests };
}
