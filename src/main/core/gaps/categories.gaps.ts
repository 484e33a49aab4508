import { detailCode, pipl, policyClause, type GapCheck, type GapContext } from './gap-check';
import { selectActiveCategoryLabels } from '../categories/categories.repository';

const activeCategories = (g: GapContext) => selectActiveCategoryLabels(g.db);

const RETIRED = { key: 'gaps:exception.retiredCategory', sources: [] };
/** PIPL Art. 13(2): no consent at all is needed on the bases of Art. 13(1)(2)–(7), so neither a separate nor a guardian's. */
const NOT_ON_CONSENT = { key: 'gaps:exception.notOnConsent', sources: [pipl(13, 2)] };

const categoryCheck = (check: Omit<GapCheck, 'register' | 'titleKey' | 'entity' | 'path'>): GapCheck => ({
  ...check,
  register: 'categories',
  titleKey: `gaps:check.${check.id}`,
  entity: 'category',
  path: (recordId) => `/categories/${recordId}`,
});

/** Sensitive information processed on consent without separate consent (PIPL Art. 29). */
export const sensitiveWithoutSeparateConsent = categoryCheck({
  id: 'sensitive-without-separate-consent',
  severity: 'high',
  basis: [pipl(29)],
  exceptions: [NOT_ON_CONSENT, RETIRED],
  detail: detailCode('sensitiveKind', 'categories:sensitiveKind'),
  query: (g) =>
    activeCategories(g)
      .select('c.sensitive_kind as detail')
      .where('c.sensitive', '=', 1)
      .where('c.separate_consent', '=', 0)
      .where('c.legal_basis', '=', 'consent'),
});

/** Stored abroad with no mechanism (PIPL Art. 38). */
export const categoryCrossBorderWithoutMechanism = categoryCheck({
  id: 'category-cross-border-without-mechanism',
  severity: 'high',
  basis: [pipl(38), policyClause('10.7')],
  exceptions: [{ key: 'gaps:exception.crossBorderExempt', sources: [{ law: 'cbdf', article: 5 }] }, RETIRED],
  detail: detailCode('stage', 'categories:stage'),
  query: (g) => activeCategories(g).select('c.stage as detail').where('c.storage_location', '=', 'cross_border').where('c.cross_border_mechanism', '=', 'none'),
});

/** No retention period (PIPL Art. 17(1)(3), Art. 19; policy 10.7). */
export const categoryWithoutRetention = categoryCheck({
  id: 'category-without-retention',
  severity: 'medium',
  basis: [pipl(17, 1, 3), pipl(19), policyClause('10.7')],
  exceptions: [RETIRED],
  detail: detailCode('stage', 'categories:stage'),
  query: (g) => activeCategories(g).select('c.stage as detail').where('c.retention', '=', '').where('c.retention_days', 'is', null),
});

/** About minors, processed on consent, with no guardian consent noted (PIPL Art. 31; policy 9). */
export const minorWithoutGuardianConsent = categoryCheck({
  id: 'minor-without-guardian-consent',
  severity: 'high',
  basis: [pipl(31), policyClause('9')],
  exceptions: [NOT_ON_CONSENT, RETIRED],
  detail: detailCode('subjectType', 'categories:subjectType'),
  query: (g) =>
    activeCategories(g)
      .select('c.subject_type as detail')
      .where((eb) => eb.or([eb('c.subject_type', '=', 'minor'), eb('c.sensitive_kind', '=', 'minor_under_14')]))
      .where('c.guardian_consent', '=', 0)
      .where('c.legal_basis', '=', 'consent'),
});

/** No policy clause discloses it (PIPL Art. 17). */
export const categoryWithoutClause = categoryCheck({
  id: 'category-without-clause',
  severity: 'low',
  basis: [pipl(17)],
  exceptions: [RETIRED],
  detail: detailCode('stage', 'categories:stage'),
  query: (g) => activeCategories(g).select('c.stage as detail').where('c.policy_clause', '=', ''),
});

export const CATEGORY_GAPS = [
  sensitiveWithoutSeparateConsent,
  categoryCrossBorderWithoutMechanism,
  categoryWithoutRetention,
  minorWithoutGuardianConsent,
  categoryWithoutClause,
];
