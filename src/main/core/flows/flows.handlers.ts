import type { HandlersOf } from '../handlers.types';
import { createFlow, deleteFlow, getFlow, listFlows, updateFlow } from './flows.service';

export const flowHandlers: HandlersOf<'flows:'> = {
  'flows:list': (input, ctx) => listFlows(ctx.db, input),
  'flows:get': (input, ctx) => getFlow(ctx.db, input.id),
  'flows:create': (input, ctx) => createFlow(ctx, input),
  'flows:update': (input, ctx) => updateFlow(ctx, input),
  'flows:delete': (input, ctx) => deleteFlow(ctx, input),
};
