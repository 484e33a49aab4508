/** The result envelope: every call across the boundary answers one of these, never a throw. */
export const ERROR_CODES = ['VALIDATION', 'NOT_FOUND', 'CONFLICT', 'FORBIDDEN', 'INTERNAL'] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorBody {
  code: ErrorCode;
  /** Already translated into the workbench's language. */
  message: string;
  /** Field path (`dataItems.2`, `code`) → translated message for that field. */
  fieldErrors?: Record<string, string>;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorBody };
