import { sql } from 'kysely';
import type { GapCheck } from './gap-check';
import type { GapContext } from './gap-check';
import { selectActiveCategoryLabels } from '../categories/categories.repository';

const activeCategories = (g: GapContext) => selectActiveCategoryLabels(g.db);

const categoryCheck = (id: string, query: GapCheck['query'], detailLabels?: string): GapCheck => ({
  id,
  detailLabels,
  register: 'categories',
  titleKey: `gaps:check.${id}`,
  entity: 'category',
  path: (recordId) => `/categories/${recordId}`,
  query,
});

/** Sensitive information without separate consent (PIPL Art. 29). */
export const sensitiveWithoutSeparateConsent = categoryCheck('sensitive-without-separate-consent', (g) =>
  activeCategories(g).select('c.sensitive_kind as detail').where('c.sensitive', '=', 1).where('c.separate_consent', '=', 0),
  'categories:sensitiveKind',
);

/** Stored abroad with no mechanism (PIPL Art. 38). */
export const categoryCrossBorderWithoutMechanism = categoryCheck('category-cross-border-without-mechanism', (g) =>
  activeCategories(g).select('c.name as detail').where('c.storage_location', '=', 'cross_border').where('c.cross_border_mechanism', '=', 'none'),
);

/** No retention period (policy 10.7). */
export const categoryWithoutRetention = categoryCheck('category-without-retention', (g) =>
  activeCategories(g).select('c.name as detail').where('c.retention', '=', '').where('c.retention_days', 'is', null),
);

/** About minors, with no guardian consent noted (PIPL Art. 31; policy 9). */
export const minorWithoutGuardianConsent = categoryCheck('minor-without-guardian-consent', (g) =>
  activeCategories(g)
    .select('c.name as detail')
    .where((eb) => eb.or([eb('c.subject_type', '=', 'minor'), eb('c.sensitive_kind', '=', 'minor_under_14')]))
    .where('c.guardian_consent', '=', 0),
);

/** No policy clause discloses it. */
export const categoryWithoutClause = categoryCheck('category-without-clause', (g) =>
  activeCategories(g).select(sql<string>`c.name`.as('detail')).where('c.policy_clause', '=', ''),
);

export const CATEGORY_GAPS = [
  sensitiveWithoutSeparateConsent,
  categoryCrossBorderWithoutMechanism,
  categoryWithoutRetention,
  minorWithoutGuardianConsent,
  categoryWithoutClause,
];
