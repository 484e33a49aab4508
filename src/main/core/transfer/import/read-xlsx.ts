/** Reads every worksheet of an XLSX workbook: its name, header row and rows of plain cell values. */
// Types only: exceljs (0.3 s to load) is loaded when a spreadsheet is actually read or written.
import type ExcelJS from 'exceljs';
import { unreadableFile, type FileRow, type FileSheet, type Raw } from './sheet-file';

/** A cell's value without exceljs's wrappers: rich text as its text, a formula as its result, an error as empty. */
function plainValue(value: ExcelJS.CellValue): Raw {
  if (value === null || value === undefined) return null;
  if (value instanceof Date || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('result' in value) return plainValue(value.result ?? null);
    if ('text' in value) return String(value.text);
    if ('error' in value) return null;
  }
  return String(value);
}

export async function readXlsx(bytes: Buffer): Promise<FileSheet[]> {
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  try {
    // exceljs declares `load` as taking its own ArrayBuffer-like `Buffer`: hand it one (a copy of the bytes).
    await workbook.xlsx.load(new Uint8Array(bytes).buffer);
  } catch (error) {
    return unreadableFile({ key: 'errors:import.xlsxUnreadable', params: { detail: (error as Error).message } });
  }
  const sheets: FileSheet[] = [];
  workbook.eachSheet((ws) => {
    const header: Raw[] = [];
    const rows: FileRow[] = [];
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const cells: Raw[] = [];
      for (let c = 1; c <= ws.columnCount; c += 1) cells.push(plainValue(row.getCell(c).value));
      if (rowNumber === 1) header.push(...cells);
      else rows.push({ row: rowNumber, cells });
    });
    sheets.push({ name: ws.name, header, rows });
  });
  return sheets;
}
