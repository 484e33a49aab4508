import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_DOCUMENT_BYTES } from '@shared/domain/agreements';
import { AppError } from '../errors';
import type { CoreContext } from '../context';

/** Where signed documents live: `<dataDir>/documents/<sha256>`. */
export function documentsDir(ctx: Pick<CoreContext, 'dataDir'>): string {
  return join(ctx.dataDir, 'documents');
}

export function documentPath(ctx: Pick<CoreContext, 'dataDir'>, sha256: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`not a SHA-256: ${sha256}`);
  return join(documentsDir(ctx), sha256);
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
  /** True when this call wrote the file (it did not exist before): only then may a failed save remove it. */
  created: boolean;
}

/** Writes the bytes under their SHA-256 (atomically: a temporary file renamed into place). */
export function storeDocument(ctx: Pick<CoreContext, 'dataDir'>, bytes: Buffer): StoredDocument {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const target = documentPath(ctx, sha256);
  if (existsSync(target)) return { sha256, size: bytes.length, created: false };
  mkdirSync(documentsDir(ctx), { recursive: true });
  const temp = `${target}.${randomBytes(6).toString('hex')}.part`;
  writeFileSync(temp, bytes);
  renameSync(temp, target);
  return { sha256, size: bytes.length, created: true };
}

export function removeDocument(ctx: Pick<CoreContext, 'dataDir'>, sha256: string): void {
  rmSync(documentPath(ctx, sha256), { force: true });
}

export function readDocument(ctx: Pick<CoreContext, 'dataDir'>, sha256: string): Buffer {
  return readFileSync(documentPath(ctx, sha256));
}
