import type { SelectQueryBuilder } from 'kysely';
import type { GapException, GapRegister, GapSeverity } from '@shared/domain/gaps';
import type { Language, Settings } from '@shared/domain/settings';
import type { LegalSource } from '@shared/legal-citation';
import type { MessageRef } from '@shared/validation';
import type { Executor } from '../db/executor';

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

/**
 * The rows a check's query yields: the record's id (with the check, the gap's identity), what it is
 * called, and a short fact about the gap. `link_id`, where the record is edited on another's page
 * (a flow on its partner's), names that record.
 */
export interface GapRow {
  id: number;
  label: string;
  detail: string | number | null;
  link_id?: number;
}

/**
 * One gap check. `query` answers, in the database, every record the check concerns — its exceptions
 * already left out; the registry counts it and pages it (ordered by label, or as `undecided` reads
 * it) without ever loading the whole list.
 */
export interface GapCheck {
  id: string;
  register: GapRegister;
  /** i18n key of the check's title (any namespace: a register owns its own words). */
  titleKey: string;
  /** The entity name used in the audit log and the links (`partner`, `agreement`…). */
  entity: string;
  severity: GapSeverity;
  /** The law or policy clause the check holds the register to. */
  basis: LegalSource[];
  /**
   * When the check does not apply although its condition seems met, each with its source. The query
   * leaves these records out; the list and the report show the sentences so that nobody has to guess.
   */
  exceptions: GapException[];
  /** i18n key of what to do about such a gap (default `gaps:fix.<id>`). */
  fixKey?: string;
  /** False where no one may accept the gap or mark it not applicable (a request's statutory deadline). */
  decidable?: boolean;
  /** The renderer route that opens one record. */
  path(id: number): string;
  /** The detail as a sentence with its unit or field name (`gaps:detail.*`); none when the query's detail is null. */
  detail?(value: string | number): MessageRef;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  query(g: GapContext): SelectQueryBuilder<any, any, GapRow>;
  /**
   * For a check that takes no decision (each of its gaps is open), read as its own register reads
   * the same records: the count from that register's tallies and a page's ids along one of its
   * indexes, in the order the list shows, instead of counting and sorting every record the query
   * answers (at a million requests, hundreds of thousands may be overdue).
   */
  undecided?: {
    count(g: GapContext): Promise<number>;
    pageIds(g: GapContext, page: number, pageSize: number): Promise<number[]>;
  };
}

/** A sentence of `gaps:detail` with the value as `value` (a count also as `count`, for plural forms). */
export const detailText = (key: string) => (value: string | number): MessageRef => ({
  key: `gaps:detail.${key}`,
  params: typeof value === 'number' ? { value, count: value } : { value },
});

/** A sentence of `gaps:detail` whose value is a code, shown by its label (`partners:role.state_organ`). */
export const detailCode = (key: string, labelPrefix: string) => (value: string | number): MessageRef => ({
  key: `gaps:detail.${key}`,
  params: { value: `${labelPrefix}.${String(value)}` },
});

/** The detail as shown, or null. */
export function gapDetail(check: GapCheck, value: unknown): MessageRef | null {
  if (value === null || value === undefined || value === '' || !check.detail) return null;
  return check.detail(typeof value === 'number' ? value : String(value));
}

export const fixKeyOf = (check: GapCheck) => check.fixKey ?? `gaps:fix.${check.id}`;

/** The article of PIPL (or a paragraph and item of it). */
export const pipl = (article: number, paragraph?: number, item?: number): LegalSource => ({ law: 'pipl', article, paragraph, item });
/** A clause of the organisation's privacy policy. */
export const policyClause = (clause: string): LegalSource => ({ law: 'policy', clause });
