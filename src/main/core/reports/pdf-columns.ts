/**
 * The PDF's column widths, from what each column holds: a day needs room for `2026-12-01`, a time for
 * `2026-12-01 20:15` over two lines, Yes/No and short labels little, free text the rest. Every column
 * is first made wide enough for its header in two lines (three when the page has not the room), its
 * longest word on one, then the room left
 * goes to the columns of text in proportion to their weights. Widths are in em of the table's font,
 * measured roughly: a CJK character is 1 em, any other about 0.55.
 */
import type { CellType } from './model';

/** Width of a text in em: CJK ideographs, kana, hangul and full-width forms 1 em, the rest 0.55. */
export function emWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/.test(ch) ? 1 : ch === ' ' ? 0.3 : /[A-Z]/.test(ch) ? 0.65 : 0.55;
  return width;
}

/** The widest piece of a text that cannot be broken: a word of Latin letters or digits (CJK breaks anywhere). */
export function longestUnbreakable(text: string): number {
  return Math.max(0, ...text.split(/[\s\u2e80-\u9fff\uff00-\uffef\u3000-\u303f/-]+/).map(emWidth), /[\u2e80-\u9fff]/.test(text) ? 1 : 0);
}

export interface PdfColumn {
  header: string;
  type: CellType;
  /** The column's share of the room left over (its `pdfWidth`, else its XLSX `width`). */
  weight: number;
  /** The texts a column of labels shows (enum labels, Yes/No), to size it to the longest. */
  labels?: string[];
}

/**
 * Cell padding and border, left and right (3 pt each side at 8 pt, 0.8 em), and a margin for the
 * estimate: measured in Chromium, a column sized to the estimate alone broke a two-line header onto three.
 */
const PADDING = 1.6;

/** The narrowest a column may be for its content; a label may take `lines` lines. */
function contentMinimum(column: PdfColumn, lines: number): number {
  switch (column.type) {
    case 'date':
      return emWidth('2026-12-01');
    case 'instant':
      // Day and time break at the space: two lines of which the day is the wider.
      return emWidth('2026-12-01');
    case 'number':
      return emWidth('00000');
    case 'boolean':
    case 'enum':
    case 'label':
      // A label may take a few lines, but no word of it may break.
      return Math.max(3, ...(column.labels ?? []).map((l) => Math.max(longestUnbreakable(l), emWidth(l) / lines)));
    default:
      // Free text: room for a short phrase on a line.
      return 6;
  }
}

/** The narrowest a column may be for its header in `lines` lines, with its longest word on one. */
function headerMinimum(header: string, lines: number): number {
  return Math.max(longestUnbreakable(header), (emWidth(header) / lines) * 1.1);
}

/**
 * Each column's width as a share of the table (they sum to 1): the larger of its content's and its
 * header's minimum, then the room left in proportion to the weights (free text at its whole weight,
 * the other columns at half their weight). When the minimums alone exceed the page they are scaled down together.
 */
export function pdfColumnShares(columns: PdfColumn[], tableEm: number): number[] {
  const minimumFor = (lines: number) => columns.map((c) => Math.max(contentMinimum(c, lines), headerMinimum(c.header, lines)) + PADDING);
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  // Headers in two lines where the page allows it, else in three (a wide table of long English headers).
  let minimum = minimumFor(2);
  if (sum(minimum) > tableEm) minimum = minimumFor(3);
  const used = sum(minimum);
  const room = Math.max(0, tableEm - used);
  // Free text takes the room left by its weight; labels, days and numbers take some, at half theirs.
  const weights = columns.map((c) => (c.type === 'text' || c.type === 'list' ? c.weight : c.weight / 2));
  const total = weights.reduce((a, b) => a + b, 0) || 1;
  const widths = minimum.map((m, i) => m + (room * weights[i]!) / total);
  const width = sum(widths);
  return widths.map((w) => w / width);
}

/** The table's width in em of its 8 pt font: A4 landscape, less the 10 mm side margins. */
export const TABLE_EM = (297 - 20) / ((8 * 25.4) / 72);
