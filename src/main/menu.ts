import { app, BrowserWindow, Menu, type MenuItemConstructorOptions } from 'electron';
import { HOST_COMMAND_EVENT, type HostCommand } from '@shared/contract/host-commands';

/** Sends a menu command to the window that has focus (the renderer decides what it opens). */
function sendCommand(command: HostCommand) {
  return () => BrowserWindow.getFocusedWindow()?.webContents.send(HOST_COMMAND_EVENT, command);
}

/** The application menu with the usual roles and shortcuts on every platform. */
export function buildMenu(isDev: boolean): Menu {
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        { label: 'New Request… / 登记请求', accelerator: 'CmdOrCtrl+Shift+N', click: sendCommand('new-request') },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: 'View',
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
    { role: 'help', submenu: [{ label: `${app.getName()} ${app.getVersion()}`, enabled: false }] },
  ];
  return Menu.buildFromTemplate(template);
}
