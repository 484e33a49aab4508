/**
 * The preload exposes one object, `window.api`, with one function per contract channel. It imports
 * nothing at run time but electron and the plain list of channel names, so it runs with
 * `sandbox: true`; it never exposes ipcRenderer itself.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { CHANNELS } from '../shared/contract/channels';

const api = Object.fromEntries(
  CHANNELS.map((channel) => [channel, (input: unknown) => ipcRenderer.invoke(channel, input ?? {})]),
);

contextBridge.exposeInMainWorld('api', Object.freeze(api));
