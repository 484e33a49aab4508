/**
 * The PDF's column widths, from what each column holds: a day needs room for the longest day the
 * report's language writes (`2026年12月31日`, `31 Dec 2026`) on one line, a time for that day over its
 * time, Yes/No and short labels little, free text its longest word and the rest. Every column
 * is first made wide enough for its header in two lines (three when the page has not the room), its
 * longest word on one (a word is never broken inside: the stylesheet breaks English at spaces and
 * hyphens, and breaks a word only when it is wider than the widest column may be), then the room left
 * goes to the columns of text in proportion to their weights. Widths are in em of the table's font,
 * measured roughly: a CJK character is 1 em, any other about 0.55.
 */
import { formatLocalDate } from '@shared/time';
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
  /** The widest word of the column's cells, in em (free text: its longest word is kept whole). */
  longestWord?: number;
}

/**
 * The widest a free-text column is made for one word: a longer one (a URL, a hash) is the last resort
 * the stylesheet breaks anywhere, rather than a column that crowds out the others.
 */
export const MAX_WORD_EM = 11;

/** The widest word of a column's cells, in em. */
export function longestWordOf(cells: readonly string[]): number {
  let widest = 0;
  for (const cell of cells) widest = Math.max(widest, longestUnbreakable(cell));
  return widest;
}

/**
 * Cell padding and border, left and right (3 pt each side at 8 pt, 0.8 em), and a margin for the
 * estimate: measured in Chromium, a column sized to the estimate alone broke a two-line header onto three.
 */
const PADDING = 1.6;

/** The narrowest a column may be for its content; a label may take `lines` lines. */
/** Text of any length: free text, lists, and labels that are sentences (a gap's suggested fix) rather than one of a few values. */
const isProse = (c: PdfColumn) => c.type === 'text' || c.type === 'list' || (c.type === 'label' && !c.labels);

function contentMinimum(column: PdfColumn, lines: number, language: string): number {
  if (isProse(column)) return Math.max(6, Math.min(column.longestWord ?? 0, MAX_WORD_EM));
  // The widest day of the language's one format (time.ts) on one line.
  const day = emWidth(formatLocalDate('2026-12-31', language));
  switch (column.type) {
    case 'date':
      return day;
    case 'instant':
      // Day and time break after the day: two lines of which the day is the wider.
      return day;
    case 'number':
      return emWidth('00000');
    case 'boolean':
    case 'enum':
    case 'label':
      // A label may take a few lines, but no word of it may break.
      return Math.max(3, ...(column.labels ?? []).map((l) => Math.max(longestUnbreakable(l), emWidth(l) / lines)));
    default:
      // Free text: room for a short phrase on a line, and for its longest word whole.
      return Math.max(6, Math.min(column.longestWord ?? 0, MAX_WORD_EM));
  }
}

/** The narrowest a column may be for its header in `lines` lines, with its longest word on one. */
function headerMinimum(header: string, lines: number): number {
  return Math.max(longestUnbreakable(header), (emWidth(header) / lines) * 1.1);
}

/** The smallest the table's font is made so that a wide table's columns keep their words whole (8 pt × 0.8 = 6.4 pt). */
export const MIN_FONT_SCALE = 0.8;

/**
 * Each column's width as a share of the table (they sum to 1): the larger of its content's and its
 * header's minimum, then the room left in proportion to the weights (free text at its whole weight,
 * the other columns at half their weight). When the minimums alone exceed the page, the table's font is
 * made smaller (`fontScale`, down to MIN_FONT_SCALE) so that they fit; only beyond that are they scaled
 * down together, and words may break.
 */
export function pdfColumnLayout(columns: PdfColumn[], tableEm: number, language: string): { shares: number[]; fontScale: number } {
  const minimumFor = (lines: number) => columns.map((c) => Math.max(contentMinimum(c, lines, language), headerMinimum(c.header, lines)) + PADDING);
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  // Headers in two lines where the page allows it, else in three (a wide table of long English headers).
  let minimum = minimumFor(2);
  if (sum(minimum) > tableEm) minimum = minimumFor(3);
  const used = sum(minimum);
  // In em of the table's own font: more of them on the page when the font is smaller.
  const fontScale = used > tableEm ? Math.max(MIN_FONT_SCALE, Math.floor((tableEm / used) * 100) / 100) : 1;
  const room = Math.max(0, tableEm / fontScale - used);
  // Free text takes the room left by its weight; labels, days and numbers take some, at half theirs, and
  // a column of text with nothing in it (no owner given yet) a quarter, to leave the room to those that hold words.
  const weights = columns.map((c) => (isProse(c) ? (c.longestWord === 0 ? c.weight / 4 : c.weight) : c.weight / 2));
  const total = weights.reduce((a, b) => a + b, 0) || 1;
  const widths = minimum.map((m, i) => m + (room * weights[i]!) / total);
  const width = sum(widths);
  return { shares: widths.map((w) => w / width), fontScale };
}

/** The tables' font size (report-style.ts sets the document's). */
export const TABLE_FONT_PT = 8;

/** The table's width in em of its 8 pt font: A4 landscape, less the 10 mm side margins. */
export const TABLE_EM = (297 - 20) / ((TABLE_FONT_PT * 25.4) / 72);
