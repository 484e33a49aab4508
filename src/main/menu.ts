import type { MenuItemConstructorOptions } from 'electron';
import type { TFunction } from 'i18next';
import type { HostCommand } from '@shared/contract/host-commands';
import { menuAccelerator, SHORTCUTS, type ShortcutId } from '@shared/shortcuts';

/**
 * The application menu, as data: which item sends which command, in the register's language.
 * Pure (no Electron at run time), so that what each item does is tested without a window; the
 * host turns `send` and `about` into handlers (src/main/index.ts).
 */
export type MenuAction = { send: HostCommand } | { about: true };

export type MenuEntry = Omit<MenuItemConstructorOptions, 'submenu' | 'click'> & {
  action?: MenuAction;
  submenu?: MenuEntry[];
};

export interface MenuOptions {
  platform: NodeJS.Platform;
  /** Developer tools only under `npm run dev`. */
  isDev: boolean;
}

/** The menu item of a shortcut's id: `newRequest` → `new-request`. */
export const menuItemId = (id: ShortcutId) => id.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/**
 * The item of one keyboard shortcut: its keys are those of the shared shortcut list, and choosing it
 * sends the renderer the shortcut's own command, so that the menu, the keys and the `?` overlay agree.
 * Keys that do nothing while typing in a field (next record, the list of shortcuts) are shown but not
 * taken by the menu (`registerAccelerator: false`, on Windows and Linux), so that a text field keeps them;
 * the renderer binds them itself.
 */
function shortcutItem(t: TFunction, id: ShortcutId): MenuEntry {
  const shortcut = SHORTCUTS.find((s) => s.id === id)!;
  return {
    id: menuItemId(id),
    label: t(`desktop:menu.items.${id}`),
    accelerator: menuAccelerator(shortcut),
    ...(shortcut.inFields ? {} : { registerAccelerator: false }),
    action: { send: id },
  };
}

export function menuModel(t: TFunction, { platform, isDev }: MenuOptions): MenuEntry[] {
  const isMac = platform === 'darwin';
  return [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: t('desktop:menu.file'),
      submenu: [shortcutItem(t, 'newRequest'), shortcutItem(t, 'save'), { type: 'separator' }, isMac ? { role: 'close' } : { role: 'quit' }],
    },
    { role: 'editMenu' },
    {
      label: t('desktop:menu.go'),
      submenu: [shortcutItem(t, 'search'), { type: 'separator' }, shortcutItem(t, 'nextRecord'), shortcutItem(t, 'previousRecord')],
    },
    {
      label: t('desktop:menu.view'),
      submenu: [
        { role: 'reload' },
        ...(isDev ? [{ role: 'toggleDevTools' as const }] : []),
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
    {
      role: 'help',
      label: t('desktop:menu.help'),
      submenu: [shortcutItem(t, 'help'), { type: 'separator' }, { id: 'about', label: t('desktop:menu.about'), action: { about: true } }],
    },
  ];
}

/** Every item of the model, depth first (for tests and for finding an item by id). */
export function menuItems(model: MenuEntry[]): MenuEntry[] {
  return model.flatMap((entry) => [entry, ...menuItems(entry.submenu ?? [])]);
}

/** The model with its actions bound: what `Menu.buildFromTemplate` takes. */
export function menuTemplate(model: MenuEntry[], run: (action: MenuAction) => void): MenuItemConstructorOptions[] {
  return model.map(({ action, submenu, ...item }) => ({
    ...item,
    ...(submenu ? { submenu: menuTemplate(submenu, run) } : {}),
    ...(action ? { click: () => run(action) } : {}),
  }));
}
