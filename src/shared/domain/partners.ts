import { z } from 'zod';
import { clauseRef, freeContact, optionalMultilineText, requiredText } from '../validation';
import { pageInput, revisionInput, recordId, revisionNumber } from './paging';
import { CROSS_BORDER_MECHANISMS, RECORD_STATUSES, type CrossBorderMechanism, type RecordStatus } from './categories';

/** The recipient's role under PIPL. */
export const PARTNER_ROLES = [
  'affiliate',
  'entrusted_processor',
  'other_handler',
  'joint_handler',
  'overseas_recipient',
  'state_organ',
  'sdk_provider',
  'advertising_provider',
  'credit_bureau',
] as const;
export const SHARING_BASES = ['consent', 'separate_consent', 'legal_requirement', 'affiliate_policy', 'contract'] as const;
export const FLOW_METHODS = ['api', 'sdk', 'file', 'manual'] as const;

export type PartnerRole = (typeof PARTNER_ROLES)[number];
export type SharingBasis = (typeof SHARING_BASES)[number];
export type FlowMethod = (typeof FLOW_METHODS)[number];

const id = recordId;

export const partnerInput = z.strictObject({
  name: requiredText(200),
  role: z.enum(PARTNER_ROLES),
  countryRegion: requiredText(100),
  contact: freeContact(500),
  sharingBasis: z.enum(SHARING_BASES),
  policyClause: clauseRef,
  notes: optionalMultilineText(4000),
});
export type PartnerInput = z.input<typeof partnerInput>;
export type PartnerValues = z.output<typeof partnerInput>;
export const partnerUpdateInput = partnerInput.extend({ id, revision: revisionNumber });
export const partnerSetStatusInput = revisionInput.extend({ status: z.enum(RECORD_STATUSES) });

export const PARTNER_SORT_FIELDS = ['name', 'role', 'countryRegion', 'updatedAt'] as const;
export type PartnerSortField = (typeof PARTNER_SORT_FIELDS)[number];
export const partnerListInput = z.strictObject({
  ...pageInput(PARTNER_SORT_FIELDS),
  role: z.enum(PARTNER_ROLES).optional(),
  status: z.enum(RECORD_STATUSES).optional(),
});
export type PartnerListInput = z.input<typeof partnerListInput>;

export interface Partner extends PartnerValues {
  id: number;
  status: RecordStatus;
  revision: number;
  createdAt: string;
  updatedAt: string;
}

export interface PartnerSummary {
  id: number;
  name: string;
  role: PartnerRole;
  countryRegion: string;
  sharingBasis: SharingBasis;
  policyClause: string;
  status: RecordStatus;
  flowCount: number;
  revision: number;
  updatedAt: string;
}

export function emptyPartner(): PartnerValues {
  return { name: '', role: 'entrusted_processor', countryRegion: '中国', contact: '', sharingBasis: 'consent', policyClause: '', notes: '' };
}

/** A sharing flow: what one partner receives of one collection category, for one purpose. */
export const flowFields = z.strictObject({
  partnerId: id,
  categoryId: id,
  purpose: requiredText(500),
  method: z.enum(FLOW_METHODS),
  frequency: requiredText(100),
  crossBorder: z.boolean(),
  crossBorderMechanism: z.enum(CROSS_BORDER_MECHANISMS),
  policyClause: clauseRef,
  notes: optionalMultilineText(2000),
});
type FlowShape = z.output<typeof flowFields>;
function checkFlow(value: FlowShape, ctx: z.RefinementCtx) {
  if (!value.crossBorder && value.crossBorderMechanism !== 'none') {
    ctx.addIssue({ code: 'custom', path: ['crossBorderMechanism'], message: 'validation.mechanismForDomestic' });
  }
}
export const flowInput = flowFields.superRefine(checkFlow);
export type FlowInput = z.input<typeof flowInput>;
export type FlowValues = z.output<typeof flowInput>;
export const flowUpdateInput = flowFields.extend({ id, revision: revisionNumber }).superRefine(checkFlow);
export const flowDeleteInput = revisionInput;

export const FLOW_SORT_FIELDS = ['partner', 'category', 'purpose', 'updatedAt'] as const;
export type FlowSortField = (typeof FLOW_SORT_FIELDS)[number];
export const flowListInput = z.strictObject({
  ...pageInput(FLOW_SORT_FIELDS),
  partnerId: id.optional(),
  categoryId: id.optional(),
  method: z.enum(FLOW_METHODS).optional(),
  crossBorder: z.boolean().optional(),
});
export type FlowListInput = z.input<typeof flowListInput>;

export interface Flow extends FlowValues {
  id: number;
  partnerName: string;
  partnerStatus: RecordStatus;
  categoryCode: string;
  categoryName: string;
  revision: number;
  createdAt: string;
  updatedAt: string;
}

export function emptyFlow(partial: Partial<FlowValues> = {}): Omit<FlowValues, 'partnerId' | 'categoryId'> & {
  partnerId: number | null;
  categoryId: number | null;
} {
  return {
    partnerId: null,
    categoryId: null,
    purpose: '',
    method: 'api',
    frequency: '',
    crossBorder: false,
    crossBorderMechanism: 'none',
    policyClause: '',
    notes: '',
    ...partial,
  };
}

export type { CrossBorderMechanism };
