/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { makeWorkbench } from '../../helpers/workbench';
import { buildReport } from '../../../src/main/core/reports/reports.service';
import { renderReportHtml } from '../../../src/main/core/reports/render-html';
import { CHROMIUM_ARGS, chromiumHtmlToPdf, closeChromium } from '../../../src/main/chromium-pdf';
import { longestUnbreakable, MAX_WORD_EM } from '../../../src/main/core/reports/pdf-columns';

const ARTIFACTS = resolve(__dirname, '../../artifacts/pdf/pages');
/** The printable width of an A4 landscape page with the report's 10 mm side margins, in CSS pixels. */
const PRINTABLE_PX = Math.floor(((297 - 20) / 25.4) * 96);

let browser: Browser | null = null;
afterAll(async () => {
  await browser?.close();
  await closeChromium();
});

/**
 * How many lines each header cell of each table takes when the report is laid out at the page's width,
 * and the words of the tables' cells that are broken inside (a piece of a word on one line, the rest on
 * the next: "Employmen / t history"). Words break legitimately at spaces, hyphens and slashes, so the
 * pieces between those are what must stay whole.
 */
async function layout(html: string) {
  const { chromium } = await import('playwright-core');
  browser ??= await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
  const page = await browser.newPage({ viewport: { width: PRINTABLE_PX, height: 800 } });
  try {
    await page.emulateMedia({ media: 'print' });
    await page.setContent(html.replace(/@page\s*\{[^}]*\}/, ''), { waitUntil: 'load' });
    return await page.evaluate(() => {
      const headers = [...document.querySelectorAll('table.sheet th')].map((th) => {
        // The header's own text, without its footnote mark (raised, so on a line of its own for the measure).
        const range = document.createRange();
        range.selectNodeContents(th.firstChild ?? th);
        const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
        return { table: th.closest('table')!.previousElementSibling?.textContent ?? '', header: th.textContent ?? '', lines: tops.size };
      });
      const broken: string[] = [];
      for (const cell of document.querySelectorAll('table.sheet td, table.sheet th')) {
        const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const text = node.textContent ?? '';
          // Runs of Latin letters and digits: the pieces between spaces, hyphens, slashes and CJK, and
          // between a closing and an opening bracket (Unicode lets "17(1)" and "(3)" part there).
          for (const m of text.matchAll(/(?:[A-Za-z0-9'’.,;:]|\((?=[^(])|\)(?!\())+\)?/g)) {
            if (m[0].length < 2) continue;
            const range = document.createRange();
            range.setStart(node, m.index!);
            range.setEnd(node, m.index! + m[0].length);
            const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
            if (tops.size > 1) broken.push(m[0]);
          }
        }
      }
      return { headers, broken };
    });
  } finally {
    await page.close();
  }
}

async function sampleWithRequests(language: 'zh-CN' | 'en') {
  const wb = await makeWorkbench({ language });
  await wb.call('app:setup', { template: 'sample', organisationName: '上海码昶信息技术咨询中心（码尚云）', officerName: '李清', language });
  await wb.call('requests:create', { channel: 'hotline', receivedAt: '2026-11-16T01:00:00.000Z', requesterName: '王小明', requesterContact: '13800138000', kind: 'deletion' } as never);
  return wb;
}

describe('the PDF’s columns', () => {
  for (const language of ['zh-CN', 'en'] as const) {
    it(`fit their headers in at most two lines in every report (three in a wide English table), and break no word inside, in ${language}`, { timeout: 120_000 }, async () => {
      const wb = await sampleWithRequests(language);
      mkdirSync(ARTIFACTS, { recursive: true });
      for (const report of ['register', 'requests', 'gaps'] as const) {
        const { html, frame } = await renderReportHtml(await buildReport(wb.ctx, { report, format: 'pdf' }));
        const { headers: lines, broken } = await layout(html);
        // No word broken inside, but for those wider than any column may be made (a hash: the last resort).
        expect(broken.filter((w) => longestUnbreakable(w) <= MAX_WORD_EM), report).toEqual([]);
        expect(lines.length).toBeGreaterThan(3);
        const tall = (most: number) => lines.filter((l) => l.lines > most).map((l) => `${l.table} · ${l.header}: ${l.lines} lines`);
        expect(tall(3), report).toEqual([]);
        if (language === 'zh-CN') expect(tall(2), report).toEqual([]);
        // No header cell is empty.
        expect(lines.filter((l) => l.lines === 0)).toEqual([]);
        // Every page as an image, to be looked at (tests/artifacts/pdf/pages).
        for (const old of readdirSync(ARTIFACTS).filter((f) => f.startsWith(`${report}-${language}-`))) rmSync(join(ARTIFACTS, old));
        const pdf = join(ARTIFACTS, `${report}-${language}.pdf`);
        writeFileSync(pdf, await chromiumHtmlToPdf(html, frame));
        execFileSync('pdftoppm', ['-png', '-r', '60', pdf, join(ARTIFACTS, `${report}-${language}`)]);
      }
      await wb.close();
    });
  }
});
