/**
 * A sheet read through a mapping (shared/domain/import-mapping.ts): which source column feeds which
 * field, the values each column's cells are looked up in, the defaults of the fields the office does
 * not keep, and every way the mapping itself does not fit the file or the register — each reported
 * at the header row, by the source column's name, before any row is read.
 */
import type { TFunction } from 'i18next';
import { messageText } from '@shared/i18n';
import type { MessageRef } from '@shared/validation';
import type { ImportMapping } from '@shared/domain/import-mapping';
import { FLOW_METHODS, PARTNER_ROLES, SHARING_BASES } from '@shared/domain/partners';
import type { ColumnLayout } from '../../reports/model';
import { parseCell, splitterOf, type CellRules } from './cells';
import type { HeaderMatch } from './headers';
import type { Raw } from './sheet-file';
import type { ImportSpec } from './spec';
import { norm } from './spellings';

/** The fields a mapping may fill: the export's columns less the computed ones, and the fields only a mapping fills. */
export function fieldsOf(spec: ImportSpec): ColumnLayout[] {
  const computed = new Set(spec.computed ?? []);
  return [...spec.sheet.columns.filter((c) => !computed.has(c.key)), ...(spec.mappingFields ?? [])];
}

/** A default as it is written in a row: `{row}` is the row's number. */
export const defaultText = (text: string, row: number) => text.replaceAll('{row}', String(row));

/** The values a mapped column's cells are looked up in, keys normalised. */
function rulesOf(mapping: ImportMapping, column: ColumnLayout, split: RegExp): CellRules {
  const values = new Map<string, string>();
  for (const [source, code] of Object.entries(mapping.values[column.key] ?? {})) values.set(norm(source), code);
  return { values, split };
}

/** Whether `code` is something a field's value may be mapped to. */
function acceptsCode(column: ColumnLayout, code: string): boolean {
  if (column.type === 'enum') return (column.values ?? []).includes(code);
  if (column.type === 'boolean') return code === 'true' || code === 'false';
  return false;
}

/** A sheet's header row matched through a mapping; the mapping's own problems are the header's problems. */
export function matchMapped(header: Raw[], spec: ImportSpec, mapping: ImportMapping, t: TFunction): HeaderMatch {
  const fields = fieldsOf(spec);
  const byKey = new Map(fields.map((c) => [c.key, c]));
  const label = (key: string) => (byKey.has(key) ? t(byKey.get(key)!.header) : key);
  const text = header.map((h) => String(h ?? '').trim());
  const columns: (ColumnLayout | null)[] = text.map(() => null);
  const rules: (CellRules | undefined)[] = text.map(() => undefined);
  const problems: HeaderMatch['problems'] = [];
  const problem = (column: string, message: MessageRef) => problems.push({ column, message });
  const split = splitterOf(mapping.separators);

  for (const key of new Set([...Object.keys(mapping.columns), ...Object.keys(mapping.values), ...Object.keys(mapping.defaults)])) {
    if (!byKey.has(key)) problem(key, { key: 'errors:import.mappingUnknownField', params: { field: key } });
  }
  for (const [key, source] of Object.entries(mapping.columns)) {
    const column = byKey.get(key);
    if (!column || source.trim() === '') continue;
    const i = text.findIndex((h) => norm(h) === norm(source));
    if (i < 0) {
      problem(source, { key: 'errors:import.mappedColumnMissing', params: { column: source, field: label(key) } });
      continue;
    }
    if (columns[i]) {
      problem(text[i]!, { key: 'errors:import.mappedTwice', params: { column: text[i]!, first: label(columns[i]!.key), second: label(key) } });
      continue;
    }
    columns[i] = column;
    rules[i] = rulesOf(mapping, column, split);
  }
  for (const [key, values] of Object.entries(mapping.values)) {
    const column = byKey.get(key);
    if (!column) continue;
    for (const [source, code] of Object.entries(values)) {
      if (!acceptsCode(column, code)) problem(mapping.columns[key] || label(key), { key: 'errors:import.mappingUnknownCode', params: { value: source, code, field: label(key) } });
    }
  }
  const defaults: NonNullable<HeaderMatch['defaults']> = [];
  for (const [key, value] of Object.entries(mapping.defaults)) {
    const column = byKey.get(key);
    if (!column || value.trim() === '') continue;
    const tried = parseCell(column, defaultText(value, 2), 'UTC', rulesOf(mapping, column, split));
    if (!tried.ok) problem(label(key), { key: 'errors:import.badDefault', params: { field: label(key), detail: messageText(t, tried.message) } });
    else defaults.push({ column, text: value, rules: rulesOf(mapping, column, split) });
  }
  if (spec.register === 'categories' && (mapping.columns.recipients || mapping.columns.transfers)) {
    const r = mapping.recipients;
    const checks: [string, string, readonly string[]][] = [
      ['role', r.role, PARTNER_ROLES],
      ['sharingBasis', r.sharingBasis, SHARING_BASES],
      ['method', r.method, FLOW_METHODS],
    ];
    for (const [field, code, allowed] of checks) {
      if (!allowed.includes(code)) problem(`recipients.${field}`, { key: 'errors:import.mappingUnknownCode', params: { value: field, code, field: `recipients.${field}` } });
    }
  }
  const mapped = new Set(columns.filter((c) => c).map((c) => c!.key));
  const defaulted = new Set(defaults.map((d) => d.column.key));
  const missing = spec.required.filter((k) => !mapped.has(k) && !defaulted.has(k));
  for (const key of missing) problem(label(key), { key: 'errors:import.requiredUnmapped', params: { field: label(key) } });
  const headerOf = (key: string) => {
    const i = columns.findIndex((c) => c?.key === key);
    return i >= 0 ? text[i]! : label(key);
  };
  // A mapping that does not fit stops the rows from being read, as missing columns do.
  return { text, columns, missing: problems.length > 0 ? (missing.length > 0 ? missing : ['mapping']) : [], problems, headerOf, rules, defaults };
}
