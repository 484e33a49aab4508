/**
 * The register's tables as tables, whatever they hold: what the complete JSON export, its import and
 * the register copy read and write. Parents come before the tables that refer to them; rows are read
 * in primary-key order, a batch at a time, so that a large register is never held in memory. The
 * tables are read from each engine's own catalogue, and identity sequences and foreign-key checks
 * differ between the engines: all three are here.
 */
import { CompiledQuery } from 'kysely';
import type { Executor } from './executor';
import { INTERNAL_TABLE, isPostgres, maxParameters, rawStatement } from './dialect';

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

async function rows<R>(db: Executor, text: string, params: readonly unknown[] = []): Promise<R[]> {
  return (await db.executeQuery<R>(rawStatement(db, text, params) as CompiledQuery<R>)).rows;
}

/** One of the app's tables as the complete export and the register copy see it. */
export interface TableShape {
  name: string;
  /** In the order the migrations created them. */
  columns: string[];
  /** The primary key's columns, in key order: the order rows are read in. */
  primaryKey: string[];
  /** The tables its foreign keys refer to (itself left out). */
  parents: string[];
  /** An id the engine numbers itself (SQLite's autoincrement, PostgreSQL's identity column), if any. */
  identity: string | null;
}

/**
 * The app's tables, their columns, keys and foreign keys, read from the engine's own catalogue:
 * SQLite's `sqlite_master` and `pragma_*` functions, PostgreSQL's `pg_catalog` of the current schema.
 * Unordered; the engine's, Kysely's and the triggers' own tables (INTERNAL_TABLE) left out.
 */
export async function describeTables(db: Executor): Promise<TableShape[]> {
  if (isPostgres(db)) {
    const tables = await rows<{ name: string }>(
      db,
      `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = current_schema() and c.relkind in ('r', 'p') order by c.relname`,
    );
    const columns = await rows<{ table: string; name: string; identity: boolean }>(
      db,
      `select c.relname as "table", a.attname as name, a.attidentity <> '' as identity
         from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = current_schema() and a.attnum > 0 and not a.attisdropped order by c.relname, a.attnum`,
    );
    const keys = await rows<{ table: string; name: string }>(
      db,
      `select c.relname as "table", a.attname as name
         from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_namespace n on n.oid = c.relnamespace
         cross join lateral unnest(k.conkey) with ordinality as key(attnum, position)
         join pg_attribute a on a.attrelid = k.conrelid and a.attnum = key.attnum
        where n.nspname = current_schema() and k.contype = 'p' order by c.relname, key.position`,
    );
    const references = await rows<{ table: string; parent: string }>(
      db,
      `select c.relname as "table", p.relname as parent
         from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_class p on p.oid = k.confrelid
         join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = current_schema() and k.contype = 'f'`,
    );
    return tables
      .map((t) => t.name)
      .filter((name) => !INTERNAL_TABLE.test(name))
      .map((name) => ({
        name,
        columns: columns.filter((c) => c.table === name).map((c) => c.name),
        primaryKey: keys.filter((k) => k.table === name).map((k) => k.name),
        parents: [...new Set(references.filter((r) => r.table === name && r.parent !== name).map((r) => r.parent))],
        identity: columns.find((c) => c.table === name && c.identity)?.name ?? null,
      }));
  }
  const tables = await rows<{ name: string; sql: string }>(db, `select name, sql from sqlite_master where type = 'table' order by name`);
  const shapes: TableShape[] = [];
  for (const { name, sql: definition } of tables) {
    if (INTERNAL_TABLE.test(name)) continue;
    const columns = await rows<{ name: string; pk: number; type: string }>(db, 'select name, pk, type from pragma_table_info(?) order by cid', [name]);
    const parents = await rows<{ parent: string }>(db, 'select "table" as parent from pragma_foreign_key_list(?)', [name]);
    const primaryKey = columns.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
    shapes.push({
      name,
      columns: columns.map((c) => c.name),
      primaryKey,
      parents: [...new Set(parents.map((p) => p.parent).filter((p) => p !== name))],
      identity: primaryKey.length === 1 && /\bautoincrement\b/i.test(definition) ? primaryKey[0]! : null,
    });
  }
  return shapes;
}

/**
 * After rows were written with their ids: PostgreSQL's identity sequence continues after the
 * largest id (SQLite's autoincrement already does, through `sqlite_sequence`).
 */
export async function advanceIdentity(db: Executor, table: string, column: string): Promise<void> {
  if (!isPostgres(db)) return;
  await rows(db, `select setval(pg_get_serial_sequence(?, ?), coalesce(max(${quote(column)}), 0) + 1, false) from ${quote(table)}`, [quote(table), column]);
}

/** Rows whose foreign key names a missing parent: SQLite checks them when asked; PostgreSQL refused them as they were written. */
export async function foreignKeyViolations(db: Executor): Promise<number> {
  if (isPostgres(db)) return 0;
  return (await rows(db, 'select * from pragma_foreign_key_check')).length;
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
