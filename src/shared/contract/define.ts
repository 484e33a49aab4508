import type { z } from 'zod';

/** One channel of the contract: the zod schema its input must pass, and (as a type only) its output. */
export interface ChannelSpec<I extends z.ZodType = z.ZodType, O = unknown> {
  readonly input: I;
  /** Never set at run time; carries the output type. */
  readonly output?: O;
}

/** `channel<Output>()(inputSchema)`: the output is named, the input is inferred from the schema. */
export function channel<O>() {
  return <I extends z.ZodType>(input: I): ChannelSpec<I, O> => ({ input });
}
