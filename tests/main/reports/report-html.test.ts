import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeWorkbench } from '../../helpers/workbench';
import { run } from '../../helpers/engine';
import { buildReport } from '../../../src/main/core/reports/reports.service';
import { renderReportHtml } from '../../../src/main/core/reports/render-html';
import { PAGE_FRAME_STYLESHEET, REPORT_STYLESHEET } from '../../../src/main/core/reports/report-style';
import { chromiumHtmlToPdf, closeChromium } from '../../../src/main/chromium-pdf';
import { hostileMarkup, hostileName, listeningServer } from './hostile-server';

afterAll(async () => {
  await closeChromium();
});

const DOCUMENT_TAGS = new Set(['html', 'head', 'title', 'style', 'body', 'h1', 'h2', 'dl', 'dt', 'dd', 'p', 'table', 'colgroup', 'col', 'thead', 'tbody', 'tr', 'th', 'td', 'div', 'ol', 'li', 'sup', 'span']);
const FRAME_TAGS = new Set(['style', 'div', 'span']);

/** Every tag the markup opens or closes. */
const tagsOf = (html: string) => new Set([...html.matchAll(/<\/?([a-z][\w-]*)/gi)].map((m) => m[1]!.toLowerCase()));
/** The text of every <style> element. */
const stylesOf = (html: string) => [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]);

/** A register whose organisation and record names (written past the app's validation) are markup. */
async function hostileRegister(port: number, report: 'register' | 'requests' = 'register') {
  const wb = await makeWorkbench({ language: 'zh-CN', now: '2026-11-20T02:00:00.000Z' });
  await wb.call('app:setup', { template: 'sample', organisationName: 'Org', language: 'zh-CN' });
  const hostile = hostileMarkup(port);
  await run(wb.ctx.db, "update settings set value = ? where key = 'organisationName'", JSON.stringify(hostileName(port)));
  await run(wb.ctx.db, "update collection_categories set name = ?, purposes = ? where code = 'REG-IDENTITY'", `身份${hostile}`, hostile);
  await run(wb.ctx.db, "update category_data_items set item = ? where position = 0", hostile);
  if (report === 'requests') {
    await wb.call('requests:create', {
      channel: 'email',
      receivedAt: '2026-11-18T02:00:00Z',
      requesterName: '王小明',
      requesterContact: 'w@example.com',
      accountRef: '',
      kind: 'deletion',
      details: '',
      concernsMinor: false,
      assignee: '',
    });
    await run(wb.ctx.db, 'update requests set reference = ?', `REQ-${hostile}`);
  }
  return { wb };
}

describe('report HTML with hostile data', () => {
  it.each(['register', 'requests'] as const)('renders the %s report with every value as escaped text, never markup', async (report) => {
    const { wb } = await hostileRegister(9, report);
    const doc = await buildReport(wb.ctx, { report, format: 'pdf' });
    expect(doc.organisation).toContain('<img'); // the data really is hostile
    const { html, frame } = await renderReportHtml(doc);

    expect([...tagsOf(html)].filter((tag) => !DOCUMENT_TAGS.has(tag))).toEqual([]);
    expect(stylesOf(html)).toEqual([REPORT_STYLESHEET]);
    expect(REPORT_STYLESHEET).not.toMatch(/url\(|@import/);
    expect(html).not.toMatch(/<meta|<img|<link|<script|<iframe/i);
    // Every real tag is `<…>` (a `<` from the data is `&lt;`): none holds a URL or an attribute of the data.
    const markup = (html.match(/<[^>]*>/g) ?? []).join('');
    expect(markup).not.toMatch(/url\(|http:|src=|href=|http-equiv/i);
    expect(html).toContain('码尚云&lt;/style&gt;&lt;h1&gt;x&lt;/h1&gt;&lt;img');
    expect(html).toContain(report === 'register' ? '身份&lt;/style&gt;&lt;/title&gt;&lt;h1&gt;injected&lt;/h1&gt;' : 'REQ-&lt;/style&gt;&lt;/title&gt;');
    for (const template of [frame.headerTemplate, frame.footerTemplate]) {
      expect([...tagsOf(template)].filter((tag) => !FRAME_TAGS.has(tag))).toEqual([]);
      expect(stylesOf(template)).toEqual([PAGE_FRAME_STYLESHEET]);
      expect((template.match(/<[^>]*>/g) ?? []).join('')).not.toMatch(/url\(|http:|src=|href=|http-equiv/i);
    }
    expect(frame.headerTemplate).toContain('码尚云&lt;/style&gt;');
    expect(frame.footerTemplate).toContain('<span class="pageNumber"></span>');
  });

  it('prints the hostile names as text on every page, and nothing reaches the network', { timeout: 120_000 }, async () => {
    const server = await listeningServer();
    try {
      const { wb } = await hostileRegister(server.port);
      wb.ctx.platform.htmlToPdf = chromiumHtmlToPdf;
      const { html, frame } = await renderReportHtml(await buildReport(wb.ctx, { report: 'register', format: 'pdf' }));
      const dir = mkdtempSync(join(tmpdir(), 'pw-hostile-'));
      const path = join(dir, 'hostile.pdf');
      writeFileSync(path, await chromiumHtmlToPdf(html, frame));
      const text = execFileSync('pdftotext', ['-layout', path, '-']).toString();
      // In reading order, cell by cell (the layout mode interleaves the lines of neighbouring cells).
      const squeezed = execFileSync('pdftotext', ['-raw', path, '-']).toString().replace(/\s+/g, '');
      expect(squeezed).toContain('身份</style></title><h1>injected</h1>');
      expect(squeezed).toContain('码尚云</style><h1>x</h1><img');
      const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [path]).toString())?.[1]);
      expect(text).toContain(`第 ${pages} 页，共 ${pages} 页`);
      // The organisation heads every page (the running header), and the first page's details once more.
      expect(pages).toBeGreaterThan(1);
      expect(squeezed.split('码尚云</style><h1>x</h1><img').length - 1).toBe(pages + 1);
      expect(server.requests).toEqual([]);
    } finally {
      await server.close();
    }
  });
});
