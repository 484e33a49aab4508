import { SHORTCUT_IDS, type ShortcutId } from '../shortcuts';

/**
 * Commands the desktop host sends to the renderer from its menu: one per keyboard shortcut, so that a
 * menu item does exactly what its keys do. Plain data: the preload imports this list.
 */
export const HOST_COMMANDS: readonly ShortcutId[] = SHORTCUT_IDS;
export type HostCommand = ShortcutId;
/** The one IPC event name the host uses to send them. */
export const HOST_COMMAND_EVENT = 'host:command';
