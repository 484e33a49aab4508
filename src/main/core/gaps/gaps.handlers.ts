import type { HandlersOf } from '../handlers.types';
import { gapList, gapSummary } from './gaps.service';

export const gapHandlers: HandlersOf<'gaps:'> = {
  'gaps:summary': (_input, ctx) => gapSummary(ctx),
  'gaps:list': (input, ctx) => gapList(ctx, input),
};
