/**
 * Import from XLSX and CSV: every row is parsed and validated with the register's own zod schema,
 * duplicate and unknown references found, and every problem reported by row and column (the
 * preview), writing nothing. The commit makes the same pass inside one transaction, handing the
 * valid rows to the register's own service in chunks as it goes, and rolls everything back if any
 * problem turns up, so a file is imported whole or not at all. A CSV is parsed as it is read: a
 * large file is never held as rows in memory.
 *
 * The columns are the report sheets' columns (reports/sheets), so that a sheet exported from the
 * workbench imports back as it was. Headers and enum labels are accepted in either language, or as
 * the field names and codes.
 */
// Types only: exceljs (0.3 s to load) is loaded when a spreadsheet is actually read or written.
import type ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
import { parse as csvParser } from 'csv-parse';
import type { TFunction } from 'i18next';
import type { z } from 'zod';
import { messageText, translatorFor } from '@shared/i18n';
import { issueMessage, type MessageRef } from '@shared/validation';
import type { ImportIssue, ImportPreview, ImportOutcome } from '@shared/domain/transfer';
import { LANGUAGES } from '@shared/domain/settings';
import { AppError } from '../errors';
import type { CoreContext, Executor } from '../context';
import { getSettings } from '../settings/settings.service';
import type { ColumnSpec, SheetSpec } from '../reports/model';
import { dayToDate } from '../reports/render-xlsx';
import { wallParts } from '../reports/sheets/time';
import { fromSpreadsheetText } from '../reports/spreadsheet-text';
import { checkJsonExport, importJsonExport, ImportRefused, type JsonIssue } from './json-export';

/** A register that can be imported: its sheet (columns), schema, and how to check and insert a row. */
export interface ImportSpec<V = unknown> {
  sheet: SheetSpec<never>;
  /** Columns a file must have (field keys). */
  required: string[];
  /** Columns that are exported but not part of the schema's input (e.g. `status`), handled by `insert`. */
  extra?: string[];
  schema: z.ZodType<V>;
  /** Values for the columns a file leaves out: a new object on each call (it becomes the row's values). */
  defaults(): Record<string, unknown>;
  /** The natural key of a row (a code, a reference), to find duplicates in the file and in the register. */
  key?(values: V): string;
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
  ): Promise<Record<string, MessageRef>>;
  insert(trx: Executor, ctx: CoreContext, values: V, extra: Record<string, unknown>): Promise<void>;
  /** A register that can write many rows faster than one by one does it here (same records as `insert`). */
  insertMany?(trx: Executor, ctx: CoreContext, rows: { values: V; extra: Record<string, unknown> }[]): Promise<void>;
}

type Raw = string | number | boolean | Date | null;

interface SheetRow {
  row: number;
  cells: Raw[];
}

interface ReadSheet {
  name: string | null;
  header: Raw[];
  /** The data rows, read as they are iterated (a CSV is parsed as it goes); may throw SheetUnreadable. */
  rows: AsyncIterable<SheetRow> | Iterable<SheetRow>;
  /** A problem with the file as a whole (unreadable, truncated). */
  fileIssue?: MessageRef & { row?: number };
}

/** The file turned out to be unreadable part way through (a truncated CSV). */
class SheetUnreadable extends Error {
  constructor(readonly issue: MessageRef) {
    super(issue.key);
  }
}

interface ParsedRow {
  row: number;
  values: unknown;
  extra: Record<string, unknown>;
  /** The cells as the file wrote them, kept only for the preview's first rows. */
  display?: Record<string, string>;
}

/** Receives a register's valid rows in order, a chunk at a time, while the file has shown no problem. */
type RowSink = (spec: ImportSpec, rows: ParsedRow[]) => Promise<void>;

interface SheetOutcome {
  label: string;
  rows: number;
  valid: number;
  sample: ParsedRow[];
  issues: ImportIssue[];
}

/** Rows handed to the sink at a time (and looked up in the register for existing keys). */
const CHUNK = 2000;
const SAMPLE_ROWS = 5;

const norm = (text: unknown) => String(text ?? '').trim().toLowerCase().replace(/\s+/g, ' ');

function translators(): TFunction[] {
  return LANGUAGES.map((l) => translatorFor(l));
}

