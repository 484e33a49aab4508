import type { SelectQueryBuilder } from 'kysely';
import type { GapItem, GapRegister } from '@shared/domain/gaps';
import type { Language, Settings } from '@shared/domain/settings';
import type { Executor } from '../context';

/** What a check is given: the register, today in the organisation's time zone, and the settings. */
export interface GapContext {
  db: Executor;
  /** YYYY-MM-DD in Settings' time zone, by the core's clock. */
  today: string;
  /** The core's clock's instant, ISO UTC. */
  now: string;
  settings: Settings;
  /** The register's language (Settings', else the system's): the language of details written in words. */
  language: Language;
}

/** The rows a check's query yields: the record's id, what it is called, and a short fact about the gap. */
export interface GapRow {
  id: number;
  label: string;
  detail: string | null;
}

/**
 * One gap check. `query` answers, in the database, every record the check concerns; the registry
 * counts it and pages it (ordered by label) without ever loading the whole list.
 */
export interface GapCheck {
  id: string;
  register: GapRegister;
  /** i18n key of the check's title (any namespace: a register owns its own words). */
  titleKey: string;
  /** The entity name used in the audit log and the links (`partner`, `agreement`…). */
  entity: string;
  /** The renderer route that opens one record. */
  path(id: number): string;
  /** When the query's detail is a code (a role, a kind…): the i18n prefix of its labels, e.g. `partners:role`. */
  detailLabels?: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  query(g: GapContext): SelectQueryBuilder<any, any, GapRow>;
}

/** The detail as shown: plain text, or the i18n key of a code's label (translated by the renderer and the reports). */
export function gapDetail(check: GapCheck, detail: unknown): string {
  if (detail === null || detail === undefined || detail === '') return '';
  return check.detailLabels ? `${check.detailLabels}.${String(detail)}` : String(detail);
}

export function toItem(check: GapCheck, row: GapRow): GapItem {
  return { entity: check.entity, id: row.id, label: row.label, detail: gapDetail(check, row.detail), path: check.path(row.id) };
}
