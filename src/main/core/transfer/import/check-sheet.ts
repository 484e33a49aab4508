/**
 * Checks one sheet row by row: its header against the register's columns, each cell against its
 * column's type, each row against the register's schema, references and keys (in the file and in
 * the register). Valid rows go to the sink in chunks while the file has shown no problem; after the
 * first problem the rest is still checked, so that the preview lists every problem, but nothing
 * more is handed over.
 */
import type { TFunction } from 'i18next';
import { messageText } from '@shared/i18n';
import { issueMessage, type MessageRef } from '@shared/validation';
import type { ImportIssue } from '@shared/domain/transfer';
import type { Executor } from '../../db/executor';
import type { ImportMapping } from '@shared/domain/import-mapping';
import { displayText, parseCell } from './cells';
import { matchHeader, type HeaderMatch } from './headers';
import { defaultText, matchMapped } from './mapping';
import { SheetUnreadable, type FileSheet, type Raw } from './sheet-file';
import type { ImportSpec, ParsedRow, RowSink } from './spec';

/** What checking a file shares with each of its sheets. */
export interface FileCheck {
  /** Where keys and references are looked up: the import's transaction when committing. */
  db: Executor;
  t: TFunction;
  /** The organisation's zone, in which a file's wall-clock times are read. */
  timeZone: string;
  /** The keys each sheet of this file brings (partners by name…), for the sheets that refer to them. */
  pending: Map<string, Set<string>>;
  /** False once the file has shown a problem in an earlier sheet. */
  clean(): boolean;
  /** Receives the valid rows; none when previewing. */
  sink?: RowSink;
  /** Called for every row read. */
  onRow?(): void;
  /** The clock's time (history may not lie after it) and the file's name (kept on imported requests' timelines). */
  now: Date;
  source: string;
}

export interface SheetOutcome {
  label: string;
  rows: number;
  valid: number;
  sample: ParsedRow[];
  issues: ImportIssue[];
}

/**
 * Rows handed to the sink at a time (and looked up in the register for existing keys). Small enough
 * that a chunk's rows and what writing them builds rarely outlive the young generation's collections:
 * at 2,000 they were promoted, and the old generation grew with garbage (peak RSS of a 30k-row import
 * 227 MB at 2,000 per chunk, 196 MB at 500, for the same CPU time). Writing a request row, its
 * timeline and its audit entry allocates about 30 KB, so 500 rows fill most of a young-generation
 * space: a 100k-row import through the built command line peaked at 218–257 MB with 500 per chunk,
 * 205–230 MB with 100, in the same time.
 */
const CHUNK = 100;
const SAMPLE_ROWS = 5;

const isBlank = (cells: Raw[]) => cells.every((c) => c === null || String(c).trim() === '');

const isEmptyValue = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

type RowIssue = (column: string | null, message: MessageRef) => void;

interface RowValues {
  values: Record<string, unknown>;
  extra: Record<string, unknown>;
  display?: Record<string, string>;
  /** Fields whose cell was refused (the schema's message about them would only repeat it). */
  failed: Set<string>;
  ok: boolean;
}

/**
 * Reads rows of a sheet as the register's values (and extra columns), each cell parsed by its
 * column's type; a cell or row that cannot be read is reported through `issue`.
 */
function rowReader(spec: ImportSpec, header: HeaderMatch, timeZone: string) {
  const { text, columns, rules = [], defaults = [] } = header;
  const extraKeys = new Set([...(spec.extra ?? []), ...(spec.mappingFields ?? []).map((c) => c.key)]);
  return (row: number, cells: Raw[], issue: RowIssue, keepDisplay: boolean): RowValues => {
    const filled = new Set<string>();
    const out: RowValues = { values: spec.defaults(), extra: {}, display: keepDisplay ? {} : undefined, failed: new Set(), ok: true };
    if (cells.length < text.length && cells.length > 0 && columns.slice(cells.length).some((c) => c)) {
      issue(null, { key: 'errors:import.shortRow', params: { found: cells.length, expected: text.length } });
      out.ok = false;
    }
    if (cells.length > text.length && cells.slice(text.length).some((c) => c !== null && String(c).trim() !== '')) {
      issue(null, { key: 'errors:import.longRow', params: { found: cells.length, expected: text.length } });
      out.ok = false;
    }
    for (let i = 0; i < columns.length; i += 1) {
      const column = columns[i];
      if (!column) continue;
      const raw = cells[i] ?? null;
      if (out.display) out.display[text[i]!] = displayText(raw);
      const result = parseCell(column, raw, timeZone, rules[i]);
      if (!result.ok) {
        issue(text[i]!, result.message);
        out.failed.add(column.key);
        out.ok = false;
        continue;
      }
      if (extraKeys.has(column.key)) out.extra[column.key] = result.value;
      else out.values[column.key] = result.value;
      if (!isEmptyValue(result.value)) filled.add(column.key);
    }
    // A mapping's defaults, for the fields the file does not keep or leaves empty on this row.
    for (const d of defaults) {
      const key = d.column.key;
      const target = extraKeys.has(key) ? out.extra : out.values;
      if (out.failed.has(key) || filled.has(key)) continue;
      const result = parseCell(d.column, defaultText(d.text, row), timeZone, d.rules);
      if (result.ok) target[key] = result.value;
    }
    return out;
  };
}

