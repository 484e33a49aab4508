/**
 * The keyboard shortcuts, in one table: the renderer binds its handlers from it, the `?` overlay lists
 * it, and the desktop menu takes its accelerators from it (`menuAccelerator`), so that the three cannot
 * disagree. Plain data, so that main, preload and renderer can all import it.
 */
export const SHORTCUT_IDS = ['newRequest', 'search', 'save', 'nextRecord', 'previousRecord', 'help'] as const;
export type ShortcutId = (typeof SHORTCUT_IDS)[number];

export interface Shortcut {
  id: ShortcutId;
  /** Keys as the renderer binds them (Mantine's hotkey syntax; `mod` is Ctrl, or ⌘ on macOS). */
  keys: string[];
  /** Also fires while typing in a field (saving, logging the next call); otherwise only outside fields. */
  inFields: boolean;
  /** i18n key of what it does. */
  label: `common:shortcuts.${ShortcutId}`;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { id: 'newRequest', keys: ['mod+shift+N'], inFields: true, label: 'common:shortcuts.newRequest' },
  { id: 'search', keys: ['mod+K'], inFields: true, label: 'common:shortcuts.search' },
  { id: 'save', keys: ['mod+Enter'], inFields: true, label: 'common:shortcuts.save' },
  { id: 'nextRecord', keys: ['mod+shift+ArrowDown'], inFields: false, label: 'common:shortcuts.nextRecord' },
  { id: 'previousRecord', keys: ['mod+shift+ArrowUp'], inFields: false, label: 'common:shortcuts.previousRecord' },
  { id: 'help', keys: ['shift+?', 'mod+/'], inFields: false, label: 'common:shortcuts.help' },
];

/** One of `keys` as an Electron menu accelerator: `mod+shift+N` → `CmdOrCtrl+Shift+N`, `mod+shift+ArrowDown` → `CmdOrCtrl+Shift+Down`. */
export function acceleratorOf(keys: string): string {
  const names: Record<string, string> = { mod: 'CmdOrCtrl', shift: 'Shift', alt: 'Alt', ctrl: 'Ctrl', enter: 'Enter', arrowdown: 'Down', arrowup: 'Up' };
  return keys
    .split('+')
    .map((k) => names[k.toLowerCase()] ?? k.toUpperCase())
    .join('+');
}

/**
 * The accelerator the menu shows for a shortcut: its first keys with Ctrl/⌘ (a menu shows one, and a
 * bare `?` would be taken from every text field).
 */
export function menuAccelerator(shortcut: Shortcut): string {
  return acceleratorOf(shortcut.keys.find((k) => k.split('+').includes('mod')) ?? shortcut.keys[0]!);
}

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
