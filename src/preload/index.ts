/**
 * The preload exposes one object, `window.api`, with one function per contract channel. It imports
 * nothing at run time but electron and the plain list of channel names, so it runs with
 * `sandbox: true`; it never exposes ipcRenderer itself.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { CHANNELS } from '../shared/contract/channels';
import { HOST_COMMANDS, HOST_COMMAND_EVENT, type HostCommand } from '../shared/contract/host-commands';

const api = Object.fromEntries(
  CHANNELS.map((channel) => [channel, (input: unknown) => ipcRenderer.invoke(channel, input ?? {})]),
);

contextBridge.exposeInMainWorld('api', Object.freeze(api));

/** Menu commands from the host (e.g. File → New request); only the listed commands reach the page. */
const hostEvents = {
  onCommand(listener: (command: HostCommand) => void): () => void {
    const handler = (_event: unknown, command: unknown) => {
      if ((HOST_COMMANDS as readonly unknown[]).includes(command)) listener(command as HostCommand);
    };
    ipcRenderer.on(HOST_COMMAND_EVENT, handler);
    return () => ipcRenderer.removeListener(HOST_COMMAND_EVENT, handler);
  },
};
contextBridge.exposeInMainWorld('hostEvents', Object.freeze(hostEvents));