export async function checkSheet(file: FileCheck, sheet: FileSheet, spec: ImportSpec, mapping?: ImportMapping): Promise<SheetOutcome> {
  const { db, t } = file;
  const label = t(spec.sheet.title);
  const issues: ImportIssue[] = [];
  const issue = (row: number | null, column: string | null, message: MessageRef) =>
    issues.push({ sheet: label, row, column, message: messageText(t, message) });
  const header = mapping ? matchMapped(sheet.header, spec, mapping, t) : matchHeader(sheet.header, spec, t);
  for (const p of header.problems) issue(1, p.column, p.message);
  const { headerOf } = header;
  const readRow = rowReader(spec, header, file.timeZone);
  const outcome: SheetOutcome = { label, rows: 0, valid: 0, sample: [], issues };
  const keys = new Map<string, number>();
  const keyField = spec.keyField ?? spec.required[0]!;
  let chunk: { parsed: ParsedRow; key: string | null }[] = [];

  /** Refuses the chunk's keys already in the register, then hands the chunk over if all is well so far. */
  const flush = async () => {
    if (chunk.length === 0) return;
    const rows = chunk;
    chunk = [];
    if (spec.key && spec.existingKeys) {
      const byKey = new Map(rows.filter((r) => r.key !== null).map((r) => [r.key!, r.parsed.row]));
      const existing = await spec.existingKeys(db, [...byKey.keys()]);
      for (const [key, row] of byKey) {
        if (existing.has(key)) issue(row, headerOf(keyField), { key: 'errors:import.existingKey', params: { value: key } });
      }
    }
    if (file.sink && issues.length === 0 && file.clean()) await file.sink(spec, rows.map((r) => r.parsed));
    // Parsing and writing never wait on I/O: let the host answer other calls between chunks.
    await new Promise((resolve) => setImmediate(resolve));
  };

  try {
    for await (const { row, cells } of sheet.rows) {
      file.onRow?.();
      if (isBlank(cells)) continue;
      outcome.rows += 1;
      if (header.missing.length > 0) continue;
      const rowIssue: RowIssue = (column, message) => issue(row, column, message);
      const { values, extra, display, failed, ok } = readRow(row, cells, rowIssue, outcome.sample.length < SAMPLE_ROWS);
      let rowOk = ok;
      if (spec.resolve) {
        const problems = await spec.resolve(db, values, extra, file.pending, { t, mapping, now: file.now, source: file.source });
        for (const [key, message] of Object.entries(problems)) {
          issue(row, headerOf(key), message);
          rowOk = false;
        }
      }
      const checked = spec.schema.safeParse(values);
      if (!checked.success) {
        const perField = new Set<string>();
        for (const zIssue of checked.error.issues) {
          const key = String(zIssue.path[0] ?? '');
          if (perField.has(key) || failed.has(key)) continue;
          perField.add(key);
          issue(row, key ? headerOf(key) : null, issueMessage(zIssue));
        }
        continue;
      }
      let key: string | null = null;
      if (spec.key) {
        key = spec.key(checked.data, extra);
        const firstRow = key === null ? undefined : keys.get(key);
        if (firstRow !== undefined) {
          issue(row, headerOf(keyField), { key: 'errors:import.duplicateKey', params: { value: key!, row: firstRow } });
          continue;
        }
        if (key !== null) keys.set(key, row);
      }
      if (!rowOk) continue;
      const parsed: ParsedRow = { row, values: checked.data, extra, display };
      if (display) outcome.sample.push(parsed);
      outcome.valid += 1;
      chunk.push({ parsed, key });
      if (chunk.length >= CHUNK) await flush();
    }
  } catch (error) {
    if (!(error instanceof SheetUnreadable)) throw error;
    const line = error.issue.params?.line;
    issues.push({ sheet: t('reports:import.wholeFile'), row: typeof line === 'number' ? line : null, column: null, message: messageText(t, error.issue) });
  }
  await flush();
  file.pending.set(spec.sheet.key, new Set(keys.keys()));
  return outcome;
}
