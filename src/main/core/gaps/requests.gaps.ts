import { dueWindow, type DueCondition } from '@shared/deadline/timeliness';
import type { GapCheck, GapContext } from './gap-check';

/** The requests in one of the desk's due windows (the timeliness rule), as a gap query. */
const inWindow = (g: GapContext, c: DueCondition) => {
  let q = g.db
    .selectFrom('requests as r')
    .select(['r.id', 'r.reference as label', 'r.due_date as detail'])
    .where('r.status', 'in', c.statuses);
  if (c.dueAfter) q = q.where('r.due_at', '>', c.dueAfter);
  if (c.dueBy) q = q.where('r.due_at', '<=', c.dueBy);
  return q;
};

const requestCheck = (id: string, query: GapCheck['query']): GapCheck => ({
  id,
  register: 'requests',
  titleKey: `requests:gaps.${id}`,
  entity: 'request',
  path: (recordId) => `/requests/${recordId}`,
  query,
});

/** Past 24:00 of its due date in the organisation's zone and not answered (policy 10.1). */
export const requestOverdue = requestCheck('request-overdue', (g) => inWindow(g, dueWindow('overdue', g.settings, new Date(g.now))));

/** Due within the due-soon days (today included), not yet overdue. */
export const requestDueSoon = requestCheck('request-due-soon', (g) => inWindow(g, dueWindow('due_soon', g.settings, new Date(g.now))));

export const REQUEST_GAPS = [requestOverdue, requestDueSoon];
