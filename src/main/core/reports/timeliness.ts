import type { TFunction } from 'i18next';
import type { CoreContext } from '../context';
import type { ReportFilters, SummaryTable } from './model';
import { findRequestsAfter, onTime, daysToRespond, periodBounds } from './sheets/requests.sheet';

interface Tally {
  total: number;
  responded: number;
  onTime: number;
  late: number;
  openOverdue: number;
  days: number[];
}
const empty = (): Tally => ({ total: 0, responded: 0, onTime: 0, late: 0, openOverdue: 0, days: [] });

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Timeliness of the requests received in the period: on time (responded by the due time), late
 * (responded after it, or still unanswered past it), and the median whole days from receipt to
 * response; overall, by kind and by channel. One pass over the rows, in batches.
 */
export async function timelinessTables(ctx: CoreContext, t: TFunction, filters: ReportFilters, timeZone: string, now: string): Promise<SummaryTable[]> {
  const overall = empty();
  const byKind = new Map<string, Tally>();
  const byChannel = new Map<string, Tally>();
  const bounds = periodBounds(filters, timeZone);
  let after = 0;
  for (;;) {
    const rows = await findRequestsAfter(ctx.db, after, 5000, bounds);
    if (rows.length === 0) break;
    for (const row of rows) {
      const tallies = [overall, byKind.get(row.kind) ?? empty(), byChannel.get(row.channel) ?? empty()];
      byKind.set(row.kind, tallies[1]!);
      byChannel.set(row.channel, tallies[2]!);
      const timely = onTime(row, now);
      const days = daysToRespond(row, timeZone);
      for (const tally of tallies) {
        tally.total += 1;
        if (row.responded_at) tally.responded += 1;
        if (timely === true) tally.onTime += 1;
        if (timely === false) {
          tally.late += 1;
          if (!row.responded_at) tally.openOverdue += 1;
        }
        if (days !== null) tally.days.push(days);
      }
    }
    after = rows[rows.length - 1]!.id;
  }
  const headers = [
    t('reports:timeliness.group'),
    t('reports:timeliness.total'),
    t('reports:timeliness.responded'),
    t('reports:timeliness.onTime'),
    t('reports:timeliness.late'),
    t('reports:timeliness.openOverdue'),
    t('reports:timeliness.median'),
  ];
  const line = (label: string, tally: Tally) => [
    label,
    tally.total,
    tally.responded,
    tally.onTime,
    tally.late,
    tally.openOverdue,
    median(tally.days) ?? t('common:none'),
  ];
  const sorted = (map: Map<string, Tally>) => [...map.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
  return [
    { key: 'timeliness', title: t('reports:timeliness.overall'), headers, rows: [line(t('reports:timeliness.all'), overall)] },
    { key: 'by-kind', title: t('reports:timeliness.byKind'), headers, rows: sorted(byKind).map(([k, v]) => line(t(`requests:kind.${k}`), v)) },
    { key: 'by-channel', title: t('reports:timeliness.byChannel'), headers, rows: sorted(byChannel).map(([k, v]) => line(t(`requests:channel.${k}`), v)) },
  ];
}
