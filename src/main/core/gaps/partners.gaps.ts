import { sql } from 'kysely';
import { detailCode, detailText, pipl, policyClause, type GapCheck } from './gap-check';
import { activeSql } from '../agreements/agreements.repository';
import { selectActivePartnerLabels } from '../partners/partners.repository';
import { selectFlowLabels } from '../flows/flows.repository';

/**
 * The partners that have flows, each with how many as the check's detail: from the tally of flows
 * per partner (migration 2026_12_06_0900), one row each, where the flows themselves were read
 * (grouped by partner on PostgreSQL: 16 ms at 100,000 flows).
 */
const withFlows = (partners: ReturnType<typeof selectActivePartnerLabels>) =>
  partners.innerJoin('partner_flow_tallies as t', 't.partner_id', 'p.id').where('t.n', '>', 0).select('t.n as detail');

/**
 * A partner receives information (it has flows) but no agreement with it is in force (policy 4.1.5
 * promises one with every recipient; PIPL Art. 21 requires one for entrusted processing).
 * Not a gap: a disclosure to a state organ that the law requires. It rests on PIPL Art. 13(1)(3)/(7),
 * and a state organ processes by its statutory powers (Art. 34); the agreement duties of Art. 21 and
 * Art. 23 concern entrusted processing and provision to another handler, not such a disclosure.
 */
export const partnerWithoutAgreement: GapCheck = {
  id: 'partner-without-agreement',
  register: 'partners',
  titleKey: 'gaps:check.partner-without-agreement',
  entity: 'partner',
  severity: 'high',
  basis: [policyClause('4.1.5'), pipl(21)],
  exceptions: [
    { key: 'gaps:exception.stateOrganByLaw', sources: [pipl(13, 1, 3), pipl(13, 1, 7), pipl(34)] },
    { key: 'gaps:exception.noFlows', sources: [] },
  ],
  path: (id) => `/partners/${id}`,
  detail: detailText('flows'),
  query: (g) =>
    withFlows(selectActivePartnerLabels(g.db))
      .where(sql<boolean>`not (p.role = 'state_organ' and p.sharing_basis = 'legal_requirement')`)
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('agreements as a').select(sql.lit(1).as('one')).whereRef('a.partner_id', '=', 'p.id').where(activeSql(g.today)))),
      ),
};

/**
 * An entrusted processor (受托人) that receives information with no entrusted-processing agreement in
 * force: a confidentiality agreement does not settle what PIPL Art. 21 requires.
 */
export const entrustedWithoutEntrustment: GapCheck = {
  id: 'entrusted-without-entrustment',
  register: 'partners',
  titleKey: 'gaps:check.entrusted-without-entrustment',
  entity: 'partner',
  severity: 'high',
  basis: [pipl(21)],
  exceptions: [{ key: 'gaps:exception.noFlows', sources: [] }],
  path: (id) => `/partners/${id}`,
  detail: detailText('flows'),
  query: (g) =>
    withFlows(selectActivePartnerLabels(g.db))
      .where('p.role', '=', 'entrusted_processor')
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('agreements as a')
              .select(sql.lit(1).as('one'))
              .whereRef('a.partner_id', '=', 'p.id')
              .where('a.kind', '=', 'entrusted_processing')
              .where(activeSql(g.today)),
          ),
        ),
      ),
};

/** An active partner that cites no policy clause: the policy does not tell individuals about it (PIPL Art. 23). */
export const partnerWithoutClause: GapCheck = {
  id: 'partner-without-clause',
  register: 'partners',
  titleKey: 'gaps:check.partner-without-clause',
  entity: 'partner',
  severity: 'low',
  basis: [pipl(17), pipl(23)],
  exceptions: [{ key: 'gaps:exception.retired', sources: [] }],
  path: (id) => `/partners/${id}`,
  detail: detailCode('role', 'partners:role'),
  query: (g) => selectActivePartnerLabels(g.db).select('p.role as detail').where('p.policy_clause', '=', ''),
};

// Flows are labelled "partner → category" and link to their partner: they are edited on its page.

/** A flow that crosses the border with no mechanism (PIPL Art. 38; policy 10.7). */
export const flowCrossBorderWithoutMechanism: GapCheck = {
  id: 'flow-cross-border-without-mechanism',
  register: 'flows',
  titleKey: 'gaps:check.flow-cross-border-without-mechanism',
  entity: 'flow',
  severity: 'high',
  basis: [pipl(38), policyClause('10.7')],
  exceptions: [{ key: 'gaps:exception.crossBorderExempt', sources: [{ law: 'cbdf', article: 5 }] }],
  path: (id) => `/partners/${id}`,
  detail: detailText('purpose'),
  query: (g) => selectFlowLabels(g.db).where('s.cross_border', '=', 1).where('s.cross_border_mechanism', '=', 'none'),
};

/** A flow that cites no policy clause: the policy does not say that this information goes there. */
export const flowWithoutClause: GapCheck = {
  id: 'flow-without-clause',
  register: 'flows',
  titleKey: 'gaps:check.flow-without-clause',
  entity: 'flow',
  severity: 'low',
  basis: [pipl(23)],
  exceptions: [{ key: 'gaps:exception.retiredPartner', sources: [] }],
  path: (id) => `/partners/${id}`,
  detail: detailText('purpose'),
  query: (g) => selectFlowLabels(g.db).where('p.status', '=', 'active').where('s.policy_clause', '=', ''),
};

export const PARTNER_GAPS = [partnerWithoutAgreement, entrustedWithoutEntrustment, partnerWithoutClause, flowCrossBorderWithoutMechanism, flowWithoutClause];
