import { z } from 'zod';
import { contact, instant, localDate, MAX_YEAR, MIN_YEAR, optionalMultilineText, optionalText, requiredMultilineText, requiredText } from '../validation';
import { pageInput, revisionInput, recordId, revisionNumber } from './paging';
import type { DeadlineProblem, DeadlineState } from '../deadline/calculator';

export const REQUEST_CHANNELS = ['hotline', 'email', 'in_app', 'letter', 'in_person', 'other'] as const;
export const REQUEST_KINDS = [
  'access_copy',
  'correction',
  'deletion',
  'restriction_objection',
  'portability',
  'withdraw_consent',
  'account_cancellation',
  'explanation',
  'deceased_relative',
  'complaint',
  'other',
] as const;
export const REQUEST_STATUSES = [
  'new',
  'verifying',
  'in_progress',
  'awaiting_requester',
  'responded',
  'closed',
  'refused',
  'withdrawn',
] as const;
/** Statuses in which the clock runs and the request can be overdue. */
export const OPEN_STATUSES = ['new', 'verifying', 'in_progress', 'awaiting_requester'] as const;
/** What was checked to verify identity. Never a copy of an ID document: only what was checked. */
export const IDENTITY_METHODS = [
  'account_login',
  'sms_code',
  'email_link',
  'id_document_sighted',
  'knowledge_questions',
  'in_person',
  'guardian_proof',
  'not_required',
] as const;
export const IDENTITY_RESULTS = ['verified', 'failed'] as const;
/** GB/T 35273-2020 §8.7: the cases in which a controller may decline to respond. */
export const REFUSAL_REASONS = [
  'legal_obligation',
  'national_security',
  'public_interest',
  'criminal_justice',
  'malicious_or_abusive',
  'vital_interests_no_consent',
  'serious_harm_to_others',
  'trade_secret',
  'unreasonable_or_repetitive',
  /** The requester's identity could not be verified (PIPL Art. 50, GB/T 35273-2020 §8.7 a)). */
  'identity_not_verified',
  /** Any other reason, stated in words (`refusalNote`). */
  'other',
] as const;
export const REQUEST_ACTIONS = [
  'startVerification',
  'verify',
  'pause',
  'resume',
  'respond',
  'refuse',
  'withdraw',
  'close',
  'reopen',
  'note',
] as const;
export const REQUEST_EVENT_KINDS = [
  'created',
  'edited',
  'verification_started',
  'verified',
  'verification_failed',
  'paused',
  'resumed',
  'responded',
  'refused',
  'withdrawn',
  'closed',
  'reopened',
  'note',
  'deadline_recomputed',
  'anonymised',
  /** A reply was sent: its template and language in `data`, subject and text as sent in `text`. */
  'letter_sent',
] as const;
export const DUE_WINDOWS = ['overdue', 'today', 'due_soon', 'this_week', 'unknown'] as const;

export type RequestChannel = (typeof REQUEST_CHANNELS)[number];
export type RequestKind = (typeof REQUEST_KINDS)[number];
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
export type IdentityMethod = (typeof IDENTITY_METHODS)[number];
export type IdentityResult = (typeof IDENTITY_RESULTS)[number];
export type RefusalReason = (typeof REFUSAL_REASONS)[number];
export type RequestAction = (typeof REQUEST_ACTIONS)[number];
export type RequestEventKind = (typeof REQUEST_EVENT_KINDS)[number];
export type DueWindow = (typeof DUE_WINDOWS)[number];

/**
 * The explicit transition table: for each action, the statuses it may start from and where it
 * leads (`resume` returns to the status the request was paused from, `note` stays).
 */
export const TRANSITIONS: Record<RequestAction, { from: readonly RequestStatus[]; to: RequestStatus | 'previous' | 'same' }> = {
  startVerification: { from: ['new'], to: 'verifying' },
  verify: { from: ['new', 'verifying'], to: 'in_progress' },
  pause: { from: ['new', 'verifying', 'in_progress'], to: 'awaiting_requester' },
  resume: { from: ['awaiting_requester'], to: 'previous' },
  respond: { from: ['in_progress'], to: 'responded' },
  refuse: { from: ['new', 'verifying', 'in_progress', 'awaiting_requester'], to: 'refused' },
  withdraw: { from: ['new', 'verifying', 'in_progress', 'awaiting_requester'], to: 'withdrawn' },
  close: { from: ['responded', 'refused', 'withdrawn'], to: 'closed' },
  reopen: { from: ['closed'], to: 'in_progress' },
  note: { from: REQUEST_STATUSES, to: 'same' },
};

export function allowedActions(status: RequestStatus): RequestAction[] {
  return REQUEST_ACTIONS.filter((a) => TRANSITIONS[a].from.includes(status));
}

/** A phone number or an email address; anything else is refused. */
export const requesterContact = contact;

/** Longest details text a request keeps, in characters. */
export const MAX_REQUEST_DETAILS = 4000;

