/**
 * The response deadline (policy 10.1: within 15 days), as DESIGN.md "The 15-day deadline" specifies.
 * A pure function: every rule is a setting passed in, the holiday calendar is data passed in, and
 * "now" is an argument. Runs anywhere (no `node:`, no DOM).
 */
import { addDays, daysBetween, endOfLocalDay, localDateOf, weekday, yearOf, type LocalDate } from '../time';

export type { LocalDate } from '../time';
export type CalendarDayKind = 'holiday' | 'workday';

/**
 * Official rest-day arrangements: `holiday` dates are rest days even on weekdays, `workday` dates
 * are make-up working days (调休) even on weekends. `years` are the **complete** years: those the
 * user marked complete or imported whole (a State Council notice, a whole-year list). A stray entry
 * of another year is used, but does not make its year known: a deadline that reaches a year not
 * complete is counted on the weekday rule and marked provisional, never passed off as certain.
 */
export interface HolidayCalendar {
  days: ReadonlyMap<LocalDate, CalendarDayKind>;
  years: ReadonlySet<number>;
}

export function makeCalendar(entries: Iterable<{ date: LocalDate; kind: CalendarDayKind }>, completeYears: Iterable<number>): HolidayCalendar {
  const days = new Map<LocalDate, CalendarDayKind>();
  for (const e of entries) days.set(e.date, e.kind);
  return { days, years: new Set(completeYears) };
}

/**
 * From 1 November (in the organisation's zone) next year's calendar is due: the year to warn about
 * when it is not complete, else null.
 */
export function nextYearToAdd(today: LocalDate, completeYears: Iterable<number>): number | null {
  const next = yearOf(today) + 1;
  if (today.slice(5) < '11-01') return null;
  return new Set(completeYears).has(next) ? null : next;
}

export interface DeadlineRules {
  timeZone: string;
  responseDays: number;
  countingMode: 'calendar' | 'working';
  clockStart: 'received' | 'verified';
  /** Civil Code Art. 203: a calendar-mode due date on a rest day moves to the next working day. */
  rollOver: boolean;
  /** Whole paused days extend the due date only when on. */
  pauseStopsClock: boolean;
}

export interface Pause {
  /** Instants. `to` is null while the pause is still open. */
  from: string;
  to: string | null;
}

export interface DeadlineFacts {
  receivedAt: string;
  verifiedAt: string | null;
  pauses: readonly Pause[];
}

/**
 * `calendar_provisional`: the due date was counted on the weekday rule (Mon–Fri, plus whatever the
 * calendar lists) through a year not yet complete; it is a due date (it can be overdue) that may move
 * once the year is added. `calendar_missing`: no due date could be computed at all.
 */
export type DeadlineProblem = 'calendar_missing' | 'calendar_provisional';

/** A deadline problem as the requests table stores it: `calendar_provisional:2027,2028`. */
export function storedProblem(problem: DeadlineProblem | null, missingYears: readonly number[]): string | null {
  if (problem === null) return null;
  return missingYears.length > 0 ? `${problem}:${missingYears.join(',')}` : problem;
}

/** The stored text read back; unknown text reads as no problem. */
export function readStoredProblem(text: string | null): { problem: DeadlineProblem | null; missingYears: number[] } {
  if (!text) return { problem: null, missingYears: [] };
  const [name = '', years = ''] = text.split(':');
  if (name !== 'calendar_missing' && name !== 'calendar_provisional') return { problem: null, missingYears: [] };
  return { problem: name, missingYears: years ? years.split(',').map(Number).filter(Number.isInteger) : [] };
}

export interface Deadline {
  /** The day the clock starts from (not itself counted, Civil Code Art. 201). */
  startDate: LocalDate;
  /** Whether the start is the verification day (false: received day, also while verification is pending). */
  startsAtVerification: boolean;
  /** Null when the deadline cannot be known (see `problem`); provisional with `calendar_provisional`. */
  dueDate: LocalDate | null;
  /** 24:00 of the due date in the organisation's zone, as an ISO UTC instant; null with dueDate. */
  dueAt: string | null;
  /** Whole paused days that moved the due date. */
  pausedDays: number;
  /** The due date was moved off a rest day (Art. 203). */
  rolledOver: boolean;
  problem: DeadlineProblem | null;
  /** Years the computation needed but the calendar does not hold. */
  missingYears: number[];
}

/** Is `date` a working day? null when the calendar's year is not complete. */
export function isWorkingDay(date: LocalDate, calendar: HolidayCalendar): boolean | null {
  if (!calendar.years.has(yearOf(date))) return null;
  return provisionalWorkingDay(date, calendar);
}

/** The weekday rule (Mon–Fri), overridden by any day the calendar lists: what a provisional count uses. */
function provisionalWorkingDay(date: LocalDate, calendar: HolidayCalendar): boolean {
  const kind = calendar.days.get(date);
  if (kind === 'holiday') return false;
  if (kind === 'workday') return true;
  const wd = weekday(date);
  return wd !== 0 && wd !== 6;
}

/** Calendar days wholly inside a pause, in the zone; an open pause runs until `now`. */
function pausedDates(pauses: readonly Pause[], timeZone: string, now: Date): Set<LocalDate> {
  const out = new Set<LocalDate>();
  for (const p of pauses) {
    const fromMs = new Date(p.from).getTime();
    const toMs = p.to === null ? now.getTime() : new Date(p.to).getTime();
    if (!(toMs > fromMs)) continue;
    // The first whole day starts at the first local midnight at or after `from`.
    const fromDate = localDateOf(fromMs, timeZone);
    let day = startOfDayIs(fromDate, fromMs, timeZone) ? fromDate : addDays(fromDate, 1);
    for (let guard = 0; guard < 3660; guard++) {
      if (endOfLocalDay(day, timeZone).getTime() > toMs) break;
      out.add(day);
      day = addDays(day, 1);
    }
  }
  return out;
}

function startOfDayIs(date: LocalDate, ms: number, timeZone: string): boolean {
  return endOfLocalDay(addDays(date, -1), timeZone).getTime() === ms;
}

/**
 * The due date of one request.
 * - start: the received day, or the verification day when `clockStart` is `verified` and identity
 *   has been verified (until then the received day: the earlier, safer date);
 * - the start day is not counted; calendar mode: start + N days; working mode: the N-th working day;
 * - with `pauseStopsClock`, whole paused days after the start are not counted;
 * - roll-over in calendar mode moves a due date on a rest day to the next working day.
 */
export function computeDeadline(
  facts: DeadlineFacts,
  rules: DeadlineRules,
  calendar: HolidayCalendar,
  now: Date = new Date(facts.receivedAt),
): Deadline {
  const tz = rules.timeZone;
  const startsAtVerification = rules.clockStart === 'verified' && facts.verifiedAt !== null;
  const startDate = localDateOf(startsAtVerification ? facts.verifiedAt! : facts.receivedAt, tz);
  const paused = rules.pauseStopsClock ? pausedDates(facts.pauses, tz, now) : new Set<LocalDate>();
  const missing = new Set<number>();
  /** A working day by the complete calendar; through an incomplete year, by the weekday rule, noting the year. */
  const working = (date: LocalDate): boolean => {
    const known = isWorkingDay(date, calendar);
    if (known !== null) return known;
    missing.add(yearOf(date));
    return provisionalWorkingDay(date, calendar);
  };

  let day = startDate;
  let counted = 0;
  let pausedDays = 0;
  const maxSteps = rules.responseDays * 10 + paused.size + 400;
  for (let step = 0; counted < rules.responseDays; step++) {
    if (step > maxSteps) throw new Error('deadline: no working day found within a reasonable span');
    day = addDays(day, 1);
    if (paused.has(day)) {
      pausedDays++;
      continue;
    }
    if (rules.countingMode === 'working' && !working(day)) continue;
    counted++;
  }

  let rolledOver = false;
  if (rules.countingMode === 'calendar' && rules.rollOver) {
    for (let guard = 0; ; guard++) {
      if (guard > 60) throw new Error('deadline: no working day within 60 days');
      if (working(day)) break;
      day = addDays(day, 1);
      rolledOver = true;
    }
  }

  return {
    startDate,
    startsAtVerification,
    dueDate: day,
    dueAt: endOfLocalDay(day, tz).toISOString(),
    pausedDays,
    rolledOver,
    problem: missing.size > 0 ? 'calendar_provisional' : null,
    missingYears: [...missing].sort((a, b) => a - b),
  };
}

export type DeadlineState = 'on_track' | 'due_soon' | 'due_today' | 'overdue' | 'unknown';

export interface DeadlineStatus {
  state: DeadlineState;
  /** Days from today (in the zone) to the due date; negative when past. Null when unknown. */
  daysLeft: number | null;
  /** Whole days past the due date (1 on the day after it), 0 when not overdue. */
  overdueDays: number;
}

/** Where a due date stands at `now`: overdue after 24:00 of the due date, due today, due soon, on track. */
export function deadlineStatus(
  dueDate: LocalDate | null,
  now: Date,
  timeZone: string,
  dueSoonDays: number,
): DeadlineStatus {
  if (dueDate === null) return { state: 'unknown', daysLeft: null, overdueDays: 0 };
  const today = localDateOf(now, timeZone);
  const daysLeft = daysBetween(today, dueDate);
  if (now.getTime() >= endOfLocalDay(dueDate, timeZone).getTime()) {
    return { state: 'overdue', daysLeft, overdueDays: Math.max(1, -daysLeft) };
  }
  if (daysLeft === 0) return { state: 'due_today', daysLeft, overdueDays: 0 };
  if (daysLeft <= dueSoonDays) return { state: 'due_soon', daysLeft, overdueDays: 0 };
  return { state: 'on_track', daysLeft, overdueDays: 0 };
}
