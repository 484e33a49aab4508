import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeWorkbench, tableCounts, type TestWorkbench } from '../../helpers/workbench';
import type { Request } from '../../../src/shared/domain/requests';
import { requestFixture } from '../../helpers/fixtures';
import { rowOf, run } from '../../helpers/engine';
import { TRANSITIONS, REQUEST_STATUSES, REQUEST_ACTIONS } from '../../../src/shared/domain/requests';
import { verifyAuditChain } from '../../../src/main/core/audit/audit-verify';

let wb: TestWorkbench;
beforeEach(async () => {
  wb = await makeWorkbench();
});
afterEach(async () => {
  await wb.close();
});

const act = (r: Request, input: Record<string, unknown>) => wb.call('requests:act', { id: r.id, revision: r.revision, ...input } as never);
const eventsOf = async (id: number) => (await wb.call('requests:events', { id })).items.map((e) => e.kind).reverse();

describe('logging a request', () => {
  it('gives it the year’s next reference and a due date at once', async () => {
    const a = await wb.call('requests:create', requestFixture());
    const b = await wb.call('requests:create', requestFixture({ channel: 'email', requesterContact: 'li@example.com' }));
    expect(a.reference).toBe('REQ-2026-0001');
    expect(b.reference).toBe('REQ-2026-0002');
    expect(a.status).toBe('new');
    expect(a.deadline).toMatchObject({ dueDate: '2026-12-02', dueAt: '2026-12-02T16:00:00.000Z', state: 'on_track', daysLeft: 15 });
    expect(await eventsOf(a.id)).toEqual(['created']);
  });

  it('numbers by the year of the Shanghai day it was received', async () => {
    wb.setNow('2027-01-03T00:00:00Z');
    const late = await wb.call('requests:create', requestFixture({ receivedAt: '2026-12-31T17:00:00Z' }));
    expect(late.reference).toBe('REQ-2027-0001');
  });

  it('refuses a received time in the future, writing nothing', async () => {
    const before = await tableCounts(wb);
    const result = await wb.invoke('requests:create', requestFixture({ receivedAt: '2026-11-18T06:30:00Z' }));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('VALIDATION');
      expect(result.error.fieldErrors?.receivedAt).toMatch(/future/);
    }
    expect(await tableCounts(wb)).toEqual(before);
  });

  it('refuses a contact that is neither a phone number nor an email', async () => {
    const before = await tableCounts(wb);
    const result = await wb.invoke('requests:create', requestFixture({ requesterContact: 'call me maybe' }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.fieldErrors?.requesterContact).toBe('A phone number or an email address');
    expect(await tableCounts(wb)).toEqual(before);
    for (const ok of ['400-779-0025', '+86 138 0013 8000', 'wang@example.cn']) {
      expect((await wb.invoke('requests:create', requestFixture({ requesterContact: ok }))).ok).toBe(true);
    }
  });

  it('gives a provisional due date when working days reach a year not yet complete, and recomputes it when the year is', async () => {
    await wb.call('settings:update', { countingMode: 'working' });
    wb.setNow('2026-12-21T06:00:00Z');
    const r = await wb.call('requests:create', requestFixture({ receivedAt: '2026-12-21T02:00:00Z' }));
    // 22–25, 28–31 Dec (8); Fri 1 Jan, 4–8 Jan (14); Mon 11 Jan 2027, on the weekday rule.
    expect(r.deadline).toMatchObject({ dueDate: '2027-01-11', problem: 'calendar_provisional', missingYears: [2027], state: 'on_track' });
    expect((await wb.call('requests:counts', {})).unknownDeadline).toBe(0);
    // A stray 2027 line is used but does not make 2027 known: still provisional, one day later.
    const imported = await wb.call('calendar:import', { text: 'date,kind\n2027-01-01,holiday\n' });
    expect(imported).toMatchObject({ imported: 1, years: [2027], completeYear: null, recomputed: 1 });
    let after = await wb.call('requests:get', { id: r.id });
    expect(after.deadline).toMatchObject({ dueDate: '2027-01-12', problem: 'calendar_provisional', missingYears: [2027] });
    expect((await wb.call('calendar:year', { year: 2027 })).complete).toBe(false);
    // Marking 2027 complete makes the date certain, noted in the timeline and the audit log.
    expect(await wb.call('calendar:complete', { year: 2027, complete: true })).toEqual({ year: 2027, complete: true, recomputed: 1 });
    after = await wb.call('requests:get', { id: r.id });
    expect(after.deadline).toMatchObject({ dueDate: '2027-01-12', problem: null, missingYears: [] });
    expect(await eventsOf(r.id)).toEqual(['created', 'deadline_recomputed', 'deadline_recomputed']);
    const events = (await wb.call('requests:events', { id: r.id })).items;
    expect(events[0]?.data).toMatchObject({ cause: 'calendar', dueDateBefore: '2027-01-12', dueDateAfter: '2027-01-12', problem: null, problemBefore: 'calendar_provisional' });
    const audit = await rowOf(wb.ctx.db, `select before, after from audit_log where entity = 'holiday_calendar' order by id desc limit 1`);
    expect(audit).toEqual({ before: JSON.stringify({ complete: false, year: 2027 }), after: JSON.stringify({ complete: true, year: 2027 }) });
  });

  it('makes a provisional due date overdue like any other', async () => {
    await wb.call('settings:update', { countingMode: 'working' });
    wb.setNow('2026-12-21T06:00:00Z');
    const r = await wb.call('requests:create', requestFixture({ receivedAt: '2026-12-21T02:00:00Z' }));
    wb.setNow('2027-01-12T06:00:00Z');
    const late = await wb.call('requests:get', { id: r.id });
    expect(late.deadline).toMatchObject({ dueDate: '2027-01-11', problem: 'calendar_provisional', state: 'overdue', overdueDays: 1 });
    expect((await wb.call('requests:counts', {})).overdue).toBe(1);
  });
});

