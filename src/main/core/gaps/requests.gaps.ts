import { addDays, endOfLocalDay } from '@shared/deadline/zoned';
import type { GapCheck, GapContext } from './gap-check';
import { runningStatuses } from '../requests/requests.service';

const runningRequests = (g: GapContext) =>
  g.db
    .selectFrom('requests as r')
    .select(['r.id', 'r.reference as label', 'r.due_date as detail'])
    .where('r.status', 'in', runningStatuses(g.settings));

const requestCheck = (id: string, query: GapCheck['query']): GapCheck => ({
  id,
  register: 'requests',
  titleKey: `requests:gaps.${id}`,
  entity: 'request',
  path: (recordId) => `/requests/${recordId}`,
  query,
});

/** Past 24:00 of its due date in the organisation's zone and not answered (policy 10.1). */
export const requestOverdue = requestCheck('request-overdue', (g) => runningRequests(g).where('r.due_at', '<=', g.now));

/** Due within the due-soon days (today included), not yet overdue. */
export const requestDueSoon = requestCheck('request-due-soon', (g) =>
  runningRequests(g)
    .where('r.due_at', '>', g.now)
    .where('r.due_at', '<=', endOfLocalDay(addDays(g.today, g.settings.dueSoonDays), g.settings.timeZone).toISOString()),
);

export const REQUEST_GAPS = [requestOverdue, requestDueSoon];
