/**
 * The Electron host: window, security, menu and the IPC binding over the core. It stays thin: the
 * register, its rules and its reports live in ./core and never import electron.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, safeStorage, screen, session, shell } from 'electron';
import type { TFunction } from 'i18next';
import { languageFromLocale, messageText, translatorFor } from '@shared/i18n';
import { openWorkbench, type Workbench } from './core/workbench';
import { plainMessage } from './core/errors';
import { DB_ENV, DB_FILE, isPostgresUrl, resolveDbPath, shownLocation } from './core/paths';
import { RegisterHost } from './register-host';
import { RememberedRegisterFile } from './remembered-register';
import { defaultAuditKeyPath, fileKeyProvider } from './core/audit/audit-key';
import { bindIpc } from './ipc';
import { HOST_COMMAND_EVENT } from '@shared/contract/host-commands';
import { menuModel, menuTemplate, type MenuAction } from './menu';
import type { Router } from './core/router';
import { getSettings } from './core/settings/settings.service';
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
let host: RegisterHost | null = null;
let backups: BackupSchedule | null = null;
let stopReminders: (() => void) | null = null;
let registerPath = '';

/** The language of the system, until a register is open; then the register's own choice. */
const systemLanguage = () => languageFromLocale(app.getLocale());
async function hostTranslator(): Promise<TFunction> {
  const workbench = host?.current;
  if (!workbench) return translatorFor(systemLanguage());
  try {
    return translatorFor((await getSettings(workbench.ctx.db)).language ?? workbench.ctx.systemLanguage);
  } catch {
    return translatorFor(workbench.ctx.systemLanguage);
  }
}

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

function openAt(dbPath: string): Promise<Workbench> {
  return openWorkbench({
    dbPath,
    host: 'electron',
    systemLanguage: languageFromLocale(app.getLocale()),
    nativeBinding: nativeBinding(),
    platform: electronPlatform,
    // The same key file the web host and the command line read (core/audit/audit-key.ts).
    auditKey: fileKeyProvider(defaultAuditKeyPath(app.getPath('userData'))),
  });
}

/**
 * Opens the register. A file that cannot be opened: the user is asked for another file while it
 * cannot be. A server that cannot be reached or refuses: the window explains it and offers to try
 * again, to connect to another register or to use this computer's (RegisterHost's screens).
 * Answers false when the user chose to quit.
 */
async function openRegister(open: RegisterHost, first: string): Promise<boolean> {
  let dbPath = first;
  for (;;) {
    registerPath = shownLocation(dbPath);
    if ((await open.open(dbPath)) || isPostgresUrl(dbPath)) return true;
    const status = await open.router.invoke('connection:status', {});
    const reason = status.ok ? ((status.value as { message: string | null }).message ?? '') : '';
    const t = translatorFor(systemLanguage());
    const { response } = await dialog.showMessageBox({
      type: 'error',
      title: t('common:app.name'),
      message: t('desktop:openFailed.message'),
      detail: t('desktop:openFailed.detail', { reason }),
      buttons: [t('desktop:openFailed.openOther'), t('desktop:openFailed.quit')],
      defaultId: 0,
      cancelId: 1,
    });
    if (response !== 0) return false;
    const picked = await dialog.showOpenDialog({
      properties: ['openFile', 'promptToCreate'],
      filters: [{ name: t('desktop:openFailed.filter'), extensions: ['sqlite', 'db'] }],
    });
    if (picked.canceled || !picked.filePaths[0]) return false;
    dbPath = picked.filePaths[0];
  }
}

/**
 * The choice made in "Connect to a team register", kept in the user-data folder; the server's
 * password only as safeStorage encrypted it, and not at all where it cannot (Linux without a
 * keyring offers only "basic_text", which is no encryption): the app asks for it at the next start.
 */
