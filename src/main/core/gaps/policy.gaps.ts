import { sql } from 'kysely';
import { detailCode, pipl, type GapCheck } from './gap-check';
import { citesSql, selectNewestVersionClauses } from '../policy/policy.repository';

const TABLE_OF: Record<string, string> = {
  categories: 'collection_categories',
  partners: 'partners',
  agreements: 'agreements',
  sdks: 'sdks',
};

/**
 * A clause of the newest policy version promises a register (4.1.5 agreements, 4.1.6 SDK reviews…)
 * and no record of that register cites it.
 */
export const clausePromiseUnheld: GapCheck = {
  id: 'clause-promise-unheld',
  register: 'policy',
  titleKey: 'gaps:check.clause-promise-unheld',
  entity: 'policyClause',
  severity: 'medium',
  basis: [pipl(7), pipl(17)],
  exceptions: [{ key: 'gaps:exception.olderVersion', sources: [] }],
  detail: detailCode('promises', 'policy:promises'),
  path: () => `/policy`,
  query: (g) => {
    const cited = (promise: string) =>
      sql<boolean>`(pc.promises = ${promise} and not exists (select 1 from ${sql.table(TABLE_OF[promise]!)} as t where ${citesSql(sql.ref('t.policy_clause'), sql.ref('pc.number'))}))`;
    return selectNewestVersionClauses(g.db)
      .select(['pc.id', 'pc.number as label', 'pc.promises as detail'])
      .where(sql<boolean>`(${sql.join(Object.keys(TABLE_OF).map(cited), sql` or `)})`);
  },
};

export const POLICY_GAPS = [clausePromiseUnheld];
