/**
 * The complete JSON export and its import (a full restore into an empty register).
 * The format is documented in docs/export-format.md. It is generic over the database's tables:
 * every table the migrations created is written, parents before children (foreign-key order), rows
 * in primary-key order, so that a register added by a later migration is included without code here.
 */
import { createHash } from 'node:crypto';
import type BetterSqlite3 from 'better-sqlite3';
import { migrations } from '../db/migrations';
import { AppError, storageFailure } from '../errors';
import { nowIso, type CoreContext } from '../context';
import { recordAudit } from '../audit/audit.service';
import { IMPORT_ENTITY, verifyHashChain, type ImportEntryAfter } from '../audit/audit-verify';
import type { MessageRef } from '@shared/validation';
import { rawConnection } from '../db/bulk';
import { INTERNAL_TABLE } from '../db/dialect';
import { translatorFor } from '@shared/i18n';

export const EXPORT_FORMAT = 'privacy-workbench/export';
export const EXPORT_VERSION = 1;
const BATCH = 2000;
/**
 * Not exported: SQLite's and Kysely's own tables, and what triggers derive from the app's tables
 * (the search index, the tallies, the cache tokens), which an import rebuilds as its rows go in.
 */
const INTERNAL = INTERNAL_TABLE;


const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The app's tables, parents before the tables that refer to them; ties by name. */
export function tablesInForeignKeyOrder(sqlite: BetterSqlite3.Database): string[] {
  const names = (sqlite.prepare(`select name from sqlite_master where type = 'table' order by name`).all() as { name: string }[])
    .map((r) => r.name)
    .filter((n) => !INTERNAL.test(n));
  const parents = new Map<string, Set<string>>();
  for (const name of names) {
    const refs = sqlite.prepare(`select "table" as parent from pragma_foreign_key_list(?)`).all(name) as { parent: string }[];
    parents.set(name, new Set(refs.map((r) => r.parent).filter((p) => p !== name && names.includes(p))));
  }
  const ordered: string[] = [];
  const placed = new Set<string>();
  while (ordered.length < names.length) {
    const next = names.find((n) => !placed.has(n) && [...parents.get(n)!].every((p) => placed.has(p)));
    if (!next) throw new Error(`foreign keys form a cycle among ${names.filter((n) => !placed.has(n)).join(', ')}`);
    ordered.push(next);
    placed.add(next);
  }
  return ordered;
}

export function columnsOf(sqlite: BetterSqlite3.Database, table: string): string[] {
  return (sqlite.prepare(`select name from pragma_table_info(?) order by cid`).all(table) as { name: string }[]).map((r) => r.name);
}

export function appliedMigrations(sqlite: BetterSqlite3.Database): string[] {
  return (sqlite.prepare('select name from kysely_migration order by name').all() as { name: string }[]).map((r) => r.name);
}

/**
 * The export as a sequence of text chunks (one table row per line), so that a large register is
 * written without being held in memory. `generatedAt` is the only value that differs between two
 * exports of the same register.
 */
export async function* jsonExportChunks(ctx: CoreContext): AsyncGenerator<string> {
  const sqlite = rawConnection(ctx);
  const header = {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    generatedAt: nowIso(ctx),
    app: 'Privacy Workbench',
    // Said in the file itself: it is the whole register, requesters' names and contacts included.
    personalInformation: { contained: true, notice: { en: translatorFor('en')('reports:json.personalNotice'), 'zh-CN': translatorFor('zh-CN')('reports:json.personalNotice') } },
    schema: { migrations: appliedMigrations(sqlite) },
  };
  const head = JSON.stringify(header, null, 2);
  yield `${head.slice(0, -2)},\n  "tables": [`;
  const tables = tablesInForeignKeyOrder(sqlite);
  for (const [t, table] of tables.entries()) {
    const columns = columnsOf(sqlite, table);
    const count = (sqlite.prepare(`select count(*) as n from ${quote(table)}`).get() as { n: number }).n;
    yield `${t === 0 ? '' : ','}\n    {\n      "name": ${JSON.stringify(table)},\n      "columns": ${JSON.stringify(columns)},\n      "rowCount": ${count},\n      "rows": [`;
    const select = sqlite
      .prepare(`select rowid as "__rowid", ${columns.map(quote).join(', ')} from ${quote(table)} where rowid > ? order by rowid limit ${BATCH}`)
      .raw(true);
    let after = -Infinity;
    let first = true;
    for (;;) {
      const rows = select.all(after) as unknown[][];
      if (rows.length === 0) break;
      let chunk = '';
      for (const row of rows) {
        chunk += `${first ? '' : ','}\n        ${JSON.stringify(row.slice(1))}`;
        first = false;
      }
      after = rows[rows.length - 1]![0] as number;
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
export function checkJsonExport(ctx: CoreContext, text: string): { file: ExportFile | null; issues: JsonIssue[] } {
  const sqlite = rawConnection(ctx);
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
  const ours = new Set(tablesInForeignKeyOrder(sqlite));
  for (const table of file.tables) {
    if (!ours.has(table.name)) {
      fail('jsonUnknownTable', { table: String(table.name) }, String(table.name));
      continue;
    }
    const columns = new Set(columnsOf(sqlite, table.name));
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
  // Empty: nothing was ever recorded (every change is audited) and nothing set up. Rows that the
  // migrations ship (the holiday calendar) do not count: the export's own rows replace them.
  for (const table of ['audit_log', 'settings']) {
    const n = (sqlite.prepare(`select count(*) as n from ${quote(table)}`).get() as { n: number }).n;
    if (n > 0) {
      fail('notEmpty', { table, count: n });
      break;
    }
  }
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
  const { file, issues } = checkJsonExport(ctx, text);
  if (!file || issues.length > 0) throw importRefused(issues);
  const sqlite = rawConnection(ctx);
  const order = tablesInForeignKeyOrder(sqlite);
  const byName = new Map(file.tables.map((t) => [t.name, t]));
  const inserted: Record<string, number> = {};
  try {
    // Kysely's transaction holds the one connection, so no other call interleaves; the rows go in
    // through the same connection's prepared statements (fast), inside that transaction.
    await ctx.db.transaction().execute(async (trx) => {
      for (const name of [...order].reverse()) sqlite.prepare(`delete from ${quote(name)}`).run();
      for (const name of order) {
        const table = byName.get(name);
        if (!table || table.rows.length === 0) continue;
        const insert = sqlite.prepare(
          `insert into ${quote(name)} (${table.columns.map(quote).join(', ')}) values (${table.columns.map(() => '?').join(', ')})`,
        );
        for (const row of table.rows) insert.run(...(row as unknown[]).map((v) => (typeof v === 'boolean' ? Number(v) : v)));
        inserted[name] = table.rows.length;
      }
      const fk = sqlite.prepare('select * from pragma_foreign_key_check').all();
      if (fk.length > 0) throw importRefused([{ table: null, row: null, column: null, message: { key: 'errors:import.jsonForeignKeys' } }]);
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
    });
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw storageFailure(error) ?? new AppError('VALIDATION', { key: 'errors:import.jsonRejected', params: { detail: (error as Error).message } });
  }
  return inserted;
}

/** An import refused: the first message, with every issue kept for the caller (CLI, preview). */
export class ImportRefused extends AppError {
  constructor(readonly issues: JsonIssue[]) {
    super('VALIDATION', issues[0]?.message ?? { key: 'errors:import.refused' });
  }
}
export const importRefused = (issues: JsonIssue[]) => new ImportRefused(issues);
