/**
 * The tallies: counts of a register's rows per combination of a few columns, kept by triggers in the
 * transaction of every write (the migrations that create them say which), so that a total or a
 * dashboard figure adds up a few tally rows instead of counting the rows. Part of the Database of
 * schema.ts; internal to a register (dialect.ts INTERNAL_TABLE): a copied register or an export
 * leaves them out, and the triggers build them again as the rows go in.
 */

/** How many requests there are per status, kind and channel: kept by triggers on requests. */
export interface RequestTalliesTable {
  status: string;
  kind: string;
  channel: string;
  n: number;
}

/** Requests received per UTC hour ('2026-11-17T06') and kind, kept by triggers. */
export interface RequestIntakeTalliesTable {
  hour: string;
  kind: string;
  n: number;
}

/** Requests answered per UTC hour of the response, on time (1) or not (0), kept by triggers. */
export interface RequestAnswerTalliesTable {
  hour: string;
  on_time: number;
  n: number;
}

/** Open requests with a due time, per status and due time, kept by triggers. */
export interface RequestDueTalliesTable {
  status: string;
  due_at: string;
  n: number;
}

/** Open requests with a due time, per status, kind and due time, kept by triggers (migration 2026_12_02_1800). */
export interface RequestDueKindTalliesTable {
  status: string;
  kind: string;
  due_at: string;
  n: number;
}

/** Open requests with a due time, per status, channel and due time, kept by triggers (migration 2026_12_02_1800). */
export interface RequestDueChannelTalliesTable {
  status: string;
  channel: string;
  due_at: string;
  n: number;
}

/** Open requests with no due time, per status, kept by triggers. */
export interface RequestUndatedTalliesTable {
  status: string;
  n: number;
}

/** How many records of the five registers cite each clause reference (never ''), kept by triggers. */
export interface PolicyCitationTalliesTable {
  ref: string;
  n: number;
}

/** Sharing flows per category, method and cross-border, kept by triggers (migration 2026_12_02_1710). */
export interface SharingFlowTalliesTable {
  category_id: number;
  method: string;
  cross_border: number;
  n: number;
}

/** Sharing flows per partner, kept by triggers (migration 2026_12_06_0900); a partner whose flows all went keeps its row at 0. */
export interface PartnerFlowTalliesTable {
  partner_id: number;
  n: number;
}

/** Partners per role and status, kept by triggers (migration 2026_12_02_1710). */
export interface PartnerTalliesTable {
  role: string;
  status: string;
  n: number;
}

/** SDKs per platform and status, kept by triggers (migration 2026_12_02_1710). */
export interface SdkTalliesTable {
  platform: string;
  status: string;
  n: number;
}

/** Agreements per kind and dateless state ('terminated', 'draft': not signed, 'dated'), kept by triggers (migration 2026_12_02_1710). */
export interface AgreementTalliesTable {
  kind: string;
  state: 'terminated' | 'draft' | 'dated';
  n: number;
}
