import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { documentIdentity, MAX_DOCUMENT_NAME, safeDocumentName } from '../../../src/main/core/agreements/documents';
import { makeWorkbench, tableCounts, type TestWorkbench } from '../../helpers/workbench';
import { agreementFixture, partnerFixture } from '../../helpers/fixtures';
import { keptAs, keptFiles } from '../../helpers/kept-files';
import { onPostgres, SQLITE_ONLY } from '../../helpers/engine';

describe('the name a document is kept under', () => {
  it('is the base name only: no folders, no way out of the documents folder', () => {
    expect(safeDocumentName('../../etc/passwd')).toBe('passwd');
    expect(safeDocumentName('/etc/passwd')).toBe('passwd');
    expect(safeDocumentName('C:\\Users\\王\\Desktop\\委托处理协议.pdf')).toBe('委托处理协议.pdf');
    expect(safeDocumentName('..\\..\\Windows\\win.ini')).toBe('win.ini');
    expect(safeDocumentName('..')).toBe('');
    expect(safeDocumentName('.bashrc')).toBe('bashrc');
  });

  it('drops NUL, control characters and bidirectional overrides that would disguise the real extension', () => {
    expect(safeDocumentName('合同.pdf\u0000.exe')).toBe('合同.pdf.exe');
    expect(safeDocumentName('合同\r\n.pdf')).toBe('合同.pdf');
    // Shown by a bidi-aware viewer as "协议exe.pdf"; it is an executable.
    expect(safeDocumentName('协议\u202Efdp.exe')).toBe('协议fdp.exe');
    expect(safeDocumentName('a\u2066b\u2069\u200B.pdf')).toBe('ab.pdf');
    expect(safeDocumentName('半个\uD83D.pdf')).toBe('半个.pdf');
    expect(safeDocumentName('CON.pdf')).toBe('_CON.pdf');
    expect(safeDocumentName('a<b>:c?.pdf')).toBe('a_b__c_.pdf');
  });

  it('is shortened to a sane length, keeping its extension and whole characters', () => {
    const long = safeDocumentName(`${'协'.repeat(300)}.pdf`);
    expect(Array.from(long)).toHaveLength(MAX_DOCUMENT_NAME);
    expect(long.endsWith('协.pdf')).toBe(true);
    const emoji = safeDocumentName(`${'😀'.repeat(200)}.pdf`);
    expect(emoji).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });

  it('gets its type from the allow-list by extension, whatever type was claimed', () => {
    expect(documentIdentity('合同.PDF')).toEqual({ fileName: '合同.PDF', extension: 'pdf', mimeType: 'application/pdf' });
    expect(documentIdentity('scan.jpeg').mimeType).toBe('image/jpeg');
    expect(documentIdentity('电子合同.ofd').mimeType).toBe('application/ofd');
    expect(() => documentIdentity('协议\u202Efdp.exe')).toThrow();
    expect(() => documentIdentity('README')).toThrow();
    expect(() => documentIdentity('\u0000\u202E')).toThrow();
  });
});

let wb: TestWorkbench;
let partnerId: number;
beforeEach(async () => {
  wb = await makeWorkbench();
  partnerId = (await wb.call('partners:create', partnerFixture())).id;
});
afterEach(() => wb.close());

const files = () => keptFiles(wb.ctx, 'documents');
const pdf = Buffer.from('%PDF-1.4 signed');

