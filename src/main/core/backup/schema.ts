/**
 * The schema a file to restore must have: exactly what this version's migrations create. A file that
 * passes SQLite's integrity check and lists the right migrations can still carry its own triggers,
 * views, tables, columns or indexes (a trigger that copies every new requester into a hidden table);
 * restored, they would run inside the register. So the file's schema is read from `sqlite_master` and
 * the table/index pragmas and compared with a reference built by running the same migrations on a
 * fresh in-memory database; every difference is named.
 */
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import type { MessageRef } from '@shared/validation';
import { migrations } from '../db/migrations';

type ObjectType = 'table' | 'index' | 'trigger' | 'view';

interface SchemaObject {
  type: ObjectType;
  name: string;
  table: string;
  sql: string;
}

interface Column {
  name: string;
  type: string;
  notnull: number;
  dflt_value: string | null;
  pk: number;
  hidden: number;
}

interface IndexShape {
  unique: number;
  origin: string;
  partial: number;
  columns: string;
}

interface TableShape {
  columns: Column[];
  foreignKeys: string;
}

export interface SchemaSnapshot {
  objects: Map<string, SchemaObject>;
  tables: Map<string, TableShape | 'unreadable'>;
  indexes: Map<string, IndexShape | 'unreadable'>;
  /** Header values an application may claim a file with; Privacy Workbench leaves both at 0. */
  pragmas: { application_id: number; user_version: number };
}

/** One way a file's schema differs from the register's, as the message that names it. */
export type SchemaDifference = MessageRef;

/** SQLite's own statistics tables: written by ANALYZE, never read as data. */
const STATISTICS = new Set(['sqlite_stat1', 'sqlite_stat2', 'sqlite_stat3', 'sqlite_stat4']);

const key = (type: string, name: string) => `${type}:${name}`;
const normalise = (sql: string | null) => (sql ?? '').replace(/\s+/g, ' ').trim();

/**
 * Reads the schema of an open database. Table and index details are read for the names in `only`
 * (the reference's), so that a foreign virtual table whose module is unknown is named, not opened.
 */
export function readSchema(db: BetterSqlite3.Database, only?: SchemaSnapshot): SchemaSnapshot {
  const rows = db.prepare('select type, name, tbl_name as "table", sql from sqlite_master').all() as SchemaObject[];
  const objects = new Map<string, SchemaObject>();
  for (const row of rows) {
    if (row.type === 'table' && STATISTICS.has(row.name)) continue;
    objects.set(key(row.type, row.name), { ...row, sql: normalise(row.sql) });
  }
  const tables = new Map<string, TableShape | 'unreadable'>();
  const indexes = new Map<string, IndexShape | 'unreadable'>();
  for (const object of objects.values()) {
    if (only && !only.objects.has(key(object.type, object.name))) continue;
    try {
      if (object.type === 'table') {
        const columns = db.prepare('select name, type, "notnull", dflt_value, pk, hidden from pragma_table_xinfo(?) order by cid').all(object.name) as Column[];
        const foreignKeys = (db.prepare('select * from pragma_foreign_key_list(?) order by id, seq').all(object.name) as Record<string, unknown>[])
          .map((fk) => `${fk.from}→${fk.table}.${fk.to} on update ${fk.on_update} on delete ${fk.on_delete} match ${fk.match}`)
          .join('; ');
        tables.set(object.name, { columns, foreignKeys });
      } else if (object.type === 'index') {
        const listed = (db.prepare('select "unique", origin, partial from pragma_index_list(?) where name = ?').get(object.table, object.name) as
          | { unique: number; origin: string; partial: number }
          | undefined) ?? { unique: -1, origin: '?', partial: -1 };
        const columns = (db.prepare('select cid, name, "desc", coll, "key" from pragma_index_xinfo(?) order by seqno').all(object.name) as Record<string, unknown>[])
          .map((c) => `${c.name ?? `expr(${c.cid})`} ${c.desc ? 'desc' : 'asc'} ${c.coll}${c.key ? '' : ' (aux)'}`)
          .join(', ');
        indexes.set(object.name, { ...listed, columns });
      }
    } catch {
      if (object.type === 'table') tables.set(object.name, 'unreadable');
      if (object.type === 'index') indexes.set(object.name, 'unreadable');
    }
  }
  const pragma = (name: string) => Number(db.pragma(name, { simple: true }));
  return { objects, tables, indexes, pragmas: { application_id: pragma('application_id'), user_version: pragma('user_version') } };
}