function rememberedRegister(): RememberedRegisterFile {
  return new RememberedRegisterFile(join(app.getPath('userData'), 'register.json'), {
    available: () => safeStorage.isEncryptionAvailable() && (process.platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text'),
    encrypt: (text) => safeStorage.encryptString(text),
    decrypt: (data) => safeStorage.decryptString(data),
  });
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

/**
 * The one place a window is made, and it wires its own handlers: whichever way it was opened (at
 * start, or by macOS's `activate` once every window was closed), `mainWindow` never points at a
 * destroyed window.
 */
function createWindow(): BrowserWindow {
  const stateFile = join(app.getPath('userData'), 'window-state.json');
  const state = loadWindowState(stateFile, screen);
  const win = new BrowserWindow({
    ...(state.centre ? { width: state.bounds.width, height: state.bounds.height, center: true } : state.bounds),
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: app.getName(),
    icon: join(__dirname, '../../resources/icon.png'),
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
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  mainWindow = win;
  void win.loadURL(devServerUrl ?? APP_ENTRY_URL);
  return win;
}

function focusMainWindow(): void {
  if (!mainWindow || mainWindow.isDestroyed()) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
}

async function showAbout(): Promise<void> {
  const t = await hostTranslator();
  const options = {
    type: 'info' as const,
    title: t('desktop:about.title'),
    message: t('desktop:about.message', { version: app.getVersion() }),
    detail: t('desktop:about.detail', {
      register: registerPath,
      electron: process.versions.electron,
      chrome: process.versions.chrome,
      node: process.versions.node,
    }),
    buttons: [t('desktop:about.ok')],
  };
  if (mainWindow && !mainWindow.isDestroyed()) await dialog.showMessageBox(mainWindow, options);
  else await dialog.showMessageBox(options);
}

function runMenuAction(action: MenuAction): void {
  if ('send' in action) {
    const target = BrowserWindow.getFocusedWindow() ?? mainWindow;
    if (target && !target.isDestroyed()) target.webContents.send(HOST_COMMAND_EVENT, action.send);
  } else void showAbout();
}

/** The menu in the register's language; built again when the language changes in Settings. */
async function refreshMenu(): Promise<void> {
  const model = menuModel(await hostTranslator(), { platform: process.platform, isDev: devServerUrl !== undefined });
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(model, runMenuAction)));
}

/** Calls that may change the language the host speaks. */
const LANGUAGE_CHANNELS: ReadonlySet<string> = new Set(['settings:update', 'app:setup', 'connection:connect', 'connection:retry', 'connection:useLocal']);

function withMenuRefresh(router: Router): Router {
  return {
    async invoke(channel, input) {
      const result = await router.invoke(channel, input);
      if (result.ok && LANGUAGE_CHANNELS.has(channel)) void refreshMenu();
      return result;
    },
  };
}

async function reportRestore(open: Workbench): Promise<void> {
  if (!open.restore) return;
  // A restore scheduled on the Backups page was applied (or refused) before the register was opened.
  const t = await hostTranslator();
  const { refused, refusal, restoredFrom, keptAside } = open.restore;
  await dialog.showMessageBox({
    type: refused ? 'error' : 'info',
    title: t('common:app.name'),
    message: refused ? t('desktop:restore.refused') : t('desktop:restore.done'),
    detail: refused
      ? refusal
        ? messageText(t, refusal)
        : refused
      : t('desktop:restore.doneDetail', { from: restoredFrom, keptAside: keptAside ?? '' }),
  });
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', focusMainWindow);

  app.whenReady().then(async () => {
    protocol.handle(APP_SCHEME, serveRenderer);
    harden();
    await refreshMenu();
    const remembered = rememberedRegister();
    host = new RegisterHost({
      open: openAt,
      host: 'electron',
      localLocation: join(app.getPath('userData'), DB_FILE),
      systemLanguage: systemLanguage(),
      remembered,
      onOpened: (opened) => {
        registerPath = shownLocation(opened.ctx.dbPath);
        // Desktop notifications for requests due soon or overdue: on start, then hourly (one per request per day).
        stopReminders = scheduleReminders(opened.ctx, (message, error) => console.error(message, error));
        backups = startAutomaticBackups(opened.ctx, (m, e) => console.error(m, e));
        void refreshMenu();
      },
      onClosing: async () => {
        stopReminders?.();
        stopReminders = null;
        await backups?.dispose();
        backups = null;
      },
      log: (m) => console.error(m),
    });
    // `--db`, then PRIVACY_WORKBENCH_DB, then the register chosen last time, then the user-data folder.
    let start: string;
    try {
      const flag = argValue('--db') ?? (process.env[DB_ENV] ? undefined : (remembered.load() ?? undefined));
      start = resolveDbPath(flag, app.getPath('userData'));
    } catch (error) {
      dialog.showErrorBox(translatorFor(systemLanguage())('common:app.name'), plainMessage(error, systemLanguage()));
      app.quit();
      return;
    }
    if (!(await openRegister(host, start))) {
      app.quit();
      return;
    }
    await refreshMenu();
    bindIpc(ipcMain, withMenuRefresh(host.router), isTrustedUrl);
    if (host.current) void reportRestore(host.current);
    createWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createWindow();
      else focusMainWindow();
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  let closed = false;
  app.on('will-quit', (event) => {
    if (closed || !host?.current) return;
    event.preventDefault();
    const open = host;
    void open
      .close()
      .finally(() => {
        closed = true;
        app.quit();
      });
  });
}
