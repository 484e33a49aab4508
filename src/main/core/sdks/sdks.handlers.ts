import type { HandlersOf } from '../handlers.types';
import { addReview, createSdk, deleteSdk, getSdk, listSdks, setSdkStatus, updateReview, updateSdk } from './sdks.service';

export const sdkHandlers: HandlersOf<'sdks:'> = {
  'sdks:list': (input, ctx) => listSdks(ctx.db, input),
  'sdks:get': (input, ctx) => getSdk(ctx.db, input.id),
  'sdks:create': (input, ctx) => createSdk(ctx, input),
  'sdks:update': (input, ctx) => updateSdk(ctx, input),
  'sdks:setStatus': (input, ctx) => setSdkStatus(ctx, input),
  'sdks:delete': (input, ctx) => deleteSdk(ctx, input),
  'sdks:addReview': (input, ctx) => addReview(ctx, input),
  'sdks:updateReview': (input, ctx) => updateReview(ctx, input),
};
