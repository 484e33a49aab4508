import { z } from 'zod';
import { localDate, optionalMultilineText, optionalText, requiredMultilineText, requiredText } from '../validation';
import { pageInput, recordId } from './paging';
import { splitPolicyDocument, type SplitClause, type SplitWarning } from '../policy-split';

/** Registers a clause may promise; a promised register with no record linked to the clause is a gap. */
export const CLAUSE_PROMISES = ['', 'categories', 'partners', 'agreements', 'sdks'] as const;
export type ClausePromise = (typeof CLAUSE_PROMISES)[number];

/** Largest policy text accepted, in characters. */
export const MAX_POLICY_CHARS = 500_000;

export const policyImportInput = z.strictObject({
  title: requiredText(200),
  versionLabel: requiredText(60),
  effectiveOn: localDate.nullable().default(null),
  text: requiredMultilineText(MAX_POLICY_CHARS),
  notes: optionalMultilineText(2000),
});
export type PolicyImportInput = z.input<typeof policyImportInput>;

/** Largest file read for a preview, in bytes (a .docx is sent base64-encoded). */
export const MAX_POLICY_FILE_BYTES = 10 * 1024 * 1024;

/** A policy to split before it is saved: a file's content (base64 for a .docx), or pasted text. */
export const policyPreviewInput = z.strictObject({
  /** The file's name, which decides its format; empty for pasted text. */
  fileName: optionalText(255),
  encoding: z.enum(['text', 'base64']).default('text'),
  content: z.string().max(Math.ceil((MAX_POLICY_FILE_BYTES * 4) / 3) + 4),
});

export interface PolicyPreviewClause {
  number: string;
  label: string;
  heading: string;
  depth: number;
  line: number;
  /** Characters of the clause's text. */
  length: number;
}

export interface PolicyPreview {
  /** The policy as text, as it will be saved and split. */
  text: string;
  preamble: string;
  clauses: PolicyPreviewClause[];
  warnings: SplitWarning[];
}

export const policyClauseListInput = z.strictObject({
  ...pageInput(['position', 'number'] as const),
  /** A version id; the newest version when absent. */
  versionId: recordId.optional(),
});
export const policyClauseGetInput = z.strictObject({
  number: requiredText(40),
  versionId: recordId.optional(),
});
export const policySetPromiseInput = z.strictObject({
  clauseId: recordId,
  promises: z.enum(CLAUSE_PROMISES),
});

export interface PolicyVersion {
  id: number;
  title: string;
  versionLabel: string;
  effectiveOn: string | null;
  importedAt: string;
  clauseCount: number;
  notes: string;
}

export interface PolicyClause {
  id: number;
  versionId: number;
  /** The stable reference records cite (`3.2`, `3.2#2`). */
  number: string;
  /** The number as the policy writes it (`三、（二）`, `第五条`); the reference when the policy wrote none. */
  label: string;
  heading: string;
  text: string;
  position: number;
  depth: number;
  promises: ClausePromise;
  /** How many register records cite this clause number. */
  linkedCount: number;
}

export interface PolicyImportResult {
  version: PolicyVersion;
  clauseNumbers: string[];
}

export type { SplitClause, SplitDocument, SplitWarning, SplitWarningKind } from '../policy-split';
export { chineseNumeral, splitPolicyDocument } from '../policy-split';

/** The clauses of a policy's text (see splitPolicyDocument for the preamble and the warnings). */
export function splitPolicy(text: string): SplitClause[] {
  return splitPolicyDocument(text).clauses;
}

/**
 * A clause as people name it: its number as the policy writes it, with the reference records cite
 * after it when the two differ (`三、（二） · 3.2`), else the reference alone (`3.2.1`, also for a
 * label that differs only by the punctuation after it, `4.1.2.`).
 */
export function clauseName(number: string, label: string | null | undefined): string {
  return writtenApart(number, label) ? `${(label ?? '').trim()} · ${number}` : number;
}

/** Whether the number as the policy writes it says more than the reference (三、 beside 3; not 4.1.2. beside 4.1.2). */
export function writtenApart(number: string, label: string | null | undefined): boolean {
  const bare = (label ?? '').trim().replace(/[.．、,，:：\s]+$/u, '');
  return bare !== '' && bare !== number;
}

/** The register a clause promises, by its number, following DESIGN.md's map of the shared policy. */
export function defaultPromise(number: string): ClausePromise {
  if (number === '4.1.5') return 'agreements';
  if (number === '4.1.6') return 'sdks';
  if (/^4\.1\.[1-4]$/.test(number)) return 'partners';
  if (/^3\.2\.\d+(\.\d+)*$/.test(number)) return 'categories';
  return '';
}
