import { z } from 'zod';
import { recordId, revisionNumber } from './paging';
import { localDate, requiredMultilineText, requiredText, type MessageRef } from '../validation';
import type { LegalSource } from '../legal-citation';

/** Which register a gap check looks at (the dashboard groups by it). */
export type GapRegister = 'partners' | 'flows' | 'agreements' | 'sdks' | 'categories' | 'policy' | 'requests';

/** How much a gap matters: high where the law is broken outright, low where only the policy's paperwork lags. */
export const GAP_SEVERITIES = ['high', 'medium', 'low'] as const;
export type GapSeverity = (typeof GAP_SEVERITIES)[number];

/**
 * What the officer decided about one gap: someone works on it by a date (`in_hand`), the risk is
 * accepted, or the check does not apply to this record. The last two hold until their review date.
 */
export const GAP_DECISIONS = ['in_hand', 'accepted', 'not_applicable'] as const;
export type GapDecisionKind = (typeof GAP_DECISIONS)[number];

/** Where a gap stands today: `open` when nothing was decided, or an acceptance has passed its review date. */
export const GAP_STATUSES = ['open', 'in_hand', 'accepted', 'not_applicable'] as const;
export type GapStatus = (typeof GAP_STATUSES)[number];

/** The list's filter: every gap, the open ones, those in hand, or those accepted or not applicable. */
export const GAP_LIST_FILTERS = ['all', 'open', 'in_hand', 'settled'] as const;
export type GapListFilter = (typeof GAP_LIST_FILTERS)[number];

/**
 * The status a decision gives a gap on `today` (YYYY-MM-DD in the organisation's zone): an acceptance
 * or a "not applicable" holds up to and including its review date, and the gap is open again after it.
 * The same rule as `gapStatusSql` in the core's gaps repository (a unit test holds them together).
 */
export function gapStatusOf(decision: { decision: GapDecisionKind; reviewOn: string | null } | null, today: string): GapStatus {
  if (!decision) return 'open';
  if (decision.decision === 'in_hand') return 'in_hand';
  return decision.reviewOn !== null && decision.reviewOn >= today ? decision.decision : 'open';
}

export const gapListInput = z.strictObject({
  checkId: requiredText(80),
  filter: z.enum(GAP_LIST_FILTERS).default('all'),
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(200).default(25),
});
export type GapListInput = z.input<typeof gapListInput>;

const gapTarget = {
  checkId: requiredText(80),
  recordId,
  /** The decision's revision as the user saw it; null when there was none. */
  revision: revisionNumber.nullable(),
};

/** Assign an owner and a due date; or accept the gap, or mark it not applicable, with a reason and a review date. */
export const gapDecideInput = z.discriminatedUnion('decision', [
  z.strictObject({ ...gapTarget, decision: z.literal('in_hand'), owner: requiredText(100), dueOn: localDate }),
  z.strictObject({ ...gapTarget, decision: z.enum(['accepted', 'not_applicable']), reason: requiredMultilineText(2000), reviewOn: localDate }),
]);
export type GapDecideInput = z.input<typeof gapDecideInput>;

/** Withdraw a decision: the gap is open again. */
export const gapReopenInput = z.strictObject({ ...gapTarget, revision: revisionNumber });

/** One exception to a check: when it does not apply, and the law or clause that says so. */
export interface GapException {
  /** i18n key of the sentence. */
  key: string;
  sources: LegalSource[];
}

export interface GapSummary {
  id: string;
  register: GapRegister;
  /** i18n key of the check's title, e.g. `gaps:check.partner-without-agreement`. */
  titleKey: string;
  severity: GapSeverity;
  /** What the check rests on. */
  basis: LegalSource[];
  exceptions: GapException[];
  /** i18n key of the suggested fix. */
  fixKey: string;
  /** Whether a gap of this check can be assigned, accepted or marked not applicable (a request's deadline cannot). */
  decidable: boolean;
  /** Open gaps: nothing decided, or a decision past its review date. The headline counts only these. */
  count: number;
  /** Gaps with an owner and a due date. */
  inHand: number;
  /** Gaps accepted or marked not applicable, until their review date. */
  settled: number;
}

export interface GapDecision {
  id: number;
  decision: GapDecisionKind;
  owner: string;
  dueOn: string | null;
  reason: string;
  reviewOn: string | null;
  revision: number;
  decidedAt: string;
}

/** One record a check concerns, with where to fix it. */
export interface GapItem {
  entity: string;
  /** The record's id: with the check, the gap's stable identity. */
  id: number;
  /** What the record is called (a partner's name, a category code…). */
  label: string;
  /** A short fact about the gap, with its unit or its field's name (translated by messageText). */
  detail: MessageRef | null;
  /** The renderer route that opens the record. */
  path: string;
  status: GapStatus;
  /** The decision on record (also one past its review date, which no longer holds). */
  decision: GapDecision | null;
}

export interface GapPage {
  check: GapSummary;
  items: GapItem[];
  /** Gaps under the filter. */
  total: number;
  page: number;
  pageSize: number;
  /** Today in the organisation's zone, as the statuses were judged (a due date before it has passed). */
  today: string;
}
