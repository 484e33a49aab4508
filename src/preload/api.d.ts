import type { Api } from '../shared/contract';
import type { HostCommand } from '../shared/contract/host-commands';

declare global {
  interface Window {
    /** Provided by the preload in the desktop app, and by the fetch adapter in the web host. */
    api: Api;
    /** Commands from the desktop host's menu; absent in the web host. */
    hostEvents?: { onCommand(listener: (command: HostCommand) => void): () => void };
  }
}
export {};
