/** A calendar day, YYYY-MM-DD. */
export type LocalDate = string;
import type { CoreContext } from './context';
import { getSettings } from './settings/settings.service';

/** The calendar day `instant` falls on in `timeZone`, as YYYY-MM-DD. */
export function dayIn(timeZone: string, instant: Date): LocalDate {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** Today in the organisation's time zone (Settings), by the core's clock. */
export async function localToday(ctx: Pick<CoreContext, 'db' | 'clock'>): Promise<LocalDate> {
  const settings = await getSettings(ctx.db);
  return dayIn(settings.timeZone, ctx.clock.now());
}

/** `date` moved by whole days (may be negative). */
export function addDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** `date` moved by whole months, clamped to the month's last day. */
export function addMonths(date: LocalDate, months: number): LocalDate {
  const [y, m, day] = date.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, last));
  return target.toISOString().slice(0, 10);
}
