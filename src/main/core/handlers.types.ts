import type { Channel, OutputOf, ParsedInputOf } from '@shared/contract';
import type { CoreContext } from './context';

/** A handler receives input already parsed by its channel's schema. */
export type Handler<C extends Channel> = (input: ParsedInputOf<C>, ctx: CoreContext) => Promise<OutputOf<C>>;

/** The handlers of a set of channels, e.g. `HandlersOf<'categories:'>`. */
export type HandlersOf<Prefix extends string> = { [C in Extract<Channel, `${Prefix}${string}`>]: Handler<C> };
