import { z } from 'zod';
import { clauseRef, localDate, optionalMultilineText, requiredText } from '../validation';
import { pageInput, revisionInput, recordId, revisionNumber } from './paging';

export const AGREEMENT_KINDS = [
  'confidentiality',
  'entrusted_processing',
  'data_sharing',
  'joint_handling',
  'cac_standard_contract',
] as const;
/** Derived from the dates (and the terminated flag), never typed in. */
export const AGREEMENT_STATUSES = ['draft', 'pending', 'active', 'expired', 'terminated'] as const;
/** PIPL Art. 21: what an entrustment agreement must settle. */
export const ART21_CLAUSES = [
  'purpose',
  'duration',
  'method',
  'data_types',
  'protection_measures',
  'rights_duties',
  'supervision_audit',
  'return_or_delete',
  'no_sub_entrustment',
  'breach_notification',
] as const;

export type AgreementKind = (typeof AGREEMENT_KINDS)[number];
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];
export type Art21Clause = (typeof ART21_CLAUSES)[number];

/** Largest signed document accepted, in bytes. */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

/**
 * The kinds of file a signed agreement may be, by extension, with the one MIME type each is stored
 * and served as. Whatever type the browser or the file claims is not kept: a type outside this list
 * (or a header smuggled in one, CRLF and all) cannot reach a download or the system's viewer.
 */
export const DOCUMENT_TYPES: Readonly<Record<string, string>> = {
  pdf: 'application/pdf',
  ofd: 'application/ofd',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  odt: 'application/vnd.oasis.opendocument.text',
  rtf: 'application/rtf',
  txt: 'text/plain',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  tif: 'image/tiff',
  tiff: 'image/tiff',
  heic: 'image/heic',
};

/** The file picker's `accept`: the same extensions. */
export const DOCUMENT_ACCEPT = Object.keys(DOCUMENT_TYPES).map((extension) => `.${extension}`).join(',');

/** Days before expiry at which an agreement counts as expiring. */
export const EXPIRY_WARNING_DAYS = 30;

const id = recordId;

const agreementFields = z.strictObject({
  partnerId: id,
  kind: z.enum(AGREEMENT_KINDS),
  referenceNo: requiredText(100),
  signedOn: localDate.nullable(),
  effectiveFrom: localDate.nullable(),
  expiresOn: localDate.nullable(),
  autoRenews: z.boolean(),
  terminated: z.boolean(),
  checklist: z.array(z.enum(ART21_CLAUSES)).max(ART21_CLAUSES.length),
  policyClause: clauseRef,
  notes: optionalMultilineText(4000),
});
type Shape = z.output<typeof agreementFields>;
function checkAgreement(v: Shape, ctx: z.RefinementCtx) {
  if (v.signedOn && v.expiresOn && v.expiresOn < v.signedOn) {
    ctx.addIssue({ code: 'custom', path: ['expiresOn'], message: 'validation.expiryBeforeSigning' });
  }
  if (v.effectiveFrom && v.expiresOn && v.expiresOn < v.effectiveFrom) {
    ctx.addIssue({ code: 'custom', path: ['expiresOn'], message: 'validation.expiryBeforeEffective' });
  }
  if (!v.signedOn && v.effectiveFrom) {
    ctx.addIssue({ code: 'custom', path: ['signedOn'], message: 'validation.effectiveWithoutSigning' });
  }
  if (v.autoRenews && !v.expiresOn) {
    ctx.addIssue({ code: 'custom', path: ['autoRenews'], message: 'validation.renewsWithoutExpiry' });
  }
}
export const agreementInput = agreementFields.superRefine(checkAgreement);
export type AgreementInput = z.input<typeof agreementInput>;
export type AgreementValues = z.output<typeof agreementInput>;
export const agreementUpdateInput = agreementFields.extend({ id, revision: revisionNumber }).superRefine(checkAgreement);
export const agreementDeleteInput = revisionInput;

