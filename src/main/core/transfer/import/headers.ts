/**
 * Which register a sheet is, and which column each of its headers names. A header may be written as
 * its label in any language or as the field name; a sheet is found by its name (XLSX) or its headers.
 */
import type { TFunction } from 'i18next';
import type { MessageRef } from '@shared/validation';
import type { ColumnLayout } from '../../reports/model';
import type { CellRules } from './cells';
import type { FileSheet, Raw } from './sheet-file';
import type { ImportSpec } from './spec';
import { norm, translators } from './spellings';

const aliases = new WeakMap<ColumnLayout, Set<string>>();

/** Every way a header may be written: its label in each language, or the field name; worked out once per column. */
function headerAliases(column: ColumnLayout): Set<string> {
  let found = aliases.get(column);
  if (!found) aliases.set(column, (found = new Set([norm(column.key), ...translators().map((t) => norm(t(column.header)))])));
  return found;
}

function sheetAliases(spec: ImportSpec): Set<string> {
  return new Set([norm(spec.sheet.key), ...translators().map((t) => norm(t(spec.sheet.title)))]);
}

/** The register a sheet holds: by the worksheet's name, else the one whose columns its headers name most. */
export function findSpec(sheet: FileSheet, specs: ImportSpec[]): ImportSpec | null {
  if (sheet.name) {
    const byName = specs.find((s) => sheetAliases(s).has(norm(sheet.name)));
    if (byName) return byName;
  }
  const headers = sheet.header.map(norm);
  let best: { spec: ImportSpec; score: number } | null = null;
  for (const spec of specs) {
    const present = spec.sheet.columns.filter((c) => headers.some((h) => headerAliases(c).has(h)));
    // A named worksheet (XLSX) is taken by its headers only when they hold every required column:
    // the other sheets of a report (partners, about…) share a few headers such as "Name" or "Status".
    if (sheet.name && !spec.required.every((k) => present.some((c) => c.key === k))) continue;
    const score = present.length;
    if (score > 0 && (!best || score > best.score)) best = { spec, score };
  }
  return best?.spec ?? null;
}

/** A sheet's header row matched against its register's columns. */
export interface HeaderMatch {
  /** The header row's text, trimmed. */
  text: string[];
  /** The column each header names, or null. */
  columns: (ColumnLayout | null)[];
  /** Required columns (field keys) the header lacks: the rows are counted but not checked. */
  missing: string[];
  /** Unknown, repeated and missing columns, each with the header it concerns. */
  problems: { column: string; message: MessageRef }[];
  /** The header a file used for a field, or the field's label when the file has no such column. */
  headerOf(key: string): string;
  /** Through a mapping: how each column's cells are read (its values, what splits a list). */
  rules?: (CellRules | undefined)[];
  /** Through a mapping: the value of each field the file does not keep, or leaves empty. */
  defaults?: { column: ColumnLayout; text: string; rules: CellRules }[];
}

export function matchHeader(header: Raw[], spec: ImportSpec, t: TFunction): HeaderMatch {
  const all = spec.sheet.columns;
  const text = header.map((h) => String(h ?? '').trim());
  const columns = text.map((h) => all.find((c) => headerAliases(c).has(norm(h))) ?? null);
  const problems: HeaderMatch['problems'] = [];
  text.forEach((h, i) => {
    if (h !== '' && !columns[i]) problems.push({ column: h, message: { key: 'errors:import.unknownColumn', params: { column: h } } });
  });
  const seen = new Set<string>();
  columns.forEach((c, i) => {
    if (!c) return;
    if (seen.has(c.key)) problems.push({ column: text[i]!, message: { key: 'errors:import.duplicateColumn', params: { column: text[i]! } } });
    seen.add(c.key);
  });
  const missing = spec.required.filter((k) => !seen.has(k));
  for (const key of missing) {
    const label = t(all.find((c) => c.key === key)!.header);
    problems.push({ column: label, message: { key: 'errors:import.missingColumn', params: { column: label } } });
  }
  const headerOf = (key: string) => {
    const i = columns.findIndex((c) => c?.key === key);
    return i >= 0 ? text[i]! : t(all.find((c) => c.key === key)?.header ?? key);
  };
  return { text, columns, missing, problems, headerOf };
}
