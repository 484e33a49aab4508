import type { TFunction } from 'i18next';
import type { TimelinessOutcome } from '@shared/deadline/timeliness';
import type { CoreContext } from '../context';
import type { ReportFilters, SummaryTable } from './model';
import { requestBatches, rowTimeliness, type RequestsReportRules } from './sheets/requests.sheet';

/** One group's figures; every request is counted by its outcome under the timeliness rule. */
export interface Tally {
  total: number;
  /** Answered: responded or refused (a refusal answers a request). */
  answered: number;
  onTime: number;
  /** Answered after the due time, or still unanswered past it. */
  late: number;
  /** Open, clock running, past the due time: what the desk counts as overdue. */
  overdue: number;
  withdrawn: number;
  days: number[];
}
const empty = (): Tally => ({ total: 0, answered: 0, onTime: 0, late: 0, overdue: 0, withdrawn: 0, days: [] });

function count(tally: Tally, outcome: TimelinessOutcome, days: number | null): void {
  tally.total += 1;
  if (outcome === 'answered_on_time' || outcome === 'answered_late' || outcome === 'answered_due_unknown') tally.answered += 1;
  if (outcome === 'answered_on_time') tally.onTime += 1;
  if (outcome === 'answered_late' || outcome === 'overdue') tally.late += 1;
  if (outcome === 'overdue') tally.overdue += 1;
  if (outcome === 'withdrawn') tally.withdrawn += 1;
  if (days !== null) tally.days.push(days);
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The period's figures overall, by kind and by channel: one pass over the rows, in batches. */
export async function tallyRequests(ctx: CoreContext, filters: ReportFilters, rules: RequestsReportRules) {
  const overall = empty();
  const byKind = new Map<string, Tally>();
  const byChannel = new Map<string, Tally>();
  const group = (map: Map<string, Tally>, key: string) => {
    let tally = map.get(key);
    if (!tally) map.set(key, (tally = empty()));
    return tally;
  };
  for await (const rows of requestBatches(ctx.db, filters, rules.timeZone, 5000)) {
    for (const row of rows) {
      const { outcome, daysToRespond } = rowTimeliness(row, rules);
      for (const tally of [overall, group(byKind, row.kind), group(byChannel, row.channel)]) count(tally, outcome, daysToRespond);
    }
  }
  return { overall, byKind, byChannel };
}

/**
 * Timeliness of the requests received in the period: answered on time, late (answered after the due
 * time, or still unanswered past it), unanswered past due, withdrawn, and the median whole days from
 * receipt to answer; overall, by kind and by channel.
 */
export async function timelinessTables(ctx: CoreContext, t: TFunction, filters: ReportFilters, rules: RequestsReportRules): Promise<SummaryTable[]> {
  const { overall, byKind, byChannel } = await tallyRequests(ctx, filters, rules);
  const headers = [
    t('reports:timeliness.group'),
    t('reports:timeliness.total'),
    t('reports:timeliness.responded'),
    t('reports:timeliness.onTime'),
    t('reports:timeliness.late'),
    t('reports:timeliness.openOverdue'),
    t('reports:timeliness.withdrawn'),
    t('reports:timeliness.median'),
  ];
  const line = (label: string, tally: Tally) => [
    label,
    tally.total,
    tally.answered,
    tally.onTime,
    tally.late,
    tally.overdue,
    tally.withdrawn,
    median(tally.days) ?? t('common:none'),
  ];
  const sorted = (map: Map<string, Tally>) => [...map.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
  return [
    { key: 'timeliness', title: t('reports:timeliness.overall'), headers, rows: [line(t('reports:timeliness.all'), overall)] },
    { key: 'by-kind', title: t('reports:timeliness.byKind'), headers, rows: sorted(byKind).map(([k, v]) => line(t(`requests:kind.${k}`), v)) },
    { key: 'by-channel', title: t('reports:timeliness.byChannel'), headers, rows: sorted(byChannel).map(([k, v]) => line(t(`requests:channel.${k}`), v)) },
  ];
}
