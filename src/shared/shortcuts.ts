/**
 * The keyboard shortcuts, in one table: the renderer binds its handlers from it, the `?` overlay lists
 * it, and the desktop menu can take its accelerators from it. Plain data, so that main, preload and
 * renderer can all import it.
 */
export const SHORTCUT_IDS = ['newRequest', 'search', 'save', 'nextRecord', 'previousRecord', 'help'] as const;
export type ShortcutId = (typeof SHORTCUT_IDS)[number];

export interface Shortcut {
  id: ShortcutId;
  /** Keys as the renderer binds them (Mantine's hotkey syntax; `mod` is Ctrl, or ⌘ on macOS). */
  keys: string[];
  /** The same keys as an Electron menu accelerator (the first of `keys`). */
  accelerator: string;
  /** Also fires while typing in a field (saving, logging the next call); otherwise only outside fields. */
  inFields: boolean;
  /** i18n key of what it does. */
  label: `common:shortcuts.${ShortcutId}`;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { id: 'newRequest', keys: ['mod+shift+N'], accelerator: 'CmdOrCtrl+Shift+N', inFields: true, label: 'common:shortcuts.newRequest' },
  { id: 'search', keys: ['mod+K'], accelerator: 'CmdOrCtrl+K', inFields: true, label: 'common:shortcuts.search' },
  { id: 'save', keys: ['mod+Enter'], accelerator: 'CmdOrCtrl+Enter', inFields: true, label: 'common:shortcuts.save' },
  { id: 'nextRecord', keys: ['mod+shift+ArrowDown'], accelerator: 'CmdOrCtrl+Shift+Down', inFields: false, label: 'common:shortcuts.nextRecord' },
  { id: 'previousRecord', keys: ['mod+shift+ArrowUp'], accelerator: 'CmdOrCtrl+Shift+Up', inFields: false, label: 'common:shortcuts.previousRecord' },
  { id: 'help', keys: ['shift+?', 'mod+/'], accelerator: 'CmdOrCtrl+/', inFields: false, label: 'common:shortcuts.help' },
];

/** Keys as a person reads them: `mod+shift+N` → `Ctrl + Shift + N` (or `⌘ + Shift + N` on a Mac). */
export function keyCaps(keys: string, mac: boolean): string[] {
  const names: Record<string, string> = {
    mod: mac ? '⌘' : 'Ctrl',
    shift: 'Shift',
    alt: mac ? '⌥' : 'Alt',
    enter: 'Enter',
    arrowdown: '↓',
    arrowup: '↑',
  };
  // `shift+?` is the ? key itself: show it as it is printed on the key.
  if (keys === 'shift+?') return ['?'];
  return keys.split('+').map((k) => names[k.toLowerCase()] ?? k.toUpperCase());
}
