/**
 * What the import knows of a register: the sheet whose columns a file's headers are matched against,
 * the register's schema, and how a checked row is looked up and written. One spec per register, in
 * `transfer/import-specs.ts`.
 */
import type { z } from 'zod';
import type { TFunction } from 'i18next';
import type { MessageRef } from '@shared/validation';
import type { ImportMapping, ImportRegister } from '@shared/domain/import-mapping';
import type { CoreContext } from '../../context';
import type { Executor } from '../../db/executor';
import type { ColumnLayout, SheetSpec } from '../../reports/model';

/** What the import reads of a report sheet: its key, title and columns (never its rows). */
export type SheetLayout = Pick<SheetSpec, 'key' | 'title'> & { columns: readonly ColumnLayout[] };

/** What resolving a row may need beside the register: the language, the mapping, the time, the file's name. */
export interface ResolveContext {
  t: TFunction;
  mapping?: ImportMapping;
  now: Date;
  source: string;
}

/** A register that can be imported: its sheet (columns), schema, and how to check and insert a row. */
export interface ImportSpec<V = unknown> {
  /** The register's name in a mapping and on the Import page. */
  register: ImportRegister;
  sheet: SheetLayout;
  /** Fields only a mapping fills (recipients, transfers, outcome…): read into `extra`. */
  mappingFields?: readonly ColumnLayout[];
  /** Columns of the export that are read but never imported (computed: due date, timeliness…): not offered for mapping. */
  computed?: string[];
  /** Columns a file must have (field keys). */
  required: string[];
  /** Columns that are exported but not part of the schema's input (e.g. `status`), handled by `insert`. */
  extra?: string[];
  schema: z.ZodType<V>;
  /** Values for the columns a file leaves out: a new object on each call (it becomes the row's values). */
  defaults(): Record<string, unknown>;
  /** The natural key of a row (a code, a reference), to find duplicates in the file and in the register; null: the row has none. */
  key?(values: V, extra: Record<string, unknown>): string | null;
  /** The field whose column a duplicate key is reported at (the first required field otherwise). */
  keyField?: string;
  existingKeys?(db: Executor, keys: string[]): Promise<Set<string>>;
  /**
   * References to other records (a partner by name…): resolves them in place, or answers
   * column → message for each that cannot be resolved.
   */
  resolve?(
    db: Executor,
    row: Record<string, unknown>,
    extra: Record<string, unknown>,
    pending: Map<string, Set<string>>,
    context: ResolveContext,
  ): Promise<Record<string, MessageRef>>;
  insert(trx: Executor, ctx: CoreContext, values: V, extra: Record<string, unknown>): Promise<void>;
  /** A register that can write many rows faster than one by one does it here (same records as `insert`). */
  insertMany?(trx: Executor, ctx: CoreContext, rows: { values: V; extra: Record<string, unknown> }[]): Promise<void>;
}

/** A row that passed every check: the schema's output, and the extra columns for `insert`. */
export interface ParsedRow {
  row: number;
  values: unknown;
  extra: Record<string, unknown>;
  /** The cells as the file wrote them, kept only for the preview's first rows. */
  display?: Record<string, string>;
}

/** Receives a register's valid rows in order, a chunk at a time, while the file has shown no problem. */
export type RowSink = (spec: ImportSpec, rows: ParsedRow[]) => Promise<void>;
