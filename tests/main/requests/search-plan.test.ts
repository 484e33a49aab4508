import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { makeWorkbench, type TestWorkbench } from '../../helpers/workbench';
import { requestFixture } from '../../helpers/fixtures';
import { onPostgres, SQLITE_ONLY } from '../../helpers/engine';
import { buildRequests } from '../../bench/build-requests';
import { loadCalendar } from '../../../src/main/core/calendar/calendar.repository';
import { TRIGRAM_RARITY, textSearchPlan } from '../../../src/main/core/requests/request-list.repository';
import { REFERENCE_BEGINNING } from '../../../src/main/core/requests/request-list-query.repository';
import { REQUEST_SORT_FIELDS } from '../../../src/shared/domain/requests';
import { holdsReference } from '../../../src/main/core/requests/request-list-indexes';
import { statementRecorder } from '../../helpers/statements';

/**
 * A search of three characters or more reads the search index for its rare trigrams alone, or
 * every match by id, or walks the order's index, as the register's trigrams suggest
 * (`textSearchPlan`). Whichever it reads, the list shows the requests and the total the phrase
 * itself finds, and its total, or (a dense search, more matches than the count goes to) that bound
 * with `totalCapped`. The register here is small, so the thresholds are lowered to take every way;
 * the same calls reading the phrase whole are the truth.
 */
let wb: TestWorkbench;
let recorder: ReturnType<typeof statementRecorder>;
const tuned = { sample: 8, dense: 0.02, readAbove: 0, candidates: 100, countUpTo: 150, sortReferencesUpTo: 270, walkRows: 150, walkDensity: 0.5, newestRows: 400, bitmapMatchCost: 0.1 };
const untouched = { ...TRIGRAM_RARITY };
/** No match read ahead: the phrase read whole, its total counted exactly. */
const phraseOnly = { ...TRIGRAM_RARITY, candidates: 0 };

beforeAll(async () => {
  wb = await makeWorkbench();
  if (!onPostgres) recorder = statementRecorder(wb.database.sqlite!);
  // Numbered contacts (1380000xxxx, userN@example.com) and accounts, as a desk's register holds them.
  await buildRequests(wb.ctx.db, wb.database.sqlite, 1200, await loadCalendar(wb.ctx.db));
  for (const [requesterName, requesterContact, accountRef] of [
    ['Zoë MÜLLER', 'ZOE.Muller@Example.COM', 'VIP-13800'],
    ['欧阳娜娜', '138-0000-0042', 'U-0042'],
    ['Ada "Quote" Lovelace', 'ada@example.org', 'A"B"C'],
  ] as const) {
    await wb.call('requests:create', requestFixture({ requesterName, requesterContact, accountRef }));
  }
}, 120_000);
afterAll(async () => {
  Object.assign(TRIGRAM_RARITY, untouched);
  await wb.close();
});

/** A reference's beginning that more requests hold than the count goes to: its page read within the span of its year's times received. */
const WITHIN_SPAN = /r\.received_at >= \? and r\.received_at <= \?/;
/** A page walked along an index of years (by due date, last update or time received). */
const ALONG_YEAR = /^select r\.id, r\.reference, .* indexed by requests_reference_year_(due|updated|received)_idx /;
/** A dense search's matches found by id: from the search index's, or along the filters' own index range. */
/** The open condition, written out for the partial indexes of open requests. */
const OPEN_TEST = /r\.status in \('new', 'verifying', 'in_progress', 'awaiting_requester'\)/;
const FOUND_BY_INDEX = /^select (r\.id|requests_fts\.rowid) as id from requests_fts/;
const FOUND_ALONG_RANGE = /^select r\.id as id from requests r indexed by/;
const WALKED = / as held from requests r indexed by .* limit \d+\) as r where r\.held /;
const SORTED = /^select .* from requests_fts cross join requests r .* order by /;

