import type { HandlersOf } from '../handlers.types';
import { getSettings, updateSettings } from './settings.service';

export const settingsHandlers: HandlersOf<'settings:'> = {
  'settings:get': (_input, ctx) => getSettings(ctx.db),
  'settings:update': (input, ctx) => updateSettings(ctx, input),
};
