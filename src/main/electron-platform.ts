import { BrowserWindow, Notification, shell } from 'electron';
import type { HostPlatform } from './core/context';

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
    // An offscreen, sandboxed window with no preload: the report is static HTML.
    const win = new BrowserWindow({
      show: false,
      webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false },
    });
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
