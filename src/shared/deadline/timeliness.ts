/**
 * The one rule for lateness, beside the deadline calculator. For a request at an instant it answers
 * where its deadline stands (the desk's badge), whether it was answered on time or late, whether it is
 * still unanswered past its due time, and how many days the answer took. The desk list, the counts,
 * the dashboard, the gap checks and every report ask this module and nothing else:
 * - `timeliness()` classifies one request in memory (lists, detail pages, report rows, tallies);
 * - `dueWindow()` gives the same classes as status lists and due-time bounds, for the repositories to
 *   count and filter in SQL without loading rows.
 *
 * The rule (DESIGN.md, "The 15-day deadline"):
 * - A request is **open** in the statuses new, verifying, in progress and awaiting the requester.
 * - Its clock **runs** while it is open, except while it awaits the requester and the pause setting
 *   stops the clock (then whole paused days extend the due date instead, in the calculator).
 * - **Overdue** (unanswered past due): open, clock running, and now at or after 24:00 of the due date.
 * - **Answered** when it has a response time: a response, or a refusal (a refusal answers a request).
 *   Answered **on time** when the response came at or before the due time, **late** when after.
 * - **Withdrawn** requests are neither late nor unanswered, whenever they were withdrawn.
 * - A reopened request is open again: it counts as open (or overdue) until it is answered anew.
 */
import { OPEN_STATUSES, type DueWindow, type RequestStatus } from '../domain/requests';
import { addDays, endOfLocalDay, localDateOf, localDaysBetween, weekStart } from '../time';
import { deadlineStatus, type DeadlineState } from './calculator';

export interface TimelinessRules {
  timeZone: string;
  dueSoonDays: number;
  pauseStopsClock: boolean;
}

export interface TimelinessFacts {
  status: RequestStatus;
  receivedAt: string;
  dueDate: string | null;
  dueAt: string | null;
  respondedAt: string | null;
}

/** Exactly one per request: what a report counts it as. */
export type TimelinessOutcome =
  /** Still open (or reopened), not past due, or its clock stopped, or its due date unknown. */
  | 'open'
  /** Open, clock running, past 24:00 of its due date. */
  | 'overdue'
  | 'answered_on_time'
  | 'answered_late'
  /** Answered, but its due date is unknown (no calendar for the year it needed). */
  | 'answered_due_unknown'
  /** Withdrawn by the requester (or closed after withdrawal): neither late nor unanswered. */
  | 'withdrawn';

export interface Timeliness {
  outcome: TimelinessOutcome;
  open: boolean;
  /** Open and its clock running now. */
  running: boolean;
  /** The desk's badge. Not open, or stopped: `on_track`; open with no due date: `unknown`. */
  state: DeadlineState;
  /** Days from today (in the zone) to the due date; negative when past; null when unknown. */
  daysLeft: number | null;
  /** Whole days past the due date while overdue, else 0. */
  overdueDays: number;
  /**
   * Answered on time: true; answered late, or still unanswered past due: false; otherwise (open and
   * not yet due, withdrawn, due date unknown) null: the report's "on time" column and its "late" count.
   */
  onTime: boolean | null;
  /** Whole calendar days in the zone from receipt to the response; null while unanswered. */
  daysToRespond: number | null;
}

const OPEN: ReadonlySet<string> = new Set(OPEN_STATUSES);

export const isOpen = (status: RequestStatus): boolean => OPEN.has(status);

/** Whether the clock runs in a status: while open, except that a pause stops it when the settings say so. */
const clockRuns = (status: RequestStatus, rules: Pick<TimelinessRules, 'pauseStopsClock'>): boolean =>
  isOpen(status) && !(rules.pauseStopsClock && status === 'awaiting_requester');

/** The statuses in which the clock runs now. */
export function runningStatuses(rules: Pick<TimelinessRules, 'pauseStopsClock'>): RequestStatus[] {
  return OPEN_STATUSES.filter((s) => clockRuns(s, rules));
}

/** Answered on time: at or before the due time. */
export const answeredOnTime = (respondedAt: string, dueAt: string): boolean => respondedAt <= dueAt;

