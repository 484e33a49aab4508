import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
// Types only: exceljs (0.3 s to load) is loaded when a spreadsheet is actually read or written.
import type ExcelJS from 'exceljs';
import type { TFunction } from 'i18next';
import { formatZoneNote, spreadsheetDateFormat, wallClockDate } from '@shared/time';
import { coverLines, signOffRows } from './cover';
import { cellText, type CellValue, type ColumnSpec, type ReportDoc } from './model';
import { toSpreadsheetText } from './spreadsheet-text';
import { hasFewValues, memoisedByValue } from './column-memo';

/** `2026-11-17` → a Date at UTC midnight, which Excel shows as that day. */
export function dayToDate(day: string): Date {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d!));
}

/** What a cell of ours holds: never a formula (exceljs writes a string as a string cell, always). */
type XlsxValue = string | number | Date | null;

/** A text cell, quoted where a spreadsheet could take it for a formula (spreadsheet-text.ts). */
const text = (value: string | number): XlsxValue => (typeof value === 'string' ? toSpreadsheetText(value) : value);

/**
 * Typed cells: numbers as numbers, days and instants as dates, Yes/No and enum labels as text in the
 * report's language; text that could be taken for a formula is quoted.
 */
export function xlsxCell(t: TFunction, column: ColumnSpec<unknown>, value: CellValue, timeZone: string): XlsxValue {
  if (value === null || value === undefined || value === '') return null;
  switch (column.type) {
    case 'number':
      return typeof value === 'number' ? value : Number(value);
    case 'date':
      return dayToDate(String(value));
    case 'instant':
      // Excel has no zones: the organisation's clock at that instant.
      return wallClockDate(String(value), timeZone);
    default:
      return text(cellText(t, column, value));
  }
}

/**
 * A column's cell as `xlsxCell` answers it, worked out once per column rather than per cell: a
 * column of few values (enum labels, Yes/No, days) remembers each value's cell, so that no row
 * translates a label or parses a day again (a remembered day is one Date that exceljs only reads).
 */
export function xlsxCellWriter(t: TFunction, column: ColumnSpec<unknown>, timeZone: string): (record: unknown) => XlsxValue {
  if (hasFewValues(column)) return memoisedByValue(column, (value) => xlsxCell(t, column, value, timeZone));
  switch (column.type) {
    case 'text':
      return (record) => {
        const value = column.get(record);
        return value === null || value === undefined || value === '' ? null : toSpreadsheetText(String(value));
      };
    default:
      return (record) => xlsxCell(t, column, column.get(record), timeZone);
  }
}

/** The style of every data row (none: the columns' styles are the cells'), one object so that exceljs registers it once. */
const DATA_ROW_STYLE: Partial<ExcelJS.Style> = {};

/** How much of a sheet's XML may wait for the zip before the rows pause. */
const ZIP_BACKLOG = 4 * 1024 * 1024;

/**
 * exceljs's streaming writer ignores back-pressure, and the rows come from synchronous SQLite reads
 * that never wait on I/O: without a pause the whole sheet's XML would queue in memory in front of
 * the compressor. Waits until the zip entry's input (exceljs's internal pipe) has taken most of it.
 */
async function zipCaughtUp(ws: ExcelJS.Worksheet, failure: () => Error | null): Promise<void> {
  const input = (ws as unknown as { stream?: { pipes?: { _writableState?: { length: number } }[] } }).stream?.pipes?.[0];
  do {
    await new Promise((resolve) => setTimeout(resolve, 1));
    const error = failure();
    if (error) throw error;
  } while ((input?._writableState?.length ?? 0) > ZIP_BACKLOG);
}


/**
 * The report as a workbook, streamed to `path` row by row (exceljs's WorkbookWriter): one sheet per
 * register with a frozen header row and filters on, then the summaries and an "about" sheet.
 */
export async function writeReportXlsx(doc: ReportDoc, path: string, onRows?: (n: number) => void): Promise<void> {
  // The file stream is ours so that a failure to write (a missing folder, a full disk) is seen as
  // soon as it happens: exceljs only listens for it once the workbook is committed.
  const out = createWriteStream(path);
  let failure: Error | null = null;
  const failed = new Promise<never>((_, reject) =>
    out.once('error', (error) => {
      failure = error;
      reject(error);
    }),
  );
  failed.catch(() => {});
  await Promise.race([fillWorkbook(doc, out, () => failure, onRows), failed]);
  // Closed before the caller renames it into place (Windows refuses to rename an open file).
  if (!out.closed) await once(out, 'close');
}

