/**
 * The register's tables as tables, whatever they hold: what the complete JSON export, its import and
 * the register copy read and write. Parents come before the tables that refer to them; rows are read
 * in primary-key order, a batch at a time, so that a large register is never held in memory. What
 * differs between the engines (the catalogue, identity sequences, foreign-key checks) is dialect.ts's.
 */
import { CompiledQuery } from 'kysely';
import type { Executor } from './executor';
import { describeTables, maxParameters, rawStatement, type TableShape } from './dialect';

export type { TableShape } from './dialect';

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

async function rows<R>(db: Executor, text: string, params: readonly unknown[] = []): Promise<R[]> {
  return (await db.executeQuery<R>(rawStatement(db, text, params) as CompiledQuery<R>)).rows;
}

/** The app's tables, parents before the tables that refer to them; ties by name. */
export async function tablesInForeignKeyOrder(db: Executor): Promise<TableShape[]> {
  const shapes = (await describeTables(db)).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const names = new Set(shapes.map((s) => s.name));
  const ordered: TableShape[] = [];
  const placed = new Set<string>();
  while (ordered.length < shapes.length) {
    const next = shapes.find((s) => !placed.has(s.name) && s.parents.every((p) => placed.has(p) || !names.has(p)));
    if (!next) throw new Error(`foreign keys form a cycle among ${shapes.filter((s) => !placed.has(s.name)).map((s) => s.name).join(', ')}`);
    ordered.push(next);
    placed.add(next.name);
  }
  return ordered;
}

/** The migrations this register has run, by name. */
export async function appliedMigrations(db: Executor): Promise<string[]> {
  return (await rows<{ name: string }>(db, 'select name from kysely_migration order by name')).map((r) => r.name);
}

export async function countRows(db: Executor, table: string): Promise<number> {
  return Number((await rows<{ n: number | string }>(db, `select count(*) as n from ${quote(table)}`))[0]!.n);
}

/**
 * Every row of `table` as arrays of `columns`, in primary-key order, `batch` rows at a time (each
 * batch starts after the last key of the one before, so no row is read twice however large the table).
 */
export async function* tableRows(db: Executor, shape: TableShape, columns: readonly string[] = shape.columns, batch = 2000): AsyncGenerator<unknown[][]> {
  const key = shape.primaryKey;
  if (key.length === 0) throw new Error(`table ${shape.name} has no primary key`);
  const keyList = key.map(quote).join(', ');
  // The key again under names of its own, after the columns asked for (which may include it).
  const select = `select ${[...columns.map(quote), ...key.map((k, i) => `${quote(k)} as "__key${i}"`)].join(', ')} from ${quote(shape.name)}`;
  const after = key.length === 1 ? `${quote(key[0]!)} > ?` : `(${keyList}) > (${key.map(() => '?').join(', ')})`;
  let last: unknown[] | null = null;
  for (;;) {
    const found: Record<string, unknown>[] = await rows<Record<string, unknown>>(
      db,
      `${select}${last ? ` where ${after}` : ''} order by ${keyList} limit ${batch}`,
      last ?? [],
    );
    if (found.length === 0) return;
    const end = found[found.length - 1]!;
    last = key.map((_, i) => end[`__key${i}`]);
    yield found.map((row) => columns.map((c) => row[c]));
    if (found.length < batch) return;
  }
}

export async function deleteAllRows(db: Executor, table: string): Promise<void> {
  await rows(db, `delete from ${quote(table)}`);
}

/**
 * Rows given as arrays of `columns`, as multi-row INSERTs within the engine's parameter limit. Only
 * inside a transaction: a failure halfway must take every row with it.
 */
export async function insertRowArrays(db: Executor, table: string, columns: readonly string[], values: readonly unknown[][]): Promise<void> {
  if (values.length === 0) return;
  if (!db.isTransaction) throw new Error(`rows into ${table} outside a transaction`);
  const perStatement = Math.max(1, Math.min(500, Math.floor(maxParameters(db) / Math.max(1, columns.length))));
  const head = `insert into ${quote(table)} (${columns.map(quote).join(', ')}) values `;
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  for (let i = 0; i < values.length; i += perStatement) {
    const chunk = values.slice(i, i + perStatement);
    // A JSON file's true and false, as the 1 and 0 SQLite keeps (PostgreSQL reads either).
    await rows(db, head + chunk.map(() => tuple).join(', '), chunk.flat().map((v) => (typeof v === 'boolean' ? Number(v) : v)));
  }
}
