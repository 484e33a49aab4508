import { z } from 'zod';
import { clauseRef, optionalMultilineText, optionalText, requiredMultilineText, requiredText } from '../validation';
import { pageInput, revisionInput, recordId, revisionNumber } from './paging';

export const CATEGORY_STAGES = ['registration', 'service_use', 'support', 'indirect'] as const;
export const SUBJECT_TYPES = ['individual', 'enterprise_member', 'minor'] as const;
/** PIPL Art. 13. PIPL has no "legitimate interests" basis. */
export const LEGAL_BASES = [
  'consent',
  'contract_or_hr',
  'legal_duty',
  'emergency',
  'news_reporting',
  'public_information',
  'other_law',
] as const;
export const COLLECTION_METHODS = [
  'user_provided',
  'automatic',
  'from_affiliate',
  'from_partner',
  'credit_bureau',
  'public_source',
] as const;
/** PIPL Art. 28. */
export const SENSITIVE_KINDS = [
  'biometric',
  'religious_belief',
  'specific_identity',
  'medical_health',
  'financial_account',
  'whereabouts',
  'minor_under_14',
  'other',
] as const;
export const STORAGE_LOCATIONS = ['domestic', 'cross_border'] as const;
export const CROSS_BORDER_MECHANISMS = [
  'cac_security_assessment',
  'standard_contract',
  'certification',
  'exempt',
  'none',
] as const;
export const RECORD_STATUSES = ['active', 'retired'] as const;

export type CategoryStage = (typeof CATEGORY_STAGES)[number];
export type SubjectType = (typeof SUBJECT_TYPES)[number];
export type LegalBasis = (typeof LEGAL_BASES)[number];
export type CollectionMethod = (typeof COLLECTION_METHODS)[number];
export type SensitiveKind = (typeof SENSITIVE_KINDS)[number];
export type StorageLocation = (typeof STORAGE_LOCATIONS)[number];
export type CrossBorderMechanism = (typeof CROSS_BORDER_MECHANISMS)[number];
export type RecordStatus = (typeof RECORD_STATUSES)[number];

/** The fields a user edits. Contradictions are refused here; gaps (missing consent...) are the gap checks' job. */
const categoryFields = z.strictObject({
  code: z
    .string()
    .trim()
    .toUpperCase()
    .min(1)
    .max(40)
    .regex(/^[A-Z0-9][A-Z0-9_-]*$/, { error: 'validation.codeFormat' }),
  name: requiredText(200),
  stage: z.enum(CATEGORY_STAGES),
  dataItems: z.array(requiredText(100)).min(1, { error: 'validation.atLeastOneItem' }).max(200),
  subjectType: z.enum(SUBJECT_TYPES),
  purposes: requiredMultilineText(2000),
  legalBasis: z.enum(LEGAL_BASES),
  collectionMethod: z.enum(COLLECTION_METHODS),
  sensitive: z.boolean(),
  sensitiveKind: z.enum(SENSITIVE_KINDS).nullable(),
  separateConsent: z.boolean(),
  guardianConsent: z.boolean(),
  retention: optionalText(500),
  retentionDays: z.number().int().min(1).max(36500).nullable(),
  storageLocation: z.enum(STORAGE_LOCATIONS),
  crossBorderMechanism: z.enum(CROSS_BORDER_MECHANISMS),
  policyClause: clauseRef,
  notes: optionalMultilineText(4000),
});

type CategoryFieldsShape = z.output<typeof categoryFields>;

function checkCategory(value: CategoryFieldsShape, ctx: z.RefinementCtx) {
  if (value.sensitive && value.sensitiveKind === null) {
    ctx.addIssue({ code: 'custom', path: ['sensitiveKind'], message: 'validation.sensitiveKindRequired' });
  }
  if (!value.sensitive && value.sensitiveKind !== null) {
    ctx.addIssue({ code: 'custom', path: ['sensitiveKind'], message: 'validation.sensitiveKindWithoutSensitive' });
  }
  if (value.storageLocation === 'domestic' && value.crossBorderMechanism !== 'none') {
    ctx.addIssue({ code: 'custom', path: ['crossBorderMechanism'], message: 'validation.mechanismForDomestic' });
  }
  const seen = new Set<string>();
  value.dataItems.forEach((item, index) => {
    if (seen.has(item)) ctx.addIssue({ code: 'custom', path: ['dataItems', index], message: 'validation.duplicateItem' });
    seen.add(item);
  });
}

export const categoryInput = categoryFields.superRefine(checkCategory);
export type CategoryInput = z.input<typeof categoryInput>;
export type CategoryValues = z.output<typeof categoryInput>;

export const categoryUpdateInput = categoryFields
  .extend({ id: recordId, revision: revisionNumber })
  .superRefine(checkCategory);

export const categorySetStatusInput = revisionInput.extend({ status: z.enum(RECORD_STATUSES) });
export const categoryDeleteInput = revisionInput;

export const CATEGORY_SORT_FIELDS = ['code', 'name', 'stage', 'updatedAt'] as const;
export type CategorySortField = (typeof CATEGORY_SORT_FIELDS)[number];

export const categoryListInput = z.strictObject({
  ...pageInput(CATEGORY_SORT_FIELDS),
  stage: z.enum(CATEGORY_STAGES).optional(),
  sensitive: z.boolean().optional(),
  status: z.enum(RECORD_STATUSES).optional(),
});
export type CategoryListInput = z.input<typeof categoryListInput>;

/** A collection category as the UI and reports see it. */
export interface Category extends CategoryValues {
  id: number;
  status: RecordStatus;
  revision: number;
  createdAt: string;
  updatedAt: string;
}

/** A row of the categories list: enough to scan, not the whole record. */
export interface CategorySummary {
  id: number;
  code: string;
  name: string;
  stage: CategoryStage;
  sensitive: boolean;
  sensitiveKind: SensitiveKind | null;
  legalBasis: LegalBasis;
  policyClause: string;
  status: RecordStatus;
  dataItemCount: number;
  revision: number;
  updatedAt: string;
}

/** Values a blank form starts from. */
export function emptyCategory(): CategoryValues {
  return {
    code: '',
    name: '',
    stage: 'registration',
    dataItems: [],
    subjectType: 'individual',
    purposes: '',
    legalBasis: 'consent',
    collectionMethod: 'user_provided',
    sensitive: false,
    sensitiveKind: null,
    separateConsent: false,
    guardianConsent: false,
    retention: '',
    retentionDays: null,
    storageLocation: 'domestic',
    crossBorderMechanism: 'none',
    policyClause: '',
    notes: '',
  };
}
