import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { translatorFor } from '@shared/i18n';
import { makeWorkbench } from '../../helpers/workbench';
import { rowsOf } from '../../helpers/engine';
import { categoryFixture } from '../../helpers/fixtures';
import { fromSpreadsheetText, toSpreadsheetText } from '../../../src/main/core/reports/spreadsheet-text';
import { csvCell } from '../../../src/main/core/reports/render-csv';
import { xlsxCell } from '../../../src/main/core/reports/render-xlsx';
import { writeReport } from '../../../src/main/core/reports/reports.service';
import type { ColumnSpec } from '../../../src/main/core/reports/model';

/** Values a spreadsheet would run as formulas (or trim into one), and some that only look close. */
const HOSTILE = ['=1+1', '+86 138 0013 8000', '-', '@home', '\t=x', '\r=x', '=HYPERLINK("http://127.0.0.1/x","click")', "=cmd|' /C calc'!A0", "'quoted", "'=already quoted", "''=twice", 'plain', '张三=李四'];

describe('formula neutralisation', () => {
  it('quotes a text that starts with = + - @, a tab or a carriage return, and leaves other text alone', () => {
    expect(toSpreadsheetText('=1+1')).toBe("'=1+1");
    expect(toSpreadsheetText('+86 138')).toBe("'+86 138");
    expect(toSpreadsheetText('-')).toBe("'-");
    expect(toSpreadsheetText('@home')).toBe("'@home");
    expect(toSpreadsheetText('\t=x')).toBe("'\t=x");
    expect(toSpreadsheetText('\r=x')).toBe("'\r=x");
    expect(toSpreadsheetText("'quoted")).toBe("'quoted");
    expect(toSpreadsheetText('a=b')).toBe('a=b');
    expect(toSpreadsheetText('')).toBe('');
  });

  it('reads every value back exactly, including text that already started with a quote', () => {
    for (const value of HOSTILE) expect(fromSpreadsheetText(toSpreadsheetText(value))).toBe(value);
    expect(toSpreadsheetText("'=already quoted")).toBe("''=already quoted");
  });

  it('keeps a negative number a number in both renderers, and quotes it when it is text', () => {
    const t = translatorFor('en');
    const number = { key: 'n', header: 'x', type: 'number' } as ColumnSpec<unknown>;
    const text = { key: 's', header: 'x', type: 'text' } as ColumnSpec<unknown>;
    expect(csvCell(t, number, -5)).toBe(-5);
    expect(xlsxCell(t, number, -5, 'Asia/Shanghai')).toBe(-5);
    expect(csvCell(t, text, '-5')).toBe("'-5");
    expect(xlsxCell(t, text, '-5', 'Asia/Shanghai')).toBe("'-5");
  });
});

describe('an export with formula-like text, imported back', () => {
  async function register() {
    const wb = await makeWorkbench({ language: 'en' });
    await wb.call('app:setup', { template: 'empty', organisationName: '=HYPERLINK("http://127.0.0.1/x")', language: 'en' });
    for (const [i, value] of HOSTILE.entries()) {
      await wb.call('categories:create', categoryFixture({ code: `F-${i + 10}`, name: `${value}`, purposes: value, notes: value, dataItems: [value, 'Name'] }));
    }
    return wb;
  }
  const stored = async (wb: Awaited<ReturnType<typeof register>>) =>
    rowsOf(wb.ctx.db, "select code, name, purposes, notes from collection_categories where code like 'F-%' order by code");
  const items = async (wb: Awaited<ReturnType<typeof register>>) =>
    rowsOf(wb.ctx.db, "select c.code, i.item from category_data_items i join collection_categories c on c.id = i.category_id where c.code like 'F-%' order by c.code, i.position");

  it.each(['csv', 'xlsx'] as const)('reads its own %s export back to the same values in an empty register', async (format) => {
    const source = await register();
    const before = await stored(source);
    // The register's validation keeps what it keeps (it may trim); whatever it stored must come back.
    expect(before.map((r) => (r as { notes: string }).notes)).toContain('=1+1');
    const dir = mkdtempSync(join(tmpdir(), 'pw-formula-'));
    const [file] = await writeReport(source.ctx, { report: 'register', format, sheet: format === 'csv' ? 'categories' : undefined }, join(dir, `register.${format}`));
    const bytes = readFileSync(file!);

    if (format === 'csv') {
      const text = bytes.toString('utf8');
      expect(text).toContain(",'=1+1,");
      expect(text).toContain("'@home");
      expect(text).not.toMatch(/(^|,)[=+@-]/m); // no cell starts a formula
    } else {
      const zip = await JSZip.loadAsync(bytes);
      const sheets = Object.keys(zip.files).filter((name) => name.startsWith('xl/worksheets/') && name.endsWith('.xml'));
      expect(sheets.length).toBeGreaterThan(1);
      for (const name of sheets) expect(await zip.file(name)!.async('string')).not.toContain('<f>');
      // sheet1 is the cover; sheet2 the categories.
      const first = await zip.file('xl/worksheets/sheet2.xml')!.async('string');
      expect(first).toContain('<v>&apos;=1+1</v>');
    }

    const target = await makeWorkbench({ language: 'en' });
    await target.call('app:setup', { template: 'empty', organisationName: 'Org', language: 'en' });
    const preview = await target.call('transfer:preview', { fileName: `register.${format}`, base64: bytes.toString('base64') });
    expect(preview.issues).toEqual([]);
    await target.call('transfer:import', { fileName: `register.${format}`, base64: bytes.toString('base64') });
    expect(await stored(target)).toEqual(before);
    expect(await items(target)).toEqual(await items(source));
  });
});
