import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHANNELS } from '../../src/shared/contract';
import { bindIpc } from '../../src/main/ipc';
import { APP_ENTRY_URL, isTrustedRendererUrl } from '../../src/main/security';
import { makeWorkbench, type TestWorkbench } from '../helpers/workbench';

type Listener = (event: IpcMainInvokeEvent, input: unknown) => Promise<unknown>;

/** Records what bindIpc registers, the way ipcMain.handle would receive it. Electron itself is not loaded. */
function recordingIpcMain() {
  const handlers = new Map<string, Listener>();
  const ipcMain = {
    handle: (channel: string, listener: Listener) => handlers.set(channel, listener),
    removeHandler: (channel: string) => handlers.delete(channel),
  } as unknown as IpcMain;
  return { ipcMain, handlers };
}

const fromFrame = (url: string | null) => ({ senderFrame: url === null ? null : { url } }) as unknown as IpcMainInvokeEvent;

let wb: TestWorkbench;
beforeEach(async () => {
  wb = await makeWorkbench();
});
afterEach(() => wb.close());

describe('the IPC binding', () => {
  it('binds exactly the contract channels, and unbinds them', () => {
    const { ipcMain, handlers } = recordingIpcMain();
    const unbind = bindIpc(ipcMain, wb.router, (url) => isTrustedRendererUrl(url));
    expect([...handlers.keys()].sort()).toEqual([...CHANNELS].sort());
    unbind();
    expect(handlers.size).toBe(0);
  });

  it('answers our renderer through the router', async () => {
    const { ipcMain, handlers } = recordingIpcMain();
    bindIpc(ipcMain, wb.router, (url) => isTrustedRendererUrl(url));
    const result = (await handlers.get('app:info')!(fromFrame(`${APP_ENTRY_URL}#/categories`), {})) as { ok: boolean };
    expect(result.ok).toBe(true);
  });

  it('refuses a call from any other frame before parsing it', async () => {
    const { ipcMain, handlers } = recordingIpcMain();
    bindIpc(ipcMain, wb.router, (url) => isTrustedRendererUrl(url));
    for (const url of ['https://evil.example/', 'file:///tmp/other.html', 'app://renderer.evil.example/index.html', null]) {
      const result = (await handlers.get('categories:list')!(fromFrame(url), {})) as { ok: boolean; error: { code: string } };
      expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
  });
});
