import { z } from 'zod';
import { clauseRef, localDate, optionalMultilineText, requiredMultilineText, requiredText } from '../validation';
import { pageInput, revisionInput, recordId, revisionNumber } from './paging';
import { RECORD_STATUSES, type RecordStatus } from './categories';

export const SDK_PLATFORMS = ['android', 'ios', 'web', 'mini_program', 'desktop', 'server'] as const;
export const REVIEW_RESULTS = ['approved', 'approved_with_conditions', 'rejected'] as const;
/** GB/T 41391-2022 §6.6.2 and the TC260 SDK security guide. */
export const SDK_CHECKLIST = [
  'necessary',
  'disclosed_in_policy',
  'init_after_consent',
  'minimum_data',
  'permissions_with_purpose',
  'no_unlawful_cross_border',
  'processing_agreement_signed',
  'hot_update_reviewed',
  'can_be_switched_off',
  'data_handled_on_removal',
] as const;
/** Months after which a review is stale. */
export const REVIEW_STALE_MONTHS = 12;

export type SdkPlatform = (typeof SDK_PLATFORMS)[number];
export type ReviewResult = (typeof REVIEW_RESULTS)[number];
export type SdkCheck = (typeof SDK_CHECKLIST)[number];

const id = recordId;

export const sdkInput = z.strictObject({
  name: requiredText(200),
  vendorPartnerId: id,
  platform: z.enum(SDK_PLATFORMS),
  purpose: requiredMultilineText(2000),
  policyClause: clauseRef,
  notes: optionalMultilineText(4000),
});
export type SdkInput = z.input<typeof sdkInput>;
export type SdkValues = z.output<typeof sdkInput>;
export const sdkUpdateInput = sdkInput.extend({ id, revision: revisionNumber });
export const sdkSetStatusInput = revisionInput.extend({ status: z.enum(RECORD_STATUSES) });
export const sdkDeleteInput = revisionInput;

export const SDK_SORT_FIELDS = ['name', 'vendor', 'platform', 'lastReviewedOn', 'updatedAt'] as const;
export type SdkSortField = (typeof SDK_SORT_FIELDS)[number];
export const sdkListInput = z.strictObject({
  ...pageInput(SDK_SORT_FIELDS),
  vendorPartnerId: id.optional(),
  platform: z.enum(SDK_PLATFORMS).optional(),
  status: z.enum(RECORD_STATUSES).optional(),
});

export const permissionInput = z.strictObject({
  name: requiredText(200),
  required: z.boolean(),
  purpose: requiredText(500),
});

const reviewFields = z.strictObject({
  sdkId: id,
  version: requiredText(60),
  categoryIds: z.array(id).max(200),
  permissions: z.array(permissionInput).max(100),
  checklist: z.array(z.enum(SDK_CHECKLIST)).max(SDK_CHECKLIST.length),
  reviewer: requiredText(100),
  reviewedOn: localDate,
  result: z.enum(REVIEW_RESULTS, { error: 'validation.resultRequired' }),
  findings: optionalMultilineText(8000),
  nextReviewDue: localDate.nullable(),
});
type ReviewShape = z.output<typeof reviewFields>;
function checkReview(v: ReviewShape, ctx: z.RefinementCtx) {
  if (v.nextReviewDue && v.nextReviewDue <= v.reviewedOn) {
    ctx.addIssue({ code: 'custom', path: ['nextReviewDue'], message: 'validation.nextReviewBeforeReview' });
  }
  if (v.result !== 'approved' && !v.findings) {
    ctx.addIssue({ code: 'custom', path: ['findings'], message: 'validation.findingsRequired' });
  }
  const seen = new Set<string>();
  v.permissions.forEach((p, index) => {
    if (seen.has(p.name)) ctx.addIssue({ code: 'custom', path: ['permissions', index, 'name'], message: 'validation.duplicateItem' });
    seen.add(p.name);
  });
}
export const reviewInput = reviewFields.superRefine(checkReview);
export type ReviewInput = z.input<typeof reviewInput>;
export type ReviewValues = z.output<typeof reviewInput>;
export const reviewUpdateInput = reviewFields.extend({ id, revision: revisionNumber }).superRefine(checkReview);

export interface Permission {
  name: string;
  required: boolean;
  purpose: string;
}

export interface SdkReview extends ReviewValues {
  id: number;
  categories: { id: number; code: string; name: string }[];
  revision: number;
  createdAt: string;
  updatedAt: string;
}

export interface Sdk extends SdkValues {
  id: number;
  vendorName: string;
  status: RecordStatus;
  /** Newest first: every review of every version is kept. */
  reviews: SdkReview[];
  revision: number;
  createdAt: string;
  updatedAt: string;
}

export interface SdkSummary {
  id: number;
  name: string;
  vendorPartnerId: number;
  vendorName: string;
  platform: SdkPlatform;
  status: RecordStatus;
  lastVersion: string | null;
  lastReviewedOn: string | null;
  lastResult: ReviewResult | null;
  nextReviewDue: string | null;
  reviewCount: number;
  revision: number;
  updatedAt: string;
}

export function emptySdk() {
  return { name: '', vendorPartnerId: null as number | null, platform: 'android' as SdkPlatform, purpose: '', policyClause: '4.1.6', notes: '' };
}
