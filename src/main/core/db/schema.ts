import type { Generated } from 'kysely';
import type {
  AgreementTalliesTable,
  PartnerFlowTalliesTable,
  PartnerTalliesTable,
  PolicyCitationTalliesTable,
  RequestAnswerTalliesTable,
  RequestDueTalliesTable,
  RequestDueKindTalliesTable,
  RequestDueChannelTalliesTable,
  RequestIntakeTalliesTable,
  RequestTalliesTable,
  RequestUndatedTalliesTable,
  SdkTalliesTable,
  SharingFlowTalliesTable,
} from './schema-tallies';

/**
 * The tables as SQLite holds them. Rows stay inside repositories; services turn them into the
 * domain objects of `src/shared/domain`. Booleans are 0/1, instants are ISO-8601 UTC strings.
 */
export interface Database {
  settings: SettingsTable;
  audit_log: AuditLogTable;
  audit_anchor: AuditAnchorTable;
  collection_categories: CollectionCategoriesTable;
  category_data_items: CategoryDataItemsTable;
  holiday_calendar: HolidayCalendarTable;
  holiday_calendar_years: HolidayCalendarYearsTable;
  request_counters: RequestCountersTable;
  request_tallies: RequestTalliesTable;
  request_intake_tallies: RequestIntakeTalliesTable;
  request_answer_tallies: RequestAnswerTalliesTable;
  request_due_tallies: RequestDueTalliesTable;
  request_due_kind_tallies: RequestDueKindTalliesTable;
  request_due_channel_tallies: RequestDueChannelTalliesTable;
  request_undated_tallies: RequestUndatedTalliesTable;
  policy_citation_tallies: PolicyCitationTalliesTable;
  sharing_flow_tallies: SharingFlowTalliesTable;
  partner_tallies: PartnerTalliesTable;
  partner_flow_tallies: PartnerFlowTalliesTable;
  sdk_tallies: SdkTalliesTable;
  agreement_tallies: AgreementTalliesTable;
  cache_revisions: CacheRevisionsTable;
  requests: RequestsTable;
  request_events: RequestEventsTable;
  request_pauses: RequestPausesTable;
  request_reminders: RequestRemindersTable;
  request_attachments: RequestAttachmentsTable;
  reply_templates: ReplyTemplatesTable;
  import_mappings: ImportMappingsTable;
  partners: PartnersTable;
  sharing_flows: SharingFlowsTable;
  agreements: AgreementsTable;
  sdks: SdksTable;
  sdk_reviews: SdkReviewsTable;
  sdk_review_categories: SdkReviewCategoriesTable;
  sdk_review_permissions: SdkReviewPermissionsTable;
  policy_versions: PolicyVersionsTable;
  policy_clauses: PolicyClausesTable;
  gap_decisions: GapDecisionsTable;
  people: PeopleTable;
  stored_files: StoredFilesTable;
}

interface Timestamps {
  created_at: string;
  updated_at: string;
}

export interface SettingsTable extends Timestamps {
  id: Generated<number>;
  key: string;
  /** JSON. */
  value: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor: string;
  entity: string;
  entity_id: number | null;
  action: string;
  /** JSON or null. */
  before: string | null;
  after: string | null;
  prev_hash: string;
  hash: string;
  /** HMAC-SHA256 of id and hash with the key held outside the file (audit-key.ts); null before anchoring began. */
  hmac: string | null;
}

/** The anchor of a team register's audit log (one row, id 1; empty fields: not anchored yet). Unused on SQLite. */
export interface AuditAnchorTable {
  id: number;
  entries: number | null;
  head_id: number | null;
  head_hash: string | null;
  head_at: string | null;
  anchored_from: number | null;
  anchored_at: string | null;
  hmac: string | null;
}

export interface CollectionCategoriesTable extends Timestamps {
  id: Generated<number>;
  code: string;
  name: string;
  stage: string;
  subject_type: string;
  purposes: string;
  legal_basis: string;
  collection_method: string;
  sensitive: number;
  sensitive_kind: string | null;
  separate_consent: number;
  guardian_consent: number;
  retention: string;
  retention_days: number | null;
  storage_location: string;
  cross_border_mechanism: string;
  policy_clause: string;
  status: string;
  notes: string;
  revision: number;
}

export interface CategoryDataItemsTable {
  id: Generated<number>;
  category_id: number;
  position: number;
  item: string;
}

/** A complete year of the holiday calendar (DESIGN: a year is known only when complete). */
export interface HolidayCalendarYearsTable {
  year: number;
  /** shipped | marked | notice | list */
  source: string;
  marked_at: string;
}

export interface HolidayCalendarTable extends Timestamps {
  id: Generated<number>;
  /** LocalDate. */
  date: string;
  /** holiday | workday */
  kind: string;
  note: string;
}

export interface RequestCountersTable {
  year: number;
  last_number: number;
}

/** A random token per cached kind of data, changed by triggers on every write to it. */
export interface CacheRevisionsTable {
  name: 'settings' | 'calendar';
  token: number;
}

export interface RequestsTable extends Timestamps {
  id: Generated<number>;
  reference: string;
  channel: string;
  received_at: string;
  requester_name: string;
  requester_contact: string;
  account_ref: string;
  kind: string;
  details: string;
  concerns_minor: number;
  assignee: string;
  identity_method: string | null;
  identity_result: string | null;
  identity_verified_at: string | null;
  status: string;
  status_before_pause: string | null;
  /** LocalDate in the organisation's zone; null when it cannot be known. */
  due_date: string | null;
  /** 24:00 of due_date in the organisation's zone, ISO UTC. */
  due_at: string | null;
  deadline_problem: string | null;
  responded_at: string | null;
  response_summary: string;
  refusal_reason: string | null;
  refusal_note: Generated<string>;
  complaint_route_given: number;
  response_partial: Generated<number>;
  closed_at: string | null;
  anonymised_at: string | null;
  revision: number;
}

