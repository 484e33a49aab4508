import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { CHANNELS, type Result } from '@shared/contract';
import type { Router } from './core/router';

/**
 * Binds every contract channel to `ipcMain.handle`. A call from any frame other than our own
 * renderer is refused before its input is even parsed.
 */
export function bindIpc(ipcMain: IpcMain, router: Router, isTrustedUrl: (url: string) => boolean): () => void {
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, input: unknown): Promise<Result<unknown>> => {
      const url = event.senderFrame?.url ?? '';
      if (!isTrustedUrl(url)) {
        return { ok: false, error: { code: 'FORBIDDEN', message: `Calls from ${url || 'an unknown frame'} are not allowed.` } };
      }
      return router.invoke(channel, input);
    });
  }
  return () => CHANNELS.forEach((channel) => ipcMain.removeHandler(channel));
}
