import { sql } from 'kysely';
import { REVIEW_STALE_MONTHS } from '@shared/domain/sdks';
import { detailCode, detailText, pipl, policyClause, type GapCheck, type GapContext } from './gap-check';
import { addMonths } from '@shared/time';
import { latestReviewPerSdk, selectActiveSdkLabels } from '../sdks/sdks.repository';
import { selectActivePartnerLabels } from '../partners/partners.repository';

/** SDKs in use, by name, their vendor as the detail. */
const sdksInUse = (g: GapContext) =>
  selectActiveSdkLabels(g.db).innerJoin('partners as p', 'p.id', 'k.vendor_partner_id').select('p.name as detail');

/** An SDK in use that was never reviewed (policy 4.1.6). */
export const sdkWithoutReview: GapCheck = {
  id: 'sdk-without-review',
  register: 'sdks',
  titleKey: 'gaps:check.sdk-without-review',
  entity: 'sdk',
  severity: 'medium',
  basis: [policyClause('4.1.6'), pipl(51)],
  exceptions: [{ key: 'gaps:exception.retiredSdk', sources: [] }],
  path: (id) => `/sdks/${id}`,
  detail: detailText('vendor'),
  query: (g) =>
    sdksInUse(g).where(({ not, exists, selectFrom }) => not(exists(selectFrom('sdk_reviews as r').select(sql.lit(1).as('one')).whereRef('r.sdk_id', '=', 'k.id')))),
};

/** A partner that provides SDKs but has no reviewed SDK in the register. */
export const sdkProviderWithoutReview: GapCheck = {
  id: 'sdk-provider-without-review',
  register: 'sdks',
  titleKey: 'gaps:check.sdk-provider-without-review',
  entity: 'partner',
  severity: 'medium',
  basis: [policyClause('4.1.6'), pipl(51)],
  exceptions: [{ key: 'gaps:exception.retired', sources: [] }],
  path: (id) => `/partners/${id}`,
  detail: detailCode('role', 'partners:role'),
  query: (g) =>
    selectActivePartnerLabels(g.db)
      .select('p.role as detail')
      .where((eb) =>
        eb.or([
          eb('p.role', '=', 'sdk_provider'),
          eb.exists(eb.selectFrom('sharing_flows as s').select(sql.lit(1).as('one')).whereRef('s.partner_id', '=', 'p.id').where('s.method', '=', 'sdk')),
        ]),
      )
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('sdks as k')
              .innerJoin('sdk_reviews as r', 'r.sdk_id', 'k.id')
              .select(sql.lit(1).as('one'))
              .whereRef('k.vendor_partner_id', '=', 'p.id'),
          ),
        ),
      ),
};

/** An SDK in use whose latest review is more than 12 months old, or past its next review date. */
export const sdkReviewStale: GapCheck = {
  id: 'sdk-review-stale',
  register: 'sdks',
  titleKey: 'gaps:check.sdk-review-stale',
  entity: 'sdk',
  severity: 'medium',
  basis: [policyClause('4.1.6'), pipl(51)],
  exceptions: [{ key: 'gaps:exception.retiredSdk', sources: [] }],
  path: (id) => `/sdks/${id}`,
  detail: detailText('reviewedOn'),
  query: (g) =>
    selectActiveSdkLabels(g.db)
      .innerJoin(latestReviewPerSdk(g.db).as('lr'), 'lr.sdk_id', 'k.id')
      .select('lr.reviewed_on as detail')
      .where((eb) =>
        eb.or([
          eb('lr.reviewed_on', '<', addMonths(g.today, -REVIEW_STALE_MONTHS)),
          eb.and([eb('lr.next_review_due', 'is not', null), eb('lr.next_review_due', '<', g.today)]),
        ]),
      ),
};

/** An SDK still in use although its latest review rejected it. */
export const sdkReviewRejected: GapCheck = {
  id: 'sdk-review-rejected',
  register: 'sdks',
  titleKey: 'gaps:check.sdk-review-rejected',
  entity: 'sdk',
  severity: 'high',
  basis: [policyClause('4.1.6'), pipl(51)],
  exceptions: [{ key: 'gaps:exception.retiredSdk', sources: [] }],
  path: (id) => `/sdks/${id}`,
  detail: detailText('version'),
  query: (g) =>
    selectActiveSdkLabels(g.db)
      .innerJoin(latestReviewPerSdk(g.db).as('lr'), 'lr.sdk_id', 'k.id')
      .select('lr.version as detail')
      .where('lr.result', '=', 'rejected'),
};

/** An SDK in use that cites no policy clause (policy 4.1.6 lists the SDKs it embeds). */
export const sdkWithoutClause: GapCheck = {
  id: 'sdk-without-clause',
  register: 'sdks',
  titleKey: 'gaps:check.sdk-without-clause',
  entity: 'sdk',
  severity: 'low',
  basis: [policyClause('4.1.6'), pipl(17)],
  exceptions: [{ key: 'gaps:exception.retiredSdk', sources: [] }],
  path: (id) => `/sdks/${id}`,
  detail: detailText('vendor'),
  query: (g) => sdksInUse(g).where('k.policy_clause', '=', ''),
};

export const SDK_GAPS = [sdkWithoutReview, sdkProviderWithoutReview, sdkReviewStale, sdkReviewRejected, sdkWithoutClause];
