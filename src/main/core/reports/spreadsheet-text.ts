/**
 * Text in a spreadsheet cell that a spreadsheet program must never take for a formula (OWASP's
 * "CSV injection" rule): a text that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is
 * written with a leading `'`. Both the CSV and the XLSX renderer write every text cell through
 * `toSpreadsheetText`, and the import reads every text cell through `fromSpreadsheetText`, so that
 * the app reads its own exports back to the same values. Numbers are not text: a negative number
 * stays a number.
 *
 * A text that already starts with quotes followed by one of those characters (`'=x`) gets one more
 * quote, so that undoing is exact: the import removes one quote exactly when the export added one,
 * and `'quoted` stays `'quoted` both ways.
 */
const NEEDS_QUOTE = /^'*[=+\-@\t\r]/;

/** The text as it is written into a CSV or XLSX cell. */
export function toSpreadsheetText(text: string): string {
  return NEEDS_QUOTE.test(text) ? `'${text}` : text;
}

/** The text of a cell read from a CSV or XLSX file, with the export's quote removed. */
export function fromSpreadsheetText(text: string): string {
  return text.startsWith("'") && NEEDS_QUOTE.test(text.slice(1)) ? text.slice(1) : text;
}