/** Every way a header may be written: its label in each language, or the field name. */
function headerAliases(column: ColumnSpec<unknown>): Set<string> {
  return new Set([norm(column.key), ...translators().map((t) => norm(t(column.header)))]);
}

function sheetAliases(spec: ImportSpec): Set<string> {
  return new Set([norm(spec.sheet.key), ...translators().map((t) => norm(t(spec.sheet.title)))]);
}

function cellToRaw(value: ExcelJS.CellValue): Raw {
  if (value === null || value === undefined) return null;
  if (value instanceof Date || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('result' in value) return cellToRaw((value as { result: ExcelJS.CellValue }).result);
    if ('text' in value) return String((value as { text: unknown }).text);
    if ('error' in value) return null;
  }
  return String(value);
}

async function readXlsx(bytes: Buffer): Promise<ReadSheet[]> {
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  try {
    await workbook.xlsx.load(bytes as never);
  } catch (error) {
    return [{ name: null, header: [], rows: [], fileIssue: { key: 'errors:import.xlsxUnreadable', params: { detail: (error as Error).message } } }];
  }
  const sheets: ReadSheet[] = [];
  workbook.eachSheet((ws) => {
    const header: Raw[] = [];
    const rows: SheetRow[] = [];
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const cells: Raw[] = [];
      for (let c = 1; c <= ws.columnCount; c += 1) cells.push(cellToRaw(row.getCell(c).value));
      if (rowNumber === 1) header.push(...cells);
      else rows.push({ row: rowNumber, cells });
    });
    sheets.push({ name: ws.name, header, rows });
  });
  return sheets;
}

function csvIssue(error: unknown): MessageRef {
  const e = error as { code?: string; lines?: number; message: string };
  return e.code === 'CSV_QUOTE_NOT_CLOSED'
    ? { key: 'errors:import.csvTruncated', params: { line: e.lines ?? 0 } }
    : { key: 'errors:import.csvUnreadable', params: { detail: e.message } };
}

/** The file in pieces, so that the parser reads it as a stream and hands over records as it goes. */
function* pieces(bytes: Buffer, size = 64 * 1024): Generator<Buffer> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

/** A CSV (UTF-8, with or without a BOM) as one sheet whose rows are parsed while they are read. */
async function readCsv(bytes: Buffer): Promise<ReadSheet[]> {
  const parser = Readable.from(pieces(bytes)).pipe(csvParser({ bom: true, relax_column_count: true, skip_empty_lines: false }));
  const records = parser[Symbol.asyncIterator]() as AsyncIterator<string[]>;
  let first: IteratorResult<string[]>;
  try {
    first = await records.next();
  } catch (error) {
    return [{ name: null, header: [], rows: [], fileIssue: csvIssue(error) }];
  }
  async function* rows(): AsyncGenerator<SheetRow> {
    let row = 2;
    for (;;) {
      let next: IteratorResult<string[]>;
      try {
        next = await records.next();
      } catch (error) {
        throw new SheetUnreadable(csvIssue(error));
      }
      if (next.done) return;
      yield { row: row++, cells: next.value };
    }
  }
  return [{ name: null, header: first.done ? [] : first.value, rows: rows() }];
}

const isBlank = (cells: Raw[]) => cells.every((c) => c === null || String(c).trim() === '');

function formatDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function validDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  return formatDay(dayToDate(text)) === text;
}

/** An instant from a cell: an ISO string, or (from a spreadsheet) a wall-clock time in the organisation's zone. */
function wallToIso(year: number, month: number, day: number, h: number, m: number, s: number, timeZone: string): string {
  const guess = Date.UTC(year, month - 1, day, h, m, s);
  const p = wallParts(new Date(guess).toISOString(), timeZone);
  const offset = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - guess;
  return new Date(guess - offset).toISOString();
}

type CellResult = { ok: true; value: unknown } | { ok: false; message: MessageRef };

const enumLookups = new WeakMap<ColumnSpec<unknown>, Map<string, string>>();

