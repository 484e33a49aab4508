import type { HandlersOf } from '../handlers.types';
import { createBackup } from './copy';
import { backupStatus, cancelRestore, scheduleRestore } from './restore';

export const backupHandlers: HandlersOf<'backup:'> = {
  'backup:status': async (_input, ctx) => backupStatus(ctx),
  'backup:create': async (_input, ctx) => {
    await createBackup(ctx, 'manual');
    return backupStatus(ctx);
  },
  'backup:scheduleRestore': async (input, ctx) => scheduleRestore(ctx, input.name),
  'backup:cancelRestore': async (_input, ctx) => cancelRestore(ctx),
};
