import type { ErrorCode } from '@shared/contract/result';
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
