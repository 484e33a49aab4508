import { sql } from 'kysely';
import { jsonElements } from '../db/dialect';
import type { Executor } from '../db/executor';
import { ART21_CLAUSES, EXPIRY_WARNING_DAYS } from '@shared/domain/agreements';
import { detailCode, detailText, pipl, policyClause, type GapCheck } from './gap-check';
import { addDays } from '@shared/time';
import { activeSql, selectAgreementLabels } from '../agreements/agreements.repository';

/**
 * An agreement that expires within 30 days, or has expired, while its partner still receives
 * information — unless it renews by itself or a later agreement with the partner takes over.
 */
export const agreementExpiring: GapCheck = {
  id: 'agreement-expiring',
  register: 'agreements',
  titleKey: 'gaps:check.agreement-expiring',
  entity: 'agreement',
  severity: 'medium',
  basis: [policyClause('4.1.5'), pipl(21)],
  exceptions: [
    { key: 'gaps:exception.autoRenews', sources: [] },
    { key: 'gaps:exception.successor', sources: [] },
    { key: 'gaps:exception.noFlows', sources: [] },
  ],
  path: (id) => `/agreements/${id}`,
  detail: detailText('expiresOn'),
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
              .where(sql<boolean>`(b.expires_on is null or b.auto_renews = true or b.expires_on > a.expires_on)`),
          ),
        ),
      ),
};

/** How many of Art. 21's matters the agreement `a` settles (each counted once). */
const settledSql = (db: Executor) => sql<number>`(select count(distinct j.value) from ${jsonElements(db, sql.ref('a.checklist'), 'j')})`;

/**
 * An entrusted-processing agreement in force that does not settle every matter PIPL Art. 21 names
 * (purpose, duration, method, types of information, protection measures, rights and duties…).
 * The checklist is Art. 21's: other kinds of agreement (confidentiality, provision to another
 * handler under Art. 23, joint handling under Art. 20) are not held to it.
 */
export const agreementArt21Incomplete: GapCheck = {
  id: 'agreement-art21-incomplete',
  register: 'agreements',
  titleKey: 'gaps:check.agreement-art21-incomplete',
  entity: 'agreement',
  severity: 'medium',
  basis: [pipl(21)],
  exceptions: [
    { key: 'gaps:exception.notEntrustment', sources: [pipl(20), pipl(23)] },
    { key: 'gaps:exception.notInForce', sources: [] },
  ],
  path: (id) => `/agreements/${id}`,
  detail: (value) => ({ key: 'gaps:detail.checklist', params: { done: Number(value), total: ART21_CLAUSES.length } }),
  query: (g) =>
    selectAgreementLabels(g.db)
      .select(settledSql(g.db).as('detail'))
      .where('a.kind', '=', 'entrusted_processing')
      .where(activeSql(g.today))
      .where(sql<boolean>`${settledSql(g.db)} < ${ART21_CLAUSES.length}`),
};

/** An agreement not terminated that cites no policy clause (policy 4.1.5 promises these agreements). */
export const agreementWithoutClause: GapCheck = {
  id: 'agreement-without-clause',
  register: 'agreements',
  titleKey: 'gaps:check.agreement-without-clause',
  entity: 'agreement',
  severity: 'low',
  basis: [policyClause('4.1.5')],
  exceptions: [{ key: 'gaps:exception.terminated', sources: [] }],
  path: (id) => `/agreements/${id}`,
  detail: detailCode('agreementKind', 'agreements:kind'),
  query: (g) => selectAgreementLabels(g.db).select('a.kind as detail').where('a.terminated', '=', 0).where('a.policy_clause', '=', ''),
};

export const AGREEMENT_GAPS = [agreementExpiring, agreementArt21Incomplete, agreementWithoutClause];