describe('the workflow', () => {
  it('runs verify → pause → resume → respond → close, each step in the timeline and the audit log', async () => {
    let r = await wb.call('requests:create', requestFixture());
    r = await act(r, { action: 'startVerification' });
    expect(r.status).toBe('verifying');
    r = await act(r, { action: 'verify', method: 'sms_code', result: 'verified' });
    expect(r).toMatchObject({ status: 'in_progress', identityMethod: 'sms_code', identityResult: 'verified', identityVerifiedAt: '2026-11-17T06:30:00.000Z' });
    r = await act(r, { action: 'pause', reason: 'Asked for the account number' });
    expect(r.status).toBe('awaiting_requester');
    r = await act(r, { action: 'resume', reason: 'Account number received' });
    expect(r.status).toBe('in_progress');
    r = await act(r, { action: 'respond', summary: 'Sent an export of the account data' });
    expect(r).toMatchObject({ status: 'responded', respondedAt: '2026-11-17T06:30:00.000Z', responseSummary: 'Sent an export of the account data' });
    expect(r.deadline.state).toBe('on_track');
    r = await act(r, { action: 'close' });
    expect(r.status).toBe('closed');
    expect(r.closedAt).toBe('2026-11-17T06:30:00.000Z');
    expect(await eventsOf(r.id)).toEqual(['created', 'verification_started', 'verified', 'paused', 'resumed', 'responded', 'closed']);
    const audit = await wb.call('audit:forEntity', { entity: 'request', entityId: r.id });
    expect(audit.total).toBe(7);
    expect(JSON.stringify(audit.items)).not.toContain('张三');
    expect(JSON.stringify(audit.items)).not.toContain('13800138000');
    expect((await verifyAuditChain(wb.ctx)).ok).toBe(true);
  });

  it('refuses with a §8.7 reason only when the complaint route was given', async () => {
    const r = await wb.call('requests:create', requestFixture());
    const missing = await wb.invoke('requests:act', { id: r.id, revision: r.revision, action: 'refuse', refusalReason: 'trade_secret', explanation: 'x', complaintRouteGiven: false });
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.error.fieldErrors?.complaintRouteGiven).toMatch(/Art\. 50/);
    const refused = await act(r, { action: 'refuse', refusalReason: 'trade_secret', explanation: 'The algorithm is a trade secret', complaintRouteGiven: true });
    expect(refused).toMatchObject({ status: 'refused', refusalReason: 'trade_secret', complaintRouteGiven: true });
    const closed = await act(refused, { action: 'close' });
    expect(closed.status).toBe('closed');
    const reopened = await act(closed, { action: 'reopen', reason: 'New information from the requester' });
    expect(reopened).toMatchObject({ status: 'in_progress', closedAt: null });
  });

  it('refuses to close a request that was never answered or refused, writing nothing', async () => {
    const r = await wb.call('requests:create', requestFixture());
    const before = await tableCounts(wb);
    const result = await wb.invoke('requests:act', { id: r.id, revision: r.revision, action: 'close' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('VALIDATION');
      expect(result.error.message).toBe('“Close” is not possible for a request that is “New”.');
    }
    expect(await tableCounts(wb)).toEqual(before);
  });

  it('follows the transition table for every action from every status', async () => {
    const inputs: Record<string, Record<string, unknown>> = {
      startVerification: {},
      verify: { method: 'account_login', result: 'verified' },
      pause: { reason: 'r' },
      resume: { reason: 'r' },
      respond: { summary: 's' },
      refuse: { refusalReason: 'malicious_or_abusive', explanation: 'e', complaintRouteGiven: true },
      withdraw: { reason: 'r' },
      close: {},
      reopen: { reason: 'r' },
      note: { note: 'n' },
    };
    // The shortest path to each status.
    const paths: Record<string, [string, Record<string, unknown>][]> = {
      new: [],
      verifying: [['startVerification', {}]],
      in_progress: [['verify', inputs.verify!]],
      awaiting_requester: [['pause', inputs.pause!]],
      responded: [['verify', inputs.verify!], ['respond', inputs.respond!]],
      refused: [['refuse', inputs.refuse!]],
      withdrawn: [['withdraw', inputs.withdraw!]],
      closed: [['withdraw', inputs.withdraw!], ['close', {}]],
    };
    for (const status of REQUEST_STATUSES) {
      for (const action of REQUEST_ACTIONS) {
        let r = await wb.call('requests:create', requestFixture());
        for (const [a, extra] of paths[status]!) r = await act(r, { action: a, ...extra });
        expect(r.status).toBe(status);
        const result = await wb.invoke('requests:act', { id: r.id, revision: r.revision, action, ...inputs[action] });
        const allowed = TRANSITIONS[action].from.includes(status);
        expect(result.ok, `${action} from ${status}`).toBe(allowed);
        if (!result.ok) expect(result.error.code).toBe('VALIDATION');
      }
    }
  });

  it('resumes to the status it was paused from', async () => {
    let r = await wb.call('requests:create', requestFixture());
    r = await act(r, { action: 'startVerification' });
    r = await act(r, { action: 'pause', reason: 'Waiting for the requester to answer the SMS' });
    r = await act(r, { action: 'resume', reason: 'Answered' });
    expect(r.status).toBe('verifying');
  });

  it('a failed identity check stays in verification', async () => {
    let r = await wb.call('requests:create', requestFixture());
    r = await act(r, { action: 'verify', method: 'knowledge_questions', result: 'failed' });
    expect(r).toMatchObject({ status: 'verifying', identityResult: 'failed' });
  });
});