/** A name as the message shows it: quoted when it is not a plain identifier (so that it never reads as a message key). */
const ident = (name: string) => (/^[\w.]+$/.test(name) ? name : JSON.stringify(name));

const shown = (value: string | number | null) =>
  value === null ? 'NULL' : value === '' || (typeof value === 'string' && value.includes(':')) ? JSON.stringify(value) : String(value);

/** Indexes and triggers are named with their table ("trigger leak on requests"). */
const onTable = (kind: ObjectType | 'column', table?: string): table is string => !!table && (kind === 'index' || kind === 'trigger');

function foreign(kind: ObjectType | 'column', object: string, table?: string): SchemaDifference {
  const on = onTable(kind, table);
  return {
    key: on ? 'errors:backupSchema.foreignOn' : 'errors:backupSchema.foreign',
    params: { kind: `errors:backupSchema.kind.${kind}`, object: ident(object), ...(on ? { table: ident(table) } : {}) },
  };
}

function missing(kind: ObjectType | 'column', object: string, table?: string): SchemaDifference {
  const on = onTable(kind, table);
  return {
    key: on ? 'errors:backupSchema.missingOn' : 'errors:backupSchema.missing',
    params: { kind: `errors:backupSchema.kind.${kind}`, object: ident(object), ...(on ? { table: ident(table) } : {}) },
  };
}

function changed(kind: ObjectType | 'column', object: string, property: string, found: string | number | null, expected: string | number | null): SchemaDifference {
  return {
    key: 'errors:backupSchema.changed',
    params: { kind: `errors:backupSchema.kind.${kind}`, object: ident(object), property: `errors:backupSchema.property.${property}`, found: shown(found), expected: shown(expected) },
  };
}

function redefined(kind: ObjectType, object: string): SchemaDifference {
  return { key: 'errors:backupSchema.changedDefinition', params: { kind: `errors:backupSchema.kind.${kind}`, object: ident(object) } };
}

function pragmaDiffers(pragma: string, found: number, expected: number): SchemaDifference {
  return { key: 'errors:backupSchema.pragma', params: { pragma, found, expected } };
}

const COLUMN_PROPERTIES: [keyof Column, string][] = [
  ['type', 'type'],
  ['notnull', 'notnull'],
  ['dflt_value', 'default'],
  ['pk', 'pk'],
  ['hidden', 'hidden'],
];

function compareTable(name: string, found: TableShape | 'unreadable' | undefined, expected: TableShape, sqlDiffers: boolean): SchemaDifference[] {
  if (!found || found === 'unreadable') return [redefined('table', name)];
  const out: SchemaDifference[] = [];
  const expectedByName = new Map(expected.columns.map((c, i) => [c.name, { column: c, position: i }]));
  const foundNames = new Set(found.columns.map((c) => c.name));
  for (const column of found.columns) if (!expectedByName.has(column.name)) out.push(foreign('column', `${name}.${column.name}`));
  found.columns.forEach((column, position) => {
    const reference = expectedByName.get(column.name);
    if (!reference) return;
    for (const [field, property] of COLUMN_PROPERTIES) {
      const a = column[field] as string | number | null;
      const b = reference.column[field] as string | number | null;
      if (a !== b) out.push(changed('column', `${name}.${column.name}`, property, a, b));
    }
    if (reference.position !== position && out.length === 0) out.push(changed('column', `${name}.${column.name}`, 'position', position + 1, reference.position + 1));
  });
  for (const column of expected.columns) if (!foundNames.has(column.name)) out.push(missing('column', `${name}.${column.name}`));
  if (found.foreignKeys !== expected.foreignKeys) out.push(changed('table', name, 'foreignKeys', found.foreignKeys || '—', expected.foreignKeys || '—'));
  if (out.length === 0 && sqlDiffers) out.push(redefined('table', name)); // e.g. a CHECK constraint added or removed
  return out;
}

function compareIndex(object: SchemaObject, reference: SchemaObject, found: IndexShape | 'unreadable' | undefined, expected: IndexShape | 'unreadable' | undefined): SchemaDifference[] {
  if (!found || found === 'unreadable' || !expected || expected === 'unreadable') return [redefined('index', object.name)];
  if (object.table !== reference.table) return [changed('index', object.name, 'table', object.table, reference.table)];
  const out: SchemaDifference[] = [];
  for (const property of ['unique', 'origin', 'partial', 'columns'] as const) {
    if (found[property] !== expected[property]) out.push(changed('index', object.name, property, found[property], expected[property]));
  }
  if (out.length === 0 && object.sql !== reference.sql) out.push(redefined('index', object.name)); // e.g. another WHERE clause
  return out;
}

const ORDER: ObjectType[] = ['trigger', 'view', 'table', 'index'];
const byKind = (objects: Iterable<SchemaObject>) => [...objects].sort((a, b) => ORDER.indexOf(a.type) - ORDER.indexOf(b.type) || (a.name < b.name ? -1 : 1));

/**
 * Every way `found` differs from `expected`: foreign objects first (what a file adds is what would run),
 * then objects and columns that changed, then what is missing. Empty when the schemas are the same.
 */
export function compareSchemas(found: SchemaSnapshot, expected: SchemaSnapshot): SchemaDifference[] {
  const out: SchemaDifference[] = [];
  for (const pragma of ['application_id', 'user_version'] as const) {
    if (found.pragmas[pragma] !== expected.pragmas[pragma]) out.push(pragmaDiffers(pragma, found.pragmas[pragma], expected.pragmas[pragma]));
  }
  const present = byKind(found.objects.values());
  for (const object of present) {
    if (!expected.objects.has(key(object.type, object.name))) out.push(foreign(object.type, object.name, object.table));
  }
  for (const object of present) {
    const reference = expected.objects.get(key(object.type, object.name));
    if (!reference) continue;
    if (object.type === 'table') {
      out.push(...compareTable(object.name, found.tables.get(object.name), expected.tables.get(object.name) as TableShape, object.sql !== reference.sql));
    } else if (object.type === 'index') {
      out.push(...compareIndex(object, reference, found.indexes.get(object.name), expected.indexes.get(object.name)));
    } else if (object.sql !== reference.sql || object.table !== reference.table) {
      out.push(redefined(object.type, object.name));
    }
  }
  for (const object of byKind(expected.objects.values())) {
    if (!found.objects.has(key(object.type, object.name))) out.push(missing(object.type, object.name, object.table));
  }
  return out;
}

/**
 * The schemas this version's migrations create, built on first use in an in-memory database and kept:
 * one per list of applied migrations (a backup taken by an earlier version has fewer; it is brought
 * up to date when it is opened after the restore).
 */
export class ReferenceSchemas {
  private readonly built = new Map<string, Promise<SchemaSnapshot>>();

  constructor(private readonly nativeBinding?: string) {}

  /** `applied` must be the first names of this version's migrations, in order. */
  forMigrations(applied: string[]): Promise<SchemaSnapshot> {
    const id = applied.join('\n');
    let schema = this.built.get(id);
    if (!schema) {
      schema = this.build(applied);
      this.built.set(id, schema);
      schema.catch(() => this.built.delete(id));
    }
    return schema;
  }

  private async build(applied: string[]): Promise<SchemaSnapshot> {
    const sqlite = new BetterSqlite3(':memory:', this.nativeBinding ? { nativeBinding: this.nativeBinding } : {});
    const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: sqlite }) });
    try {
      const chosen = Object.fromEntries(applied.map((name) => [name, migrations[name]!]));
      const { error } = await new Migrator({ db, provider: { getMigrations: async () => chosen } }).migrateToLatest();
      if (error) throw error;
      return readSchema(sqlite);
    } finally {
      await db.destroy();
    }
  }
}
