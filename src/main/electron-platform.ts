import { BrowserWindow, Notification, session, shell, type Session } from 'electron';
import type { HostPlatform } from './core/context';
import { printRequestAllowed } from './security';

/** An in-memory session of its own for printing: no cookies, cache or `app://` handler of the app's. */
const PRINT_PARTITION = 'report-print';
let printSession: Session | null = null;

/** The print window's session, which refuses every request but the report's own `data:` URLs. */
function isolatedPrintSession(): Session {
  if (printSession) return printSession;
  const ses = session.fromPartition(PRINT_PARTITION, { cache: false });
  ses.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !printRequestAllowed(details.url) }));
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  printSession = ses;
  return ses;
}

/** What the desktop app can do for the core, with Electron's own APIs. */
export const electronPlatform: HostPlatform = {
  async openFile(path) {
    const error = await shell.openPath(path);
    if (error) throw new Error(error);
  },
  notify(title, body) {
    if (Notification.isSupported()) new Notification({ title, body }).show();
  },
  async htmlToPdf(html, frame) {
    // An offscreen, sandboxed window with no preload and no JavaScript: the report is static HTML,
    // and its session loads nothing from the network or the file system.
    const win = new BrowserWindow({
      show: false,
      webPreferences: {
        session: isolatedPrintSession(),
        sandbox: true,
        contextIsolation: true,
        nodeIntegration: false,
        javascript: false,
        webSecurity: true,
        spellcheck: false,
      },
    });
    win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
    try {
      await win.loadURL(`data:text/html;charset=utf-8;base64,${Buffer.from(html, 'utf8').toString('base64')}`);
      const pdf = await win.webContents.printToPDF({
        pageSize: 'A4',
        printBackground: true,
        preferCSSPageSize: true,
        // The running header and footer (organisation, title, page numbers), rendered by the report.
        ...(frame ? { displayHeaderFooter: true, headerTemplate: frame.headerTemplate, footerTemplate: frame.footerTemplate } : {}),
      });
      return new Uint8Array(pdf);
    } finally {
      win.destroy();
    }
  },
};