describe('attaching a document', () => {
  it('stores ../../etc/passwd.pdf as passwd.pdf inside the documents folder, with its extension', async () => {
    const a = await wb.call('agreements:create', agreementFixture(partnerId));
    const saved = await wb.call('agreements:attach', { id: a.id, revision: a.revision, fileName: '../../etc/passwd.pdf', base64: pdf.toString('base64') });
    expect(saved.document?.fileName).toBe('passwd.pdf');
    const sha = createHash('sha256').update(pdf).digest('hex');
    expect(await files()).toEqual([keptAs(sha, 'pdf')]);
  });

  it('serves the type of the allow-list, never the one claimed (a CRLF cannot reach a header)', async () => {
    const a = await wb.call('agreements:create', agreementFixture(partnerId));
    await wb.call('agreements:attach', {
      id: a.id,
      revision: a.revision,
      fileName: 'scan.png',
      mimeType: 'text/html\r\nSet-Cookie: x=1',
      base64: pdf.toString('base64'),
    });
    const download = await wb.call('agreements:download', { id: a.id });
    expect(download).toMatchObject({ fileName: 'scan.png', mimeType: 'image/png' });
  });

  it('refuses an executable or a name with nothing left, beside the document field, writing nothing', async () => {
    const a = await wb.call('agreements:create', agreementFixture(partnerId));
    const before = await tableCounts(wb);
    for (const [fileName, message] of [
      ['协议\u202Efdp.exe', 'Attach a PDF, OFD, Word, Excel, text or image file'],
      ['\u0000../', 'The file has no usable name'],
    ] as const) {
      const result = await wb.invoke('agreements:attach', { id: a.id, revision: a.revision, fileName, base64: pdf.toString('base64') });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.fieldErrors).toEqual({ document: message });
    }
    expect(await tableCounts(wb)).toEqual(before);
    expect(await files()).toEqual([]);
  });

  it.skipIf(onPostgres)(`opens a document an earlier version stored without extension through a copy that has one ${SQLITE_ONLY}`, async () => {
    const a = await wb.call('agreements:create', agreementFixture(partnerId));
    const saved = await wb.call('agreements:attach', { id: a.id, revision: a.revision, fileName: '协议.pdf', base64: pdf.toString('base64') });
    const sha = saved.document!.sha256;
    // What the earlier version left: the bare SHA-256 file only.
    const dir = join(wb.ctx.dataDir, 'documents');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, sha), pdf);
    rmSync(join(dir, `${sha}.pdf`));
    const opened: string[] = [];
    wb.ctx.platform.openFile = async (path) => void opened.push(path);
    expect(await wb.call('agreements:open', { id: a.id })).toEqual({ opened: true });
    expect(opened).toEqual([join(dir, `${sha}.pdf`)]);
    expect(await files()).toEqual([sha, `${sha}.pdf`]);
    const latest = await wb.call('agreements:get', { id: a.id });
    await wb.call('agreements:detach', { id: a.id, revision: latest.revision });
    expect(await files()).toEqual([]);
  });

  it.skipIf(onPostgres)(`keeps the same bytes under each extension they were attached with, until each is released ${SQLITE_ONLY}`, async () => {
    const a = await wb.call('agreements:create', agreementFixture(partnerId));
    const b = await wb.call('agreements:create', agreementFixture(partnerId, { referenceNo: 'NDA-2' }));
    const base64 = pdf.toString('base64');
    await wb.call('agreements:attach', { id: a.id, revision: a.revision, fileName: 'a.pdf', base64 });
    const b2 = await wb.call('agreements:attach', { id: b.id, revision: b.revision, fileName: 'b.txt', base64 });
    expect(await files()).toHaveLength(2);
    await wb.call('agreements:detach', { id: b2.id, revision: b2.revision });
    expect((await files()).map((f) => f.slice(64))).toEqual(['.pdf']);
  });

  it.skipIf(!onPostgres)('keeps the same bytes once in a team register, whatever extensions they came under, until no agreement keeps them', async () => {
    const a = await wb.call('agreements:create', agreementFixture(partnerId));
    const b = await wb.call('agreements:create', agreementFixture(partnerId, { referenceNo: 'NDA-2' }));
    const base64 = pdf.toString('base64');
    const a2 = await wb.call('agreements:attach', { id: a.id, revision: a.revision, fileName: 'a.pdf', base64 });
    const b2 = await wb.call('agreements:attach', { id: b.id, revision: b.revision, fileName: 'b.txt', base64 });
    const sha = a2.document!.sha256;
    expect(await files()).toEqual([sha]);
    await wb.call('agreements:detach', { id: b2.id, revision: b2.revision });
    expect(await files()).toEqual([sha]);
    expect(Buffer.from((await wb.call('agreements:download', { id: a.id })).base64, 'base64').equals(pdf)).toBe(true);
    await wb.call('agreements:delete', { id: a2.id, revision: a2.revision });
    expect(await files()).toEqual([]);
  });
});
