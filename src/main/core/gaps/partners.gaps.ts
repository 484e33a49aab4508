import { sql } from 'kysely';
import type { GapCheck } from './gap-check';
import { activeSql } from '../agreements/agreements.repository';
import { selectActivePartnerLabels } from '../partners/partners.repository';
import { selectFlowLabels } from '../flows/flows.repository';

/** A partner receives information (it has flows) but no agreement with it is in force (policy 4.1.5). */
export const partnerWithoutAgreement: GapCheck = {
  id: 'partner-without-agreement',
  register: 'partners',
  titleKey: 'gaps:check.partner-without-agreement',
  entity: 'partner',
  path: (id) => `/partners/${id}`,
  query: (g) =>
    selectActivePartnerLabels(g.db)
      .select(sql<string>`(select count(*) from sharing_flows s where s.partner_id = p.id)`.as('detail'))
      .where(({ exists, selectFrom }) => exists(selectFrom('sharing_flows as s').select(sql.lit(1).as('one')).whereRef('s.partner_id', '=', 'p.id')))
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('agreements as a').select(sql.lit(1).as('one')).whereRef('a.partner_id', '=', 'p.id').where(activeSql(g.today)))),
      ),
};

/** An active partner that cites no policy clause. */
export const partnerWithoutClause: GapCheck = {
  id: 'partner-without-clause',
  register: 'partners',
  titleKey: 'gaps:check.partner-without-clause',
  entity: 'partner',
  path: (id) => `/partners/${id}`,
  detailLabels: 'partners:role',
  query: (g) =>
    selectActivePartnerLabels(g.db).select('p.role as detail').where('p.policy_clause', '=', ''),
};

// Flows are labelled "partner → category" and link to their partner: they are edited on its page.

/** A flow that crosses the border with no mechanism (PIPL Art. 38; policy 10.7). */
export const flowCrossBorderWithoutMechanism: GapCheck = {
  id: 'flow-cross-border-without-mechanism',
  register: 'flows',
  titleKey: 'gaps:check.flow-cross-border-without-mechanism',
  entity: 'partner',
  path: (id) => `/partners/${id}`,
  query: (g) => selectFlowLabels(g.db).where('s.cross_border', '=', 1).where('s.cross_border_mechanism', '=', 'none'),
};

/** A flow that cites no policy clause: the policy does not say that this information goes there. */
export const flowWithoutClause: GapCheck = {
  id: 'flow-without-clause',
  register: 'flows',
  titleKey: 'gaps:check.flow-without-clause',
  entity: 'partner',
  path: (id) => `/partners/${id}`,
  query: (g) => selectFlowLabels(g.db).where('p.status', '=', 'active').where('s.policy_clause', '=', ''),
};

export const PARTNER_GAPS = [partnerWithoutAgreement, partnerWithoutClause, flowCrossBorderWithoutMechanism, flowWithoutClause];
