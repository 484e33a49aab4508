import type { HandlersOf } from '../handlers.types';
import { currentSession, pickAtDesk, signIn, signOut } from '../people/people.service';

export const sessionHandlers: HandlersOf<'session:'> = {
  'session:current': (_input, ctx) => currentSession(ctx),
  'session:signIn': (input, ctx) => signIn(ctx, input),
  'session:signOut': (_input, ctx) => signOut(ctx),
  'session:pick': (input, ctx) => pickAtDesk(ctx, input),
};
