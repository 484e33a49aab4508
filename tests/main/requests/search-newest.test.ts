import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeWorkbench, type TestWorkbench } from '../../helpers/workbench';
import { onPostgres } from '../../helpers/engine';
import { analyse } from '../../helpers/list-register';
import { buildRequests } from '../../bench/build-requests';
import { loadCalendar } from '../../../src/main/core/calendar/calendar.repository';
import { TRIGRAM_RARITY } from '../../../src/main/core/requests/request-list.repository';
import { newestMatches } from '../../../src/main/core/requests/newest-matches';
import { rowsOf } from '../../../src/main/core/db/query';
import { serverStatements } from '../../helpers/statements';

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

  it("beside a filter, counts a text the planner's sample says many hold with the filter at once, without its first matches read alone, and lists it as the phrase does", async () => {
    // "SHOP-OLD-1": 111 of the oldest half (1, 10–19, 100–199), too few among any newest rows to
    // look there; "SHOP-OLD": half the register, looked for among the newest first, in vain.
    const sampledAlone = { ...tuned, candidates: 50, countUpTo: 30, newestRows: 400 };
    const dearBitmap = { ...sampledAlone, bitmapMatchCost: 10 };
    expect((await matching('SHOP-OLD-1')).length).toBe(111);
    for (const search of ['SHOP-OLD-1', 'shop-old', 'SHOP-OLD']) {
      for (const extra of [{ status: 'closed' }, { kind: 'deletion' }, { channel: 'email', status: 'closed' }, { openOnly: true }]) {
        for (const rarity of [sampledAlone, dearBitmap]) {
          for (const [sortBy, sortDir] of [['receivedAt', 'desc'], ['dueAt', 'asc']] as const) {
            const input = { search, ...extra, sortBy, sortDir, page: 1, pageSize: 10 } as const;
            const truth = await listedWhole(input);
            Object.assign(TRIGRAM_RARITY, rarity);
            const { result: page, statements } = await serverStatements(() => wb.call('requests:list', input as never));
            const capped = truth.total > rarity.countUpTo;
            const label = JSON.stringify({ input, rarity });
            expect({ ids: page.items.map((r) => r.id), total: page.total, capped: page.totalCapped === true }, label).toEqual({
              ids: truth.items.map((r) => r.id),
              total: capped ? rarity.countUpTo : truth.total,
              capped,
            });
            // The text's first matches, read with no filter beside it (the newest rows' look aside): none.
            const alone = statements.filter((st) => /ilike/i.test(st.sql) && !/r\.(status|kind|channel)\b/.test(st.sql) && !/order by id desc/i.test(st.sql));
            expect(alone.map((st) => st.sql), label).toEqual([]);
          }
        }
      }
    }
  });
});
