import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import type { TFunction } from 'i18next';
import { formatWallTime } from '@shared/time';
import { cellText, type CellValue, type ColumnSpec, type ReportDoc, type SheetSpec, type SummaryTable } from './model';
import { toSpreadsheetText } from './spreadsheet-text';
import { coverLines, signOffRows } from './cover';

/**
 * A CSV cell: numbers as numbers, days as `YYYY-MM-DD`, instants as `YYYY-MM-DD HH:mm` on the
 * organisation's clock (as the PDF and XLSX show them; the import reads them back in that zone), enums
 * and Yes/No as labels; text that a spreadsheet could take for a formula is quoted (spreadsheet-text.ts).
 */
export function csvCell(t: TFunction, column: ColumnSpec<unknown>, value: CellValue, timeZone = 'UTC'): string | number {
  if (value === null || value === undefined) return '';
  if (column.type === 'number' && typeof value === 'number') return value;
  if (column.type === 'instant' && typeof value === 'string') return formatWallTime(value, timeZone);
  return toSpreadsheetText(cellText(t, column, value));
}

const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One CSV line (RFC 4180, ending in CRLF): a field holding a comma, a double quote or a line break is
 * quoted, its quotes doubled; numbers as JavaScript writes them. Written here rather than through a
 * CSV library: an export writes every cell of every row through it.
 */
function csvLine(values: readonly (string | number)[]): string {
  let line = '';
  for (let i = 0; i < values.length; i += 1) {
    const v = values[i]!;
    const text = typeof v === 'number' ? String(v) : NEEDS_QUOTES.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
    line += i === 0 ? text : `,${text}`;
  }
  return `${line}\r\n`;
}

/** CSV lines (CRLF) of rows whose text cells are quoted where a spreadsheet could take them for a formula. */
function csvLines(rows: (string | number)[][]): string {
  return rows.map((row) => csvLine(row.map((v) => (typeof v === 'string' ? toSpreadsheetText(v) : v)))).join('');
}

/** A summary table as a CSV file's text, with its BOM. */
export function summaryCsv(summary: SummaryTable): string {
  return `\ufeff${csvLines([summary.headers, ...summary.rows])}`;
}

/**
 * The cover as a file of its own (`<stem>-cover.csv`): label and value per line, then the sign-off
 * block. A sheet's CSV carries no comment lines above its header: CSV has no comment syntax, so a
 * spreadsheet would show them as data in the first column and the import would take them for the header.
 */
export function coverCsv(doc: ReportDoc): string {
  const t = doc.t;
  const rows: (string | number)[][] = [
    [String(t('reports:about.report')), doc.title],
    ...coverLines(t, doc.cover).map((line) => [line.label, line.value]),
    ...doc.filters.map((f) => [f.label, f.value]),
    ...doc.notes.map((note) => [String(t('reports:about.note')), note]),
    [],
    [String(t('reports:cover.role')), String(t('reports:cover.name')), String(t('reports:cover.signature')), String(t('reports:cover.date'))],
    ...signOffRows(t, doc.cover).map((row) => [row.role, row.name, '', '']),
  ];
  return `\ufeff${csvLines(rows)}`;
}

async function write(stream: WriteStream, text: string) {
  if (!stream.write(text)) await once(stream, 'drain');
}

/** One sheet as CSV: UTF-8 with a BOM (so that Excel opens Chinese correctly), a header row, then the rows in batches. */
export async function writeSheetCsv(doc: ReportDoc, sheet: SheetSpec, path: string, onRows?: (n: number) => void): Promise<number> {
  const stream = createWriteStream(path, { encoding: 'utf8' });
  const failed = new Promise<never>((_, reject) => stream.once('error', reject));
  const run = async () => {
    await write(stream, '\ufeff');
    await write(stream, csvLines([sheet.columns.map((c) => doc.t(c.header))]));
    let count = 0;
    for await (const batch of sheet.batches(doc.ctx, doc.filterValues)) {
      const columns = sheet.columns;
      const cells: (string | number)[] = new Array(columns.length);
      let text = '';
      for (const record of batch) {
        for (let i = 0; i < columns.length; i += 1) cells[i] = csvCell(doc.t, columns[i]!, columns[i]!.get(record), doc.timeZone);
        text += csvLine(cells);
      }
      await write(stream, text);
      count += batch.length;
      onRows?.(count);
    }
    stream.end();
    await once(stream, 'finish');
    return count;
  };
  return Promise.race([run(), failed]);
}
