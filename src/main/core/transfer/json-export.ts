/**
 * The complete JSON export and its import (a full restore into an empty register).
 * The format is documented in docs/export-format.md. It is generic over the database's tables:
 * every table the migrations created is written, parents before children (foreign-key order), rows
 * in primary-key order, so that a register added by a later migration is included without code here.
 */
import { createHash } from 'node:crypto';
import { migrations } from '../db/migrations';
import { AppError, storageFailure } from '../errors';
import { nowIso, type CoreContext } from '../context';
import type { Executor } from '../db/executor';
import { recordAudit } from '../audit/audit.service';
import { anchorRegisterToHead } from '../audit/audit-anchor';
import { IMPORT_ENTITY, verifyHashChain, type ImportEntryAfter } from '../audit/audit-verify';
import type { MessageRef } from '@shared/validation';
import { translatorFor } from '@shared/i18n';
import { afterLargeWrite } from '../db/large-writes';
import { advanceIdentity, appliedMigrations, countRows, deleteAllRows, foreignKeyViolations, insertRowArrays, tableRows, tablesInForeignKeyOrder, type TableShape } from '../db/tables';

export const EXPORT_FORMAT = 'privacy-workbench/export';
export const EXPORT_VERSION = 1;

/**
 * A register nothing was ever recorded in (every change is audited) and nothing set up: what a
 * whole register may be imported or copied into. Rows that the migrations ship (the holiday
 * calendar) do not count: the incoming rows replace them. Answers the first table that holds rows.
 */
export async function recordedRows(db: Executor): Promise<{ table: string; count: number } | null> {
  for (const table of ['audit_log', 'settings']) {
    const count = await countRows(db, table);
    if (count > 0) return { table, count };
  }
  return null;
}

/**
 * Writes whole tables into a register emptied first (what its migrations shipped removed), parents
 * first, inside the transaction `trx`; then every identity continues after the largest id written,
 * and foreign keys are checked. Answers false when a foreign key names a missing row.
 */
export async function replaceAllRows(
  trx: Executor,
  order: readonly TableShape[],
  fill: (shape: TableShape, write: (columns: readonly string[], rows: readonly unknown[][]) => Promise<void>) => Promise<void>,
): Promise<boolean> {
  for (const shape of [...order].reverse()) await deleteAllRows(trx, shape.name);
  for (const shape of order) {
    await fill(shape, (columns, rows) => insertRowArrays(trx, shape.name, columns, rows));
    if (shape.identity) await advanceIdentity(trx, shape.name, shape.identity);
  }
  return (await foreignKeyViolations(trx)) === 0;
}

/**
 * The export as a sequence of text chunks (one table row per line), so that a large register is
 * written without being held in memory. `generatedAt` is the only value that differs between two
 * exports of the same register.
 */
export async function* jsonExportChunks(ctx: CoreContext): AsyncGenerator<string> {
  const db = ctx.db;
  const header = {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    generatedAt: nowIso(ctx),
    app: 'Privacy Workbench',
    // Said in the file itself: it is the whole register, requesters' names and contacts included.
    personalInformation: { contained: true, notice: { en: translatorFor('en')('reports:json.personalNotice'), 'zh-CN': translatorFor('zh-CN')('reports:json.personalNotice') } },
    schema: { migrations: await appliedMigrations(db) },
  };
  const head = JSON.stringify(header, null, 2);
  yield `${head.slice(0, -2)},\n  "tables": [`;
  const tables = await tablesInForeignKeyOrder(db);
  for (const [t, table] of tables.entries()) {
    const count = await countRows(db, table.name);
    yield `${t === 0 ? '' : ','}\n    {\n      "name": ${JSON.stringify(table.name)},\n      "columns": ${JSON.stringify(table.columns)},\n      "rowCount": ${count},\n      "rows": [`;
    let first = true;
    for await (const rows of tableRows(db, table)) {
      let chunk = '';
      for (const row of rows) {
        chunk += `${first ? '' : ','}\n        ${JSON.stringify(row)}`;
        first = false;
      }
      yield chunk;
    }
    yield `${first ? '' : '\n      '}]\n    }`;
  }
  yield '\n  ]\n}\n';
}

export async function jsonExportBytes(ctx: CoreContext): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of jsonExportChunks(ctx)) parts.push(Buffer.from(chunk, 'utf8'));
  return Buffer.concat(parts);
}

export interface ExportTable {
  name: string;
  columns: string[];
  rowCount?: number;
  rows: unknown[][];
}
export interface ExportFile {
  format: string;
  version: number;
  generatedAt: string;
  schema: { migrations: string[] };
  tables: ExportTable[];
}

export interface JsonIssue {
  table: string | null;
  row: number | null;
  column: string | null;
  message: MessageRef;
}

