/**
 * The bytes of the files a register keeps, carried by the register copy (copy-register.ts) from
 * wherever the source keeps them to wherever the target does (db/dialect.ts, `bytesInRegister`): a
 * register file's folder into a team register's table, the table out to a register file's folder,
 * or either to its like. Inside the target's transaction, each file checked by its SHA-256 as read
 * and again as written, so that a copy that commits holds every file its rows name.
 */
import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import type { CoreContext } from '../context';
import type { Executor } from '../db/executor';
import { AppError } from '../errors';
import { AGREEMENT_DOCUMENTS, documentExtension, documentPath, readDocument, storeDocument, type FileStore } from '../agreements/documents';
import { findFileUses } from '../agreements/stored-files.repository';
import { REQUEST_FILES } from '../requests/attachment-files';

/** Every store of a register's files. */
export const FILE_STORES: readonly FileStore[] = [REQUEST_FILES, AGREEMENT_DOCUMENTS];

const sha256Of = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/**
 * Carries every file the source's rows name (`source.db` its snapshot) into the target (`target.db`
 * its open transaction), adding the paths it wrote into a folder to `written`; answers how many
 * files it carried, one per store and SHA-256. A file missing from the source is left out, as it is missing there; one
 * whose bytes no longer match their SHA-256 refuses the copy, naming it.
 */
export async function carryFiles(
  source: Pick<CoreContext, 'dataDir'> & { db: Executor },
  target: Pick<CoreContext, 'dataDir' | 'clock'> & { db: Executor },
  location: string,
  written: string[],
): Promise<number> {
  let carried = 0;
  for (const store of FILE_STORES) {
    const names = new Map<string, string[]>();
    for (const use of await findFileUses(source.db, store.usedBy)) names.set(use.sha256, [...(names.get(use.sha256) ?? []), use.name]);
    for (const [sha256, kept] of names) {
      // The extensions it is kept under in a folder; none known: the bare file an earlier version wrote.
      const extensions = [...new Set(kept.map((name) => documentExtension(name, store.types)))];
      let bytes: Buffer;
      try {
        bytes = await readDocument(source, sha256, extensions[0] ?? null, store);
      } catch {
        continue;
      }
      const refused = new AppError('VALIDATION', { key: 'errors:copy.fileDiffers', params: { name: kept[0] ?? sha256, location } });
      if (sha256Of(bytes) !== sha256) throw refused;
      for (const extension of extensions) {
        const stored = await storeDocument(target, target.db, bytes, extension, store);
        if (stored.created) written.push(documentPath(target, sha256, extension, store));
        if (sha256Of(await readDocument(target, sha256, extension, store)) !== sha256) throw refused;
      }
      carried += 1;
    }
  }
  return carried;
}

/** Removes the files a copy wrote into a folder, when it did not commit. */
export function removeWritten(written: readonly string[]): void {
  for (const path of written) rmSync(path, { force: true });
}