describe('deadlines follow the settings', () => {
  it('starts the clock at verification when so set, and pauses extend it when they stop the clock', async () => {
    await wb.call('settings:update', { clockStart: 'verified', pauseStopsClock: true });
    wb.setNow('2026-11-02T02:00:00Z');
    let r = await wb.call('requests:create', requestFixture({ receivedAt: '2026-11-02T02:00:00Z' }));
    expect(r.deadline.dueDate).toBe('2026-11-17');
    wb.setNow('2026-11-04T02:00:00Z');
    r = await act(r, { action: 'verify', method: 'sms_code', result: 'verified' });
    expect(r.deadline.dueDate).toBe('2026-11-19');
    r = await act(r, { action: 'pause', reason: 'r' });
    expect(r.deadline).toMatchObject({ running: false });
    wb.setNow('2026-11-07T02:00:00Z');
    r = await act(r, { action: 'resume', reason: 'r' });
    // Paused 10:00 4 Nov – 10:00 7 Nov: 5 and 6 Nov are whole paused days.
    expect(r.deadline.dueDate).toBe('2026-11-21');
    const events = (await wb.call('requests:events', { id: r.id })).items;
    expect(events[0]).toMatchObject({ kind: 'resumed', data: { dueDateBefore: '2026-11-19', dueDateAfter: '2026-11-21' } });
  });

  it('recomputes every open request when a deadline setting changes, in their timelines', async () => {
    const open = await wb.call('requests:create', requestFixture());
    let done = await wb.call('requests:create', requestFixture());
    done = await act(done, { action: 'withdraw', reason: 'r' });
    await wb.call('settings:update', { responseDays: 30 });
    expect((await wb.call('requests:get', { id: open.id })).deadline.dueDate).toBe('2026-12-17');
    expect((await wb.call('requests:get', { id: done.id })).deadline.dueDate).toBe('2026-12-02');
    const events = (await wb.call('requests:events', { id: open.id })).items;
    expect(events[0]).toMatchObject({ kind: 'deadline_recomputed', data: { cause: 'settings', fields: ['responseDays'], dueDateBefore: '2026-12-02', dueDateAfter: '2026-12-17' } });
    expect(await eventsOf(done.id)).not.toContain('deadline_recomputed');
    // Changing something else recomputes nothing.
    await wb.call('settings:update', { hotline: '400-779-0025' });
    expect((await wb.call('requests:events', { id: open.id })).total).toBe(2);
  });
});

