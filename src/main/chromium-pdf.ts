/**
 * Printing report HTML to PDF outside Electron (web host, command line, tests): Debian's Chromium
 * through playwright-core, never a downloaded browser. The app uses Electron's printToPDF instead
 * (electron-platform.ts); both print the same HTML.
 */
import type { Browser, Page } from 'playwright-core';
import type { HostPlatform, PdfPageFrame } from './core/context';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Browser and renderer in one process: on a 2-core machine this halves the time to the first page
 * (about 1.7 s instead of 3 s for the register). It prints only our own HTML, with JavaScript off
 * and every request refused (below); if it ever fails, printing falls back to the usual process model.
 */
const SINGLE_PROCESS_ARGS = ['--single-process', '--no-zygote'];

let singleProcess = true;
let browser: Promise<Browser> | null = null;

async function launch(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS, ...(singleProcess ? SINGLE_PROCESS_ARGS : [])],
    headless: true,
  });
}

let queue: Promise<unknown> = Promise.resolve();
let page: Promise<Page> | null = null;

async function printPage(): Promise<Page> {
  browser ??= launch().catch((error: unknown) => {
    browser = null;
    throw error;
  });
  page ??= (async () => {
    const context = await (await browser!).newContext({ javaScriptEnabled: false, offline: true });
    // The document is handed over with setContent, so it is never a request: every request the page
    // would make (an image, a stylesheet, an @import, a frame, a refresh) is refused before it leaves.
    await context.route('**/*', (route) => route.abort('blockedbyclient'));
    return context.newPage();
  })().catch((error: unknown) => {
    page = null;
    throw error;
  });
  return page;
}

async function print(html: string, frame?: PdfPageFrame): Promise<Uint8Array> {
  const p = await printPage();
  await p.setContent(html, { waitUntil: 'load' });
  const pdf = await p.pdf({
    format: 'A4',
    printBackground: true,
    preferCSSPageSize: true,
    ...(frame ? { displayHeaderFooter: true, headerTemplate: frame.headerTemplate, footerTemplate: frame.footerTemplate } : {}),
  });
  await p.setContent('<!doctype html><title></title>');
  return new Uint8Array(pdf);
}

/**
 * Prints HTML to an A4 PDF (the page size and margins come from the report's own `@page` rule). One
 * page of one browser is reused, one report at a time: starting Chromium costs more than printing.
 */
export function chromiumHtmlToPdf(html: string, frame?: PdfPageFrame): Promise<Uint8Array> {
  const attempt = async () => {
    try {
      return await print(html, frame);
    } catch (error) {
      // A browser whose page failed (crashed, or was left elsewhere) is never printed with again.
      await closeChromium();
      throw error;
    }
  };
  const run = queue.then(async () => {
    try {
      return await attempt();
    } catch (error) {
      if (!singleProcess) throw error;
      // The single-process browser failed to start or crashed: start the usual one and print again.
      singleProcess = false;
      return attempt();
    }
  });
  queue = run.catch(() => undefined);
  return run;
}

/** Closes the shared browser (the command line calls this before it exits). */
export async function closeChromium(): Promise<void> {
  const current = browser;
  browser = null;
  page = null;
  if (current) await (await current).close().catch(() => {});
}

export const chromiumPlatform: HostPlatform = { htmlToPdf: chromiumHtmlToPdf };
