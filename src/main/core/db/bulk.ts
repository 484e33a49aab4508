/**
 * Bulk writes for imports: many rows through one prepared statement of the raw better-sqlite3
 * connection, which is several times faster than Kysely building a multi-row INSERT per batch.
 * Only inside a transaction opened through Kysely: SQLite's transaction belongs to the connection,
 * so these rows commit or roll back with everything else the transaction wrote.
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { Insertable } from 'kysely';
import { AppError } from '../errors';
import type { CoreContext } from '../context';
import type { Executor } from './executor';
import type { Kysely } from 'kysely';
import { isPostgres, maxParameters } from './dialect';
import type { Database } from './schema';

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The raw connection under the context's Kysely instance, for bulk writes and the JSON restore. */
export function rawConnection(ctx: Pick<CoreContext, 'sqlite'>): BetterSqlite3.Database {
  if (!ctx.sqlite) throw new AppError('INTERNAL', { key: 'errors:internal', params: { detail: 'no SQLite connection' } });
  return ctx.sqlite;
}

/**
 * Many rows into one table inside the transaction the writer belongs to: on SQLite through one
 * prepared statement of the raw connection, on PostgreSQL as multi-row INSERTs of as many rows as a
 * statement's parameters allow (dialect.ts).
 */
export interface BulkWriter {
  insertRows<T extends keyof Database & string>(table: T, rows: readonly Insertable<Database[T]>[]): Promise<number[]>;
}

/**
 * The bulk writer of the transaction that `ctx.db` is (a context joined to a transaction, see
 * `joinTransaction`): its rows commit or roll back with everything else that transaction writes.
 */
export function bulkWriterOf(ctx: Pick<CoreContext, 'db' | 'sqlite'>): BulkWriter {
  if (!ctx.db.isTransaction) throw new AppError('INTERNAL', { key: 'errors:internal', params: { detail: 'bulk writes outside a transaction' } });
  if (isPostgres(ctx.db)) {
    const trx = ctx.db;
    return { insertRows: (table, rows) => insertRowsInStatements(trx, table, rows) };
  }
  const sqlite = rawConnection(ctx);
  return { insertRows: async (table, rows) => insertRows(sqlite, table, rows) };
}

/** `rows` as multi-row INSERTs within the engine's parameter limit; their ids in order (RETURNING keeps the VALUES order). */
async function insertRowsInStatements<T extends keyof Database & string>(
  trx: Executor,
  table: T,
  rows: readonly Insertable<Database[T]>[],
): Promise<number[]> {
  if (rows.length === 0) return [];
  const columns = Object.keys(rows[0]!);
  const perStatement = Math.max(1, Math.floor(maxParameters(trx) / Math.max(1, columns.length)));
  const hasId = table !== 'request_reminders' && table !== 'sdk_review_categories';
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += perStatement) {
    const chunk = rows.slice(i, i + perStatement).map((row) => Object.fromEntries(columns.map((c) => [c, (row as Record<string, unknown>)[c] ?? null])));
    const insert = (trx as unknown as Kysely<Record<string, Record<string, unknown>>>).insertInto(table).values(chunk);
    if (hasId) ids.push(...(await insert.returning('id').execute()).map((r) => Number(r.id)));
    else await insert.execute();
  }
  return ids;
}

/** Each connection's INSERT statements, prepared once per table and list of columns: preparing costs about as much as a small insert. */
const prepared = new WeakMap<BetterSqlite3.Database, Map<string, BetterSqlite3.Statement>>();

function insertStatement(sqlite: BetterSqlite3.Database, table: string, columns: readonly string[]): BetterSqlite3.Statement {
  let statements = prepared.get(sqlite);
  if (!statements) prepared.set(sqlite, (statements = new Map()));
  const text = `insert into ${quote(table)} (${columns.map(quote).join(', ')}) values (${columns.map(() => '?').join(', ')})`;
  let statement = statements.get(text);
  if (!statement) statements.set(text, (statement = sqlite.prepare(text)));
  return statement;
}

/**
 * Inserts `rows` (all with the same columns as the first) into `table`; answers their ids in order.
 * Refuses to run outside a transaction, where a failure halfway would leave half the rows written.
 */
export function insertRows<T extends keyof Database & string>(
  sqlite: BetterSqlite3.Database,
  table: T,
  rows: readonly Insertable<Database[T]>[],
): number[] {
  if (rows.length === 0) return [];
  if (!sqlite.inTransaction) throw new AppError('INTERNAL', { key: 'errors:internal', params: { detail: `bulk insert into ${table} outside a transaction` } });
  const columns = Object.keys(rows[0]!);
  const insert = insertStatement(sqlite, table, columns);
  const ids: number[] = new Array(rows.length);
  const values: unknown[] = new Array(columns.length);
  for (let r = 0; r < rows.length; r += 1) {
    const row = rows[r] as Record<string, unknown>;
    for (let c = 0; c < columns.length; c += 1) values[c] = row[columns[c]!] ?? null;
    ids[r] = Number(insert.run(values).lastInsertRowid);
  }
  return ids;
}
