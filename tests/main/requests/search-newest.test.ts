import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeWorkbench, type TestWorkbench } from '../../helpers/workbench';
import { onPostgres } from '../../helpers/engine';
import { analyse } from '../../helpers/list-register';
import { buildRequests } from '../../bench/build-requests';
import { loadCalendar } from '../../../src/main/core/calendar/calendar.repository';
import { TRIGRAM_RARITY } from '../../../src/main/core/requests/request-list.repository';
import { newestMatches } from '../../../src/main/core/requests/newest-matches';
import { rowsOf } from '../../../src/main/core/db/query';

/**
 * On PostgreSQL, a text the planner takes to be held by many requests is first looked for among the
 * newest ones, row by row, rather than read from the trigram index's bitmap whole
 * (`newestMatches`). Whichever way, the list is the phrase's own.
 */
let wb: TestWorkbench;
const untouched = { ...TRIGRAM_RARITY };
const tuned = { ...TRIGRAM_RARITY, candidates: 100, countUpTo: 60, newestRows: 500 };

describe.skipIf(!onPostgres)('a dense text looked for among the newest requests (PostgreSQL)', () => {
  beforeAll(async () => {
    wb = await makeWorkbench();
    // Numbered contacts, one in four user…@example.com; the oldest half's accounts all at one shop,
    // which the newest requests never name.
    await buildRequests(wb.ctx.db, wb.database.sqlite, 1200, await loadCalendar(wb.ctx.db));
    await rowsOf(wb.ctx.db, "update requests set account_ref = 'SHOP-OLD-' || id where id <= 600", []);
    await analyse(wb);
  }, 120_000);
  afterAll(async () => {
    Object.assign(TRIGRAM_RARITY, untouched);
    await wb?.close();
  });

  /** The list with no match read ahead: the phrase read whole, its total exact. */
  const listedWhole = async (input: Record<string, unknown>) => {
    Object.assign(TRIGRAM_RARITY, { ...untouched, candidates: 0 });
    return wb.call('requests:list', input as never);
  };
  const matching = async (text: string) =>
    (await rowsOf<{ id: number }>(wb.ctx.db, 'select id from requests r where r.requester_contact ilike ? or r.account_ref ilike ? order by id desc', [`%${text}%`, `%${text}%`])).map((r) => Number(r.id));

  it('gives the newest matches of a text that many of the newest requests hold, and none for a rare text or one that only older requests hold', async () => {
    const held = await newestMatches(wb.ctx.db, 'example.com', tuned);
    expect(held).not.toBeNull();
    expect([...held!].sort((a, b) => b - a)).toEqual((await matching('example.com')).slice(0, tuned.candidates));
    // Rare: the planner's sample holds it below one in five, and nothing is walked.
    expect(await newestMatches(wb.ctx.db, '13800000417', tuned)).toBeNull();
    // Half the register holds it, as the planner sees, but not the newest 500: the bitmap reads it instead.
    expect((await matching('SHOP-OLD')).length).toBe(600);
    expect(await newestMatches(wb.ctx.db, 'SHOP-OLD', tuned)).toBeNull();
  });

  it('lists such texts as the phrase read whole does, in the order asked, with the total or "more than" the bound', async () => {
    for (const search of ['example.com', 'SHOP-OLD', 'EXAMPLE.C']) {
      for (const [sortBy, sortDir] of [['receivedAt', 'desc'], ['reference', 'asc'], ['dueAt', 'asc']] as const) {
        const input = { search, sortBy, sortDir, page: 2, pageSize: 25 };
        const truth = await listedWhole(input);
        Object.assign(TRIGRAM_RARITY, tuned);
        const page = await wb.call('requests:list', input);
        expect(page.items.map((r) => r.id), JSON.stringify(input)).toEqual(truth.items.map((r) => r.id));
        expect({ total: page.total, capped: page.totalCapped === true }).toEqual({ total: tuned.countUpTo, capped: true });
        expect(truth.total).toBeGreaterThan(tuned.countUpTo);
      }
    }
  });

  it("beside a filter, counts such a text along the filter's own range where walking it to the bound costs less than the bitmap, and lists it as the phrase does", async () => {
    // The bitmap priced high, as it is at a million requests against a few thousand rows walked.
    const dearBitmap = { ...tuned, bitmapMatchCost: 10 };
    for (const search of ['example.com', 'EXAMPLE.C']) {
      for (const extra of [{ status: 'closed' }, { kind: 'deletion' }, { channel: 'email', status: 'closed' }, { openOnly: true }]) {
        for (const rarity of [tuned, dearBitmap]) {
          const input = { search, ...extra, sortBy: 'receivedAt', sortDir: 'desc', page: 1, pageSize: 25 } as const;
          const truth = await listedWhole(input);
          Object.assign(TRIGRAM_RARITY, rarity);
          const page = await wb.call('requests:list', input as never);
          const capped = truth.total > rarity.countUpTo;
          expect({ ids: page.items.map((r) => r.id), total: page.total, capped: page.totalCapped === true }, JSON.stringify({ input, rarity })).toEqual({
            ids: truth.items.map((r) => r.id),
            total: capped ? rarity.countUpTo : truth.total,
            capped,
          });
        }
      }
    }
  });
});
