/**
 * The desk and the requests report judge lateness by one rule: for the same register, period and
 * clock, the desk's counts, its overdue list, the gap checks and every format of the requests report
 * give the same answer.
 */
import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { makeWorkbench, type TestWorkbench } from '../../helpers/workbench';
import { requestFixture } from '../../helpers/fixtures';
import type { Request, RequestActInput } from '../../../src/shared/domain/requests';

/** One workflow step without the request's id and revision (distributed over the union of steps). */
type Step = RequestActInput extends infer U ? (U extends unknown ? Omit<U, 'id' | 'revision'> : never) : never;

let wb: TestWorkbench | undefined;
afterEach(() => {
  wb?.close();
  wb = undefined;
});

/** The overall line of the requests report's timeliness table, by its column's meaning. */
interface Figures {
  total: number;
  answered: number;
  onTime: number;
  late: number;
  overdue: number;
  withdrawn: number;
}

const fromLine = (line: (string | number)[]): Figures => ({
  total: Number(line[1]),
  answered: Number(line[2]),
  onTime: Number(line[3]),
  late: Number(line[4]),
  overdue: Number(line[5]),
  withdrawn: Number(line[6]),
});

async function exported(w: TestWorkbench, format: 'json' | 'csv', from: string, to: string) {
  const out = await w.call('reports:export', { report: 'requests', format, from, to });
  return out.files.map((f) => ({ name: f.name, text: Buffer.from(f.base64, 'base64').toString('utf8').replace(/^\uFEFF/, '') }));
}

/** The report's figures and each row's on-time cell, from its JSON. */
async function reportFromJson(w: TestWorkbench, from: string, to: string) {
  const [file] = await exported(w, 'json', from, to);
  const json = JSON.parse(file!.text) as {
    summaries: { key: string; rows: (string | number)[][] }[];
    sheets: { key: string; rows: { reference: string; onTime: boolean | null }[] }[];
  };
  const overall = json.summaries.find((s) => s.key === 'timeliness')!.rows[0]!;
  const rows = json.sheets.find((s) => s.key === 'requests')!.rows;
  return { figures: fromLine(overall), onTime: new Map(rows.map((r) => [r.reference, r.onTime])) };
}

/** The same figures from the CSV export's timeliness file. */
async function figuresFromCsv(w: TestWorkbench, from: string, to: string): Promise<Figures> {
  const files = await exported(w, 'csv', from, to);
  const summary = files.find((f) => f.name.includes('timeliness'))!;
  const line = summary.text.trim().split(/\r?\n/)[1]!.split(',');
  return fromLine(line);
}

async function desk(w: TestWorkbench) {
  const counts = await w.call('requests:counts', {});
  const overdueList = await w.call('requests:list', { due: 'overdue', pageSize: 200 });
  const gaps = await w.call('gaps:summary', {});
  const gap = (gaps as { id: string; count: number }[]).find((g) => g.id === 'request-overdue');
  return { counts, overdueRefs: overdueList.items.map((r) => r.reference).sort(), overdueTotal: overdueList.total, gapCount: gap?.count ?? 0 };
}

