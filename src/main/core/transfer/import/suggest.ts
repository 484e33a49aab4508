/**
 * Suggestions for a mapping: which source column feeds which field (from the header's words: the
 * workbench's labels in each language, the field's name, and the synonym table), which source value
 * means which code (the code lists' labels in each language, and the synonym table), and defaults
 * for required fields a file has no column for. A suggestion is only that: the user sees it in the
 * mapping dialog, changes it, and saves it; the import reads only what the mapping says.
 */
import type { TFunction } from 'i18next';
import { emptyMapping, type ImportMapping, type InspectedSheet } from '@shared/domain/import-mapping';
import type { ColumnLayout } from '../../reports/model';
import { splitCell, splitterOf } from './cells';
import { fieldsOf } from './mapping';
import type { ImportSpec } from './spec';
import { norm, translators } from './spellings';
import { HEADER_SYNONYMS, VALUE_SYNONYMS } from './synonyms';

/** A label without what it adds in brackets: "合法性基础（《个人信息保护法》第十三条）" → "合法性基础". */
const bare = (label: string) => norm(label.replace(/[（(][^）)]*[）)]/g, ''));

/** Whether `word` occurs in `text` (a Latin word on word boundaries; Chinese anywhere). */
function contains(text: string, word: string): boolean {
  if (word.length < 2) return false;
  if (/^[a-z0-9]/.test(word)) {
    if (word.length < 3) return false;
    return new RegExp(`(^|[^a-z])${word.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}s?($|[^a-z])`).test(text);
  }
  return text.includes(word);
}

/** How strongly a source text names one of `words`: 3 the same, 2 containing one, 0 not. Ties go to the longer word. */
function score(text: string, words: string[]): number {
  const v = norm(text);
  if (v === '') return 0;
  let best = 0;
  for (const w of words) {
    if (w === '') continue;
    if (v === w || bare(v) === w) return 3 + w.length / 1000;
    if (contains(v, w)) best = Math.max(best, 2 + w.length / 1000);
  }
  return best;
}

/** Every word a header may use for a field. */
function headerWords(spec: ImportSpec, column: ColumnLayout): string[] {
  const labels = translators().flatMap((t) => [norm(t(column.header)), bare(t(column.header))]);
  const synonyms = (HEADER_SYNONYMS[spec.register]?.[column.key] ?? []).map(norm);
  return [...new Set([norm(column.key), ...labels, ...synonyms])];
}

/** Source column → field, best matches first, each column and each field used once. */
export function suggestColumns(spec: ImportSpec, headers: string[]): Record<string, string> {
  const candidates: { field: string; header: string; score: number }[] = [];
  for (const column of fieldsOf(spec)) {
    const words = headerWords(spec, column);
    for (const header of headers) {
      const s = score(header, words);
      if (s > 0) candidates.push({ field: column.key, header, score: s });
    }
  }
  candidates.sort((a, b) => b.score - a.score);
  const columns: Record<string, string> = {};
  const used = new Set<string>();
  for (const c of candidates) {
    if (columns[c.field] !== undefined || used.has(c.header)) continue;
    columns[c.field] = c.header;
    used.add(c.header);
  }
  return columns;
}

/** Every word a cell may use for each code of an enumeration. */
function valueWords(column: ColumnLayout): Map<string, string[]> {
  const words = new Map<string, string[]>();
  for (const code of column.values ?? []) {
    const labels = translators().flatMap((t) => [norm(t(`${column.labelPrefix}.${code}`)), bare(t(`${column.labelPrefix}.${code}`))]);
    const synonyms = (VALUE_SYNONYMS[column.labelPrefix ?? '']?.[code] ?? []).map(norm);
    words.set(code, [...new Set([norm(code), ...labels, ...synonyms])]);
  }
  return words;
}

/** The code a source value most likely means, or null. */
export function suggestValue(column: ColumnLayout, value: string): string | null {
  let best: { code: string; score: number } | null = null;
  for (const [code, words] of valueWords(column)) {
    const s = score(value, words);
    if (s > 0 && (!best || s > best.score)) best = { code, score: s };
  }
  return best?.code ?? null;
}

/**
 * Source value → code for an enumeration column's distinct values: a whole cell where it means one
 * code, else each of its parts (a cell listing several subjects).
 */
export function suggestValues(column: ColumnLayout, values: string[], separators: string): Record<string, string> {
  const out: Record<string, string> = {};
  const split = splitterOf(separators);
  for (const value of values) {
    const whole = suggestValue(column, value);
    if (whole) {
      out[value] = whole;
      continue;
    }
    for (const part of splitCell(value, split)) {
      const code = suggestValue(column, part);
      if (code && !(part in out)) out[part] = code;
    }
  }
  return out;
}

/** Defaults suggested for required fields a file has no column for: a generated code; the neutral stage. */
const DEFAULT_SUGGESTIONS: Partial<Record<string, Record<string, (t: TFunction) => string>>> = {
  categories: { code: () => 'ROPA-{row}', stage: () => 'service_use' },
  partners: { countryRegion: (t) => t('reports:mapping.defaultCountry') },
  flows: { frequency: (t) => t('reports:mapping.defaultFrequency') },
};

/** How well a register's fields are named by a sheet's headers: to guess the register of a file. */
export function registerScore(spec: ImportSpec, headers: string[]): number {
  const columns = suggestColumns(spec, headers);
  const required = spec.required.filter((k) => columns[k] !== undefined).length;
  return required * 2 + Object.keys(columns).length;
}

/** A complete suggested mapping of a sheet to a register. */
export function suggestMapping(spec: ImportSpec, sheet: InspectedSheet, t: TFunction, name?: string): ImportMapping {
  const mapping = emptyMapping(spec.register, name ?? `${t(spec.sheet.title)} — ${sheet.name ?? 'CSV'}`);
  mapping.sheet = sheet.name ?? '';
  mapping.columns = suggestColumns(spec, sheet.headers);
  for (const column of fieldsOf(spec)) {
    const header = mapping.columns[column.key];
    if (column.type !== 'enum' || header === undefined) continue;
    const values = suggestValues(column, sheet.values[header] ?? [], mapping.separators);
    if (Object.keys(values).length > 0) mapping.values[column.key] = values;
  }
  for (const [key, make] of Object.entries(DEFAULT_SUGGESTIONS[spec.register] ?? {})) {
    if (mapping.columns[key] === undefined && spec.required.includes(key)) mapping.defaults[key] = make(t);
  }
  mapping.recipients.countryRegion = t('reports:mapping.defaultCountry');
  mapping.recipients.frequency = t('reports:mapping.defaultFrequency');
  return mapping;
}
