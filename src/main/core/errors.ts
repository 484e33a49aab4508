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
