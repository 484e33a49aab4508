/** The result envelope: every call across the boundary answers one of these, never a throw. */
/** UNAVAILABLE: the register's server cannot be reached (down, or the network cut); nothing was saved. */
export const ERROR_CODES = ['VALIDATION', 'NOT_FOUND', 'CONFLICT', 'FORBIDDEN', 'INTERNAL', 'UNAVAILABLE'] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorBody {
  code: ErrorCode;
  /** Already translated into the workbench's language. */
  message: string;
  /** Field path (`dataItems.2`, `code`) → translated message for that field. */
  fieldErrors?: Record<string, string>;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorBody };
