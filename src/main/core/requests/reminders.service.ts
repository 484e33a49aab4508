import { translatorFor } from '@shared/i18n';
import { localDateOf, addDays, endOfLocalDay } from '@shared/deadline/zoned';
import type { CoreContext } from '../context';
import { getSettings } from '../settings/settings.service';
import { runningStatuses } from './requests.service';

/** Individual notifications per run at most; the rest are summed up in one more. */
const MAX_INDIVIDUAL = 5;

export interface ReminderRun {
  notified: number;
  dueSoon: number;
  overdue: number;
}

/**
 * Desktop reminders for requests due soon or overdue: at most one per request per day (what was
 * sent is kept in request_reminders). Does nothing on a host that cannot notify.
 */
export async function sendDueReminders(ctx: CoreContext): Promise<ReminderRun> {
  const notify = ctx.platform.notify;
  const settings = await getSettings(ctx.db);
  const now = ctx.clock.now();
  const tz = settings.timeZone;
  const today = localDateOf(now, tz);
  const horizon = endOfLocalDay(addDays(today, settings.dueSoonDays), tz).toISOString();
  const rows = await ctx.db
    .selectFrom('requests as r')
    .select(['r.id', 'r.reference', 'r.due_at', 'r.due_date'])
    .where('r.status', 'in', runningStatuses(settings))
    .where('r.due_at', '<=', horizon)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('request_reminders as m').select('m.day').whereRef('m.request_id', '=', 'r.id').where('m.day', '=', today))))
    .orderBy('r.due_at')
    .limit(500)
    .execute();
  if (!notify || rows.length === 0) return { notified: 0, dueSoon: 0, overdue: 0 };
  const nowText = now.toISOString();
  const overdue = rows.filter((r) => r.due_at! <= nowText);
  const dueSoon = rows.filter((r) => r.due_at! > nowText);
  await ctx.db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += 300) {
      await trx
        .insertInto('request_reminders')
        .values(rows.slice(i, i + 300).map((r) => ({ request_id: r.id, day: today, state: r.due_at! <= nowText ? 'overdue' : 'due_soon', sent_at: nowText })))
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
  });
  const t = translatorFor(settings.language ?? ctx.systemLanguage);
  const title = String(t('requests:reminders.title'));
  rows.slice(0, MAX_INDIVIDUAL).forEach((r) => {
    const key = r.due_at! <= nowText ? 'requests:reminders.overdue' : 'requests:reminders.dueSoon';
    notify(title, String(t(key, { reference: r.reference, dueDate: r.due_date })));
  });
  if (rows.length > MAX_INDIVIDUAL) {
    notify(title, String(t('requests:reminders.more', { count: rows.length - MAX_INDIVIDUAL })));
  }
  return { notified: rows.length, dueSoon: dueSoon.length, overdue: overdue.length };
}

/** Runs the reminders now and every hour; answers a function that stops them. */
export function scheduleReminders(ctx: CoreContext, log: (message: string, error: unknown) => void, everyMs = 60 * 60 * 1000): () => void {
  const run = () => void sendDueReminders(ctx).catch((error: unknown) => log('Reminders failed', error));
  run();
  const timer = setInterval(run, everyMs);
  timer.unref?.();
  return () => clearInterval(timer);
}