/** The officer's wording of one reply template in one language; none means the shipped wording. */
export interface ReplyTemplatesTable extends Timestamps {
  id: Generated<number>;
  kind: string;
  language: string;
  subject: string;
  body: string;
}

export interface RequestEventsTable {
  id: Generated<number>;
  request_id: number;
  at: string;
  actor: string;
  kind: string;
  from_status: string | null;
  to_status: string | null;
  text: string;
  /** JSON object. */
  data: string;
}

export interface RequestPausesTable {
  id: Generated<number>;
  request_id: number;
  started_at: string;
  ended_at: string | null;
  reason: string;
  resume_reason: string;
}

export interface ImportMappingsTable {
  id: Generated<number>;
  name: string;
  /** categories | partners | flows | agreements | sdks | requests */
  register: string;
  /** The mapping as JSON (shared/domain/import-mapping.ts). */
  body: string;
  created_at: string;
  updated_at: string;
}

/** The bytes of a file kept with a team register (empty on a register file, whose files are in its folder). */
export interface StoredFilesTable {
  /** The store: 'request-files' or 'documents'. */
  folder: string;
  sha256: string;
  size: number;
  bytes: Buffer;
  created_at: string;
}

export interface RequestAttachmentsTable {
  id: Generated<number>;
  request_id: number;
  /** original_message | attachment | document */
  kind: string;
  file_name: string;
  mime_type: string;
  size: number;
  sha256: string;
  /** The Message-ID of an original message (without angle brackets); else null. */
  message_id: string | null;
  created_at: string;
}

export interface RequestRemindersTable {
  request_id: number;
  /** LocalDate the reminder was for. */
  day: string;
  state: string;
  sent_at: string;
}

export interface PartnersTable extends Timestamps {
  id: Generated<number>;
  name: string;
  role: string;
  country_region: string;
  contact: string;
  sharing_basis: string;
  policy_clause: string;
  status: string;
  notes: string;
  revision: number;
}

export interface SharingFlowsTable extends Timestamps {
  id: Generated<number>;
  partner_id: number;
  category_id: number;
  purpose: string;
  method: string;
  frequency: string;
  cross_border: number;
  cross_border_mechanism: string;
  policy_clause: string;
  notes: string;
  revision: number;
}

export interface AgreementsTable extends Timestamps {
  id: Generated<number>;
  partner_id: number;
  kind: string;
  reference_no: string;
  signed_on: string | null;
  effective_from: string | null;
  expires_on: string | null;
  auto_renews: number;
  terminated: number;
  /** JSON list of Art. 21 clause codes. */
  checklist: string;
  document_sha256: string | null;
  document_name: string | null;
  document_mime: string | null;
  document_size: number | null;
  policy_clause: string;
  notes: string;
  revision: number;
}

export interface SdksTable extends Timestamps {
  id: Generated<number>;
  name: string;
  vendor_partner_id: number;
  platform: string;
  purpose: string;
  policy_clause: string;
  status: string;
  notes: string;
  revision: number;
  /** The date of its newest review, null before the first: kept by triggers on sdk_reviews (migration 2026_12_02_1610), never written by the app. */
  last_reviewed_on: string | null;
}

export interface SdkReviewsTable extends Timestamps {
  id: Generated<number>;
  sdk_id: number;
  version: string;
  /** JSON list of checklist codes. */
  checklist: string;
  reviewer: string;
  reviewed_on: string;
  result: string;
  findings: string;
  next_review_due: string | null;
  revision: number;
}

export interface SdkReviewCategoriesTable {
  review_id: number;
  category_id: number;
}

export interface SdkReviewPermissionsTable {
  id: Generated<number>;
  review_id: number;
  position: number;
  name: string;
  required: number;
  purpose: string;
}

export interface PolicyVersionsTable extends Timestamps {
  id: Generated<number>;
  title: string;
  version_label: string;
  effective_on: string | null;
  source_text: string;
  notes: string;
}

export interface PolicyClausesTable {
  id: Generated<number>;
  version_id: number;
  number: string;
  /** The number as the policy writes it (`三、（二）`); '' for a clause imported before labels were kept. */
  label: string;
  heading: string;
  text: string;
  position: number;
  depth: number;
  promises: string;
}

/** A decision about one gap, keyed by its check and record (2026_12_01_1210_gap_decisions). */
export interface GapDecisionsTable extends Timestamps {
  id: Generated<number>;
  check_id: string;
  record_id: number;
  /** in_hand | accepted | not_applicable */
  decision: string;
  owner: string;
  due_on: string | null;
  reason: string;
  review_on: string | null;
  revision: number;
}

export interface PeopleTable {
  id: Generated<number>;
  sign_in_name: string;
  display_name: string;
  /** officer | desk | viewer */
  role: string;
  /** `scrypt$N$r$p$salt$hash` (core/people/password.ts), or null: cannot sign in. */
  password_hash: string | null;
  sees_contacts: Generated<number>;
  disabled: Generated<number>;
  failed_attempts: Generated<number>;
  locked_until: string | null;
  revision: Generated<number>;
  created_at: string;
  updated_at: string;
}
