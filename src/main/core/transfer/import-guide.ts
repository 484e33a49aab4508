/**
 * What the Import page and the mapping dialog are told about a file and the registers: each
 * register's columns (required marked, accepted values) and its template in XLSX and CSV in either
 * language; a file's sheets, headers and distinct values, with a mapping suggested for it.
 */
import type { TFunction } from 'i18next';
import { translatorFor } from '@shared/i18n';
import type { Language } from '@shared/domain/settings';
import type { ExportedFile } from '@shared/domain/transfer';
import type { ImportRegister, InspectedSheet, InspectResult, RegisterColumns } from '@shared/domain/import-mapping';
import { AppError } from '../errors';
import type { CoreContext } from '../context';
import { getSettings } from '../settings/settings.service';
import { toSpreadsheetText } from '../reports/spreadsheet-text';
import { displayText } from './import/cells';
import { fieldsOf } from './import/mapping';
import { readCsv } from './import/read-csv';
import { readXlsx } from './import/read-xlsx';
import type { FileSheet } from './import/sheet-file';
import type { ImportSpec } from './import/spec';
import { registerScore, suggestMapping } from './import/suggest';
import { IMPORT_SPECS, specOf } from './import-specs';

/** Every register's fields, in the order of the import. */
export function registerColumns(specs: ImportSpec[] = IMPORT_SPECS): RegisterColumns[] {
  return specs.map((spec) => {
    const mappingOnly = new Set((spec.mappingFields ?? []).map((c) => c.key));
    return {
      register: spec.register,
      title: spec.sheet.title,
      fields: fieldsOf(spec).map((c) => ({
        key: c.key,
        header: c.header,
        type: c.type,
        required: spec.required.includes(c.key),
        ...(c.values ? { values: c.values, labelPrefix: c.labelPrefix } : {}),
        ...(mappingOnly.has(c.key) ? { mappingOnly: true } : {}),
      })),
    };
  });
}

/** The columns a template holds: the register's own, which import without a mapping. */
const templateFields = (spec: ImportSpec) => {
  const mappingOnly = new Set((spec.mappingFields ?? []).map((c) => c.key));
  return fieldsOf(spec).filter((c) => !mappingOnly.has(c.key));
};

/** What a field takes, in words: its accepted values' labels, or its kind of value. */
function acceptedText(t: TFunction, spec: ImportSpec, key: string): string {
  const column = fieldsOf(spec).find((c) => c.key === key)!;
  if (column.type === 'enum') return (column.values ?? []).map((v) => t(`${column.labelPrefix}.${v}`)).join(t('reports:mapping.listJoin'));
  return t(`reports:mapping.types.${column.type}`);
}

/** A register's template: its header row in the language, and in XLSX a second sheet saying what each column takes. */
export async function importTemplate(register: ImportRegister, language: Language, format: 'xlsx' | 'csv'): Promise<ExportedFile> {
  const spec = specOf(register);
  const t = translatorFor(language);
  const fields = templateFields(spec);
  const headers = fields.map((c) => t(c.header));
  const base = t('reports:mapping.templateFile', { register: t(spec.sheet.title) });
  if (format === 'csv') {
    const line = headers.map((h) => (/[",\n]/.test(h) ? `"${h.replaceAll('"', '""')}"` : h)).join(',');
    const bytes = Buffer.from(`\ufeff${line}\r\n`, 'utf8');
    return { name: `${base}.csv`, mimeType: 'text/csv', base64: bytes.toString('base64'), bytes: bytes.length };
  }
  const { default: Excel } = await import('exceljs');
  const book = new Excel.Workbook();
  const sheet = book.addWorksheet(t(spec.sheet.title));
  sheet.addRow(headers.map(toSpreadsheetText));
  sheet.getRow(1).font = { bold: true };
  fields.forEach((c, i) => {
    sheet.getColumn(i + 1).width = Math.max(12, Math.min(40, t(c.header).length * 2));
  });
  const notes = book.addWorksheet(t('reports:mapping.notesSheet'));
  notes.addRow([t('reports:mapping.notesColumn'), t('reports:mapping.notesRequired'), t('reports:mapping.notesAccepted')]);
  notes.getRow(1).font = { bold: true };
  for (const c of fields) notes.addRow([t(c.header), spec.required.includes(c.key) ? t('common:yes') : t('common:no'), acceptedText(t, spec, c.key)]);
  notes.getColumn(1).width = 36;
  notes.getColumn(2).width = 8;
  notes.getColumn(3).width = 90;
  const bytes = Buffer.from(await book.xlsx.writeBuffer());
  return { name: `${base}.xlsx`, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', base64: bytes.toString('base64'), bytes: bytes.length };
}

/** Distinct values kept per column for the mapping dialog. */
const MAX_VALUES = 200;

async function inspectSheet(sheet: FileSheet): Promise<InspectedSheet> {
  const headers = sheet.header.map((h) => String(h ?? '').trim());
  const values: Record<string, string[]> = {};
  const seen = headers.map(() => new Set<string>());
  let rows = 0;
  for await (const { cells } of sheet.rows) {
    if (cells.every((c) => c === null || String(c).trim() === '')) continue;
    rows += 1;
    headers.forEach((h, i) => {
      const text = displayText(cells[i] ?? null).trim();
      if (h === '' || text === '' || seen[i]!.size >= MAX_VALUES) return;
      seen[i]!.add(text);
    });
  }
  headers.forEach((h, i) => {
    if (h !== '') values[h] = [...seen[i]!];
  });
  return { name: sheet.name, headers: headers.filter((h) => h !== ''), rows, values };
}

/** A file's sheets, and a mapping suggested for the register given (or the one its headers name best). */
export async function inspectFile(ctx: CoreContext, fileName: string, bytes: Buffer, register?: ImportRegister, sheetName?: string): Promise<InspectResult> {
  const settings = await getSettings(ctx.db);
  const t = translatorFor(settings.language ?? ctx.systemLanguage);
  const lower = fileName.toLowerCase();
  if (!lower.endsWith('.csv') && !lower.endsWith('.xlsx')) throw new AppError('VALIDATION', { key: 'errors:import.mappingJson' });
  const read = lower.endsWith('.xlsx') ? await readXlsx(bytes) : await readCsv(bytes);
  const unreadable = read.find((s) => s.fileIssue);
  if (unreadable?.fileIssue) throw new AppError('VALIDATION', unreadable.fileIssue);
  const sheets: InspectedSheet[] = [];
  for (const s of read) if (s.header.length > 0) sheets.push(await inspectSheet(s));
  if (sheets.length === 0) throw new AppError('VALIDATION', { key: 'errors:import.noRows' });
  const sheet = sheets.find((s) => sheetName !== undefined && s.name === sheetName) ?? sheets[0]!;
  const spec = register
    ? specOf(register)
    : IMPORT_SPECS.map((s) => ({ s, score: registerScore(s, sheet.headers) })).sort((a, b) => b.score - a.score)[0]!.s;
  return { sheets, suggestion: suggestMapping(spec, sheet, t, fileName.replace(/\.(csv|xlsx)$/i, '').slice(0, 100)) };
}