/** An enumeration column's accepted spellings (its codes and their labels in every language) → code; built once per column. */
function enumLookup(column: ColumnSpec<unknown>): Map<string, string> {
  let lookup = enumLookups.get(column);
  if (!lookup) {
    lookup = new Map();
    for (const code of column.values ?? []) {
      for (const t of translators()) {
        const label = norm(t(`${column.labelPrefix}.${code}`));
        if (!lookup.has(label)) lookup.set(label, code);
      }
    }
    // A code always means itself, even where it happens to spell another value's label.
    for (const code of column.values ?? []) lookup.set(norm(code), code);
    enumLookups.set(column, lookup);
  }
  return lookup;
}

function parseCell(column: ColumnSpec<unknown>, raw: Raw, timeZone: string): CellResult {
  const text = raw === null ? '' : raw instanceof Date ? '' : fromSpreadsheetText(String(raw).trim());
  const empty = raw === null || (typeof raw === 'string' && text === '');
  switch (column.type) {
    case 'text':
    case 'label':
      return { ok: true, value: raw instanceof Date ? formatDay(raw) : text };
    case 'number': {
      if (empty) return { ok: true, value: null };
      const n = typeof raw === 'number' ? raw : Number(text);
      if (!Number.isFinite(n)) return { ok: false, message: { key: 'errors:import.notNumber', params: { value: text } } };
      return { ok: true, value: n };
    }
    case 'boolean': {
      if (empty) return { ok: true, value: false };
      if (typeof raw === 'boolean') return { ok: true, value: raw };
      const v = norm(text);
      if (['yes', 'y', 'true', '1', '是', '√'].includes(v)) return { ok: true, value: true };
      if (['no', 'n', 'false', '0', '否', '×'].includes(v)) return { ok: true, value: false };
      return { ok: false, message: { key: 'errors:import.notBoolean', params: { value: text } } };
    }
    case 'enum': {
      if (empty) return { ok: true, value: null };
      const code = enumLookup(column).get(norm(text));
      return code === undefined ? { ok: false, message: { key: 'errors:import.unknownValue', params: { value: text } } } : { ok: true, value: code };
    }
    case 'list':
      return { ok: true, value: empty ? [] : text.split(/\r?\n|[;；]/).map((s) => s.trim()).filter((s) => s !== '') };
    case 'date': {
      if (empty) return { ok: true, value: null };
      if (raw instanceof Date) return { ok: true, value: formatDay(raw) };
      if (!validDay(text)) return { ok: false, message: { key: 'errors:import.notDate', params: { value: text } } };
      return { ok: true, value: text };
    }
    case 'instant': {
      if (empty) return { ok: true, value: null };
      if (raw instanceof Date) {
        return {
          ok: true,
          value: wallToIso(raw.getUTCFullYear(), raw.getUTCMonth() + 1, raw.getUTCDate(), raw.getUTCHours(), raw.getUTCMinutes(), raw.getUTCSeconds(), timeZone),
        };
      }
      const local = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(text);
      if (local && validDay(`${local[1]}-${local[2]}-${local[3]}`)) {
        return { ok: true, value: wallToIso(+local[1]!, +local[2]!, +local[3]!, +local[4]!, +local[5]!, +(local[6] ?? 0), timeZone) };
      }
      if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text) && !Number.isNaN(Date.parse(text))) {
        return { ok: true, value: new Date(text).toISOString() };
      }
      return { ok: false, message: { key: 'errors:import.notDateTime', params: { value: text } } };
    }
  }
}

function findSpec(sheet: ReadSheet, specs: ImportSpec[]): ImportSpec | null {
  if (sheet.name) {
    const byName = specs.find((s) => sheetAliases(s).has(norm(sheet.name)));
    if (byName) return byName;
  }
  const headers = sheet.header.map(norm);
  let best: { spec: ImportSpec; score: number } | null = null;
  for (const spec of specs) {
    const present = (spec.sheet.columns as ColumnSpec<unknown>[]).filter((c) => headers.some((h) => headerAliases(c).has(h)));
    // A named worksheet (XLSX) is taken by its headers only when they hold every required column:
    // the other sheets of a report (partners, about…) share a few headers such as "Name" or "Status".
    if (sheet.name && !spec.required.every((k) => present.some((c) => c.key === k))) continue;
    const score = present.length;
    if (score > 0 && (!best || score > best.score)) best = { spec, score };
  }
  return best?.spec ?? null;
}

