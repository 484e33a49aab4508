/**
 * Import from XLSX, CSV and the JSON export: the preview and the commit. Every row is parsed and
 * validated with the register's own zod schema, duplicate and unknown references found, and every
 * problem reported by row and column (the preview), writing nothing. The commit makes the same pass
 * inside one transaction, handing the valid rows to the register's own service in chunks as it goes,
 * and rolls everything back if any problem turns up, so a file is imported whole or not at all.
 *
 * The columns are the report sheets' columns (reports/sheets), so that a sheet exported from the
 * workbench imports back as it was. The parts are in `import/`: the readers (read-csv, read-xlsx,
 * read-json), cells (a cell by its column's type), headers (which register and column a sheet's
 * headers name), check-sheet (a sheet row by row) and spec (what a register supplies).
 */
import type { TFunction } from 'i18next';
import { messageText, translatorFor } from '@shared/i18n';
import type { MessageRef } from '@shared/validation';
import type { ImportPreview, ImportOutcome } from '@shared/domain/transfer';
import { AppError } from '../errors';
import { afterLargeWrite } from '../db/large-writes';
import type { CoreContext } from '../context';
import type { Executor } from '../db/executor';
import { getSettings } from '../settings/settings.service';
import { checkSheet, type FileCheck, type SheetOutcome } from './import/check-sheet';
import { findSpec } from './import/headers';
import { readCsv } from './import/read-csv';
import { importJson, previewJson } from './import/read-json';
import { readXlsx } from './import/read-xlsx';
import type { FileSheet } from './import/sheet-file';
import type { ImportSpec, RowSink } from './import/spec';
import type { ImportMapping } from '@shared/domain/import-mapping';
import { norm } from './import/spellings';

/** The sheet a mapping reads: the worksheet it names, else the file's first sheet with a header row. */
export function mappedSheet(sheets: FileSheet[], mapping: Pick<ImportMapping, 'sheet'>): FileSheet | null {
  const readable = sheets.filter((s) => !s.fileIssue && s.header.length > 0);
  if (mapping.sheet) return readable.find((s) => s.name !== null && norm(s.name) === norm(mapping.sheet)) ?? null;
  return readable[0] ?? null;
}

function fileKind(fileName: string): 'csv' | 'xlsx' | 'json' | null {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.xlsx')) return 'xlsx';
  if (lower.endsWith('.json')) return 'json';
  return null;
}

/** The language the problems are written in, and the zone a file's wall-clock times are read in. */
async function importSettings(ctx: CoreContext, db: Executor): Promise<{ t: TFunction; timeZone: string }> {
  const settings = await getSettings(db);
  return { t: translatorFor(settings.language ?? ctx.systemLanguage), timeZone: settings.timeZone };
}

export interface ImportOptions {
  /** Called as rows are read (the command line shows progress from it). */
  onProgress?: (rowsRead: number) => void;
  /** Read the file through this mapping (one sheet, one register) instead of by the workbench's own columns. */
  mapping?: ImportMapping;
}

/** One pass over a file: what is read, against which registers, and where its valid rows go. */
interface FilePass extends ImportOptions {
  fileName: string;
  bytes: Buffer;
  specs: ImportSpec[];
  /** Where settings, keys and references are read: the import's transaction when committing. */
  db: Executor;
  /** Receives the valid rows as they are found, for as long as no problem has turned up; none for a preview. */
  sink?: RowSink;
}