const requestFields = {
  channel: z.enum(REQUEST_CHANNELS),
  receivedAt: instant,
  requesterName: requiredText(100),
  requesterContact,
  accountRef: optionalText(100),
  kind: z.enum(REQUEST_KINDS),
  details: optionalMultilineText(MAX_REQUEST_DETAILS),
  concernsMinor: z.boolean().default(false),
  assignee: optionalText(100),
};

export const requestInput = z.strictObject(requestFields);
export type RequestInput = z.input<typeof requestInput>;
export type RequestValues = z.output<typeof requestInput>;

export const requestUpdateInput = z.strictObject({
  ...requestFields,
  id: recordId,
  revision: revisionNumber,
});

const reason = requiredText(1000);
const at = instant.optional();

/** One step of the workflow; `at` defaults to now (a step noted after the fact may give its time). */
export const requestActInput = z.discriminatedUnion('action', [
  revisionInput.extend({ action: z.literal('startVerification'), note: optionalMultilineText(1000) }),
  revisionInput.extend({
    action: z.literal('verify'),
    method: z.enum(IDENTITY_METHODS),
    result: z.enum(IDENTITY_RESULTS),
    note: optionalMultilineText(1000),
    at,
  }),
  revisionInput.extend({ action: z.literal('pause'), reason, at }),
  revisionInput.extend({ action: z.literal('resume'), reason, at }),
  revisionInput.extend({
    action: z.literal('respond'),
    summary: requiredMultilineText(4000),
    /** Only part of what was asked was done (the rest refused or not possible): the reply is the partial answer. */
    partial: z.boolean().default(false),
    at,
  }),
  revisionInput
    .extend({
      action: z.literal('refuse'),
      refusalReason: z.enum(REFUSAL_REASONS),
      /** The reason in words: required when the reason is `other`. */
      refusalNote: optionalText(500).default(''),
      explanation: requiredMultilineText(2000),
      /** PIPL Art. 50: the requester was told the reason and that they may bring a lawsuit. */
      complaintRouteGiven: z.literal(true, { error: 'validation.complaintRouteRequired' }),
      at,
    })
    .superRefine((v, ctx) => {
      if (v.refusalReason === 'other' && v.refusalNote === '') ctx.addIssue({ code: 'custom', path: ['refusalNote'], message: 'validation.refusalNoteRequired' });
    }),
  revisionInput.extend({ action: z.literal('withdraw'), reason, at }),
  revisionInput.extend({ action: z.literal('close'), note: optionalMultilineText(1000) }),
  revisionInput.extend({ action: z.literal('reopen'), reason }),
  revisionInput.extend({ action: z.literal('note'), note: requiredMultilineText(2000) }),
]);
export type RequestActInput = z.input<typeof requestActInput>;

export const REQUEST_SORT_FIELDS = ['reference', 'receivedAt', 'dueAt', 'status', 'kind', 'updatedAt'] as const;
export type RequestSortField = (typeof REQUEST_SORT_FIELDS)[number];

export const requestListInput = z.strictObject({
  ...pageInput(REQUEST_SORT_FIELDS),
  status: z.enum(REQUEST_STATUSES).optional(),
  /** Only the statuses in which the clock runs. */
  openOnly: z.boolean().optional(),
  kind: z.enum(REQUEST_KINDS).optional(),
  channel: z.enum(REQUEST_CHANNELS).optional(),
  due: z.enum(DUE_WINDOWS).optional(),
});
export type RequestListInput = z.input<typeof requestListInput>;

export const requestEventsInput = z.strictObject({
  id: recordId,
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(200).default(100),
});

/** The replies to a requester, one per outcome (the words are in `src/shared/domain/letters.ts` and the i18n files). */
export const templateKinds = ['acknowledgement', 'verification_needed', 'extension', 'completed', 'partial', 'refused', 'withdrawn'] as const;
export type TemplateKind = (typeof templateKinds)[number];
const letterLanguage = z.enum(['zh-CN', 'en']);
export const requestTemplateInput = z.strictObject({
  id: recordId,
  template: z.enum(templateKinds),
  language: letterLanguage,
  /** What the officer adds for this letter: the reason for an extension or a partial answer. */
  reason: optionalMultilineText(1000).default(''),
  /** What was enclosed or sent with a completion or a partial answer (the data copy…). */
  enclosed: optionalMultilineText(1000).default(''),
});
/** A reply as sent: recorded on the request's timeline with its template. */
export const requestSendLetterInput = revisionInput.extend({
  template: z.enum(templateKinds),
  language: letterLanguage,
  subject: requiredText(300),
  body: requiredMultilineText(20_000),
});
/** The officer's own wording of one template, in one language (Settings). */
export const letterTemplateSaveInput = z.strictObject({
  kind: z.enum(templateKinds),
  language: letterLanguage,
  subject: requiredText(300),
  body: requiredMultilineText(20_000),
});
export const letterTemplateResetInput = z.strictObject({ kind: z.enum(templateKinds), language: letterLanguage });

export const purgeInput = z.strictObject({
  /** Only count what would be anonymised. */
  dryRun: z.boolean().default(false),
});

