/**
 * What a report is, independent of its format: a title, the organisation, when it was generated, the
 * filters used, a few summary tables, and sheets (one per register) whose rows are read in batches so
 * that no format ever holds a whole register in memory (except the PDF, whose HTML is one document).
 */
import type { TFunction } from 'i18next';
import type { Language } from '@shared/domain/settings';
import type { ReportKind } from '@shared/domain/transfer';
import type { CoreContext } from '../context';

/** `label`: the value is an i18n key (`ns:key`) shown translated, or plain text. */
export type CellType = 'text' | 'number' | 'date' | 'instant' | 'boolean' | 'enum' | 'list' | 'label';
/** A cell as the sheet holds it: enum codes, booleans, `YYYY-MM-DD` days, ISO instants, lists of text. */
export type CellValue = string | number | boolean | null | string[];

export interface ColumnSpec<T> {
  /** The field's name in the register's schema; also the header a file may use instead of the label. */
  key: string;
  /** i18n key of the header. */
  header: string;
  type: CellType;
  /** For enums: the codes, and the i18n prefix of their labels (`categories:stage`). */
  values?: readonly string[];
  labelPrefix?: string;
  /** Width in characters in XLSX. */
  width?: number;
  /** Relative width in the PDF's table (default: `width`). */
  pdfWidth?: number;
  /** Shown in the PDF's table (the PDF has less room than a spreadsheet). */
  inPdf?: boolean;
  /** A requester's name, contact or account: masked (masking.ts) unless the user asked for the details. */
  personal?: boolean;
  get(record: T): CellValue;
}

export interface SheetSpec<T = unknown> {
  /** Stable key: the suffix of CSV files, and the name the import recognises. */
  key: string;
  /** i18n key of the sheet's title. */
  title: string;
  columns: ColumnSpec<T>[];
  /** The rows, batch by batch, in a stable order. */
  batches(ctx: CoreContext, filters: ReportFilters): AsyncIterable<T[]>;
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
  timeZone: string;
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

export function cellText(t: TFunction, column: Pick<ColumnSpec<unknown>, 'type' | 'labelPrefix'>, value: CellValue): string {
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