describe('one rule for lateness', () => {
  it('five November requests read on 25 November: the desk and every format of the report say the same', async () => {
    // Calendar days (the default), Asia/Shanghai, 15 days.
    wb = await makeWorkbench({ now: '2026-11-25T04:00:00Z' });
    const w = wb;
    const log = async (day: string) => w.call('requests:create', requestFixture({ receivedAt: `2026-11-${day}T02:00:00Z` }));
    const act = async (r: Request, input: Step) =>
      w.call('requests:act', { id: r.id, revision: r.revision, ...input } as RequestActInput);

    // Withdrawn on day 2.
    const withdrawn = await log('02');
    await act(withdrawn, { action: 'withdraw', reason: '用户来电撤回', at: '2026-11-04T02:00:00Z' });
    // Answered on day 8 (on time).
    let early = await log('03');
    early = await act(early, { action: 'verify', method: 'sms_code', result: 'verified', note: '', at: '2026-11-04T02:00:00Z' });
    await act(early, { action: 'respond', summary: '已提供副本', at: '2026-11-11T02:00:00Z' });
    // Answered on day 21 (late).
    let late = await log('01');
    late = await act(late, { action: 'verify', method: 'sms_code', result: 'verified', note: '', at: '2026-11-02T02:00:00Z' });
    await act(late, { action: 'respond', summary: '已删除', at: '2026-11-22T02:00:00Z' });
    // Still open past its due date (due 2026-11-20).
    const open = await log('05');
    // Received on the 20th: not yet due.
    await log('20');

    const d = await desk(w);
    expect(d.counts.overdue).toBe(1);
    expect(d.overdueRefs).toEqual([open.reference]);
    expect(d.gapCount).toBe(1);

    const expected: Figures = { total: 5, answered: 2, onTime: 1, late: 2, overdue: 1, withdrawn: 1 };
    const json = await reportFromJson(w, '2026-11-01', '2026-11-30');
    expect(json.figures).toEqual(expected);
    expect(await figuresFromCsv(w, '2026-11-01', '2026-11-30')).toEqual(expected);
    // The withdrawn request is neither on time nor late; the one unanswered past due is not on time.
    expect(json.onTime.get(withdrawn.reference)).toBeNull();
    expect(json.onTime.get(open.reference)).toBe(false);
    expect(json.onTime.get(early.reference)).toBe(true);
    expect(json.onTime.get(late.reference)).toBe(false);
  });

  it('a request paused past its due date is overdue only when pauses do not stop the clock, on the desk and in the report alike', async () => {
    for (const pauseStopsClock of [false, true]) {
      wb?.close();
      wb = await makeWorkbench({ now: '2026-11-28T04:00:00Z' });
      const w = wb;
      await w.call('settings:update', { pauseStopsClock });
      const r = await w.call('requests:create', requestFixture({ receivedAt: '2026-11-02T02:00:00Z' }));
      await w.call('requests:act', { id: r.id, revision: r.revision, action: 'pause', reason: '等待补充身份证明', at: '2026-11-03T02:00:00Z' });
      const d = await desk(w);
      const report = await reportFromJson(w, '2026-11-01', '2026-11-30');
      expect(d.counts.overdue).toBe(pauseStopsClock ? 0 : 1);
      expect(report.figures.overdue).toBe(d.counts.overdue);
    }
  });

  it('for generated registers, with every status, pauses and both pause settings, the desk and the report agree', { timeout: 120_000 }, async () => {
    const NOW = '2026-11-30T04:00:00Z';
    const DAY = 86_400_000;
    const base = Date.parse('2026-10-01T01:00:00Z');
    const at = (day: number) => new Date(base + day * DAY).toISOString();
    // A request's story: received on a day, then up to four steps a few days apart.
    const step = fc.constantFrom('verify', 'pause', 'resume', 'respond', 'refuse', 'withdraw', 'close', 'reopen');
    const story = fc.record({ receivedDay: fc.integer({ min: 0, max: 55 }), steps: fc.array(fc.record({ action: step, gap: fc.integer({ min: 0, max: 12 }) }), { maxLength: 4 }) });
    await fc.assert(
      fc.asyncProperty(fc.boolean(), fc.array(story, { minLength: 1, maxLength: 7 }), async (pauseStopsClock, stories) => {
        wb?.close();
        wb = await makeWorkbench({ now: NOW });
        const w = wb;
        await w.call('settings:update', { pauseStopsClock });
        for (const s of stories) {
          let r = await w.call('requests:create', requestFixture({ receivedAt: at(s.receivedDay) }));
          let day = s.receivedDay;
          for (const { action, gap } of s.steps) {
            day += gap;
            if (Date.parse(at(day)) > Date.parse(NOW)) break;
            if (!r.allowedActions.includes(action)) continue;
            const when = { at: at(day) };
            const input: Record<RequestActInput['action'], object> = {
              verify: { method: 'sms_code', result: 'verified', note: '', ...when },
              pause: { reason: '等待补充材料', ...when },
              resume: { reason: '材料已收到', ...when },
              respond: { summary: '已答复', ...when },
              refuse: { refusalReason: 'national_security', explanation: '依法不予提供', complaintRouteGiven: true, ...when },
              withdraw: { reason: '撤回', ...when },
              close: { note: '' },
              reopen: { reason: '用户再次来电' },
              startVerification: { note: '' },
              note: { note: '备注' },
            };
            const result = await w.invoke('requests:act', { id: r.id, revision: r.revision, action, ...input[action] });
            // A step dated before an earlier one is refused; the story goes on without it.
            if (result.ok) r = result.value as Request;
          }
        }
        const d = await desk(w);
        const report = await reportFromJson(w, '2026-09-01', '2026-12-31');
        const all = await w.call('requests:list', { pageSize: 200 });
        expect(report.figures.total).toBe(all.total);
        expect(report.figures.overdue).toBe(d.counts.overdue);
        expect(d.overdueTotal).toBe(d.counts.overdue);
        expect(d.gapCount).toBe(d.counts.overdue);
        // Row by row: what the desk badges overdue is what the report counts unanswered past due.
        for (const item of all.items) {
          const detail = await w.call('requests:get', { id: item.id });
          const judged = report.onTime.get(item.reference);
          if (item.deadline.state === 'overdue') expect(judged).toBe(false);
          if (detail.status === 'withdrawn' || (detail.status === 'closed' && detail.respondedAt === null)) expect(judged).toBeNull();
          if (!['new', 'verifying', 'in_progress', 'awaiting_requester'].includes(detail.status) && detail.respondedAt && detail.deadline.dueAt) {
            expect(judged).toBe(detail.respondedAt <= detail.deadline.dueAt);
          }
        }
        const answered = all.items.filter((i) => !['new', 'verifying', 'in_progress', 'awaiting_requester', 'withdrawn'].includes(i.status));
        expect(report.figures.answered + report.figures.withdrawn + report.figures.overdue).toBeLessThanOrEqual(all.total);
        expect(report.figures.answered).toBeLessThanOrEqual(answered.length);
        w.close();
        wb = undefined;
      }),
      { numRuns: 25, seed: 20261201 },
    );
  });
});
