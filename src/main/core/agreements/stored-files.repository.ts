/**
 * The bytes of kept files in a team register's `stored_files` table (core/db/dialect.ts,
 * `bytesInRegister`), and the rows that name a kept file: the request attachments of the
 * 'request-files' store, the agreements of the 'documents' store (each store's `usedBy`).
 */
import { sql, type Kysely } from 'kysely';
import type { Executor } from '../db/executor';
import type { Database } from '../db/schema';
import { dropOldRowVersions } from '../db/dialect';

/** The rows that keep a store's files: their table, and its columns of the file's SHA-256 and name. */
export interface FileUse {
  table: 'request_attachments' | 'agreements';
  sha256: 'sha256' | 'document_sha256';
  name: 'file_name' | 'document_name';
}

/** Adds the bytes under their store and SHA-256 (the same bytes are kept once); answers whether this call added them. */
export async function insertStoredFile(
  db: Executor,
  row: { folder: string; sha256: string; size: number; bytes: Buffer; created_at: string },
): Promise<boolean> {
  const result = await db
    .insertInto('stored_files')
    .values(row)
    .onConflict((oc) => oc.columns(['folder', 'sha256']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function findStoredFileBytes(db: Executor, folder: string, sha256: string): Promise<Buffer | undefined> {
  const row = await db.selectFrom('stored_files').select('bytes').where('folder', '=', folder).where('sha256', '=', sha256).executeTakeFirst();
  return row ? Buffer.from(row.bytes) : undefined;
}

/** The SHA-256 of every file a store keeps in the register, in order. */
export async function findStoredFileShas(db: Executor, folder: string): Promise<string[]> {
  const rows = await db.selectFrom('stored_files').select('sha256').where('folder', '=', folder).orderBy('sha256').execute();
  return rows.map((r) => r.sha256);
}

/**
 * Removes a store's bytes unless a row still names them: the check and the delete are one statement,
 * so a row written meanwhile by another workbench keeps its file.
 */
export async function deleteStoredFileUnlessUsed(db: Executor, folder: string, sha256: string, use: FileUse): Promise<boolean> {
  const result = await db
    .deleteFrom('stored_files')
    .where('folder', '=', folder)
    .where('sha256', '=', sha256)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom(sql.table(use.table).as('u')).select(sql.lit(1).as('one')).where(sql.ref(`u.${use.sha256}`), '=', sha256))),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** The names under which rows still keep a file (by SHA-256). */
export async function findFileNames(db: Executor, use: FileUse, sha256: string): Promise<string[]> {
  const rows = await db
    .selectFrom(sql.table(use.table).as('u'))
    .select(sql<string | null>`${sql.ref(`u.${use.name}`)}`.as('name'))
    .where(sql.ref(`u.${use.sha256}`), '=', sha256)
    .execute();
  return rows.map((r) => r.name ?? '');
}

/** Every file the rows of a store name, once per SHA-256 and name, in order: what a register copy carries. */
export async function findFileUses(db: Executor, use: FileUse): Promise<Array<{ sha256: string; name: string }>> {
  const rows = await db
    .selectFrom(sql.table(use.table).as('u'))
    .select([sql<string>`${sql.ref(`u.${use.sha256}`)}`.as('sha256'), sql<string | null>`${sql.ref(`u.${use.name}`)}`.as('name')])
    .where(sql.ref(`u.${use.sha256}`), 'is not', null)
    .groupBy([sql.ref(`u.${use.sha256}`), sql.ref(`u.${use.name}`)])
    .orderBy(sql.ref(`u.${use.sha256}`))
    .orderBy(sql.ref(`u.${use.name}`))
    .execute();
  return rows.map((r) => ({ sha256: r.sha256, name: r.name ?? '' }));
}

/** After files were removed: no old version of their rows keeps a requester's bytes on the server (db/dialect.ts). */
export async function forgetRemovedFiles(db: Kysely<Database>): Promise<void> {
  await dropOldRowVersions(db, ['stored_files']);
}
