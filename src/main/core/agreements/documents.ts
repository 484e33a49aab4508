import { createHash, randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { DOCUMENT_TYPES, MAX_DOCUMENT_BYTES } from '@shared/domain/agreements';
import { AppError } from '../errors';
import { nowIso, type CoreContext } from '../context';
import type { Executor } from '../db/executor';
import { bytesInRegister } from '../db/dialect';
import { deleteStoredFileUnlessUsed, findFileNames, findStoredFileBytes, insertStoredFile, type FileUse } from './stored-files.repository';

/** Longest name kept, in characters (the extension is kept whole; the rest is shortened). */
export const MAX_DOCUMENT_NAME = 120;

const CONTROL = /[\u0000-\u001F\u007F-\u009F]/g;
/** Bidirectional overrides, isolates and marks, and zero-width characters: `合同\u202Efdp.exe` shows as `合同exe.pdf`. */
const INVISIBLE = /[\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** Characters Windows does not allow in a file name. */
const RESERVED = /[<>:"|?*]/g;
/** Device names Windows reserves whatever their extension. */
const DEVICE = /^(?:con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;

/**
 * The name a document is kept and offered under: its base name only (no folder, no `../`), without
 * control, bidirectional or invisible characters, with no leading dot, at most MAX_DOCUMENT_NAME
 * characters. Empty when nothing usable is left.
 */
export function safeDocumentName(raw: string): string {
  const cleaned = raw.replace(CONTROL, '').replace(INVISIBLE, '').replace(LONE_SURROGATE, '');
  let name = (cleaned.split(/[/\\]/).pop() ?? '').replace(RESERVED, '_').trim();
  name = name.replace(/^[.\s]+/, '').replace(/[.\s]+$/, '');
  const dot = name.lastIndexOf('.');
  let stem = dot > 0 ? name.slice(0, dot) : name;
  const extension = dot > 0 ? name.slice(dot) : '';
  if (DEVICE.test(stem)) stem = `_${stem}`;
  const room = Math.max(1, MAX_DOCUMENT_NAME - extension.length);
  const chars = Array.from(stem);
  if (chars.length > room) stem = chars.slice(0, room).join('').trimEnd();
  return stem ? `${stem}${extension}` : '';
}

/** The extension of a name, lower case without the dot, when it is one of DOCUMENT_TYPES; else null. */
export function documentExtension(name: string, types: Readonly<Record<string, string>> = DOCUMENT_TYPES): string | null {
  const match = /\.([A-Za-z0-9]{1,8})$/.exec(name);
  const extension = match?.[1]?.toLowerCase() ?? null;
  return extension && Object.hasOwn(types, extension) ? extension : null;
}

/** The type a document is served as: the allow-list's entry for its extension, else a plain download. */
export function documentMimeType(name: string): string {
  const extension = documentExtension(name);
  return extension ? DOCUMENT_TYPES[extension]! : 'application/octet-stream';
}

/**
 * The name and type an upload is kept under. Refused beside the `document` field when no usable
 * name is left or the file is not one of the document types.
 */
export function documentIdentity(fileName: string): { fileName: string; extension: string; mimeType: string } {
  const name = safeDocumentName(fileName);
  if (!name) throw new AppError('VALIDATION', { key: 'errors:documentUnreadable' }, { document: { key: 'validation.documentName' } });
  const extension = documentExtension(name);
  if (!extension) throw new AppError('VALIDATION', { key: 'errors:documentUnreadable' }, { document: { key: 'validation.documentType' } });
  return { fileName: name, extension, mimeType: DOCUMENT_TYPES[extension]! };
}

/**
 * A store of files kept by SHA-256 (in a register file's folder also by extension), the extensions
 * it takes, and the rows that keep its files. Signed agreements are one; the files kept with
 * requests (requests/attachment-files.ts) are another. Where the bytes live is the register's
 * (db/dialect.ts, `bytesInRegister`): a team register keeps them in its `stored_files` table, a
 * register file in `<dataDir>/<folder>/`. Only the functions below decide it.
 */
export interface FileStore {
  folder: string;
  types: Readonly<Record<string, string>>;
  usedBy: FileUse;
}
export const AGREEMENT_DOCUMENTS: FileStore = {
  folder: 'documents',
  types: DOCUMENT_TYPES,
  usedBy: { table: 'agreements', sha256: 'document_sha256', name: 'document_name' },
};

/** Where signed documents live: `<dataDir>/documents/<sha256>.<extension>`. */
export function documentsDir(ctx: Pick<CoreContext, 'dataDir'>, store: FileStore = AGREEMENT_DOCUMENTS): string {
  return join(ctx.dataDir, store.folder);
}

/**
 * The file of a document, with its extension so that the system's viewer knows what it is; without
 * one (`extension` null) it is the bare `<sha256>` an earlier version wrote.
 */
export function documentPath(
  ctx: Pick<CoreContext, 'dataDir'>,
  sha256: string,
  extension: string | null,
  store: FileStore = AGREEMENT_DOCUMENTS,
): string {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`not a SHA-256: ${sha256}`);
  if (extension !== null && !Object.hasOwn(store.types, extension)) throw new Error(`not a document type: ${extension}`);
  return join(documentsDir(ctx, store), extension ? `${sha256}.${extension}` : sha256);
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Decodes an upload; an unreadable, empty or oversized one is refused beside the `document` field. */
export function decodeUpload(base64: string): Buffer {
  const compact = base64.replace(/\s+/g, '');
  if (!compact || compact.length % 4 !== 0 || !BASE64.test(compact)) {
    throw new AppError('VALIDATION', { key: 'errors:documentUnreadable' }, { document: { key: 'validation.documentUnreadable' } });
  }
  const bytes = Buffer.from(compact, 'base64');
  if (bytes.length === 0) {
    throw new AppError('VALIDATION', { key: 'errors:documentUnreadable' }, { document: { key: 'validation.documentEmpty' } });
  }
  if (bytes.length > MAX_DOCUMENT_BYTES) {
    const params = { maximum: `${Math.round(MAX_DOCUMENT_BYTES / 1024 / 1024)} MB` };
    throw new AppError('VALIDATION', { key: 'errors:documentTooLarge', params }, { document: { key: 'validation.documentTooLarge', params } });
  }
  return bytes;
}

export interface StoredDocument {
  sha256: string;
  size: number;
  /**
   * True when this call wrote the file into the folder (it did not exist before): only then may a
   * failed save remove it. Bytes kept in the register are never "created" here: they go with the
   * transaction that wrote them.
   */
  created: boolean;
}

/** Writes a file atomically: a temporary file beside it, renamed into place. */
function writeAtomically(dir: string, target: string, bytes: Buffer): void {
  mkdirSync(dir, { recursive: true });
  const temp = join(dir, `${basename(target)}.${randomBytes(6).toString('hex')}.part`);
  writeFileSync(temp, bytes);
  renameSync(temp, target);
}

/**
 * Keeps the bytes under their SHA-256: in the register, through `db` (the transaction that writes
 * the row naming them, so that the row and its bytes commit together); in a register file's folder
 * under their SHA-256 and extension (none: the bare name an earlier version wrote). The same bytes are kept once.
 */
export async function storeDocument(
  ctx: Pick<CoreContext, 'dataDir' | 'clock'>,
  db: Executor,
  bytes: Buffer,
  extension: string | null,
  store: FileStore = AGREEMENT_DOCUMENTS,
): Promise<StoredDocument> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const target = documentPath(ctx, sha256, extension, store);
  if (bytesInRegister(db)) {
    await insertStoredFile(db, { folder: store.folder, sha256, size: bytes.length, bytes, created_at: nowIso(ctx) });
    return { sha256, size: bytes.length, created: false };
  }
  if (existsSync(target)) return { sha256, size: bytes.length, created: false };
  writeAtomically(documentsDir(ctx, store), target, bytes);
  return { sha256, size: bytes.length, created: true };
}

/**
 * Lets a kept file go once the rows naming it are gone: the file of its extension when no row keeps
 * one of that extension, the bare file an earlier version wrote and (in a team register) the bytes
 * when no row keeps it at all. On a team register the folder holds only the copies opened with the
 * system's viewer; they go by the same rule.
 */
export async function releaseStoredFile(
  ctx: Pick<CoreContext, 'dataDir' | 'db'>,
  file: { sha256: string; fileName: string },
  store: FileStore = AGREEMENT_DOCUMENTS,
): Promise<void> {
  const extension = documentExtension(file.fileName, store.types);
  const names = await findFileNames(ctx.db, store.usedBy, file.sha256);
  // In a transaction of its own, which takes the register's write lock (db/postgres.ts): a save under
  // way on another workbench that names the same bytes commits first, and then keeps them.
  if (bytesInRegister(ctx.db)) await ctx.db.transaction().execute((trx) => deleteStoredFileUnlessUsed(trx, store.folder, file.sha256, store.usedBy));
  if (extension && !names.some((name) => documentExtension(name, store.types) === extension)) {
    rmSync(documentPath(ctx, file.sha256, extension, store), { force: true });
  }
  if (names.length === 0) rmSync(documentPath(ctx, file.sha256, null, store), { force: true });
}

/**
 * The path of a document's file, with its extension, for the system's viewer. A team register's
 * bytes are written out to the folder first; a document an earlier version stored bare is copied
 * once to its name with the extension (the bare file stays for as long as it is in use).
 */
export async function openableDocumentPath(
  ctx: Pick<CoreContext, 'dataDir' | 'db'>,
  sha256: string,
  extension: string,
  store: FileStore = AGREEMENT_DOCUMENTS,
): Promise<string> {
  const path = documentPath(ctx, sha256, extension, store);
  if (existsSync(path)) return path;
  if (bytesInRegister(ctx.db)) {
    writeAtomically(documentsDir(ctx, store), path, await readDocument(ctx, sha256, extension, store));
    return path;
  }
  const legacy = documentPath(ctx, sha256, null, store);
  if (existsSync(legacy)) copyFileSync(legacy, path);
  return path;
}

/** A kept file's bytes, from wherever the register keeps them; throws when they are missing. */
export async function readDocument(
  ctx: Pick<CoreContext, 'dataDir' | 'db'>,
  sha256: string,
  extension: string | null,
  store: FileStore = AGREEMENT_DOCUMENTS,
): Promise<Buffer> {
  const path = documentPath(ctx, sha256, extension, store);
  if (bytesInRegister(ctx.db)) {
    const bytes = await findStoredFileBytes(ctx.db, store.folder, sha256);
    if (!bytes) throw new Error(`${store.folder}/${sha256} is not in the register`);
    return bytes;
  }
  return readFileSync(extension && !existsSync(path) ? documentPath(ctx, sha256, null, store) : path);
}
