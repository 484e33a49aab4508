import { localDateOf, type LocalDate } from '@shared/time';
import type { CoreContext } from './context';
import { getSettings } from './settings/settings.service';

/** Today in the organisation's time zone (Settings), by the core's clock. */
export async function localToday(ctx: Pick<CoreContext, 'db' | 'clock'>): Promise<LocalDate> {
  const settings = await getSettings(ctx.db);
  return localDateOf(ctx.clock.now(), settings.timeZone);
}