/**
 * Checks one sheet row by row. Valid rows go to `sink` in chunks while neither this sheet nor an
 * earlier one (`clean`) has shown a problem; after the first problem the rest is still checked, so
 * that the preview lists every problem, but nothing more is handed over.
 */
async function checkSheet(
  db: Executor,
  t: TFunction,
  sheet: ReadSheet,
  spec: ImportSpec,
  timeZone: string,
  pending: Map<string, Set<string>>,
  clean: () => boolean,
  sink?: RowSink,
  onRow?: () => void,
): Promise<SheetOutcome> {
  const label = t(spec.sheet.title);
  const issues: ImportIssue[] = [];
  const issue = (row: number | null, column: string | null, message: MessageRef) =>
    issues.push({ sheet: label, row, column, message: messageText(t, message) });
  const columns = spec.sheet.columns as ColumnSpec<unknown>[];
  const headerText = sheet.header.map((h) => String(h ?? '').trim());
  const mapping: (ColumnSpec<unknown> | null)[] = headerText.map((h) => columns.find((c) => headerAliases(c).has(norm(h))) ?? null);
  headerText.forEach((h, i) => {
    if (h !== '' && !mapping[i]) issue(1, h, { key: 'errors:import.unknownColumn', params: { column: h } });
  });
  const seenColumns = new Set<string>();
  mapping.forEach((c, i) => {
    if (!c) return;
    if (seenColumns.has(c.key)) issue(1, headerText[i]!, { key: 'errors:import.duplicateColumn', params: { column: headerText[i]! } });
    seenColumns.add(c.key);
  });
  const missing = spec.required.filter((k) => !seenColumns.has(k));
  for (const key of missing) {
    const column = columns.find((c) => c.key === key)!;
    issue(1, t(column.header), { key: 'errors:import.missingColumn', params: { column: t(column.header) } });
  }
  const headerOf = (key: string) => {
    const i = mapping.findIndex((c) => c?.key === key);
    return i >= 0 ? headerText[i]! : t(columns.find((c) => c.key === key)?.header ?? key);
  };
  const outcome: SheetOutcome = { label, rows: 0, valid: 0, sample: [], issues };
  const keys = new Map<string, number>();
  const extraKeys = new Set(spec.extra ?? []);
  let chunk: { parsed: ParsedRow; key: string | null }[] = [];

  /** Refuses the chunk's keys already in the register, then hands the chunk over if all is well so far. */
  const flush = async () => {
    if (chunk.length === 0) return;
    const rows = chunk;
    chunk = [];
    if (spec.key && spec.existingKeys) {
      const byKey = new Map(rows.filter((r) => r.key !== null).map((r) => [r.key!, r.parsed.row]));
      const existing = await spec.existingKeys(db, [...byKey.keys()]);
      for (const [key, row] of byKey) {
        if (existing.has(key)) issue(row, headerOf(spec.required[0]!), { key: 'errors:import.existingKey', params: { value: key } });
      }
    }
    if (sink && issues.length === 0 && clean()) await sink(spec, rows.map((r) => r.parsed));
    // Parsing and writing never wait on I/O: let the host answer other calls between chunks.
    await new Promise((resolve) => setImmediate(resolve));
  };

  try {
    for await (const { row, cells } of sheet.rows) {
      onRow?.();
      if (isBlank(cells)) continue;
      outcome.rows += 1;
      if (missing.length > 0) continue;
      const values: Record<string, unknown> = spec.defaults();
      const extra: Record<string, unknown> = {};
      const display: Record<string, string> | undefined = outcome.sample.length < SAMPLE_ROWS ? {} : undefined;
      let rowOk = true;
      const failed = new Set<string>();
      if (cells.length < headerText.length && cells.length > 0 && mapping.slice(cells.length).some((c) => c)) {
        issue(row, null, { key: 'errors:import.shortRow', params: { found: cells.length, expected: headerText.length } });
        rowOk = false;
      }
      if (cells.length > headerText.length && cells.slice(headerText.length).some((c) => c !== null && String(c).trim() !== '')) {
        issue(row, null, { key: 'errors:import.longRow', params: { found: cells.length, expected: headerText.length } });
        rowOk = false;
      }
      for (let i = 0; i < mapping.length; i += 1) {
        const column = mapping[i];
        if (!column) continue;
        const raw = cells[i] ?? null;
        if (display) display[headerText[i]!] = raw instanceof Date ? raw.toISOString().replace('T00:00:00.000Z', '') : String(raw ?? '');
        const result = parseCell(column, raw, timeZone);
        if (!result.ok) {
          issue(row, headerText[i]!, result.message);
          failed.add(column.key);
          rowOk = false;
          continue;
        }
        if (extraKeys.has(column.key)) extra[column.key] = result.value;
        else values[column.key] = result.value;
      }
      if (spec.resolve) {
        const problems = await spec.resolve(db, values, extra, pending);
        for (const [key, message] of Object.entries(problems)) {
          issue(row, headerOf(key), message);
          rowOk = false;
        }
      }
      const checked = spec.schema.safeParse(values);
      if (!checked.success) {
        const perField = new Set<string>();
        for (const zIssue of checked.error.issues) {
          const key = String(zIssue.path[0] ?? '');
          if (perField.has(key) || failed.has(key)) continue;
          perField.add(key);
          issue(row, key ? headerOf(key) : null, issueMessage(zIssue));
        }
        continue;
      }
      let key: string | null = null;
      if (spec.key) {
        key = spec.key(checked.data);
        const firstRow = keys.get(key);
        if (firstRow !== undefined) {
          issue(row, headerOf(spec.required[0]!), { key: 'errors:import.duplicateKey', params: { value: key, row: firstRow } });
          continue;
        }
        keys.set(key, row);
      }
      if (!rowOk) continue;
      const parsed: ParsedRow = { row, values: checked.data, extra, display };
      if (display) outcome.sample.push(parsed);
      outcome.valid += 1;
      chunk.push({ parsed, key });
      if (chunk.length >= CHUNK) await flush();
    }
  } catch (error) {
    if (!(error instanceof SheetUnreadable)) throw error;
    const line = error.issue.params?.line;
    issues.push({ sheet: t('reports:import.wholeFile'), row: typeof line === 'number' ? line : null, column: null, message: messageText(t, error.issue) });
  }
  await flush();
  pending.set(spec.sheet.key, new Set(keys.keys()));
  return outcome;
}

