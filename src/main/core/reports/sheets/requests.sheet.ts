import { REQUEST_CHANNELS, REQUEST_KINDS, REQUEST_STATUSES } from '@shared/domain/requests';
import type { Executor } from '../../context';
import { toBool } from '../../db/query';
import type { RequestRow } from '../../requests/requests.repository';
import { byIdBatches, type ReportFilters, type SheetSpec } from '../model';
import { dayInZone, wallParts } from './time';

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
  | 'responded_at'
  | 'closed_at'
> & { timeZone: string };

/** `from`/`to` are days in the organisation's zone; `received_at` is an instant: the bounds become instants. */
export function periodBounds(filters: ReportFilters, timeZone: string): { start?: string; end?: string } {
  const startOf = (day: string) => {
    const [y, m, d] = day.split('-').map(Number);
    const guess = Date.UTC(y!, m! - 1, d!);
    const p = wallParts(new Date(guess).toISOString(), timeZone);
    return new Date(guess - (Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - guess)).toISOString();
  };
  const next = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86400000).toISOString().slice(0, 10);
  return { start: filters.from ? startOf(filters.from) : undefined, end: filters.to ? startOf(next(filters.to)) : undefined };
}

export async function findRequestsAfter(db: Executor, afterId: number, limit: number, bounds: { start?: string; end?: string }) {
  let query = db
    .selectFrom('requests')
    .select([
      'id',
      'reference',
      'channel',
      'received_at',
      'requester_name',
      'requester_contact',
      'account_ref',
      'kind',
      'details',
      'concerns_minor',
      'assignee',
      'status',
      'due_date',
      'due_at',
      'responded_at',
      'closed_at',
    ])
    .where('id', '>', afterId);
  if (bounds.start) query = query.where('received_at', '>=', bounds.start);
  if (bounds.end) query = query.where('received_at', '<', bounds.end);
  return query.orderBy('id').limit(limit).execute();
}

/** Whole calendar days from receipt to response, in the organisation's zone. */
export function daysToRespond(row: Pick<RequestRow, 'received_at' | 'responded_at'>, timeZone: string): number | null {
  if (!row.responded_at) return null;
  const a = Date.parse(`${dayInZone(row.received_at, timeZone)}T00:00:00Z`);
  const b = Date.parse(`${dayInZone(row.responded_at, timeZone)}T00:00:00Z`);
  return Math.round((b - a) / 86400000);
}

/** On time: responded by the due time. Null while unanswered and not yet due, or when the due date is unknown. */
export function onTime(row: Pick<RequestRow, 'responded_at' | 'due_at'>, now: string): boolean | null {
  if (!row.due_at) return null;
  if (row.responded_at) return row.responded_at <= row.due_at;
  return now > row.due_at ? false : null;
}

const f = (name: string) => `requests:fields.${name}`;

export function requestsSheet(timeZone: string, now: string): SheetSpec<RequestReportRow> {
  return {
    key: 'requests',
    title: 'reports:sheets.requests',
    batches: (ctx, filters) => {
      const bounds = periodBounds(filters, timeZone);
      return byIdBatches(async (after, limit) => (await findRequestsAfter(ctx.db, after, limit, bounds)).map((r) => ({ ...r, timeZone })), 2000);
    },
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
      { key: 'respondedAt', header: f('respondedAt'), type: 'instant', width: 18, inPdf: true, get: (r) => r.responded_at },
      { key: 'closedAt', header: f('closedAt'), type: 'instant', width: 18, get: (r) => r.closed_at },
      { key: 'daysToRespond', header: 'reports:timeliness.days', type: 'number', width: 10, inPdf: true, get: (r) => daysToRespond(r, r.timeZone) },
      { key: 'onTime', header: 'reports:timeliness.onTimeColumn', type: 'boolean', width: 10, inPdf: true, get: (r) => onTime(r, now) },
    ],
  };
}
