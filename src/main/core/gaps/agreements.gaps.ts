import { sql } from 'kysely';
import { EXPIRY_WARNING_DAYS } from '@shared/domain/agreements';
import type { GapCheck } from './gap-check';
import { addDays } from '@shared/time';
import { selectAgreementLabels } from '../agreements/agreements.repository';

/**
 * An agreement that expires within 30 days, or has expired, while its partner still receives
 * information — unless it renews by itself or a later agreement with the partner takes over.
 */
export const agreementExpiring: GapCheck = {
  id: 'agreement-expiring',
  register: 'agreements',
  titleKey: 'gaps:check.agreement-expiring',
  entity: 'agreement',
  path: (id) => `/agreements/${id}`,
  query: (g) =>
    selectAgreementLabels(g.db)
      .select(sql<string>`a.expires_on`.as('detail'))
      .where('a.terminated', '=', 0)
      .where('a.auto_renews', '=', 0)
      .where('a.signed_on', 'is not', null)
      .where('a.expires_on', 'is not', null)
      .where('a.expires_on', '<=', addDays(g.today, EXPIRY_WARNING_DAYS))
      .where(({ exists, selectFrom }) => exists(selectFrom('sharing_flows as s').select(sql.lit(1).as('one')).whereRef('s.partner_id', '=', 'a.partner_id')))
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('agreements as b')
              .select(sql.lit(1).as('one'))
              .whereRef('b.partner_id', '=', 'a.partner_id')
              .whereRef('b.id', '!=', 'a.id')
              .where('b.terminated', '=', 0)
              .where('b.signed_on', 'is not', null)
              .where(sql<boolean>`(b.expires_on is null or b.auto_renews = 1 or b.expires_on > a.expires_on)`),
          ),
        ),
      ),
};

/** An agreement not terminated that cites no policy clause (policy 4.1.5 promises these agreements). */
export const agreementWithoutClause: GapCheck = {
  id: 'agreement-without-clause',
  register: 'agreements',
  titleKey: 'gaps:check.agreement-without-clause',
  entity: 'agreement',
  path: (id) => `/agreements/${id}`,
  detailLabels: 'agreements:kind',
  query: (g) => selectAgreementLabels(g.db).select('a.kind as detail').where('a.terminated', '=', 0).where('a.policy_clause', '=', ''),
};

export const AGREEMENT_GAPS = [agreementExpiring, agreementWithoutClause];
