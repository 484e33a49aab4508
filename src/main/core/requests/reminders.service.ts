import { translatorFor } from '@shared/i18n';
import { dueWindow, inDueWindow } from '@shared/deadline/timeliness';
import type { RequestStatus } from '@shared/domain/requests';
import { localDateOf } from '@shared/time';
import type { CoreContext } from '../context';
import { getSettings } from '../settings/settings.service';
import { findRequestsToRemind, insertReminders } from './requests.repository';

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
  const today = localDateOf(now, settings.timeZone);
  // Overdue or due soon: the due-soon window's statuses, due by its end (overdue ones included).
  const soon = dueWindow('due_soon', settings, now);
  const overdueWindow = dueWindow('overdue', settings, now);
  const rows = await findRequestsToRemind(ctx.db, soon.statuses, soon.dueBy!, today, 500);
  if (!notify || rows.length === 0) return { notified: 0, dueSoon: 0, overdue: 0 };
  const isOverdue = (r: (typeof rows)[number]) => inDueWindow(overdueWindow, { status: r.status as RequestStatus, dueAt: r.due_at });
  const overdue = rows.filter(isOverdue);
  const nowText = now.toISOString();
  await ctx.db.transaction().execute((trx) =>
    insertReminders(trx, rows.map((r) => ({ request_id: r.id, day: today, state: isOverdue(r) ? 'overdue' : 'due_soon', sent_at: nowText }))),
  );
  const t = translatorFor(settings.language ?? ctx.systemLanguage);
  const title = String(t('requests:reminders.title'));
  rows.slice(0, MAX_INDIVIDUAL).forEach((r) => {
    const key = isOverdue(r) ? 'requests:reminders.overdue' : 'requests:reminders.dueSoon';
    notify(title, String(t(key, { reference: r.reference, dueDate: r.due_date })));
  });
  if (rows.length > MAX_INDIVIDUAL) {
    notify(title, String(t('requests:reminders.more', { count: rows.length - MAX_INDIVIDUAL })));
  }
  return { notified: rows.length, dueSoon: rows.length - overdue.length, overdue: overdue.length };
}

/** Runs the reminders now and every hour; answers a function that stops them. */
export function scheduleReminders(ctx: CoreContext, log: (message: string, error: unknown) => void, everyMs = 60 * 60 * 1000): () => void {
  const run = () => void sendDueReminders(ctx).catch((error: unknown) => log('Reminders failed', error));
  run();
  const timer = setInterval(run, everyMs);
  timer.unref?.();
  return () => clearInterval(timer);
}
