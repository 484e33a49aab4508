/**
 * Commands the desktop host sends to the renderer (from its menu), as plain data: the preload
 * imports this list, so it must stay free of run-time dependencies.
 */
export const HOST_COMMANDS = ['new-request'] as const;
export type HostCommand = (typeof HOST_COMMANDS)[number];
/** The one IPC event name the host uses to send them. */
export const HOST_COMMAND_EVENT = 'host:command';