/** Reads and checks a file; valid rows go to `pass.sink` as they are found, for as long as no problem has turned up. */
async function checkFile(ctx: CoreContext, pass: FilePass): Promise<ImportPreview> {
  const { fileName, bytes, specs } = pass;
  const { t, timeZone } = await importSettings(ctx, pass.db);
  const kind = fileKind(fileName);
  const preview: ImportPreview = { fileName, kind: kind ?? 'csv', sheets: [], sample: [], issues: [], ok: false };
  const fileIssue = (message: MessageRef, row: number | null = null) =>
    preview.issues.push({ sheet: t('reports:import.wholeFile'), row, column: null, message: messageText(t, message) });
  if (!kind) {
    fileIssue({ key: 'errors:import.fileType', params: { name: fileName } });
    return preview;
  }
  if (kind === 'json') {
    if (pass.mapping) {
      fileIssue({ key: 'errors:import.mappingJson' });
      return preview;
    }
    return await previewJson(ctx, t, bytes, preview);
  }
  const sheets = kind === 'xlsx' ? await readXlsx(bytes) : await readCsv(bytes);
  const { mapping } = pass;
  if (mapping) {
    const spec = specs.find((s) => s.register === mapping.register);
    const sheet = mappedSheet(sheets, mapping);
    const unreadable = sheets.find((s) => s.fileIssue);
    if (unreadable?.fileIssue) fileIssue(unreadable.fileIssue, (unreadable.fileIssue.params?.line as number | undefined) ?? null);
    else if (!sheet) fileIssue({ key: 'errors:import.mappedSheetMissing', params: { sheet: mapping.sheet || '1' } });
    if (!spec || !sheet || unreadable) {
      preview.ok = false;
      return preview;
    }
    // Only the mapped sheet, whatever else the workbook holds.
    sheets.splice(0, sheets.length, sheet);
  }
  const outcomes: SheetOutcome[] = [];
  // Sheets in the order of `specs` (referenced registers first), whatever their order in the file.
  const order = (sheet: FileSheet) => {
    const spec = sheet.fileIssue ? null : findSpec(sheet, specs);
    return spec ? specs.indexOf(spec) : specs.length;
  };
  sheets.sort((a, b) => order(a) - order(b));
  let read = 0;
  const { onProgress } = pass;
  const file: FileCheck = {
    db: pass.db,
    t,
    timeZone,
    pending: new Map<string, Set<string>>(),
    clean: () => preview.issues.length === 0,
    sink: pass.sink,
    now: ctx.clock.now(),
    source: fileName,
    onRow: onProgress ? () => onProgress(++read) : undefined,
  };
  for (const sheet of sheets) {
    if (sheet.fileIssue) {
      fileIssue(sheet.fileIssue, (sheet.fileIssue.params?.line as number | undefined) ?? null);
      continue;
    }
    if (sheet.header.length === 0) continue;
    const spec = mapping ? specs.find((s) => s.register === mapping.register)! : findSpec(sheet, specs);
    if (!spec) {
      // Sheets of a report that are not registers (the "About" sheet, summaries) are left out of an XLSX import.
      if (kind === 'xlsx') continue;
      fileIssue({ key: 'errors:import.wrongHeaders', params: { expected: specs.map((s) => t(s.sheet.title)).join(', ') } }, 1);
      continue;
    }
    const outcome = await checkSheet(file, sheet, spec, mapping);
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
  return checkFile(ctx, { ...options, fileName, bytes, specs, db: ctx.db });
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
    const preview = await checkFile(ctx, { fileName, bytes, specs, db: ctx.db, mapping: options.mapping });
    if (!preview.ok) throw new ImportRejected(preview);
    const written = await importJson(ctx, (await importSettings(ctx, ctx.db)).t, fileName, bytes);
    if ('issues' in written) throw new ImportRejected({ ...preview, ok: false, issues: written.issues });
    return { fileName, inserted: written.inserted };
  }
  const inserted: Record<string, number> = {};
  await ctx.db.transaction().execute(async (trx) => {
    const sink: RowSink = async (spec, rows) => {
      if (spec.insertMany) await spec.insertMany(trx, ctx, rows);
      else for (const row of rows) await spec.insert(trx, ctx, row.values, row.extra);
      inserted[spec.sheet.key] = (inserted[spec.sheet.key] ?? 0) + rows.length;
    };
    const preview = await checkFile(ctx, { ...options, fileName, bytes, specs, db: trx, sink });
    // Throwing here rolls back every row written so far.
    if (!preview.ok) throw new ImportRejected(preview);
  });
  // Thousands of rows may have come in at once: the planner's statistics follow them.
  await afterLargeWrite(ctx.db, Object.values(inserted).reduce((a, b) => a + b, 0));
  return { fileName, inserted };
}
