import type { TFunction } from 'i18next';
import { readStoredProblem } from '@shared/deadline/calculator';
import { timeliness, type Timeliness, type TimelinessRules } from '@shared/deadline/timeliness';
import { REQUEST_CHANNELS, REQUEST_KINDS, REQUEST_STATUSES, type RequestStatus } from '@shared/domain/requests';
import { periodBounds } from '@shared/time';
import type { Executor } from '../../db/executor';
import { toBool } from '../../db/query';
import { findRequestsReceivedBetween, type RequestRow } from '../../requests/requests.repository';
import { byIdBatches, defineSheet, type ReportFilters } from '../model';

export type RequestReportRow = Pick<
  RequestRow,
  | 'id'
  | 'reference'
  | 'channel'
  | 'received_at'
  | 'requester_name'
  | 'requester_contact'
  | 'account_ref'
  | 'kind'
  | 'details'
  | 'concerns_minor'
  | 'assignee'
  | 'status'
  | 'due_date'
  | 'due_at'
  | 'deadline_problem'
  | 'responded_at'
  | 'closed_at'
>;

/** How the requests report judges each row: the timeliness rule, at the report's generation time. */
export interface RequestsReportRules extends TimelinessRules {
  now: Date;
  /** The report's translator: the due date's status is written in the report's language. */
  t?: TFunction;
}

/**
 * What the due date is worth, in words: "Provisional · 2027 calendar missing" for one counted on the
 * weekday rule through a year whose calendar is not complete, the desk's "unknown" when there is none;
 * empty for a certain one. The same words as the badge on the desk.
 */
export function dueDateStatus(t: TFunction, deadlineProblem: string | null): string {
  if (deadlineProblem === null) return '';
  let words = dueDateWords.get(t);
  if (!words) dueDateWords.set(t, (words = new Map()));
  let text = words.get(deadlineProblem);
  if (text === undefined) {
    text = dueDateStatusOf(t, deadlineProblem);
    words.set(deadlineProblem, text);
  }
  return text;
}

/** Per translator, the words of each stored problem: a report asks for them on every row. */
const dueDateWords = new WeakMap<TFunction, Map<string, string>>();

function dueDateStatusOf(t: TFunction, deadlineProblem: string): string {
  const { problem, missingYears } = readStoredProblem(deadlineProblem);
  if (problem === 'calendar_provisional') return String(t('requests:badge.provisional', { years: missingYears.join(', ') }));
  if (problem === 'calendar_missing') return String(t('requests:badge.unknown'));
  return '';
}

/** The last row judged and its timeliness: a sheet's two timeliness columns ask for the same row one after the other. */
let lastJudged: { row: RequestReportRow; rules: RequestsReportRules; result: Timeliness } | null = null;

/** The request's timeliness by the one rule the desk also asks. */
export function rowTimeliness(row: RequestReportRow, rules: RequestsReportRules): Timeliness {
  if (lastJudged && lastJudged.row === row && lastJudged.rules === rules) return lastJudged.result;
  const result = judge(row, rules);
  lastJudged = { row, rules, result };
  return result;
}

function judge(row: RequestReportRow, rules: RequestsReportRules): Timeliness {
  return timeliness(
    { status: row.status as RequestStatus, receivedAt: row.received_at, dueDate: row.due_date, dueAt: row.due_at, respondedAt: row.responded_at },
    rules,
    rules.now,
  );
}

/** The period's requests, batch by batch in id order. */
export function requestBatches(db: Executor, filters: ReportFilters, timeZone: string, size: number) {
  const bounds = periodBounds(filters, timeZone);
  return byIdBatches((after, limit) => findRequestsReceivedBetween(db, bounds, after, limit), size);
}

const f = (name: string) => `requests:fields.${name}`;

export function requestsSheet(rules: RequestsReportRules) {
  return defineSheet<RequestReportRow>({
    key: 'requests',
    title: 'reports:sheets.requests',
    batches: (ctx, filters) => requestBatches(ctx.db, filters, rules.timeZone, 2000),
    columns: [
      { key: 'reference', header: f('reference'), type: 'text', width: 16, inPdf: true, get: (r) => r.reference },
      { key: 'channel', header: f('channel'), type: 'enum', values: REQUEST_CHANNELS, labelPrefix: 'requests:channel', width: 12, inPdf: true, get: (r) => r.channel },
      { key: 'receivedAt', header: f('receivedAt'), type: 'instant', width: 18, inPdf: true, get: (r) => r.received_at },
      { key: 'requesterName', header: f('requesterName'), type: 'text', personal: true, width: 16, get: (r) => r.requester_name },
      { key: 'requesterContact', header: f('requesterContact'), type: 'text', personal: true, width: 18, get: (r) => r.requester_contact },
      { key: 'accountRef', header: f('accountRef'), type: 'text', personal: true, width: 14, get: (r) => r.account_ref },
      { key: 'kind', header: f('kind'), type: 'enum', values: REQUEST_KINDS, labelPrefix: 'requests:kind', width: 18, inPdf: true, get: (r) => r.kind },
      { key: 'details', header: f('details'), type: 'text', width: 30, get: (r) => r.details },
      { key: 'concernsMinor', header: f('concernsMinor'), type: 'boolean', width: 10, get: (r) => toBool(r.concerns_minor) },
      { key: 'assignee', header: f('assignee'), type: 'text', width: 12, get: (r) => r.assignee },
      { key: 'status', header: f('status'), type: 'enum', values: REQUEST_STATUSES, labelPrefix: 'requests:status', width: 14, inPdf: true, get: (r) => r.status },
      { key: 'dueDate', header: f('dueDate'), type: 'date', width: 12, inPdf: true, get: (r) => r.due_date },
      // Beside the due date, in every format: whether it is provisional, and for want of which year.
      { key: 'dueDateStatus', header: f('dueDateStatus'), type: 'text', width: 22, inPdf: true, pdfWidth: 11, get: (r) => (rules.t ? dueDateStatus(rules.t, r.deadline_problem) : '') },
      { key: 'respondedAt', header: f('respondedAt'), type: 'instant', width: 18, inPdf: true, get: (r) => r.responded_at },
      { key: 'closedAt', header: f('closedAt'), type: 'instant', width: 18, get: (r) => r.closed_at },
      { key: 'daysToRespond', header: 'reports:timeliness.days', type: 'number', width: 10, inPdf: true, get: (r) => rowTimeliness(r, rules).daysToRespond },
      { key: 'onTime', header: 'reports:timeliness.onTimeColumn', type: 'boolean', width: 10, inPdf: true, get: (r) => rowTimeliness(r, rules).onTime },
    ],
  });
}