/** The deadline as shown: stored due date plus where it stands now. */
export interface RequestDeadline {
  dueDate: string | null;
  dueAt: string | null;
  problem: DeadlineProblem | null;
  /** With `calendar_provisional`: the years not yet complete that the due date was counted through. */
  missingYears: number[];
  state: DeadlineState;
  daysLeft: number | null;
  overdueDays: number;
  /** Stopped while awaiting the requester with pauses stopping the clock, or not open. */
  running: boolean;
}

export interface RequestSummary {
  id: number;
  reference: string;
  channel: RequestChannel;
  receivedAt: string;
  requesterName: string;
  kind: RequestKind;
  status: RequestStatus;
  concernsMinor: boolean;
  assignee: string;
  deadline: RequestDeadline;
  revision: number;
  updatedAt: string;
}

export interface Request extends RequestSummary {
  requesterContact: string;
  accountRef: string;
  details: string;
  identityMethod: IdentityMethod | null;
  identityResult: IdentityResult | null;
  identityVerifiedAt: string | null;
  respondedAt: string | null;
  responseSummary: string;
  refusalReason: RefusalReason | null;
  /** The refusal reason in words (required for `other`). */
  refusalNote: string;
  complaintRouteGiven: boolean;
  /** The answer was partial. */
  responsePartial: boolean;
  closedAt: string | null;
  anonymisedAt: string | null;
  allowedActions: RequestAction[];
  createdAt: string;
}

export interface RequestEvent {
  id: number;
  at: string;
  actor: string;
  kind: RequestEventKind;
  fromStatus: RequestStatus | null;
  toStatus: RequestStatus | null;
  /** Reason, note, summary or explanation, as written. */
  text: string;
  /** Structured details (method, result, refusal reason, old and new due dates…). */
  data: Record<string, unknown>;
}

export interface RequestCounts {
  open: number;
  dueSoon: number;
  dueToday: number;
  overdue: number;
  unknownDeadline: number;
  respondedThisMonth: number;
  respondedOnTimeThisMonth: number;
}

export interface RequestDashboard {
  counts: RequestCounts;
  overdue: RequestSummary[];
  byKind: { kind: RequestKind; count: number }[];
  byWeek: { week: string; count: number }[];
}

export interface ReminderResult {
  notified: number;
  dueSoon: number;
  overdue: number;
}

export interface RequestTemplate {
  template: TemplateKind;
  language: 'zh-CN' | 'en';
  subject: string;
  body: string;
  /** The officer's wording (Settings) rather than the shipped one. */
  custom: boolean;
}

/** One template as Settings shows it: the wording with its placeholders, before filling. */
export interface LetterTemplate {
  kind: TemplateKind;
  language: 'zh-CN' | 'en';
  subject: string;
  body: string;
  custom: boolean;
  updatedAt: string | null;
}

export interface PurgeResult {
  anonymised: number;
  cutoff: string;
}

export function emptyRequest(now: string): RequestValues {
  return {
    channel: 'hotline',
    receivedAt: now,
    requesterName: '',
    requesterContact: '',
    accountRef: '',
    kind: 'access_copy',
    details: '',
    concernsMinor: false,
    assignee: '',
  };
}

// Calendar register ------------------------------------------------------------------------
export const CALENDAR_DAY_KINDS = ['holiday', 'workday'] as const;
export const calendarListInput = z.strictObject({ year: z.number().int().min(MIN_YEAR).max(MAX_YEAR) });
export const calendarSetInput = z.strictObject({
  date: localDate,
  /** null removes the entry (the day follows the weekday rule again). */
  kind: z.enum(CALENDAR_DAY_KINDS).nullable(),
  note: optionalText(200),
});
export const calendarImportInput = z.strictObject({
  text: requiredMultilineText(200_000),
  /** Replace every entry of the years the text covers (default), or only add and change. */
  replaceYears: z.boolean().default(true),
  /** The notice's year when its title is not pasted. */
  year: z.number().int().min(MIN_YEAR).max(MAX_YEAR).nullable().default(null),
  /** A list of days that is the whole year's arrangement: marks its one year complete (a notice or holiday-cn file always does). */
  wholeYear: z.boolean().default(false),
});
export const calendarCompleteInput = z.strictObject({
  year: z.number().int().min(MIN_YEAR).max(MAX_YEAR),
  complete: z.boolean(),
});
export interface CalendarEntry {
  date: string;
  kind: (typeof CALENDAR_DAY_KINDS)[number];
  note: string;
}
export interface CalendarYear {
  year: number;
  entries: CalendarEntry[];
  /** Every year the calendar holds data for. */
  years: number[];
  /** The complete years: only these count as known to the deadline calculator. */
  completeYears: number[];
  /** This year is complete. */
  complete: boolean;
  /** From 1 November: next year, when its calendar is not complete yet (the dashboard warns). */
  nextYearMissing: number | null;
}
export interface CalendarImportResult {
  imported: number;
  years: number[];
  /** The year the import made complete, if any. */
  completeYear: number | null;
  recomputed: number;
}
export interface CalendarCompleteResult {
  year: number;
  complete: boolean;
  recomputed: number;
}
