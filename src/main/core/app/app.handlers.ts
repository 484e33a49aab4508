import type { HandlersOf } from '../handlers.types';
import { getAppInfo, setUpWorkbench } from './app.service';

export const appHandlers: HandlersOf<'app:'> = {
  'app:info': (_input, ctx) => getAppInfo(ctx),
  'app:setup': (input, ctx) => setUpWorkbench(ctx, input),
};
