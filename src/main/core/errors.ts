import type { ErrorCode } from '@shared/contract/result';
import type { OpenProblem } from '@shared/domain/connection';
import type { Language } from '@shared/domain/settings';
import { messageText, translatorFor } from '@shared/i18n';
import type { MessageRef } from '@shared/validation';

/**
 * The one error the core throws on purpose. It carries i18n keys, not sentences: the router
 * translates them into the workbench's language when it builds the envelope.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly messageRef: MessageRef,
    readonly fieldErrors?: Record<string, MessageRef>,
  ) {
    super(`${code}: ${messageRef.key}${messageRef.params ? ' ' + JSON.stringify(messageRef.params) : ''}`);
    this.name = 'AppError';
  }
}

export const notFound = (entity: string, id: number | string) =>
  new AppError('NOT_FOUND', { key: 'errors:notFound', params: { entity: `errors:entity.${entity}`, id } });

/** Someone saved the record since the user loaded it. */
export const staleRevision = (entity: string) =>
  new AppError('CONFLICT', { key: 'errors:conflictRevision', params: { entity: `errors:entity.${entity}` } });

export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505';
}

/** What may still depend on a record. */
export interface Dependents {
  flows?: string[];
  agreements?: string[];
  sdks?: string[];
  reviews?: string[];
}

/**
 * A delete refused because other records still depend on the one being deleted: the message counts
 * them by kind and names them (at most `shown`, then how many more), so that the user can fix them
 * or retire the record instead.
 */
export function hasDependents(entity: string, label: string, dependents: Dependents, shown = 10) {
  const all = [...(dependents.flows ?? []), ...(dependents.agreements ?? []), ...(dependents.sdks ?? []), ...(dependents.reviews ?? [])];
  const list = all.slice(0, shown).join('; ') + (all.length > shown ? ` (+${all.length - shown})` : '');
  return new AppError('CONFLICT', {
    key: 'errors:hasDependents',
    params: {
      entity: `errors:entity.${entity}`,
      label,
      flows: dependents.flows?.length ?? 0,
      agreements: dependents.agreements?.length ?? 0,
      sdks: dependents.sdks?.length ?? 0,
      reviews: dependents.reviews?.length ?? 0,
      list,
    },
  });
}

export const hasAnyDependents = (d: Dependents) => Object.values(d).some((list) => (list as string[]).length > 0);

/**
 * What went wrong underneath, when it is the file or the disk and not the app: the machine's
 * storage refused (full), another program held the register (locked), or the file, its folder or
 * the user's rights allow no writing (read-only). SQLite's extended codes (`SQLITE_BUSY_SNAPSHOT`,
 * `SQLITE_READONLY_DIRECTORY`, …) count as their primary code. On PostgreSQL, a writer that waited
 * out the register's write lock (55P03, dialect.ts) or met other writers on every attempt (40001,
 * 40P01) found it locked too.
 */
export type StorageProblem = 'disk_full' | 'locked' | 'read_only';

export function storageProblemOf(error: unknown): StorageProblem | null {
  const code = String((error as { code?: unknown } | null)?.code ?? '');
  if (/^SQLITE_FULL/.test(code) || code === 'ENOSPC' || code === 'EDQUOT') return 'disk_full';
  if (/^SQLITE_(BUSY|LOCKED)/.test(code) || code === '55P03' || code === '40001' || code === '40P01') return 'locked';
  if (/^SQLITE_(READONLY|CANTOPEN|PERM|AUTH)/.test(code) || code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return 'read_only';
  return null;
}

const STORAGE_KEYS: Record<StorageProblem, string> = {
  disk_full: 'errors:storage.diskFull',
  locked: 'errors:storage.locked',
  read_only: 'errors:storage.readOnly',
};

/**
 * The error the user is shown for a storage problem met while working (a write that found the
 * register locked, a full disk, a read-only file): one sentence naming the cause, never INTERNAL
 * for a lock. Answers null for anything else, which stays an unexpected error.
 */
export function storageFailure(error: unknown): AppError | null {
  const problem = storageProblemOf(error);
  if (!problem) return null;
  return new AppError(problem === 'locked' ? 'CONFLICT' : 'INTERNAL', { key: STORAGE_KEYS[problem] });
}

/** Why a register could not be opened (a file's problems, a server's). Missing and empty files are refused only where asked. */
export type DatabaseProblem = OpenProblem;

/**
 * Why a database file could not be opened; the file is left exactly as it was. `messageRef` is the
 * sentence for the user (in their language, through `plainMessage`); `message` is it in English.
 */
export class DatabaseOpenError extends Error {
  readonly messageRef: MessageRef;
  constructor(
    readonly problem: DatabaseProblem,
    readonly path: string,
    params: Record<string, string> = {},
  ) {
    const messageRef: MessageRef = { key: `errors:open.${problem}`, params: { path, ...params } };
    super(messageText(translatorFor('en'), messageRef));
    this.messageRef = messageRef;
    this.name = 'DatabaseOpenError';
  }
}

/** A DatabaseOpenError for a low-level error met while opening, by what it says about the file. */
export function openFailure(path: string, error: unknown): DatabaseOpenError {
  if (error instanceof DatabaseOpenError) return error;
  const problem = storageProblemOf(error);
  return new DatabaseOpenError(problem ?? 'unreadable', path, { detail: (error as Error)?.message ?? String(error) });
}

const FILE_KEYS: Record<string, string> = {
  ENOSPC: 'errors:file.diskFull',
  EDQUOT: 'errors:file.diskFull',
  EACCES: 'errors:file.noPermission',
  EPERM: 'errors:file.noPermission',
  EROFS: 'errors:file.noPermission',
  ENOENT: 'errors:file.missing',
  ENOTDIR: 'errors:file.notDir',
  EISDIR: 'errors:file.isDir',
};

/**
 * A file-system or storage error met while writing the file the user named (an export, a backup),
 * said of that file: not of the temporary file beside it that was being written, and not of the
 * register, so that a full disk there is not blamed on the register's disk.
 */
export function atFile(error: unknown, path: string): unknown {
  const { code, syscall } = (error as NodeJS.ErrnoException | null) ?? {};
  const fileCode = code === 'EEXIST' && syscall === 'mkdir' ? 'ENOTDIR' : code && FILE_KEYS[code] ? code : undefined;
  const problem = storageProblemOf(error);
  const mapped = fileCode ?? (problem === 'disk_full' ? 'ENOSPC' : problem === 'read_only' ? 'EACCES' : undefined);
  if (!mapped) return error;
  return Object.assign(new Error((error as Error).message), { code: mapped, path });
}

/**
 * Any error as the one plain sentence a host shows the user (the command line's stderr, a dialog),
 * in `language`: the app's own refusals, a register that cannot be opened, the storage problems
 * above (of the register, or of the named file for the file system's errors); anything else as the
 * unexpected-error sentence with its detail, never a stack trace.
 */
export function plainMessage(error: unknown, language: Language): string {
  const t = translatorFor(language);
  if (error instanceof AppError || error instanceof DatabaseOpenError) return messageText(t, error.messageRef);
  const { code, path } = (error as NodeJS.ErrnoException | null) ?? {};
  const fileKey = code && path ? FILE_KEYS[code] : undefined;
  if (fileKey && path) return messageText(t, { key: fileKey, params: { path } });
  const storage = storageFailure(error);
  if (storage) return messageText(t, storage.messageRef);
  return messageText(t, { key: 'errors:internal', params: { detail: (error as Error)?.message ?? String(error) } });
}