async function listed(input: Record<string, unknown>, rarity: typeof TRIGRAM_RARITY) {
  Object.assign(TRIGRAM_RARITY, rarity);
  // (On PostgreSQL, the page alone: its statements are not recorded.)
  const { result: page, statements } = recorder
    ? await recorder.during(() => wb.call('requests:list', input as never))
    : { result: await wb.call('requests:list', input as never), statements: [] };
  const found = statements.map((s) => s.sql);
  return {
    ids: page.items.map((r) => r.id),
    total: page.total,
    capped: page.totalCapped === true,
    spanned: found.some((s) => WITHIN_SPAN.test(s)),
    alongYear: found.some((s) => ALONG_YEAR.test(s)),
    // The statements that carry a redundant test, which misled PostgreSQL's planner into sorting
    // every match: a walk along an index of years within the span (whose entries hold the
    // reference), and the open statuses tested twice.
    redundant: found.filter((s) => (ALONG_YEAR.test(s) && WITHIN_SPAN.test(s)) || (OPEN_TEST.test(s) && /r\.status in \(\?, \?, \?, \?\)/.test(s))),
    way: found.some((s) => FOUND_ALONG_RANGE.test(s)) ? ('range' as const) : found.some((s) => FOUND_BY_INDEX.test(s)) ? ('index' as const) : undefined,
    // A dense text's walk within its budget, and its page sorted from every match where the walk found none there.
    walked: found.some((s) => WALKED.test(s)) ? (SORTED.test(found[found.length - 1] ?? '') ? ('sortedAfterWalk' as const) : ('walkedWithin' as const)) : undefined,
  };
}

const DIGITS = '0123456789';
const texts = fc.oneof(
  // A run of a numbered contact, account or reference: common trigrams beside rare ones.
  fc.tuple(fc.integer({ min: 0, max: 1199 }), fc.boolean(), fc.integer({ min: 0, max: 8 }), fc.integer({ min: 3, max: 11 })).map(([i, account, from, length]) =>
    (account ? `U-${i}` : i % 4 === 0 ? `user${i}@example.com` : `1${3800000000 + i}`).slice(from, from + length),
  ),
  // A reference's beginning: a year's, or its first digits (up to a year's requests, more than the count goes to).
  fc.constantFrom('REQ-2025-', 'REQ-2025', 'req-2024', 'REQ-2024-0', 'req-2026-0', 'REQ-2023-01', 'REQ-2025-00', 'REQ-2025-2', 'REQ-2026-'),
  fc.constantFrom('13800', '3800000', '38000011', '3800001', 'user10', 'example.com', 'EXAMPLE', 'xample.c', '@example', 'müller', 'MÜLL', '欧阳娜', '0000-00', 'A"B', '"Quote"', 'req-2026-00'),
  fc.string({ unit: fc.constantFrom(...DIGITS, 'u', 'U', '-', '@', '.', 'e', 'x', 'a', 'm', '阳'), minLength: 3, maxLength: 7 }),
);
/** A filter given in one input of four: most searches are then run over many requests. */
const sometimes = <T>(value: fc.Arbitrary<T>) => fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: value });
const inputs = fc.record(
  {
    search: texts,
    status: fc.constantFrom(undefined, 'closed', 'new'),
    kind: fc.constantFrom(undefined, 'deletion', 'access_copy'),
    channel: sometimes(fc.constantFrom('hotline', 'email')),
    openOnly: sometimes(fc.constant(true)),
    due: sometimes(fc.constantFrom('overdue', 'due_soon', 'unknown')),
    sortBy: fc.constantFrom(...REQUEST_SORT_FIELDS),
    sortDir: fc.constantFrom('asc', 'desc'),
    page: fc.integer({ min: 1, max: 3 }),
    pageSize: fc.constantFrom(5, 25),
  },
  { requiredKeys: ['search', 'sortBy', 'sortDir', 'page', 'pageSize'] },
);