/** Parses and checks an export against this app and this (empty) register; writes nothing. */
export async function checkJsonExport(ctx: CoreContext, text: string): Promise<{ file: ExportFile | null; issues: JsonIssue[] }> {
  const issues: JsonIssue[] = [];
  const fail = (key: string, params?: Record<string, string | number>, table: string | null = null, row: number | null = null, column: string | null = null) =>
    issues.push({ table, row, column, message: { key: `errors:import.${key}`, params } });
  let file: ExportFile;
  try {
    file = JSON.parse(text) as ExportFile;
  } catch (error) {
    fail('jsonUnreadable', { detail: (error as Error).message });
    return { file: null, issues };
  }
  if (!file || typeof file !== 'object' || file.format !== EXPORT_FORMAT) {
    fail('jsonNotExport');
    return { file: null, issues };
  }
  if (file.version !== EXPORT_VERSION) {
    fail('jsonVersion', { version: String(file.version), supported: EXPORT_VERSION });
    return { file: null, issues };
  }
  const exported = Array.isArray(file.schema?.migrations) ? file.schema.migrations : [];
  const unknown = exported.filter((m) => !(m in migrations));
  if (unknown.length > 0) fail('jsonNewerSchema', { migrations: unknown.join(', ') });
  if (exported.length === 0) fail('jsonNotExport');
  if (!Array.isArray(file.tables)) {
    fail('jsonNotExport');
    return { file: null, issues };
  }
  const ours = new Map((await tablesInForeignKeyOrder(ctx.db)).map((shape) => [shape.name, shape]));
  for (const table of file.tables) {
    if (!ours.has(table.name)) {
      fail('jsonUnknownTable', { table: String(table.name) }, String(table.name));
      continue;
    }
    const columns = new Set(ours.get(table.name)!.columns);
    for (const column of table.columns ?? []) {
      if (!columns.has(column)) fail('jsonUnknownColumn', { table: table.name, column }, table.name, null, column);
    }
    if (!Array.isArray(table.rows)) fail('jsonNotExport', {}, table.name);
    else if (table.rowCount !== undefined && table.rowCount !== table.rows.length) {
      fail('truncated', { expected: table.rowCount, found: table.rows.length }, table.name);
    }
    table.rows?.forEach((row, index) => {
      if (!Array.isArray(row) || row.length !== table.columns.length) fail('jsonRowShape', {}, table.name, index + 1);
    });
  }
  const recorded = await recordedRows(ctx.db);
  if (recorded) fail('notEmpty', { table: recorded.table, count: recorded.count });
  return { file, issues };
}

/**
 * Restores an export into this empty register, all or nothing. The imported audit chain must verify
 * by its hashes; its entries keep their hashes (and whatever HMACs they carried, made with another
 * key), and an entry of this register's own, made with this machine's key, names the file (its name
 * and SHA-256) and the imported chain's head. Verification then reports the imported entries as
 * imported from that file and checked by hash only, never as anchored here.
 */
export async function importJsonExport(ctx: CoreContext, bytes: Uint8Array, fileName: string): Promise<Record<string, number>> {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  const { file, issues } = await checkJsonExport(ctx, text);
  if (!file || issues.length > 0) throw importRefused(issues);
  const byName = new Map(file.tables.map((t) => [t.name, t]));
  const inserted: Record<string, number> = {};
  try {
    await ctx.db.transaction().execute(async (trx) => {
      const order = await tablesInForeignKeyOrder(trx);
      const linked = await replaceAllRows(trx, order, async (shape, write) => {
        const table = byName.get(shape.name);
        if (!table || table.rows.length === 0) return;
        await write(table.columns, table.rows);
        inserted[shape.name] = table.rows.length;
      });
      if (!linked) throw importRefused([{ table: null, row: null, column: null, message: { key: 'errors:import.jsonForeignKeys' } }]);
      const chain = await verifyHashChain(trx);
      if (!chain.ok) {
        throw importRefused([
          { table: 'audit_log', row: null, column: null, message: { key: 'errors:import.jsonAuditBroken', params: { id: chain.firstBrokenId ?? 0 } } },
        ]);
      }
      const after: ImportEntryAfter = {
        fileName,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        entries: chain.head.count,
        head: chain.head.headHash,
      };
      await recordAudit(trx, ctx, { entity: IMPORT_ENTITY, entityId: null, action: 'import', before: null, after });
      await anchorRegisterToHead(trx, ctx.audit);
    });
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw storageFailure(error) ?? new AppError('VALIDATION', { key: 'errors:import.jsonRejected', params: { detail: (error as Error).message } });
  }
  // A whole register written at once: the planner's statistics gathered for it now, not at the next start.
  await afterLargeWrite(ctx.db, Object.values(inserted).reduce((a, b) => a + b, 0));
  return inserted;
}

/** An import refused: the first message, with every issue kept for the caller (CLI, preview). */
export class ImportRefused extends AppError {
  constructor(readonly issues: JsonIssue[]) {
    super('VALIDATION', issues[0]?.message ?? { key: 'errors:import.refused' });
  }
}
export const importRefused = (issues: JsonIssue[]) => new ImportRefused(issues);
