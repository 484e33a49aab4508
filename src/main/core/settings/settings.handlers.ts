import type { HandlersOf } from '../handlers.types';
import { getSettings, updateSettings } from './settings.service';
import { onSettingsChanged } from '../requests/deadlines';

export const settingsHandlers: HandlersOf<'settings:'> = {
  'settings:get': (_input, ctx) => getSettings(ctx.db),
  // A changed deadline rule recomputes the open requests' due dates in the same transaction.
  'settings:update': (input, ctx) => updateSettings(ctx, input, (trx, before, after) => onSettingsChanged(trx, ctx, before, after)),
};
