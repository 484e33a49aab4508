import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import type { TFunction } from 'i18next';
import { formatWallTime } from '@shared/time';
import { cellText, type CellValue, type ColumnSpec, type ReportDoc, type SheetSpec, type SummaryTable } from './model';
import { toSpreadsheetText } from './spreadsheet-text';
import { coverLines, signOffRows } from './cover';
import { hasFewValues, memoisedByValue } from './column-memo';

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

/** A text as one CSV field: quoted when it holds a comma, a double quote or a line break, its quotes doubled. */
const field = (text: string): string => (NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

/**
 * One CSV line (RFC 4180, ending in CRLF): a field holding a comma, a double quote or a line break is
 * quoted, its quotes doubled; numbers as JavaScript writes them. Written here rather than through a
 * CSV library: an export writes every cell of every row through it.
 */
function csvLine(values: readonly (string | number)[]): string {
  let line = '';
  for (let i = 0; i < values.length; i += 1) {
    const v = values[i]!;
    const text = typeof v === 'number' ? String(v) : field(v);
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

/**
 * A column's field as `csvLine` writes what `csvCell` answers, worked out once per column rather
 * than per cell: a number or an instant needs no quoting test, and a column of few values (enum
 * labels, Yes/No, days) remembers each value's field, so that no row translates a label again.
 */
export function csvFieldWriter(t: TFunction, column: ColumnSpec<unknown>, timeZone: string): (record: unknown) => string {
  const general = (value: CellValue): string => {
    const cell = csvCell(t, column, value, timeZone);
    return typeof cell === 'number' ? String(cell) : field(cell);
  };
  if (hasFewValues(column)) return memoisedByValue(column, general);
  switch (column.type) {
    case 'number':
      return (record) => {
        const value = column.get(record);
        return typeof value === 'number' ? String(value) : general(value);
      };
    case 'instant':
      // `YYYY-MM-DD HH:mm`: nothing in it needs quoting, and it starts with a digit.
      return (record) => {
        const value = column.get(record);
        return typeof value === 'string' ? formatWallTime(value, timeZone) : general(value);
      };
    case 'text':
      return (record) => {
        const value = column.get(record);
        return value === null || value === undefined ? '' : field(toSpreadsheetText(String(value)));
      };
    default:
      return (record) => general(column.get(record));
  }
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
    const fields = sheet.columns.map((column) => csvFieldWriter(doc.t, column, doc.timeZone));
    const first = fields[0]!;
    const rest = fields.slice(1);
    for await (const batch of sheet.batches(doc.ctx, doc.filterValues)) {
      let text = '';
      for (const record of batch) {
        let line = first(record);
        for (const next of rest) line += `,${next(record)}`;
        text += `${line}\r\n`;
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
