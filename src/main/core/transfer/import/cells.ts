/**
 * A file's cells into a register's values. `textOf` is the one place where the import reads a
 * cell's text; `parseCell` turns a cell into what its column's type holds (a number, a day, an
 * instant, an enum code…) or a problem to report at that row and column.
 */
import { instantOfWallTime, parseLocalDate } from '@shared/time';
import type { MessageRef } from '@shared/validation';
import type { ColumnLayout } from '../../reports/model';
import { fromSpreadsheetText } from '../../reports/spreadsheet-text';
import type { Raw } from './sheet-file';
import { norm, translators } from './spellings';
import { splitCell, splitterOf } from '@shared/import-split';

export { splitCell, splitterOf };

/**
 * A cell's text as the import reads it: trimmed, without the quote an export puts before text a
 * spreadsheet could take for a formula (spreadsheet-text.ts). Empty for a date cell.
 */
function textOf(raw: Raw): string {
  return raw === null || raw instanceof Date ? '' : fromSpreadsheetText(String(raw).trim());
}

export type CellResult = { ok: true; value: unknown } | { ok: false; message: MessageRef };

/** A day as a spreadsheet holds it: a Date at UTC midnight. */
function formatDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** A cell as the preview shows it: as the file wrote it, a spreadsheet's day without its midnight. */
export function displayText(raw: Raw): string {
  return raw instanceof Date ? raw.toISOString().replace('T00:00:00.000Z', '') : String(raw ?? '');
}

const enumLookups = new WeakMap<ColumnLayout, Map<string, string>>();

/** An enumeration column's accepted spellings (its codes and their labels in every language) → code; built once per column. */
function enumLookup(column: ColumnLayout): Map<string, string> {
  let lookup = enumLookups.get(column);
  if (!lookup) {
    lookup = new Map();
    for (const code of column.values ?? []) {
      for (const t of translators()) {
        const label = norm(t(`${column.labelPrefix}.${code}`));
        if (!lookup.has(label)) lookup.set(label, code);
      }
    }
    // A code always means itself, even where it happens to spell another value's label.
    for (const code of column.values ?? []) lookup.set(norm(code), code);
    enumLookups.set(column, lookup);
  }
  return lookup;
}

/**
 * An instant from a cell: a wall-clock time in the organisation's zone (a spreadsheet's date and
 * time, or `YYYY-MM-DD HH:mm[:ss]`), or ISO-8601 with its offset. An impossible time (30 February,
 * 25:99) is refused, never rolled over.
 */
function parseInstant(raw: Raw, text: string, timeZone: string): CellResult {
  // exceljs reads a spreadsheet's date and time (which has no zone) as that wall clock at UTC.
  const isDate = raw instanceof Date;
  const wall = isDate ? (Number.isNaN(raw.getTime()) ? '' : raw.toISOString().slice(0, 19)) : text;
  const at = instantOfWallTime(wall, timeZone);
  if (at) return { ok: true, value: at.toISOString() };
  if (!isDate && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text) && !Number.isNaN(Date.parse(text))) {
    return { ok: true, value: new Date(text).toISOString() };
  }
  return { ok: false, message: { key: 'errors:import.notDateTime', params: { value: isDate ? displayText(raw) : text } } };
}

/** How a mapping reads one column: its source values → codes (keys normalised), and what splits a list cell. */
export interface CellRules {
  values: Map<string, string>;
  split: RegExp;
}

/**
 * An enumeration cell read through a mapping: the whole text, else each of its parts, looked up in
 * the mapping's values, then among the codes and labels. Several parts must all mean one code.
 */
function mappedEnum(column: ColumnLayout, text: string, rules: CellRules): CellResult {
  const lookup = (value: string) => rules.values.get(norm(value)) ?? enumLookup(column).get(norm(value));
  const whole = lookup(text);
  if (whole !== undefined) return { ok: true, value: whole };
  const parts = splitCell(text, rules.split);
  const codes = new Set<string>();
  for (const part of parts) {
    const code = lookup(part);
    if (code === undefined) return { ok: false, message: { key: 'errors:import.unknownValue', params: { value: part } } };
    codes.add(code);
  }
  if (codes.size > 1) return { ok: false, message: { key: 'errors:import.severalCodes', params: { value: text, count: codes.size } } };
  return { ok: true, value: [...codes][0] ?? null };
}

export function parseCell(column: ColumnLayout, raw: Raw, timeZone: string, rules?: CellRules): CellResult {
  const text = textOf(raw);
  const empty = raw === null || (typeof raw === 'string' && text === '');
  switch (column.type) {
    case 'text':
    case 'label':
      return { ok: true, value: raw instanceof Date ? formatDay(raw) : text };
    case 'number': {
      if (empty) return { ok: true, value: null };
      const n = typeof raw === 'number' ? raw : Number(text);
      if (!Number.isFinite(n)) return { ok: false, message: { key: 'errors:import.notNumber', params: { value: text } } };
      return { ok: true, value: n };
    }
    case 'boolean': {
      if (empty) return { ok: true, value: false };
      if (typeof raw === 'boolean') return { ok: true, value: raw };
      const v = rules?.values.get(norm(text)) ?? norm(text);
      if (['yes', 'y', 'true', '1', '是', '√'].includes(v)) return { ok: true, value: true };
      if (['no', 'n', 'false', '0', '否', '×'].includes(v)) return { ok: true, value: false };
      return { ok: false, message: { key: 'errors:import.notBoolean', params: { value: text } } };
    }
    case 'enum': {
      if (empty) return { ok: true, value: null };
      if (rules) return mappedEnum(column, text, rules);
      const code = enumLookup(column).get(norm(text));
      return code === undefined ? { ok: false, message: { key: 'errors:import.unknownValue', params: { value: text } } } : { ok: true, value: code };
    }
    case 'list':
      return { ok: true, value: empty ? [] : splitCell(text, rules?.split ?? /\r?\n|[;；]/) };
    case 'date': {
      if (empty) return { ok: true, value: null };
      if (raw instanceof Date) return { ok: true, value: formatDay(raw) };
      if (!parseLocalDate(text)) return { ok: false, message: { key: 'errors:import.notDate', params: { value: text } } };
      return { ok: true, value: text };
    }
    case 'instant':
      if (empty) return { ok: true, value: null };
      return parseInstant(raw, text, timeZone);
  }
}