async function fillWorkbook(doc: ReportDoc, out: WriteStream, failure: () => Error | null, onRows?: (n: number) => void): Promise<void> {
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = 'Privacy Workbench';
  workbook.created = new Date(doc.generatedAt);
  workbook.modified = new Date(doc.generatedAt);
  writeCoverSheet(workbook, doc);
  let count = 0;
  for (const sheet of doc.sheets) {
    const columns = sheet.columns;
    const ws = workbook.addWorksheet(doc.t(sheet.title).slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
    const styles: Partial<ExcelJS.Style>[] = columns.map((c) => ({
      ...(c.type === 'date' || c.type === 'instant' ? { numFmt: spreadsheetDateFormat(c.type, doc.language) } : {}),
      ...(c.type === 'list' || (c.width ?? 0) >= 30 ? { alignment: { wrapText: true, vertical: 'top' as const } } : {}),
    }));
    ws.columns = columns.map((c, i) => ({ header: text(doc.t(c.header)) as string, key: c.key, width: c.width ?? 16, style: styles[i] }));
    ws.getRow(1).font = { bold: true };
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
    ws.getRow(1).commit();
    const cells = columns.map((c) => xlsxCellWriter(doc.t, c, doc.timeZone));
    const values: XlsxValue[] = new Array(columns.length);
    for await (const batch of sheet.batches(doc.ctx, doc.filterValues)) {
      for (const record of batch) {
        for (let i = 0; i < cells.length; i += 1) values[i] = cells[i]!(record);
        const row = ws.addRow(values);
        // Every cell of a column shares one style object, and every row another: exceljs looks a
        // style up by the object it is given, so a shared one is registered once rather than once
        // per cell (a row's own style, a fresh object, would be turned into XML for every row).
        for (let i = 0; i < styles.length; i += 1) row.getCell(i + 1).style = styles[i]!;
        (row as unknown as { style: Partial<ExcelJS.Style> }).style = DATA_ROW_STYLE; // exceljs's types omit a row's style
        row.commit();
      }
      count += batch.length;
      onRows?.(count);
      await zipCaughtUp(ws, failure);
    }
    ws.commit();
  }
  for (const summary of doc.summaries) {
    const ws = workbook.addWorksheet(summary.title.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = summary.headers.map((h, i) => ({ header: text(h) as string, key: `c${i}`, width: i === 0 ? 28 : 14 }));
    ws.getRow(1).font = { bold: true };
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: summary.headers.length } };
    ws.getRow(1).commit();
    for (const row of summary.rows) ws.addRow(row.map(text)).commit();
    ws.commit();
  }
  await workbook.commit();
}

/**
 * The first sheet: the cover's lines (the generation time as a date cell on the organisation's clock,
 * its format naming the zone's offset), any notes, the sign-off block with cells to sign in, and the
 * contents (the workbook's other sheets) when there are several.
 */
function writeCoverSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, doc: ReportDoc): void {
  const t = doc.t;
  const ws = workbook.addWorksheet(t('reports:cover.sheet').slice(0, 31));
  ws.columns = [{ width: 30 }, { width: 72 }, { width: 24 }, { width: 16 }];
  const add = (values: XlsxValue[], style?: { bold?: boolean; size?: number; numFmt?: string; height?: number }) => {
    const row = ws.addRow(values.map((v) => (v === '' ? null : typeof v === 'string' ? text(v) : v)));
    if (style?.bold || style?.size) row.font = { bold: style.bold ?? false, ...(style.size ? { size: style.size } : {}) };
    if (style?.height) row.height = style.height;
    if (style?.numFmt) row.getCell(2).numFmt = style.numFmt;
    row.getCell(2).alignment = { wrapText: true, vertical: 'top', horizontal: 'left' };
    row.commit();
  };
  add([doc.title], { bold: true, size: 14 });
  add([]);
  for (const line of coverLines(t, doc.cover)) {
    if (line.instant) {
      // A real date: the wall time of the organisation's zone, shown with the zone's offset.
      const zone = formatZoneNote(line.instant, doc.language, doc.timeZone);
      add([line.label, wallClockDate(line.instant, doc.timeZone)], { numFmt: `${spreadsheetDateFormat('instant', doc.language)}"${zone}"` });
    } else add([line.label, line.value]);
  }
  for (const f of doc.filters) add([f.label, f.value]);
  for (const note of doc.notes) add([t('reports:about.note'), note]);
  add([]);
  add([t('reports:cover.signOff')], { bold: true });
  add([t('reports:cover.role'), t('reports:cover.name'), t('reports:cover.signature'), t('reports:cover.date')], { bold: true });
  for (const row of signOffRows(t, doc.cover)) add([row.role, row.name, '', ''], { height: 36 });
  const parts = [...doc.sheets.map((s) => t(s.title)), ...doc.summaries.map((s) => s.title)];
  if (parts.length > 1) {
    add([]);
    add([t('reports:cover.contents')], { bold: true });
    parts.forEach((title, i) => add([`${i + 1}`, title.slice(0, 31)]));
  }
  ws.commit();
}
