/**
 * The Electron host: window, security, menu and the IPC binding over the core. It stays thin: the
 * register, its rules and its reports live in ./core and never import electron.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, screen, session, shell } from 'electron';
import { languageFromLocale, messageText, translatorFor } from '@shared/i18n';
import { openWorkbench, type Workbench } from './core/workbench';
import { plainMessage } from './core/errors';
import { resolveDbPath } from './core/paths';
import { defaultAuditKeyPath, fileKeyProvider } from './core/audit/audit-key';
import { bindIpc } from './ipc';
import { buildMenu } from './menu';
import { loadWindowState, trackWindowState } from './window-state';
import { electronBindingPath } from './native-binding';
import { electronPlatform } from './electron-platform';
import { scheduleReminders } from './core/requests/reminders.service';
import { startAutomaticBackups, type BackupSchedule } from './core/backup/schedule';
import {
  APP_ENTRY_URL,
  APP_SCHEME,
  APP_SCHEME_PRIVILEGES,
  appFileFor,
  contentTypeOf,
  externalLinkToOpen,
  isTrustedRendererUrl,
  RENDERER_HEADERS,
} from './security';

const devServerUrl = (!app.isPackaged && process.env.ELECTRON_RENDERER_URL) || undefined;
const rendererDir = join(__dirname, '../renderer');

let mainWindow: BrowserWindow | null = null;
let workbench: Workbench | null = null;
let backups: BackupSchedule | null = null;

// The renderer is served from app://renderer/ (a standard, secure scheme of its own), never file://.
// Registering the scheme must happen before the app is ready.
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

const isTrustedUrl = (url: string) => isTrustedRendererUrl(url, devServerUrl);

/** Answers app://renderer/… with the built renderer's file and the renderer's headers (the CSP among them). */
async function serveRenderer(request: Request): Promise<Response> {
  const file = appFileFor(rendererDir, request.url);
  if (file) {
    try {
      return new Response(await readFile(file), { headers: { 'content-type': contentTypeOf(file), ...RENDERER_HEADERS } });
    } catch {
      // Not a file of the build: answered below.
    }
  }
  return new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain' } });
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
        // The same key file the web host and the command line read (core/audit/audit-key.ts).
        auditKey: fileKeyProvider(defaultAuditKeyPath(app.getPath('userData'))),
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
    contents.on('will-navigate', (details) => {
      if (!isTrustedUrl(details.url)) details.preventDefault();
    });
    contents.on('will-redirect', (details) => {
      if (!isTrustedUrl(details.url)) details.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler((details) => {
      // No window is ever opened inside the app; an https link the user clicked (a law's text,
      // say) goes to the user's browser.
      const external = externalLinkToOpen(details);
      if (external) void shell.openExternal(external);
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
      // A middle click would open a link in a new window; there are none.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  if (state.maximized) win.maximize();
  trackWindowState(win, stateFile);
  win.once('ready-to-show', () => win.show());
  void win.loadURL(devServerUrl ?? APP_ENTRY_URL);
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
    protocol.handle(APP_SCHEME, serveRenderer);
    harden();
    Menu.setApplicationMenu(buildMenu(devServerUrl !== undefined));
    workbench = await openRegister(resolveDbPath(argValue('--db'), app.getPath('userData')));
    if (!workbench) {
      app.quit();
      return;
    }
    bindIpc(ipcMain, workbench.router, isTrustedUrl);
    // Desktop notifications for requests due soon or overdue: on start, then hourly (one per request per day).
    scheduleReminders(workbench.ctx, (message, error) => console.error(message, error));
    backups = startAutomaticBackups(workbench.ctx, (m, e) => console.error(m, e));
    if (workbench.restore) {
      // A restore scheduled on the Backups page was applied (or refused) before the register was opened.
      const { refused, refusal, restoredFrom, keptAside } = workbench.restore;
      const why = refusal ? `${messageText(translatorFor('en'), refusal)}\n\n${messageText(translatorFor('zh-CN'), refusal)}` : refused;
      void dialog.showMessageBox({
        type: refused ? 'error' : 'info',
        title: 'Privacy Workbench',
        message: refused ? 'The scheduled restore was refused / 已拒绝计划的恢复' : 'The register was restored / 登记册已恢复',
        detail: refused ? why : `${restoredFrom}\n\n${keptAside ?? ''}`,
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
    const open = workbench;
    void Promise.resolve(backups?.dispose())
      .then(() => open.close())
      .finally(() => {
        closed = true;
        app.quit();
      });
  });
}
