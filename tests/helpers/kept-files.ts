/**
 * The files a register keeps, as a test sees them on either engine: the file names of a store's
 * folder beside a register file (SQLite), or the rows of a team register's `stored_files` table
 * (PostgreSQL), each named by its SHA-256 alone.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { columnOf, onPostgres } from './engine';

export type StoreFolder = 'request-files' | 'documents';

/** How a kept file shows in `keptFiles`: `<sha256>.<extension>` in a folder, `<sha256>` in the register. */
export const keptAs = (sha256: string, extension: string) => (onPostgres ? sha256 : `${sha256}.${extension}`);

/** Every file a store keeps, sorted. */
export async function keptFiles(ctx: { db: Kysely<any>; dataDir: string }, folder: StoreFolder): Promise<string[]> {
  if (onPostgres) return columnOf<string>(ctx.db, 'select sha256 from stored_files where folder = ? order by sha256', folder);
  const dir = join(ctx.dataDir, folder);
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}
