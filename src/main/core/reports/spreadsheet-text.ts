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
/** By character code: 1 for the characters NEEDS_QUOTE can start with (`'` `=` `+` `-` `@`, tab, carriage return). */
const MAY_NEED_QUOTE = new Uint8Array(128);
for (const c of "'=+-@\t\r") MAY_NEED_QUOTE[c.charCodeAt(0)] = 1;

/** The text as it is written into a CSV or XLSX cell. */
export function toSpreadsheetText(text: string): string {
  // The first character decides for almost every text (an export asks for every cell): only one of
  // those characters, or a quote, can start a text that needs one.
  return MAY_NEED_QUOTE[text.charCodeAt(0)] === 1 && NEEDS_QUOTE.test(text) ? `'${text}` : text;
}

/** The text of a cell read from a CSV or XLSX file, with the export's quote removed. */
export function fromSpreadsheetText(text: string): string {
  return text.startsWith("'") && NEEDS_QUOTE.test(text.slice(1)) ? text.slice(1) : text;
}
