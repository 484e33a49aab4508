import { z } from 'zod';
import { optionalText, requiredText } from '../validation';
import { importFileInput } from './transfer';

/**
 * A mapping from a spreadsheet as an office keeps it to a register of the workbench: which source
 * column feeds which field, which source value means which code, what a field the office does not
 * keep is set to, and how a cell holding several values is split. Saved by name in the register and
 * exchanged as JSON (docs/import-mapping.md describes the format).
 */

/** The registers a mapping can feed. */
export const IMPORT_REGISTERS = ['categories', 'partners', 'flows', 'agreements', 'sdks', 'requests'] as const;
export type ImportRegister = (typeof IMPORT_REGISTERS)[number];

/** The `format` every mapping file carries, so that another JSON file is not taken for one. */
export const MAPPING_FORMAT = 'privacy-workbench/import-mapping';
export const MAPPING_VERSION = 1;

/** What a list cell is split on unless the mapping says otherwise: 、，,;；/ and line breaks. */
export const DEFAULT_SEPARATORS = '、，,;；/\n';

const fieldKey = z.string().min(1).max(60);
const cellText = z.string().max(500);

/** Partners and flows created from the recipients and transfers columns of a categories sheet. */
export const recipientDefaults = z.strictObject({
  role: z.string().max(60).default('other_handler'),
  countryRegion: z.string().max(100).default(''),
  sharingBasis: z.string().max(60).default('consent'),
  method: z.string().max(60).default('file'),
  frequency: z.string().max(100).default(''),
});

export const importMapping = z.strictObject({
  format: z.literal(MAPPING_FORMAT),
  version: z.literal(MAPPING_VERSION),
  name: requiredText(100),
  register: z.enum(IMPORT_REGISTERS),
  /** The worksheet of an XLSX file to read; empty: the first worksheet. */
  sheet: optionalText(100),
  /** Field → the source column's header as the file writes it. */
  columns: z.record(fieldKey, cellText).default({}),
  /** Field → source value (as written, compared without case) → the workbench's code. */
  values: z.record(fieldKey, z.record(cellText, z.string().max(100))).default({}),
  /** Field → the value used where the file has no column for it or leaves the cell empty; `{row}` is the row's number. */
  defaults: z.record(fieldKey, cellText).default({}),
  /** Characters a list cell is split on. */
  separators: z.string().min(1).max(20).default(DEFAULT_SEPARATORS),
  /** For a categories sheet: partners and flows created from its recipients and transfers columns. */
  recipients: recipientDefaults.default(() => recipientDefaults.parse({})),
});
export type ImportMapping = z.output<typeof importMapping>;
export type ImportMappingInput = z.input<typeof importMapping>;

/** A file to preview or import, with the mapping to read it through (none: the workbench's own columns). */
export const mappedFileInput = importFileInput.extend({ mapping: importMapping.optional() });
export type MappedFileInput = z.input<typeof mappedFileInput>;

/** A file to look into before mapping it: its sheets, and a mapping suggested for a register (guessed when not given). */
export const inspectFileInput = importFileInput.extend({ register: z.enum(IMPORT_REGISTERS).optional(), sheet: z.string().max(100).optional() });

export const saveMappingInput = z.strictObject({ mapping: importMapping });
export const mappingNameInput = z.strictObject({ name: requiredText(100) });

export const templateInput = z.strictObject({
  register: z.enum(IMPORT_REGISTERS),
  language: z.enum(['zh-CN', 'en']),
  format: z.enum(['xlsx', 'csv']),
});

/** One field of a register as the Import page and the mapping dialog describe it. */
export interface RegisterField {
  key: string;
  /** i18n key of the field's header. */
  header: string;
  type: 'text' | 'number' | 'boolean' | 'enum' | 'list' | 'date' | 'instant' | 'label';
  required: boolean;
  /** The codes an enumeration takes, and the i18n prefix of their labels. */
  values?: readonly string[];
  labelPrefix?: string;
  /** A field only a mapping fills (recipients, transfers, outcome…), not a column of the workbench's export. */
  mappingOnly?: boolean;
  /** i18n key of a line saying what the field does on import, where that is not plain. */
  note?: string;
}

export interface RegisterColumns {
  register: ImportRegister;
  /** i18n key of the register's title. */
  title: string;
  fields: RegisterField[];
}

/** A sheet of a file as the mapping dialog shows it. */
export interface InspectedSheet {
  name: string | null;
  headers: string[];
  rows: number;
  /** Header → its distinct values (split where the field is a list), up to 200, in order of first appearance. */
  values: Record<string, string[]>;
}

export interface InspectResult {
  sheets: InspectedSheet[];
  /** The mapping suggested for the chosen (or guessed) register and sheet. */
  suggestion: ImportMapping;
}

export interface SavedMapping {
  name: string;
  register: ImportRegister;
  mapping: ImportMapping;
  updatedAt: string;
}

/** An empty mapping of a register, to fill in. */
export function emptyMapping(register: ImportRegister, name = ''): ImportMapping {
  return importMapping.parse({ format: MAPPING_FORMAT, version: MAPPING_VERSION, name: name || register, register });
}
