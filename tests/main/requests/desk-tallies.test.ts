/**
 * The desk's counts and the dashboard read tallies kept by triggers (request_due_tallies,
 * request_answer_tallies, request_intake_tallies): they must say what counting the requests one by
 * one under the timeliness rule says, at any moment of the injected clock — before and after
 * midnight, across a month's end — and in a time zone whose days do not start on a UTC hour.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { dueWindow, inDueWindow } from '../../../src/shared/deadline/timeliness';
import type { DueWindow, Request, RequestActInput, RequestCounts, RequestDashboard, RequestKind } from '../../../src/shared/domain/requests';
import { addDays, localDateOf, monthStart, startOfLocalDay, weekStart } from '../../../src/shared/time';
import { makeWorkbench, type TestWorkbench } from '../../helpers/workbench';
import { run } from '../../helpers/engine';
import { requestFixture } from '../../helpers/fixtures';

let wb: TestWorkbench | undefined;
afterEach(async () => {
  await wb?.close();
  wb = undefined;
});

type Step = RequestActInput extends infer A ? (A extends unknown ? Omit<A, 'id' | 'revision'> : never) : never;

/** What the desk should show, counted from each request in memory under the one rule. */
async function byHand(w: TestWorkbench, ids: number[], nowIso: string): Promise<{ counts: RequestCounts; byKind: Record<string, number>; byWeek: number[] }> {
  const settings = await w.call('settings:get', {});
  const now = new Date(nowIso);
  const tz = settings.timeZone;
  const requests: Request[] = await Promise.all(ids.map((id) => w.call('requests:get', { id })));
  const inWindow = (window: DueWindow) => requests.filter((r) => inDueWindow(dueWindow(window, settings, now), { status: r.status, dueAt: r.deadline.dueAt })).length;
  const monthFrom = startOfLocalDay(monthStart(localDateOf(now, tz)), tz).toISOString();
  const answered = requests.filter((r) => r.respondedAt !== null && r.respondedAt >= monthFrom && r.respondedAt <= nowIso);
  const firstWeek = addDays(weekStart(localDateOf(now, tz)), -7 * 11);
  const weeks = Array.from({ length: 12 }, (_, i) => addDays(firstWeek, 7 * i));
  const since = startOfLocalDay(firstWeek, tz).toISOString();
  const byKind: Record<string, number> = {};
  for (const r of requests) if (r.receivedAt >= since) byKind[r.kind] = (byKind[r.kind] ?? 0) + 1;
  return {
    counts: {
      open: requests.filter((r) => ['new', 'verifying', 'in_progress', 'awaiting_requester'].includes(r.status)).length,
      overdue: inWindow('overdue'),
      dueToday: inWindow('today'),
      dueSoon: inWindow('due_soon'),
      unknownDeadline: inWindow('unknown'),
      respondedThisMonth: answered.length,
      respondedOnTimeThisMonth: answered.filter((r) => r.deadline.dueAt !== null && r.respondedAt! <= r.deadline.dueAt).length,
    },
    byKind,
    byWeek: weeks.map((week) => requests.filter((r) => weekStart(localDateOf(r.receivedAt, tz)) === week).length),
  };
}

const shown = (d: RequestDashboard) => ({
  counts: d.counts,
  byKind: Object.fromEntries(d.byKind.map((k) => [k.kind, k.count])),
  byWeek: d.byWeek.map((w) => w.count),
});

