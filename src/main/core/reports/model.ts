/**
 * What a report is, independent of its format: a title, the organisation, when it was generated, the
 * filters used, a few summary tables, and sheets (one per register) whose rows are read in batches so
 * that no format ever holds a whole register in memory (except the PDF, whose HTML is one document).
 */
import type { TFunction } from 'i18next';
import type { Language } from '@shared/domain/settings';
import type { ReportKind } from '@shared/domain/transfer';
import type { LocalDate } from '@shared/time';
import type { CoreContext } from '../context';
import type { AuditChainHead } from '@shared/domain/audit';
import type { ReportCover } from './cover';

/**
 * What a column's `get` answers, by the column's type: enum codes, booleans, `YYYY-MM-DD` days, ISO
 * instants, lists of text. `label`: an i18n key (`ns:key`) shown translated, or plain text.
 */
export interface CellValues {
  text: string;
  label: string;
  number: number | null;
  date: LocalDate | null;
  instant: string | null;
  boolean: boolean | null;
  enum: string | null;
  list: string[];
}
export type CellType = keyof CellValues;
/** A cell as the sheet holds it. */
export type CellValue = CellValues[CellType];

/** What a column is apart from its values: what the import matches a file's headers and cells against. */
interface ColumnBase {
  /** The field's name in the register's schema; also the header a file may use instead of the label. */
  key: string;
  /** i18n key of the header. */
  header: string;
  /** For enums: the codes, and the i18n prefix of their labels (`categories:stage`). */
  values?: readonly string[];
  labelPrefix?: string;
  /** Width in characters in XLSX. */
  width?: number;
  /** Relative width in the PDF's table (default: `width`). */
  pdfWidth?: number;
  /** Shown in the PDF's table (the PDF has less room than a spreadsheet). */
  inPdf?: boolean;
}

interface PersonalFlag {
  /** A requester's name, contact or account: masked (masking.ts) unless the user asked for the details. */
  personal?: boolean;
}

/** What only some types of column have: an enum always names its labels' prefix; only a text column may be personal. */
type ColumnExtras<K extends CellType> = (K extends 'enum' ? { labelPrefix: string } : unknown) & (K extends 'text' ? PersonalFlag : { personal?: never });

/** A column of each type, reading its value of a record `T`. */
type ColumnOf<T, K extends CellType> = ColumnBase & { type: K; get(record: T): CellValues[K] } & ColumnExtras<K>;

/** A column whose `get` answers what its `type` says (a `date` column a day or null, a `list` column a list…). */
export type ColumnSpec<T> = { [K in CellType]: ColumnOf<T, K> }[CellType];

/** A column without its values: its key, header, type and labels. */
export type ColumnLayout = ColumnBase & { type: CellType };

export interface SheetSpec<T = unknown> {
  /** Stable key: the suffix of CSV files, and the name the import recognises. */
  key: string;
  /** i18n key of the sheet's title. */
  title: string;
  columns: ColumnSpec<T>[];
  /** The rows, batch by batch, in a stable order. */
  batches(ctx: CoreContext, filters: ReportFilters): AsyncIterable<T[]>;
}

/**
 * A sheet, with its row type taken from `batches` (or given: `defineSheet<Row>({…})`) so that each
 * column's `get` is checked against both the row and the column's type. A report's list of sheets
 * holds them as `SheetSpec` (rows of unknown type): the renderers hand a sheet's columns only the
 * rows of its own `batches`.
 */
export function defineSheet<T>(sheet: SheetSpec<T>): SheetSpec<T> {
  return sheet;
}

export interface ReportFilters {
  from?: string;
  to?: string;
}

export interface SummaryTable {
  /** Suffix of its CSV file. */
  key?: string;
  title: string;
  headers: string[];
  rows: (string | number)[][];
}

export interface ReportDoc {
  kind: ReportKind;
  language: Language;
  t: TFunction;
  title: string;
  organisation: string;
  generatedAt: string;
  /** The audit log's head when the report was made (entries and last hash), printed on every report. */
  auditHead: AuditChainHead;
  timeZone: string;
  /** The cover every format prints first (cover.ts). */
  cover: ReportCover;
  /** Lines printed under the cover's, e.g. whether requesters' details are masked. */
  filters: { label: string; value: string }[];
  summaries: SummaryTable[];
  sheets: SheetSpec[];
  /** Notes shown under the title (e.g. a register that this build does not hold yet). */
  notes: string[];
  filterValues: ReportFilters;
  ctx: CoreContext;
}

/** Text of a cell for CSV, the PDF and previews: enum labels and Yes/No in the report's language. */
const labels = new WeakMap<TFunction, Map<string, string>>();

/** `t(key)`, remembered per translator: reports translate the same few labels for every row. */
export function label(t: TFunction, key: string): string {
  let cache = labels.get(t);
  if (!cache) {
    cache = new Map();
    labels.set(t, cache);
  }
  let text = cache.get(key);
  if (text === undefined) {
    text = String(t(key));
    cache.set(key, text);
  }
  return text;
}

export function cellText(t: TFunction, column: Pick<ColumnLayout, 'type' | 'labelPrefix'>, value: CellValue): string {
  if (value === null || value === undefined) return '';
  switch (column.type) {
    case 'boolean':
      return label(t, value ? 'common:yes' : 'common:no');
    case 'enum':
      return value === '' ? '' : label(t, `${column.labelPrefix}.${String(value)}`);
    case 'list':
      return Array.isArray(value) ? value.join('\n') : String(value);
    case 'label':
      return /^[a-z]+:[\w.-]+$/i.test(String(value)) ? label(t, String(value)) : String(value);
    default:
      return String(value);
  }
}

/** Keyset paging over a table by id: each batch starts after the last id of the previous one. */
export async function* byIdBatches<T extends { id: number }>(
  load: (afterId: number, limit: number) => Promise<T[]>,
  size = 1000,
): AsyncGenerator<T[]> {
  let after = 0;
  for (;;) {
    const batch = await load(after, size);
    if (batch.length === 0) return;
    yield batch;
    after = batch[batch.length - 1]!.id;
    if (batch.length < size) return;
  }
}
