import { afterAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, chromiumHtmlToPdf, closeChromium } from '../../../src/main/chromium-pdf';
import { hostileMarkup, listeningServer } from './hostile-server';

afterAll(async () => {
  await closeChromium();
});

const page = (port: number) => `<!doctype html><html><head><title>t</title>${hostileMarkup(port)}</head><body><p>body</p>${hostileMarkup(port)}</body></html>`;

describe('printing a PDF with Chromium', () => {
  it('loads nothing from the network, whatever markup the document and its header and footer hold', { timeout: 120_000 }, async () => {
    const server = await listeningServer();
    try {
      // The same markup in an ordinary page does reach the server: the test can see a request.
      const { chromium } = await import('playwright-core');
      const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
      try {
        const control = await browser.newPage();
        await control.setContent(page(server.port), { waitUntil: 'load' });
        await control.waitForTimeout(300);
      } finally {
        await browser.close();
      }
      expect(server.requests.length).toBeGreaterThan(3);
      server.requests.length = 0;

      // Our print page refuses every request: from the document, and from the header and footer. (Such
      // markup never comes from a report, whose HTML escapes every value; Chromium may then refuse to
      // print, or print what is left, but nothing leaves the machine.)
      const hostile = hostileMarkup(server.port);
      const frame = { headerTemplate: '<span>header</span>', footerTemplate: '<span>footer</span>' };
      await chromiumHtmlToPdf(page(server.port), frame).catch(() => null);
      await chromiumHtmlToPdf('<p>body</p>', { headerTemplate: hostile, footerTemplate: hostile }).catch(() => null);
      await new Promise((resolve) => setTimeout(resolve, 1200)); // a refresh or a late load would have come by now
      expect(server.requests).toEqual([]);

      // And printing goes on afterwards, in a fresh page if the last one failed.
      const pdf = await chromiumHtmlToPdf('<!doctype html><p>after</p>', frame);
      expect(Buffer.from(pdf).subarray(0, 5).toString()).toBe('%PDF-');
      expect(server.requests).toEqual([]);
    } finally {
      await server.close();
    }
  });
});
