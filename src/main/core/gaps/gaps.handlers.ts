import type { HandlersOf } from '../handlers.types';
import { decideGap, gapList, gapSummary, reopenGap } from './gaps.service';

export const gapHandlers: HandlersOf<'gaps:'> = {
  'gaps:summary': (_input, ctx) => gapSummary(ctx),
  'gaps:list': (input, ctx) => gapList(ctx, input),
  'gaps:decide': (input, ctx) => decideGap(ctx, input),
  'gaps:reopen': (input, ctx) => reopenGap(ctx, input),
};
