/**
 * The Electron host: window, security, menu and the IPC binding over the core. It stays thin: the
 * register, its rules and its reports live in ./core and never import electron.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, screen, session, shell } from 'electron';
import { languageFromLocale } from '@shared/i18n';
import { openWorkbench, type Workbench } from './core/workbench';
import { plainMessage } from './core/errors';
import { resolveDbPath } from './core/paths';
import { bindIpc } from './ipc';
import { buildMenu } from './menu';
import { loadWindowState, trackWindowState } from './window-state';
import { electronBindingPath } from './native-binding';
import { electronPlatform } from './electron-platform';
import { scheduleReminders } from './core/requests/reminders.service';
import { startAutomaticBackups } from './core/transfer/backup';

const isDev = !app.isPackaged && !!process.env.ELECTRON_RENDERER_URL;
const rendererFile = join(__dirname, '../renderer/index.html');
const rendererUrl = isDev ? process.env.ELECTRON_RENDERER_URL! : pathToFileURL(rendererFile).toString();

let mainWindow: BrowserWindow | null = null;
let workbench: Workbench | null = null;

function isTrustedUrl(url: string): boolean {
  if (!url) return false;
  if (isDev) return url.startsWith(process.env.ELECTRON_RENDERER_URL!);
  return url.split('#')[0] === rendererUrl;
}

function argValue(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : process.argv.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
}

function nativeBinding(): string | undefined {
  const built = electronBindingPath(app.getAppPath(), process.versions.electron);
  return existsSync(built) ? built : undefined;
}

/** Opens the register, asking the user for another file while it cannot be opened. */
async function openRegister(initialPath: string): Promise<Workbench | null> {
  let dbPath = initialPath;
  for (;;) {
    try {
      return await openWorkbench({
        dbPath,
        host: 'electron',
        systemLanguage: languageFromLocale(app.getLocale()),
        nativeBinding: nativeBinding(),
        platform: electronPlatform,
      });
    } catch (error) {
      const message = plainMessage(error, languageFromLocale(app.getLocale()));
      const { response } = await dialog.showMessageBox({
        type: 'error',
        title: 'Privacy Workbench',
        message: 'The register cannot be opened / 无法打开登记册',
        detail: `${message}\n\nThe file has not been changed. / 文件未被改动。`,
        buttons: ['Open another file… / 打开其他文件…', 'Quit / 退出'],
        defaultId: 0,
        cancelId: 1,
      });
      if (response !== 0) return null;
      const picked = await dialog.showOpenDialog({
        properties: ['openFile', 'promptToCreate'],
        filters: [{ name: 'Privacy Workbench register', extensions: ['sqlite', 'db'] }],
      });
      if (picked.canceled || !picked.filePaths[0]) return null;
      dbPath = picked.filePaths[0];
    }
  }
}

function harden(): void {
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isTrustedUrl(url)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isTrustedUrl(url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      // Links to the web (a law's text, say) open in the user's browser, never inside the app.
      if (url.startsWith('https://')) void shell.openExternal(url);
      return { action: 'deny' };
    });
  });
}

function createWindow(): BrowserWindow {
  const stateFile = join(app.getPath('userData'), 'window-state.json');
  const state = loadWindowState(stateFile, screen);
  const win = new BrowserWindow({
    ...(state.centre ? { width: state.bounds.width, height: state.bounds.height, center: true } : state.bounds),
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Privacy Workbench',
    webPreferences: {
      preload: join(__dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  if (state.maximized) win.maximize();
  trackWindowState(win, stateFile);
  win.once('ready-to-show', () => win.show());
  if (isDev) void win.loadURL(process.env.ELECTRON_RENDERER_URL!);
  else void win.loadFile(rendererFile);
  return win;
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  app.whenReady().then(async () => {
    harden();
    Menu.setApplicationMenu(buildMenu(isDev));
    workbench = await openRegister(resolveDbPath(argValue('--db'), app.getPath('userData')));
    if (!workbench) {
      app.quit();
      return;
    }
    bindIpc(ipcMain, workbench.router, isTrustedUrl);
    // Desktop notifications for requests due soon or overdue: on start, then hourly (one per request per day).
    scheduleReminders(workbench.ctx, (message, error) => console.error(message, error));
    startAutomaticBackups(workbench.ctx, (m, e) => console.error(m, e));
    if (workbench.restore) {
      // A restore scheduled on the Backups page was applied (or refused) before the register was opened.
      const { refused, restoredFrom, keptAside } = workbench.restore;
      void dialog.showMessageBox({
        type: refused ? 'error' : 'info',
        title: 'Privacy Workbench',
        message: refused ? 'The scheduled restore was refused / 已拒绝计划的恢复' : 'The register was restored / 登记册已恢复',
        detail: refused ? `${refused}\n\nThe register has not been changed. / 登记册未被改动。` : `${restoredFrom}\n\n${keptAside ?? ''}`,
      });
    }
    mainWindow = createWindow();
    mainWindow.on('closed', () => (mainWindow = null));
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) mainWindow = createWindow();
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  let closed = false;
  app.on('will-quit', (event) => {
    if (closed || !workbench) return;
    event.preventDefault();
    void workbench.close().finally(() => {
      closed = true;
      app.quit();
    });
  });
}
