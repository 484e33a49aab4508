import type { HandlersOf } from '../handlers.types';
import { cannotSwitch, openStatus, testConnectionIn } from './connection.service';

/** What a host that cannot switch registers answers; the desktop app and the web host answer these themselves. */
export const connectionHandlers: HandlersOf<'connection:'> = {
  'connection:status': (_input, ctx) => openStatus(ctx),
  'connection:test': (input, ctx) => testConnectionIn(ctx, input),
  'connection:connect': async () => {
    throw cannotSwitch();
  },
  'connection:retry': async () => {
    throw cannotSwitch();
  },
  'connection:useLocal': async () => {
    throw cannotSwitch();
  },
};