export function timeliness(facts: TimelinessFacts, rules: TimelinessRules, now: Date): Timeliness {
  const open = isOpen(facts.status);
  const running = clockRuns(facts.status, rules);
  const status = deadlineStatus(facts.dueDate, now, rules.timeZone, rules.dueSoonDays);
  const state: DeadlineState = running ? status.state : open && facts.dueDate === null ? 'unknown' : 'on_track';
  const daysToRespond = facts.respondedAt ? localDaysBetween(facts.receivedAt, facts.respondedAt, rules.timeZone) : null;
  let outcome: TimelinessOutcome;
  if (open) outcome = state === 'overdue' ? 'overdue' : 'open';
  else if (facts.respondedAt === null) outcome = 'withdrawn';
  else if (facts.dueAt === null) outcome = 'answered_due_unknown';
  else outcome = answeredOnTime(facts.respondedAt, facts.dueAt) ? 'answered_on_time' : 'answered_late';
  return {
    outcome,
    open,
    running,
    state,
    daysLeft: status.daysLeft,
    overdueDays: running ? status.overdueDays : 0,
    onTime: outcome === 'answered_on_time' ? true : outcome === 'answered_late' || outcome === 'overdue' ? false : null,
    daysToRespond,
  };
}

/**
 * One of the desk's due windows (`DUE_WINDOWS`: the list filter, the counts, the reminders and the gap
 * checks use the same ones) as the repositories query it: requests in `statuses` whose `due_at` is after
 * `dueAfter` and at or before `dueBy` (each bound optional), or with no due date when `dueUnknown`.
 * `timeliness()` puts a request in the window exactly when this selects it.
 */
export interface DueCondition {
  statuses: RequestStatus[];
  dueAfter?: string;
  dueBy?: string;
  dueUnknown?: true;
}

export function dueWindow(window: DueWindow, rules: TimelinessRules, now: Date): DueCondition {
  const tz = rules.timeZone;
  const today = localDateOf(now, tz);
  const running = runningStatuses(rules);
  const nowText = now.toISOString();
  const until = (day: string) => endOfLocalDay(day, tz).toISOString();
  switch (window) {
    case 'overdue':
      return { statuses: running, dueBy: nowText };
    case 'today':
      return { statuses: running, dueAfter: nowText, dueBy: until(today) };
    case 'due_soon':
      return { statuses: running, dueAfter: nowText, dueBy: until(addDays(today, rules.dueSoonDays)) };
    case 'this_week':
      return { statuses: running, dueAfter: nowText, dueBy: until(addDays(weekStart(today), 6)) };
    case 'unknown':
      return { statuses: [...OPEN_STATUSES], dueUnknown: true };
  }
}

/**
 * The tests a due window makes of a request's `due_at`, as SQL makes them (a request without a due
 * date fails a bound): the one rule behind the in-memory check below and the repositories'
 * conditions (the desk's list and counts, its tallies, the gap checks).
 */
export type DueTest = { op: '>' | '<='; value: string } | { op: 'is null' };

export function dueTests(c: { dueAfter?: string; dueBy?: string; dueUnknown?: boolean }): DueTest[] {
  const tests: DueTest[] = [];
  if (c.dueUnknown) tests.push({ op: 'is null' });
  if (c.dueAfter !== undefined) tests.push({ op: '>', value: c.dueAfter });
  if (c.dueBy !== undefined) tests.push({ op: '<=', value: c.dueBy });
  return tests;
}

const passes = (t: DueTest, dueAt: string | null) => (t.op === 'is null' ? dueAt === null : dueAt !== null && (t.op === '>' ? dueAt > t.value : dueAt <= t.value));

/** Whether `dueWindow(window)` selects a request: the in-memory twin of the SQL condition, for tests and callers with rows at hand. */
export function inDueWindow(condition: DueCondition, facts: Pick<TimelinessFacts, 'status' | 'dueAt'>): boolean {
  return condition.statuses.includes(facts.status) && dueTests(condition).every((t) => passes(t, facts.dueAt));
}
