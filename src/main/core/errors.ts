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

/**
 * A delete refused because other records still depend on the one being deleted: the message lists
 * them (at most `shown`, then how many more), so that the user can fix them or retire instead.
 */
export function hasDependents(entity: string, label: string, dependents: string[], shown = 10) {
  const list = dependents.slice(0, shown).join('; ') + (dependents.length > shown ? ` (+${dependents.length - shown})` : '');
  return new AppError('CONFLICT', {
    key: 'errors:hasDependents',
    params: { entity: `errors:entity.${entity}`, label, count: dependents.length, list },
  });
}