function fileKind(fileName: string): 'csv' | 'xlsx' | 'json' | null {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.xlsx')) return 'xlsx';
  if (lower.endsWith('.json')) return 'json';
  return null;
}

function jsonIssueText(t: TFunction, issue: JsonIssue): ImportIssue {
  return { sheet: issue.table ?? t('reports:import.wholeFile'), row: issue.row, column: issue.column, message: messageText(t, issue.message) };
}

export interface ImportOptions {
  /** Called as rows are read (the command line shows progress from it). */
  onProgress?: (rowsRead: number) => void;
}

/**
 * Reads and checks a file through `db` (the import's transaction when committing). Valid rows go
 * to `sink` as they are found, for as long as no problem has turned up.
 */
async function check(ctx: CoreContext, db: Executor, fileName: string, bytes: Buffer, specs: ImportSpec[], sink?: RowSink, options: ImportOptions = {}): Promise<ImportPreview> {
  const settings = await getSettings(db);
  const t = translatorFor(settings.language ?? ctx.systemLanguage);
  const kind = fileKind(fileName);
  const preview: ImportPreview = { fileName, kind: kind ?? 'csv', sheets: [], sample: [], issues: [], ok: false };
  const fileIssue = (message: MessageRef, row: number | null = null) =>
    preview.issues.push({ sheet: t('reports:import.wholeFile'), row, column: null, message: messageText(t, message) });
  if (!kind) {
    fileIssue({ key: 'errors:import.fileType', params: { name: fileName } });
    return preview;
  }
  if (kind === 'json') {
    const { file, issues } = checkJsonExport(ctx, bytes.toString('utf8'));
    preview.issues.push(...issues.map((i) => jsonIssueText(t, i)));
    preview.sheets = (file?.tables ?? []).map((table) => ({ sheet: table.name, label: table.name, rows: table.rows?.length ?? 0, valid: table.rows?.length ?? 0 }));
    preview.ok = preview.issues.length === 0;
    return preview;
  }
  const sheets = kind === 'xlsx' ? await readXlsx(bytes) : await readCsv(bytes);
  const outcomes: SheetOutcome[] = [];
  /** The keys each sheet of this file brings (partners by name…), for the sheets that refer to them. */
  const pending = new Map<string, Set<string>>();
  const order = (sheet: ReadSheet) => {
    const spec = sheet.fileIssue ? null : findSpec(sheet, specs);
    return spec ? specs.indexOf(spec) : specs.length;
  };
  sheets.sort((a, b) => order(a) - order(b));
  let read = 0;
  const onRow = options.onProgress ? () => options.onProgress!(++read) : undefined;
  for (const sheet of sheets) {
    if (sheet.fileIssue) {
      fileIssue(sheet.fileIssue, (sheet.fileIssue.params?.line as number | undefined) ?? null);
      continue;
    }
    if (sheet.header.length === 0) continue;
    const spec = findSpec(sheet, specs);
    if (!spec) {
      // Sheets of a report that are not registers (the "About" sheet, summaries) are left out of an XLSX import.
      if (kind === 'xlsx') continue;
      fileIssue({ key: 'errors:import.wrongHeaders', params: { expected: specs.map((s) => t(s.sheet.title)).join(', ') } }, 1);
      continue;
    }
    const outcome = await checkSheet(db, t, sheet, spec, settings.timeZone, pending, () => preview.issues.length === 0, sink, onRow);
    outcomes.push(outcome);
    preview.issues.push(...outcome.issues);
    preview.sheets.push({ sheet: spec.sheet.key, label: outcome.label, rows: outcome.rows, valid: outcome.valid });
    for (const row of outcome.sample) preview.sample.push({ sheet: outcome.label, row: row.row, values: row.display! });
  }
  if (outcomes.length === 0 && preview.issues.length === 0) {
    fileIssue({ key: 'errors:import.wrongHeaders', params: { expected: specs.map((s) => t(s.sheet.title)).join(', ') } });
  }
  if (outcomes.length > 0 && outcomes.every((o) => o.rows === 0) && preview.issues.length === 0) fileIssue({ key: 'errors:import.noRows' });
  preview.ok = preview.issues.length === 0;
  return preview;
}