describe('a search read by its rare trigrams, by id or along the order', () => {
  // On PostgreSQL the truth is ILIKE read whole; its statements are not recorded, so the ways are the plan's.
  it('lists the requests and the total that the phrase (on PostgreSQL, ILIKE) finds, whichever way it reads', async () => {
    const ways = { rare: 0, byId: 0, many: 0, capped: 0, found: 0, range: 0, index: 0, references: 0, sortedReferences: 0, walkedWithin: 0, sortedAfterWalk: 0 };
    await fc.assert(
      fc.asyncProperty(inputs, async (input) => {
        const clean = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
        const truth = await listed(clean, phraseOnly);
        const { way, spanned, walked, alongYear: _alongYear, redundant: _redundant, ...read } = await listed(clean, tuned);
        const plan = await textSearchPlan(wb.ctx.db, { search: input.search }, tuned);
        // Counted up to the bound only where the search is dense or a reference's beginning, and more than that match.
        // A reference's beginning that few requests hold (whatever the filters) is sorted, its total exact.
        const reference = REFERENCE_BEGINNING.test(input.search);
        const sorted = reference && (await listed({ search: input.search }, phraseOnly)).total <= tuned.sortReferencesUpTo;
        const capped = (plan.dense || (reference && !sorted)) && truth.total > tuned.countUpTo;
        expect(read).toEqual({ ids: truth.ids, total: capped ? tuned.countUpTo : truth.total, capped });
        expect({ capped: truth.capped, way: truth.way, spanned: truth.spanned }).toEqual({ capped: false, way: undefined, spanned: false });
        if (way) ways[way] += 1;
        if (walked) ways[walked] += 1;
        if (capped) ways.capped += 1;
        if (capped && reference) ways.references += 1;
        if (sorted && truth.total > tuned.countUpTo) ways.sortedReferences += 1;
        if (plan.filters.rareTerms) ways.rare += 1;
        if (plan.filters.matchIds) ways.byId += 1;
        if (plan.dense) ways.many += 1;
        if (truth.total > 0) ways.found += 1;
      }),
      { numRuns: onPostgres ? 400 : 300, seed: 20261202 },
    );

    // Each way was taken, and most searches found something: the comparison is not an empty one.
    expect(ways.byId).toBeGreaterThan(5);
    expect(ways.many).toBeGreaterThan(5);
    expect(ways.capped).toBeGreaterThan(5);
    expect(ways.references).toBeGreaterThan(1);
    expect(ways.sortedReferences).toBeGreaterThan(1);
    expect(ways.found).toBeGreaterThan(60);
    if (onPostgres) return;
    expect(ways.rare).toBeGreaterThan(10);
    expect(ways.range).toBeGreaterThan(5);
    expect(ways.index).toBeGreaterThan(5);
  }, 300_000);

  it("reads a dense text's page along the order where its matches are near its start, and sorts them where they are not (a part of a year's references)", async () => {
    const seen = { walkedWithin: 0, sortedAfterWalk: 0 };
    for (const search of ['example.com', '2023-0', 'u-1']) {
      for (const sortBy of REQUEST_SORT_FIELDS) {
        for (const sortDir of ['asc', 'desc'] as const) {
          for (const page of [1, 3]) {
            const input = { search, sortBy, sortDir, page, pageSize: 25 };
            const truth = await listed(input, phraseOnly);
            const { walked, way: _way, spanned: _spanned, alongYear: _alongYear, redundant: _redundant, ...read } = await listed(input, tuned);
            expect(read, JSON.stringify(input)).toEqual({ ids: truth.ids, total: tuned.countUpTo, capped: true });
            if (walked) seen[walked] += 1;
          }
        }
      }
    }
    if (onPostgres) return;
    // The references of 2023 are the oldest: newest first, the walk's budget passes none of them.
    expect(seen.walkedWithin).toBeGreaterThan(10);
    expect(seen.sortedAfterWalk).toBeGreaterThan(10);
  });

  it("lists a reference's beginning that more requests hold than it sorts in every order as the phrase does, bounded by its span of times received where the walk's index does not hold the reference", async () => {
    const walks = { spanned: 0, inIndex: 0 };
    for (const search of ['REQ-2025-', 'REQ-2025-0', 'req-2024']) {
      expect((await listed({ search }, phraseOnly)).total, search).toBeGreaterThan(tuned.sortReferencesUpTo);
      for (const sortBy of REQUEST_SORT_FIELDS) {
        for (const sortDir of ['asc', 'desc'] as const) {
          for (const openOnly of [false, true]) {
            const input = { search, sortBy, sortDir, openOnly, page: 2, pageSize: 25 };
            const truth = await listed(input, phraseOnly);
            const walked = truth.total > tuned.countUpTo;
            const { spanned, ids, total, capped } = await listed(input, tuned);
            expect({ ids, total, capped }, JSON.stringify(input)).toEqual({ ids: truth.ids, total: walked ? tuned.countUpTo : truth.total, capped: walked });
            if (onPostgres || !walked) continue;
            // The orders of references and the indexes of years (by due date, last update, time received) hold the reference; along the others the walk keeps within the span.
            expect(spanned, JSON.stringify(input)).toBe(!holdsReference(openOnly ? 'open' : 'all', sortBy));
            walks[spanned ? 'spanned' : 'inIndex'] += 1;
          }
        }
      }
    }
    if (onPostgres) return;
    expect(walks.spanned).toBeGreaterThan(5);
    expect(walks.inIndex).toBeGreaterThan(5);
  });

  it("lists a reference's beginning beside a status, kind or channel as the phrase does, along its year's index by due date, last update and time received", async () => {
    let alongYears = 0;
    let openAlongYears = 0;
    for (const search of ['REQ-2025-', 'REQ-2025-0', 'req-2024', 'REQ-2026-']) {
      for (const sortBy of REQUEST_SORT_FIELDS) {
        for (const sortDir of ['asc', 'desc'] as const) {
          for (const extra of [{ status: 'closed' }, { kind: 'deletion' }, { channel: 'hotline' }, { openOnly: true, kind: 'access_copy' }]) {
            // (This year's are the only open ones here.)
            if (search === 'REQ-2026-' && !('openOnly' in extra)) continue;
            const input = { search, ...extra, sortBy, sortDir, page: 1, pageSize: 25 };
            const truth = await listed(input, phraseOnly);
            // Open requests of a kind are few here: with lower bounds, more of them match than the count goes to, yet fewer than the beginning holds (their range is counted, within the span).
            const rarity = 'openOnly' in extra ? { ...tuned, countUpTo: 3, sortReferencesUpTo: 4 } : tuned;
            const walked = truth.total > rarity.countUpTo;
            const { ids, total, capped, alongYear, redundant } = await listed(input, rarity);
            expect({ ids, total, capped }, JSON.stringify(input)).toEqual({ ids: truth.ids, total: walked ? rarity.countUpTo : truth.total, capped: walked });
            expect(redundant, JSON.stringify(input)).toEqual([]);
            // A status, kind or channel beside the beginning: along the year's index, not the filter's (whose range walks every year).
            if (alongYear && !('openOnly' in extra)) alongYears += 1;
            if (alongYear && "openOnly" in extra) openAlongYears += 1;
          }
        }
      }
    }
    if (onPostgres) return;
    expect(alongYears).toBeGreaterThan(3);
    expect(openAlongYears).toBeGreaterThan(0);
  });

  it.skipIf(onPostgres)(`finds a phone number by its middle digits among a thousand numbered ones, and nothing for digits none holds ${SQLITE_ONLY}`, async () => {
    Object.assign(TRIGRAM_RARITY, tuned);
    const plan = await textSearchPlan(wb.ctx.db, { search: '3800000417' });
    expect(plan.filters.rareTerms?.length).toBeGreaterThan(0);
    const page = await wb.call('requests:list', { search: '3800000417' });
    expect(page.total).toBe(1);
    expect((await wb.call('requests:get', { id: page.items[0]!.id })).requesterContact).toBe('13800000417');
    expect((await wb.call('requests:list', { search: '3800009999' })).total).toBe(0);
  });
});
