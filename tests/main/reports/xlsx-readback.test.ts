/**
 * The requests workbook read back by exceljs, cell by cell, against the CSV of the same register
 * (whose every byte csv-golden.test.ts holds): the same texts, numbers as numbers, days and instants
 * as real dates showing the organisation's clock, no formula anywhere, and text a spreadsheet could
 * run kept as text behind its quote.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { makeWorkbench } from '../../helpers/workbench';
import { fillVariedRequests, ROWS } from '../../helpers/varied-requests';
import { writeReport } from '../../../src/main/core/reports/reports.service';

const dir = mkdtempSync(join(tmpdir(), 'pw-xlsx-readback-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A date cell's UTC reading (Excel has no zones: that is the wall clock it shows). */
const wall = (d: Date, withTime: boolean) => d.toISOString().slice(0, withTime ? 16 : 10).replace('T', ' ');

describe('the requests workbook', () => {
  it.each([
    ['zh-CN', 'Asia/Shanghai'],
    ['en', 'America/New_York'],
  ] as const)('holds what the CSV holds, typed: %s, %s', { timeout: 60_000 }, async (language, timeZone) => {
    const wb = await makeWorkbench({ language });
    try {
      await wb.call('app:setup', { template: 'empty', organisationName: '码尚云', language });
      await wb.call('settings:update', { timeZone });
      await fillVariedRequests(wb);
      const request = { report: 'requests', includeRequesterDetails: true } as const;
      const [xlsx] = await writeReport(wb.ctx, { ...request, format: 'xlsx' }, join(dir, `${language}.xlsx`));
      const [csv] = await writeReport(wb.ctx, { ...request, format: 'csv', sheet: 'requests' }, join(dir, `${language}.csv`));
      const lines = parse(readFileSync(csv!, 'utf8'), { bom: true, relaxColumnCount: false }) as string[][];
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(xlsx!);
      const sheet = book.worksheets[1]!;
      expect(sheet.actualRowCount).toBe(ROWS + 1);
      const headers = lines[0]!;
      expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(headers);
      const dateColumns = new Set([headers.indexOf(language === 'en' ? 'Due date' : '到期日')]);
      const seen = { quoted: 0, dates: 0, instants: 0, numbers: 0 };
      for (let r = 1; r <= ROWS; r += 1) {
        const expected = lines[r]!;
        const row = sheet.getRow(r + 1);
        for (let c = 0; c < headers.length; c += 1) {
          const cell = row.getCell(c + 1);
          const text = expected[c]!;
          expect(cell.type, `row ${r + 1}, ${headers[c]}`).not.toBe(ExcelJS.ValueType.Formula);
          if (text === '') {
            expect(cell.value, `row ${r + 1}, ${headers[c]}`).toBeNull();
          } else if (cell.value instanceof Date) {
            // A day, or an instant on the organisation's clock (the CSV writes minutes, the workbook keeps seconds).
            const isDay = dateColumns.has(c);
            expect(wall(cell.value, !isDay), `row ${r + 1}, ${headers[c]}`).toBe(text);
            expect(cell.numFmt).toMatch(isDay ? /d/ : /hh:mm/);
            if (isDay) seen.dates += 1;
            else seen.instants += 1;
          } else if (typeof cell.value === 'number') {
            expect(String(cell.value), `row ${r + 1}, ${headers[c]}`).toBe(text);
            seen.numbers += 1;
          } else {
            // XML reads every line end as a line feed: a carriage return comes back as one (exceljs writes it as it is).
            expect(cell.value, `row ${r + 1}, ${headers[c]}`).toBe(text.replace(/\r\n?/g, '\n'));
            if (text.startsWith("'")) seen.quoted += 1;
          }
        }
      }
      // Every kind of cell was met: quoted formula-looking text, days, instants and numbers.
      expect(seen.quoted).toBeGreaterThan(100);
      expect(seen.dates).toBeGreaterThan(1000);
      expect(seen.instants).toBeGreaterThan(3000);
      expect(seen.numbers).toBeGreaterThan(500);
    } finally {
      await wb.close();
    }
  });
});