describe('the desk’s counts and the dashboard from the tallies', () => {
  it('say what counting the requests says, before and after midnight, across the month’s end and in a half-hour time zone', async () => {
    // 23:30 on Monday 30 November in Shanghai.
    const lastEvening = '2026-11-30T15:30:00.000Z';
    wb = await makeWorkbench({ now: lastEvening });
    const w = wb;
    const ids: number[] = [];
    const log = async (receivedAt: string, kind: RequestKind = 'access_copy') => {
      const r = await w.call('requests:create', requestFixture({ receivedAt, kind }));
      ids.push(r.id);
      return r;
    };
    const act = (r: Request, step: Step) => w.call('requests:act', { id: r.id, revision: r.revision, ...step } as RequestActInput);
    const answer = async (r: Request, at: string) => {
      const verified = await act(r, { action: 'verify', method: 'sms_code', result: 'verified', note: '', at: r.receivedAt });
      return act(verified, { action: 'respond', summary: '已处理', partial: false, at });
    };

    // Due at the end of today (received 15 days ago), due in a few days, long overdue, answered on
    // time and late this month, answered last month, and older requests beyond the twelve weeks.
    const dueTonight = await log('2026-11-15T02:00:00.000Z', 'deletion');
    await log('2026-11-27T05:00:00.000Z', 'correction');
    await log('2026-11-29T23:10:00.000Z');
    await log('2026-11-02T01:00:00.000Z', 'deletion');
    await answer(await log('2026-11-10T03:00:00.000Z'), '2026-11-20T03:00:00.000Z');
    await answer(await log('2026-10-20T03:00:00.000Z', 'deletion'), '2026-11-12T08:00:00.000Z');
    await answer(await log('2026-10-05T03:00:00.000Z'), '2026-10-28T03:00:00.000Z');
    // Answered a few minutes ago, in the current hour.
    await answer(await log('2026-11-25T03:00:00.000Z', 'correction'), '2026-11-30T15:10:00.000Z');
    await log('2026-06-01T03:00:00.000Z', 'deletion');

    const before = shown(await w.call('requests:dashboard', {}));
    expect(before).toEqual(await byHand(w, ids, lastEvening));
    expect(before.counts).toMatchObject({ open: 5, overdue: 2, dueToday: 1, respondedThisMonth: 3, respondedOnTimeThisMonth: 2 });
    expect(await w.call('requests:counts', {})).toEqual(before.counts);

    // Half a minute after midnight: the request due last night is overdue, and December has no answers yet.
    const afterMidnight = '2026-11-30T16:00:30.000Z';
    w.setNow(afterMidnight);
    const after = shown(await w.call('requests:dashboard', {}));
    expect(after).toEqual(await byHand(w, ids, afterMidnight));
    expect(after.counts).toMatchObject({ open: 5, overdue: 3, dueToday: 0, respondedThisMonth: 0, respondedOnTimeThisMonth: 0 });
    expect((await w.call('requests:dashboard', {})).overdue.map((r) => r.id)).toContain(dueTonight.id);

    // A step on a request moves it between the tallies at once.
    const current = await w.call('requests:get', { id: dueTonight.id });
    await answer(current, afterMidnight);
    expect(shown(await w.call('requests:dashboard', {}))).toEqual(await byHand(w, ids, afterMidnight));

    // India's days start at half past a UTC hour: the counts are still exact.
    await w.call('settings:update', { timeZone: 'Asia/Kolkata' });
    for (const at of ['2026-11-30T18:29:00.000Z', '2026-11-30T18:31:00.000Z']) {
      w.setNow(at);
      expect(shown(await w.call('requests:dashboard', {}))).toEqual(await byHand(w, ids, at));
    }
  });

  it('count the requests whose deadline is unknown as they move in and out of "unknown"', async () => {
    wb = await makeWorkbench({ now: '2026-11-30T06:00:00.000Z' });
    const w = wb;
    const ids: number[] = [];
    for (const receivedAt of ['2026-11-20T02:00:00.000Z', '2026-11-25T02:00:00.000Z', '2026-11-26T02:00:00.000Z', '2026-11-27T02:00:00.000Z']) {
      ids.push((await w.call('requests:create', requestFixture({ receivedAt }))).id);
    }
    const check = async (unknownDeadline: number) => {
      const counts = await w.call('requests:counts', {});
      expect(counts).toEqual((await byHand(w, ids, '2026-11-30T06:00:00.000Z')).counts);
      expect(counts.unknownDeadline).toBe(unknownDeadline);
      // The list's due filter gives the same total and the same requests.
      const listed = await w.call('requests:list', { due: 'unknown' });
      expect(listed.total).toBe(unknownDeadline);
      expect(listed.items).toHaveLength(unknownDeadline);
    };
    const get = (id: number) => w.call('requests:get', { id });
    await check(0);

    // Requests written before every deadline could be counted (an old register, a restored export): no due time.
    for (const id of ids.slice(0, 3)) await run(w.ctx.db, 'update requests set due_date = null, due_at = null where id = ?', id);
    await check(3);
    // A status step keeps a request in "unknown", under its new status.
    const stepped = await get(ids[0]!);
    await w.call('requests:act', { id: stepped.id, revision: stepped.revision, action: 'startVerification', note: '' });
    await check(3);
    // Waiting for the requester: still open, still unknown; withdrawn: no longer open, so no longer unknown.
    const waiting = await get(ids[2]!);
    await w.call('requests:act', { id: waiting.id, revision: waiting.revision, action: 'pause', reason: '等待申请人补充材料', at: '2026-11-30T04:00:00.000Z' });
    await check(3);
    const withdrawing = await get(ids[1]!);
    await w.call('requests:act', { id: withdrawing.id, revision: withdrawing.revision, action: 'withdraw', reason: '申请人撤回', at: '2026-11-30T05:00:00.000Z' });
    await check(2);
    // A changed deadline rule recomputes every open request: each gets its due time, and "unknown" empties.
    await w.call('settings:update', { responseDays: 14 });
    await check(0);
    const open = (await Promise.all(ids.map(get))).filter((r) => r.status !== 'withdrawn');
    expect(open.map((r) => r.deadline.dueAt === null)).toEqual([false, false, false]);
  });

  it('total a due window under a kind or a channel as counting the requests does, through edits, steps and an undated deadline', async () => {
    const nowIso = '2026-11-30T06:00:00.000Z';
    wb = await makeWorkbench({ now: nowIso });
    const w = wb;
    const settings = await w.call('settings:get', {});
    const kinds: RequestKind[] = ['access_copy', 'deletion', 'correction'];
    const channels = ['hotline', 'email', 'letter'] as const;
    const ids: number[] = [];
    // Overdue, due today, due soon and later, over three kinds and three channels that do not move together.
    const received = ['2026-10-20', '2026-11-02', '2026-11-10', '2026-11-13', '2026-11-15', '2026-11-20', '2026-11-24', '2026-11-27', '2026-11-29'];
    for (const [i, day] of received.entries()) {
      const r = await w.call('requests:create', requestFixture({ receivedAt: `${day}T02:00:00.000Z`, kind: kinds[i % 3]!, channel: channels[Math.floor(i / 3)]! }));
      ids.push(r.id);
    }
    const check = async (moment: string) => {
      const requests: Request[] = await Promise.all(ids.map((id) => w.call('requests:get', { id })));
      let nonEmpty = 0;
      for (const due of ['overdue', 'today', 'due_soon', 'this_week', 'unknown'] as const) {
        const window = dueWindow(due, settings, new Date(nowIso));
        const inWindow = requests.filter((r) => inDueWindow(window, { status: r.status, dueAt: r.deadline.dueAt }));
        for (const filter of [...kinds.map((kind) => ({ kind })), ...channels.map((channel) => ({ channel }))]) {
          const expected = inWindow.filter((r) => ('kind' in filter ? r.kind === filter.kind : r.channel === filter.channel)).map((r) => r.id);
          const listed = await w.call('requests:list', { due, ...filter, pageSize: 100 });
          expect({ total: listed.total, ids: listed.items.map((r) => r.id).sort((a, b) => a - b) }, `${moment}: ${JSON.stringify({ due, ...filter })}`).toEqual({ total: expected.length, ids: expected.sort((a, b) => a - b) });
          if (expected.length) nonEmpty += 1;
        }
      }
      expect(nonEmpty, moment).toBeGreaterThan(6);
    };
    await check('as logged');

    // A request's kind and channel corrected: it moves between the tallies of both.
    const edited = await w.call('requests:get', { id: ids[0]! });
    await w.call('requests:update', { ...requestFixture({ receivedAt: edited.receivedAt, kind: 'deletion', channel: 'letter' }), id: edited.id, revision: edited.revision });
    await check('after an edit of kind and channel');
    // Answered, withdrawn, waiting for the requester (still open): each leaves or stays in its window.
    const act = (r: Request, step: Step) => w.call('requests:act', { id: r.id, revision: r.revision, ...step } as RequestActInput);
    const toAnswer = await w.call('requests:get', { id: ids[1]! });
    const verified = await act(toAnswer, { action: 'verify', method: 'sms_code', result: 'verified', note: '', at: toAnswer.receivedAt });
    await act(verified, { action: 'respond', summary: '已处理', partial: false, at: nowIso });
    await act(await w.call('requests:get', { id: ids[4]! }), { action: 'withdraw', reason: '申请人撤回', at: nowIso });
    await act(await w.call('requests:get', { id: ids[6]! }), { action: 'pause', reason: '等待申请人补充材料', at: nowIso });
    await check('after steps');
    // A deadline written as unknown by an older program: out of every dated window, into "unknown".
    await run(w.ctx.db, 'update requests set due_date = null, due_at = null where id = ?', ids[7]!);
    await check('after a deadline became unknown');
  });
});
