import { sql } from 'kysely';
import { dueTests, dueWindow, type DueCondition } from '@shared/deadline/timeliness';
import type { DueWindow } from '@shared/domain/requests';
import { translatorFor } from '@shared/i18n';
import { dueWindowRequests } from '../requests/desk.service';
import { detailText, pipl, policyClause, type GapCheck, type GapContext } from './gap-check';

const PROVISIONAL = 'calendar_provisional:';

/**
 * The due date as the gap list shows it: the date, and for one counted on the weekday rule the
 * desk's own words after it, the missing years named ("2027-01-11 · Provisional · 2027 calendar
 * missing"), in the register's language.
 */
function dueDetail(g: GapContext) {
  const marker = '\u0000';
  const [before = '', after = ''] = String(translatorFor(g.language)('requests:badge.provisional', { years: marker })).split(marker);
  return sql<string>`r.due_date || case when r.deadline_problem like ${`${PROVISIONAL}%`} then ${` · ${before}`} || replace(substr(r.deadline_problem, ${PROVISIONAL.length + 1}), ',', ', ') || ${after} else '' end`;
}

/** The requests in one of the desk's due windows (the timeliness rule), as a gap query. */
const inWindow = (g: GapContext, c: DueCondition) => {
  let q = g.db
    .selectFrom('requests as r')
    .select(['r.id', 'r.reference as label'])
    .select(dueDetail(g).as('detail'))
    .where('r.status', 'in', c.statuses);
  for (const t of dueTests(c)) q = t.op === 'is null' ? q.where('r.due_at', 'is', null) : q.where('r.due_at', t.op, t.value);
  return q;
};

const windowOf = (g: GapContext, w: DueWindow) => dueWindow(w, g.settings, new Date(g.now));

/**
 * A request's deadline is the law's and the policy's promise: it cannot be accepted or waived, only
 * answered on the desk (where the request has its assignee), so these gaps take no decision. Each
 * lists the requests of a due window as the desk does (`?due=`), earliest due first.
 */
const requestCheck = (id: string, severity: GapCheck['severity'], window: DueWindow): GapCheck => ({
  id,
  register: 'requests',
  titleKey: `requests:gaps.${id}`,
  entity: 'request',
  severity,
  basis: [pipl(50), policyClause('10.1')],
  exceptions: [
    { key: 'gaps:exception.requestAnswered', sources: [] },
    { key: 'gaps:exception.requestWithdrawn', sources: [] },
  ],
  decidable: false,
  path: (recordId) => `/requests/${recordId}`,
  detail: detailText('dueDate'),
  query: (g) => inWindow(g, windowOf(g, window)),
  undecided: {
    count: (g) => dueWindowRequests.count(g.db, windowOf(g, window)),
    pageIds: (g, page, pageSize) => dueWindowRequests.pageIds(g.db, windowOf(g, window), page, pageSize),
  },
});

/** Past 24:00 of its due date in the organisation's zone and not answered (policy 10.1). */
export const requestOverdue = requestCheck('request-overdue', 'high', 'overdue');

/** Due within the due-soon days (today included), not yet overdue. */
export const requestDueSoon = requestCheck('request-due-soon', 'medium', 'due_soon');

export const REQUEST_GAPS = [requestOverdue, requestDueSoon];
