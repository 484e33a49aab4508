import type { Channel, ErrorBody, InputOf, OutputOf } from '@shared/contract';

/** A refused call, with the envelope's code, its translated message and any field messages. */
export class ApiError extends Error {
  readonly code: ErrorBody['code'];
  readonly fieldErrors: Record<string, string>;
  constructor(body: ErrorBody) {
    super(body.message);
    this.name = 'ApiError';
    this.code = body.code;
    this.fieldErrors = body.fieldErrors ?? {};
  }
}

/** Whether a call failed because the register's server could not be reached (nothing was read or saved). */
export const serverLost = (error: unknown): boolean => error instanceof ApiError && error.code === 'UNAVAILABLE';

/** Calls a channel and unwraps the envelope: the value, or an ApiError. */
export async function call<C extends Channel>(channel: C, input: InputOf<C>): Promise<OutputOf<C>> {
  const result = await window.api[channel](input);
  if (!result.ok) throw new ApiError(result.error);
  return result.value as OutputOf<C>;
}