describe('two editors', () => {
  it('the second save of the same revision is refused with CONFLICT', async () => {
    const r = await wb.call('requests:create', requestFixture());
    const first = await wb.invoke('requests:update', { ...requestFixture({ details: 'first' }), id: r.id, revision: r.revision });
    expect(first.ok).toBe(true);
    const second = await wb.invoke('requests:update', { ...requestFixture({ details: 'second' }), id: r.id, revision: r.revision });
    expect(second.ok).toBe(false);
    if (!second.ok) expect(second.error.code).toBe('CONFLICT');
    const step = await wb.invoke('requests:act', { id: r.id, revision: r.revision, action: 'note', note: 'n' });
    expect(step.ok).toBe(false);
    if (!step.ok) expect(step.error.code).toBe('CONFLICT');
    expect((await wb.call('requests:get', { id: r.id })).details).toBe('first');
  });
});

describe('lists and the dashboard', () => {
  it('filters by due window and counts overdue, due soon and on-time responses', async () => {
    wb.setNow('2026-10-20T02:00:00Z');
    const old = await wb.call('requests:create', requestFixture({ receivedAt: '2026-10-20T01:00:00Z', kind: 'deletion' }));
    wb.setNow('2026-11-14T02:00:00Z');
    const soon = await wb.call('requests:create', requestFixture({ receivedAt: '2026-11-01T02:00:00Z' }));
    let answered = await wb.call('requests:create', requestFixture({ receivedAt: '2026-11-10T02:00:00Z' }));
    answered = await act(answered, { action: 'verify', method: 'account_login', result: 'verified' });
    await act(answered, { action: 'respond', summary: 'done' });
    wb.setNow('2026-11-15T02:00:00Z');
    const counts = await wb.call('requests:counts', {});
    expect(counts).toMatchObject({ open: 2, overdue: 1, dueSoon: 1, dueToday: 0, respondedThisMonth: 1, respondedOnTimeThisMonth: 1 });
    const overdue = await wb.call('requests:list', { due: 'overdue' });
    expect(overdue.items.map((i) => i.reference)).toEqual([old.reference]);
    expect(overdue.items[0]!.deadline).toMatchObject({ state: 'overdue', overdueDays: 11 });
    const dueSoon = await wb.call('requests:list', { due: 'due_soon' });
    expect(dueSoon.items.map((i) => i.id)).toEqual([soon.id]);
    expect(dueSoon.items[0]!.deadline).toMatchObject({ state: 'due_soon', daysLeft: 1 });
    const dash = await wb.call('requests:dashboard', {});
    expect(dash.overdue.map((o) => o.reference)).toEqual([old.reference]);
    expect(dash.byKind).toEqual([{ kind: 'access_copy', count: 2 }, { kind: 'deletion', count: 1 }]);
    expect(dash.byWeek).toHaveLength(12);
    expect(dash.byWeek.reduce((n, w) => n + w.count, 0)).toBe(3);
    const search = await wb.call('requests:list', { search: 'REQ-2026-0002' });
    expect(search.total).toBe(1);
    const sorted = await wb.call('requests:list', { sortBy: 'dueAt', sortDir: 'desc', kind: 'access_copy' });
    expect(sorted.items.map((i) => i.id)).toEqual([answered.id, soon.id]);
  });
});

describe('templates', () => {
  it('fills the acknowledgement in both languages from the request and the settings', async () => {
    await wb.call('settings:update', { organisationName: '码尚云', hotline: '400-779-0025', mailbox: 'privacy@example.com' });
    const r = await wb.call('requests:create', requestFixture());
    const zh = await wb.call('requests:template', { id: r.id, template: 'acknowledgement', language: 'zh-CN' });
    expect(zh.subject).toContain('REQ-2026-0001');
    expect(zh.body).toContain('张三');
    expect(zh.body).toContain('2026年12月2日');
    expect(zh.body).toContain('400-779-0025');
    const en = await wb.call('requests:template', { id: r.id, template: 'refused', language: 'en' });
    expect(en.body).toContain('Article 50');
    expect(en.body).toContain('privacy@example.com');
  });
});

describe('requester data minimisation', () => {
  it('anonymises requests closed more than the retention period ago, keeping dates, kind and outcome', async () => {
    wb.setNow('2022-03-01T02:00:00Z');
    let old = await wb.call('requests:create', requestFixture({ receivedAt: '2022-03-01T01:00:00Z', kind: 'deletion' }));
    old = await act(old, { action: 'verify', method: 'sms_code', result: 'verified' });
    old = await act(old, { action: 'respond', summary: 'Deleted the account of 张三' });
    old = await act(old, { action: 'close' });
    wb.setNow('2026-11-17T06:30:00Z');
    const recent = await wb.call('requests:create', requestFixture());
    expect(await wb.call('requests:purge', { dryRun: true })).toEqual({ anonymised: 1, cutoff: '2023-11-17T06:30:00.000Z' });
    expect((await wb.call('requests:get', { id: old.id })).requesterName).toBe('张三');
    expect((await wb.call('requests:purge', {})).anonymised).toBe(1);
    const purged = await wb.call('requests:get', { id: old.id });
    expect(purged).toMatchObject({
      requesterName: '',
      requesterContact: '',
      accountRef: '',
      details: '',
      responseSummary: '',
      kind: 'deletion',
      status: 'closed',
      receivedAt: '2022-03-01T01:00:00.000Z',
      respondedAt: '2022-03-01T02:00:00.000Z',
      anonymisedAt: '2026-11-17T06:30:00.000Z',
      allowedActions: [],
    });
    expect((await wb.call('requests:get', { id: recent.id })).requesterName).toBe('张三');
    const timeline = await wb.call('requests:events', { id: old.id });
    expect(timeline.items[0]!.kind).toBe('anonymised');
    expect(JSON.stringify(timeline.items)).not.toContain('张三');
    const dump = await rowOf(wb.ctx.db, 'select * from requests where id = ?', old.id);
    expect(JSON.stringify(dump)).not.toContain('张三');
    expect((await wb.call('requests:purge', {})).anonymised).toBe(0);
    const reopen = await wb.invoke('requests:act', { id: purged.id, revision: purged.revision, action: 'reopen', reason: 'r' });
    expect(reopen.ok).toBe(false);
    expect((await verifyAuditChain(wb.ctx)).ok).toBe(true);
  });
});

describe('holiday calendar', () => {
  it('ships 2025 and 2026 and refuses a bad import whole', async () => {
    const y2026 = await wb.call('calendar:year', { year: 2026 });
    expect(y2026.years).toEqual([2025, 2026]);
    expect(y2026.entries.filter((e) => e.kind === 'workday').map((e) => e.date)).toEqual([
      '2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10',
    ]);
    expect(y2026.entries.filter((e) => e.kind === 'holiday')).toHaveLength(3 + 9 + 3 + 5 + 3 + 3 + 7);
    const before = await tableCounts(wb);
    const bad = await wb.invoke('calendar:import', { text: '2027-01-01,holiday\n2027-13-01,holiday' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.message).toContain('2');
    expect(await tableCounts(wb)).toEqual(before);
    await wb.call('calendar:set', { date: '2026-12-31', kind: 'holiday', note: 'Company day' });
    expect((await wb.call('calendar:year', { year: 2026 })).entries.find((e) => e.date === '2026-12-31')).toEqual({ date: '2026-12-31', kind: 'holiday', note: 'Company day' });
  });
});

describe('gap checks', () => {
  it('list overdue and due-soon requests, linking to each', async () => {
    wb.setNow('2026-10-20T02:00:00Z');
    const late = await wb.call('requests:create', requestFixture({ receivedAt: '2026-10-20T01:00:00Z' }));
    wb.setNow('2026-11-15T02:00:00Z');
    const soon = await wb.call('requests:create', requestFixture({ receivedAt: '2026-11-01T02:00:00Z' }));
    const summary = await wb.call('gaps:summary', {});
    expect(summary.find((s) => s.id === 'request-overdue')).toMatchObject({ register: 'requests', count: 1 });
    expect(summary.find((s) => s.id === 'request-due-soon')).toMatchObject({ register: 'requests', count: 1 });
    const overdue = await wb.call('gaps:list', { checkId: 'request-overdue' });
    expect(overdue.items).toEqual([
      { entity: 'request', id: late.id, label: late.reference, detail: { key: 'gaps:detail.dueDate', params: { value: '2026-11-04' } }, path: `/requests/${late.id}`, status: 'open', decision: null },
    ]);
    const dueSoon = await wb.call('gaps:list', { checkId: 'request-due-soon' });
    expect(dueSoon.items.map((i) => i.id)).toEqual([soon.id]);
  });

  it('list the overdue requests most overdue first, page by page, as the desk lists them, and drop one once it is refused', async () => {
    // Logged late, out of order: the references' order is not the due dates' order.
    wb.setNow('2026-11-15T02:00:00Z');
    const received = ['2026-10-12T01:00:00Z', '2026-09-03T01:00:00Z', '2026-10-01T01:00:00Z', '2026-09-20T01:00:00Z', '2026-08-28T01:00:00Z'];
    const made = [];
    for (const receivedAt of received) made.push(await wb.call('requests:create', requestFixture({ receivedAt })));
    const mostOverdueFirst = [...made].sort((a, b) => a.receivedAt.localeCompare(b.receivedAt)).map((r) => r.id);

    const first = await wb.call('gaps:list', { checkId: 'request-overdue', pageSize: 2 });
    const second = await wb.call('gaps:list', { checkId: 'request-overdue', pageSize: 2, page: 2 });
    const third = await wb.call('gaps:list', { checkId: 'request-overdue', pageSize: 2, page: 3 });
    expect([first, second, third].map((p) => p.total)).toEqual([5, 5, 5]);
    expect([...first.items, ...second.items, ...third.items].map((i) => i.id)).toEqual(mostOverdueFirst);
    expect(first.items.map((i) => i.label)).toEqual([made[4]!.reference, made[1]!.reference]);
    const desk = await wb.call('requests:list', { due: 'overdue', sortBy: 'dueAt', sortDir: 'asc' });
    expect(desk.items.map((r) => r.id)).toEqual(mostOverdueFirst);
    expect((await wb.call('gaps:summary', {})).find((s) => s.id === 'request-overdue')).toMatchObject({ count: 5, inHand: 0, settled: 0 });
    // No one can take a decision on a deadline: nothing is in hand or settled.
    expect((await wb.call('gaps:list', { checkId: 'request-overdue', filter: 'in_hand' })).items).toEqual([]);
    expect((await wb.call('gaps:list', { checkId: 'request-overdue', filter: 'open' })).total).toBe(5);

    const oldest = made[4]!;
    await act(oldest, { action: 'refuse', refusalReason: 'trade_secret', explanation: 'The algorithm is a trade secret', complaintRouteGiven: true });
    const after = await wb.call('gaps:list', { checkId: 'request-overdue' });
    expect(after.total).toBe(4);
    expect(after.items.map((i) => i.id)).toEqual(mostOverdueFirst.slice(1));
  });
});

describe('reminders', () => {
  it('notify once per request per day, only for due soon or overdue', async () => {
    const { sendDueReminders } = await import('../../../src/main/core/requests/reminders.service');
    const sent: string[] = [];
    wb.ctx.platform = { notify: (_title, body) => sent.push(body) };
    wb.setNow('2026-10-20T02:00:00Z');
    await wb.call('requests:create', requestFixture({ receivedAt: '2026-10-20T01:00:00Z' }));
    wb.setNow('2026-11-15T02:00:00Z');
    await wb.call('requests:create', requestFixture({ receivedAt: '2026-11-01T02:00:00Z' }));
    await wb.call('requests:create', requestFixture({ receivedAt: '2026-11-14T02:00:00Z' }));
    expect(await sendDueReminders(wb.ctx)).toEqual({ notified: 2, dueSoon: 1, overdue: 1 });
    expect(sent).toEqual(['REQ-2026-0001 is overdue (due 4 Nov 2026).', 'REQ-2026-0002 is due on 16 Nov 2026.']);
    // An hour later: nothing new.
    wb.setNow('2026-11-15T03:00:00Z');
    expect((await sendDueReminders(wb.ctx)).notified).toBe(0);
    // The next day (in Shanghai): once more each.
    wb.setNow('2026-11-15T16:30:00Z');
    expect((await sendDueReminders(wb.ctx)).notified).toBe(2);
    expect(sent).toHaveLength(4);
  });

  it('does nothing on a host that cannot notify', async () => {
    const { sendDueReminders } = await import('../../../src/main/core/requests/reminders.service');
    wb.setNow('2026-10-20T02:00:00Z');
    await wb.call('requests:create', requestFixture({ receivedAt: '2026-10-20T01:00:00Z' }));
    wb.setNow('2026-11-15T02:00:00Z');
    expect((await sendDueReminders(wb.ctx)).notified).toBe(0);
    expect(await rowOf(wb.ctx.db, 'select count(*) as n from request_reminders')).toEqual({ n: 0 });
  });
});

describe('the unfiltered list total', () => {
  it('equals the rows held, across years', async () => {
    await wb.call('requests:create', requestFixture({ receivedAt: '2025-12-30T02:00:00Z' }));
    await wb.call('requests:create', requestFixture());
    await wb.call('requests:create', requestFixture());
    expect((await wb.call('requests:list', {})).total).toBe(3);
    expect((await wb.call('requests:list', { search: 'REQ-2025' })).total).toBe(1);
    expect((await wb.call('requests:list', { search: 'req-2026-000' })).total).toBe(2);
  });
});

describe('sorting by reference', () => {
  it('puts REQ-2026-10000 after REQ-2026-9999 and years in order', async () => {
    await wb.call('requests:create', requestFixture({ receivedAt: '2025-06-01T02:00:00Z' }));
    await run(wb.ctx.db, 'update request_counters set last_number = 9998 where year = 2026');
    await run(wb.ctx.db, 'insert into request_counters (year, last_number) values (2026, 9998) on conflict do nothing');
    for (let i = 0; i < 3; i++) await wb.call('requests:create', requestFixture());
    const asc = await wb.call('requests:list', { sortBy: 'reference', sortDir: 'asc' });
    expect(asc.items.map((r) => r.reference)).toEqual(['REQ-2025-0001', 'REQ-2026-9999', 'REQ-2026-10000', 'REQ-2026-10001']);
    const desc = await wb.call('requests:list', { sortBy: 'reference', sortDir: 'desc' });
    expect(desc.items.map((r) => r.reference)).toEqual(['REQ-2026-10001', 'REQ-2026-10000', 'REQ-2026-9999', 'REQ-2025-0001']);
  });
});
