import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BrowserWindow, Notification, session, shell, type Session } from 'electron';
import type { HostPlatform, PdfPageFrame } from './core/context';
import { printRequestAllowed } from './security';

/** An in-memory session of its own for printing: no cookies, cache or `app://` handler of the app's. */
const PRINT_PARTITION = 'report-print';
let printSession: Session | null = null;
/** The report file being printed (one print at a time: see `printing`). */
let reportFileUrl: string | null = null;
let printing: Promise<unknown> = Promise.resolve();

/** The print window's session, which refuses every request but the report's own file and `data:` URLs. */
function isolatedPrintSession(): Session {
  if (printSession) return printSession;
  const ses = session.fromPartition(PRINT_PARTITION, { cache: false });
  ses.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !printRequestAllowed(details.url, reportFileUrl) }));
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
  htmlToPdf(html, frame) {
    // One print at a time, so that the print session trusts exactly one report file.
    const run = printing.then(() => printOnce(html, frame));
    printing = run.catch(() => undefined);
    return run;
  },
};

/**
 * An offscreen, sandboxed window with no preload and no JavaScript loads the report from a file in
 * a private temporary folder (a `data:` URL would fail above Chromium's 2 MB URL limit), prints it
 * and the folder is removed. The report is static HTML; its session loads nothing else.
 */
async function printOnce(html: string, frame: PdfPageFrame | undefined): Promise<Uint8Array> {
  const folder = await mkdtemp(join(tmpdir(), 'privacy-workbench-print-'));
  const file = join(folder, 'report.html');
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
    await writeFile(file, html, { encoding: 'utf8', mode: 0o600 });
    reportFileUrl = pathToFileURL(file).href;
    await win.loadFile(file);
    const pdf = await win.webContents.printToPDF({
      pageSize: 'A4',
      printBackground: true,
      preferCSSPageSize: true,
      // The running header and footer (organisation, title, page numbers), rendered by the report.
      ...(frame ? { displayHeaderFooter: true, headerTemplate: frame.headerTemplate, footerTemplate: frame.footerTemplate } : {}),
    });
    return new Uint8Array(pdf);
  } finally {
    reportFileUrl = null;
    win.destroy();
    await rm(folder, { recursive: true, force: true });
  }
}