/** A signed document, sent as base64 in the channel input. */
export const agreementAttachInput = revisionInput.extend({
  /** As the file was called; main keeps only a safe base name of a known document type (`documents.ts`). */
  fileName: z.string().min(1).max(1024),
  /** What the browser claims; main ignores it and stores the type that belongs to the extension. */
  mimeType: z.string().max(200).optional(),
  // base64 of at most MAX_DOCUMENT_BYTES, plus a little slack; the exact size is checked after decoding.
  base64: z.string().max(Math.ceil((MAX_DOCUMENT_BYTES * 4) / 3) + 1024),
});
export const agreementDetachInput = revisionInput;

export const AGREEMENT_SORT_FIELDS = ['referenceNo', 'partner', 'signedOn', 'expiresOn', 'updatedAt'] as const;
export type AgreementSortField = (typeof AGREEMENT_SORT_FIELDS)[number];
export const agreementListInput = z.strictObject({
  ...pageInput(AGREEMENT_SORT_FIELDS),
  partnerId: id.optional(),
  kind: z.enum(AGREEMENT_KINDS).optional(),
  status: z.enum(AGREEMENT_STATUSES).optional(),
});
export type AgreementListInput = z.input<typeof agreementListInput>;

export interface AgreementDocument {
  fileName: string;
  mimeType: string;
  size: number;
  sha256: string;
}

export interface Agreement extends AgreementValues {
  id: number;
  partnerName: string;
  status: AgreementStatus;
  document: AgreementDocument | null;
  revision: number;
  createdAt: string;
  updatedAt: string;
}

export interface AgreementSummary {
  id: number;
  partnerId: number;
  partnerName: string;
  kind: AgreementKind;
  referenceNo: string;
  signedOn: string | null;
  expiresOn: string | null;
  autoRenews: boolean;
  status: AgreementStatus;
  /** The Art. 21 matters it settles. */
  checklist: Art21Clause[];
  hasDocument: boolean;
  revision: number;
  updatedAt: string;
}

export interface DocumentDownload {
  fileName: string;
  mimeType: string;
  base64: string;
}

/**
 * The status an agreement's dates give it on `today` (YYYY-MM-DD): terminated wins; unsigned is a
 * draft; signed but not yet effective is pending; past its expiry it is expired unless it renews.
 */
export function agreementStatus(
  a: { signedOn: string | null; effectiveFrom: string | null; expiresOn: string | null; autoRenews: boolean; terminated: boolean },
  today: string,
): AgreementStatus {
  if (a.terminated) return 'terminated';
  if (!a.signedOn) return 'draft';
  if ((a.effectiveFrom ?? a.signedOn) > today) return 'pending';
  if (a.expiresOn && a.expiresOn < today && !a.autoRenews) return 'expired';
  return 'active';
}

/**
 * How many of PIPL Art. 21's matters an agreement in force leaves unsettled, where the checklist is
 * Art. 21's to ask: of an entrusted-processing agreement. 0 for one complete, not in force, or of
 * another kind. The same rule as the gap check `agreement-art21-incomplete` (a unit test holds them together).
 */
export function art21Shortfall(a: { kind: AgreementKind; status: AgreementStatus; checklist: readonly string[] }): number {
  if (a.kind !== 'entrusted_processing' || a.status !== 'active') return 0;
  return ART21_CLAUSES.length - new Set(a.checklist.filter((c) => (ART21_CLAUSES as readonly string[]).includes(c))).size;
}

export function emptyAgreement(partnerId: number | null = null) {
  return {
    partnerId,
    kind: 'confidentiality' as AgreementKind,
    referenceNo: '',
    signedOn: null as string | null,
    effectiveFrom: null as string | null,
    expiresOn: null as string | null,
    autoRenews: false,
    terminated: false,
    checklist: [] as Art21Clause[],
    policyClause: '4.1.5',
    notes: '',
  };
}
