import type { Generated } from 'kysely';

/**
 * The tables as SQLite holds them. Rows stay inside repositories; services turn them into the
 * domain objects of `src/shared/domain`. Booleans are 0/1, instants are ISO-8601 UTC strings.
 */
export interface Database {
  settings: SettingsTable;
  audit_log: AuditLogTable;
  collection_categories: CollectionCategoriesTable;
  category_data_items: CategoryDataItemsTable;
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