/** Reads and checks a file; writes nothing. */
export async function previewImport(ctx: CoreContext, fileName: string, bytes: Buffer, specs: ImportSpec[], options: ImportOptions = {}): Promise<ImportPreview> {
  return check(ctx, ctx.db, fileName, bytes, specs, undefined, options);
}

/** An import refused: the envelope's message says how many problems; `preview` lists them all. */
export class ImportRejected extends AppError {
  constructor(readonly preview: ImportPreview) {
    super('VALIDATION', { key: 'errors:import.refused', params: { count: preview.issues.length } });
  }
}

/**
 * Imports a file all or nothing: one transaction in which the file is checked and its valid rows
 * written as they are found; any problem anywhere in the file rolls everything back and refuses the
 * file with every problem listed (ImportRejected), as the preview would have.
 */
export async function commitImport(ctx: CoreContext, fileName: string, bytes: Buffer, specs: ImportSpec[], options: ImportOptions = {}): Promise<ImportOutcome> {
  if (fileKind(fileName) === 'json') {
    const preview = await check(ctx, ctx.db, fileName, bytes, specs);
    if (!preview.ok) throw new ImportRejected(preview);
    try {
      return { fileName, inserted: await importJsonExport(ctx, bytes, fileName) };
    } catch (error) {
      if (error instanceof ImportRefused) {
        const t = translatorFor((await getSettings(ctx.db)).language ?? ctx.systemLanguage);
        throw new ImportRejected({ ...preview, ok: false, issues: error.issues.map((i) => jsonIssueText(t, i)) });
      }
      throw error;
    }
  }
  const inserted: Record<string, number> = {};
  await ctx.db.transaction().execute(async (trx) => {
    const preview = await check(
      ctx,
      trx,
      fileName,
      bytes,
      specs,
      async (spec, rows) => {
        if (spec.insertMany) await spec.insertMany(trx, ctx, rows);
        else for (const row of rows) await spec.insert(trx, ctx, row.values, row.extra);
        inserted[spec.sheet.key] = (inserted[spec.sheet.key] ?? 0) + rows.length;
      },
      options,
    );
    // Throwing here rolls back every row written so far.
    if (!preview.ok) throw new ImportRejected(preview);
  });
  return { fileName, inserted };
}
