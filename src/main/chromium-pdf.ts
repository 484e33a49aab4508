/**
 * Printing report HTML to PDF outside Electron (web host, command line, tests): Debian's Chromium
 * through playwright-core, never a downloaded browser. The app uses Electron's printToPDF instead
 * (electron-platform.ts); both print the same HTML.
 */
import type { Browser } from 'playwright-core';
import type { HostPlatform } from './core/context';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

let browser: Promise<Browser> | null = null;

async function launch(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
}

/** Prints HTML to an A4 PDF (the page size and margins come from the report's own `@page` rule). */
export async function chromiumHtmlToPdf(html: string): Promise<Uint8Array> {
  browser ??= launch().catch((error: unknown) => {
    browser = null;
    throw error;
  });
  const context = await (await browser).newContext({ javaScriptEnabled: false, offline: true });
  try {
    const page = await context.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    return new Uint8Array(pdf);
  } finally {
    await context.close();
  }
}

/** Closes the shared browser (the command line calls this before it exits). */
export async function closeChromium(): Promise<void> {
  const current = browser;
  browser = null;
  if (current) await (await current).close().catch(() => {});
}

export const chromiumPlatform: HostPlatform = { htmlToPdf: chromiumHtmlToPdf };
