/**
 * The requests sheet's CSV, byte for byte, on a few thousand varied rows: cells a spreadsheet could
 * take for a formula, quotes, commas and line breaks, Chinese, empty and missing values, every
 * channel, kind and status, instants across daylight-saving changes, provisional due dates, masked
 * and unmasked requesters. The digests below are of the files the export wrote before its fast path
 * (per-column cell writers, cached day texts) was written: any change to a single byte fails here,
 * and the first differing line is shown beside the one the cell-by-cell path (`csvCell`) writes.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeWorkbench, type TestWorkbench } from '../../helpers/workbench';
import { fillVariedRequests, ROWS } from '../../helpers/varied-requests';
import { buildReport, writeReport, type ReportRequest } from '../../../src/main/core/reports/reports.service';
import { csvCell } from '../../../src/main/core/reports/render-csv';
import { toSpreadsheetText } from '../../../src/main/core/reports/spreadsheet-text';

const dir = mkdtempSync(join(tmpdir(), 'pw-csv-golden-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function exportCsv(language: 'en' | 'zh-CN', timeZone: string, includeRequesterDetails: boolean): Promise<{ text: string; reference: string }> {
  const wb = await makeWorkbench({ language });
  try {
    await wb.call('app:setup', { template: 'empty', organisationName: '码尚云', language });
    await wb.call('settings:update', { timeZone });
    await fillVariedRequests(wb);
    const request = { report: 'requests', format: 'csv', sheet: 'requests', includeRequesterDetails } as const;
    const [file] = await writeReport(wb.ctx, request, join(dir, `${language}-${includeRequesterDetails}.csv`));
    return { text: readFileSync(file!, 'utf8'), reference: await cellByCell(wb, request) };
  } finally {
    await wb.close();
  }
}

/** The same sheet written cell by cell through `csvCell`, with its own RFC 4180 quoting: where a difference is. */
async function cellByCell(wb: TestWorkbench, request: ReportRequest): Promise<string> {
  const doc = await buildReport(wb.ctx, request);
  const sheet = doc.sheets.find((s) => s.key === 'requests')!;
  const field = (v: string | number) => (typeof v === 'number' ? String(v) : /[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  const lines = [sheet.columns.map((c) => field(toSpreadsheetText(doc.t(c.header)))).join(',')];
  for await (const batch of sheet.batches(doc.ctx, doc.filterValues)) {
    for (const record of batch) lines.push(sheet.columns.map((c) => field(csvCell(doc.t, c, c.get(record), doc.timeZone))).join(','));
  }
  return `\ufeff${lines.map((line) => `${line}\r\n`).join('')}`;
}

/** The first line at which two texts differ, with its number, or null. */
function firstDifference(a: string, b: string): string | null {
  const left = a.split('\r\n');
  const right = b.split('\r\n');
  const i = left.findIndex((line, n) => line !== right[n]);
  return i < 0 && left.length === right.length ? null : `line ${i + 1}:\n  ${left[i]}\n  ${right[i]}`;
}

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('the requests CSV, byte for byte', () => {
  const cases = [
    { language: 'zh-CN', timeZone: 'Asia/Shanghai', details: true, sha256: 'd2a260b4d904faaf4bfcff441660c78cbbe73763401c5b44a1e12c09022af089' },
    { language: 'zh-CN', timeZone: 'Asia/Shanghai', details: false, sha256: '30d405ec9e9eb60cf577ade2fc5ef503245b7fcc3a36d2103d8150634a72534b' },
    { language: 'en', timeZone: 'America/New_York', details: true, sha256: 'bbe7376619cb8628fc11097b41fb9fd7b11e4c3b6ce636cb4dbbe29bbc894a6b' },
    { language: 'en', timeZone: 'Asia/Kolkata', details: false, sha256: '72b3dd2d91651c87b917dbf7b5273f078c265b7383b0708ab6e0738ebee227f0' },
  ] as const;
  for (const c of cases) {
    it(`is unchanged: ${c.language}, ${c.timeZone}, requesters ${c.details ? 'in full' : 'masked'}`, async () => {
      const { text, reference } = await exportCsv(c.language, c.timeZone, c.details);
      expect(text.match(/\r\nREQ-/g)?.length).toBe(ROWS);
      expect(firstDifference(text, reference)).toBeNull();
      expect(digest(text)).toBe(c.sha256);
    });
  }
});
