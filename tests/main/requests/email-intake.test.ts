import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import type { Request } from '../../../src/shared/domain/requests';
import { makeWorkbench, tableCounts, type TestWorkbench } from '../../helpers/workbench';
import { keptAs, keptFiles as keptIn } from '../../helpers/kept-files';

let wb: TestWorkbench;
beforeEach(async () => {
  wb = await makeWorkbench();
});
afterEach(async () => {
  await wb.close();
});

const PDF = Buffer.from('%PDF-1.4 身份证复印件');
/** A GBK request email with one PDF attached, as a mail client would save it. */
function requestEmail(messageId: string, pdf = PDF, date = 'Mon, 16 Nov 2026 09:15:00 +0800'): Buffer {
  const word = (text: string) => `=?GBK?B?${iconv.encode(text, 'GBK').toString('base64')}?=`;
  return Buffer.from(
    [
      `From: ${word('王小明')} <wang@example.cn>`,
      `Subject: ${word('申请删除个人信息')}`,
      `Date: ${date}`,
      `Message-ID: <${messageId}>`,
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="xyz"',
      '',
      '--xyz',
      'Content-Type: text/plain; charset=GBK',
      'Content-Transfer-Encoding: base64',
      '',
      iconv.encode('请删除我的全部个人信息。', 'GBK').toString('base64'),
      '--xyz',
      'Content-Type: application/pdf',
      `Content-Disposition: attachment; filename="${word('身份证明.pdf')}"`,
      'Content-Transfer-Encoding: base64',
      '',
      pdf.toString('base64'),
      '--xyz--',
      '',
    ].join('\r\n'),
    'latin1',
  );
}
const upload = (bytes: Buffer, fileName = '申请.eml') => ({ fileName, base64: bytes.toString('base64') });
const keptFiles = () => keptIn(wb.ctx, 'request-files');

async function logFromEmail(bytes: Buffer): Promise<Request> {
  const prefill = await wb.call('requests:parseEmail', upload(bytes));
  return wb.call('requests:createFromEmail', { request: { ...prefill.values, accountRef: '', concernsMinor: false, assignee: '' }, email: upload(bytes) });
}

describe('taking a request in by email', () => {
  it('previews the prefill and writes nothing', async () => {
    const before = await tableCounts(wb);
    const prefill = await wb.call('requests:parseEmail', upload(requestEmail('m1@example.cn')));
    expect(prefill.values).toMatchObject({ channel: 'email', requesterName: '王小明', requesterContact: 'wang@example.cn', kind: 'deletion', receivedAt: '2026-11-16T01:15:00.000Z' });
    expect(prefill.attachments).toEqual([{ fileName: '身份证明.pdf', mimeType: 'application/pdf', size: PDF.length }]);
    expect(prefill.duplicateOf).toBeNull();
    expect(await tableCounts(wb)).toEqual(before);
    expect(await keptFiles()).toEqual([]);
  });

  it('keeps the original message and its attachment with the request, downloadable byte for byte', async () => {
    const eml = requestEmail('m1@example.cn');
    const request = await logFromEmail(eml);
    expect(request.reference).toBe('REQ-2026-0001');
    const files = await wb.call('requests:attachments', { id: request.id });
    expect(files.map((f) => [f.kind, f.fileName, f.mimeType, f.size])).toEqual([
      ['original_message', '申请.eml', 'message/rfc822', eml.length],
      ['attachment', '身份证明.pdf', 'application/pdf', PDF.length],
    ]);
    const original = await wb.call('requests:downloadAttachment', { id: files[0]!.id });
    expect(Buffer.from(original.base64, 'base64').equals(eml)).toBe(true);
    const pdf = await wb.call('requests:downloadAttachment', { id: files[1]!.id });
    expect(Buffer.from(pdf.base64, 'base64').equals(PDF)).toBe(true);
    expect(await keptFiles()).toEqual([keptAs(files[0]!.sha256, 'eml'), keptAs(files[1]!.sha256, 'pdf')].sort());
  });

  it('flags the same message taken in again, naming the request it was logged as', async () => {
    const eml = requestEmail('same@example.cn');
    const first = await logFromEmail(eml);
    const again = await wb.call('requests:parseEmail', upload(eml));
    expect(again.duplicateOf).toEqual({ id: first.id, reference: 'REQ-2026-0001' });
  });

  it('writes neither the request nor its files when the values are refused', async () => {
    const before = await tableCounts(wb);
    const eml = requestEmail('m2@example.cn');
    const prefill = await wb.call('requests:parseEmail', upload(eml));
    const refused = await wb.invoke('requests:createFromEmail', { request: { ...prefill.values, requesterContact: 'not a contact' }, email: upload(eml) });
    expect(refused.ok).toBe(false);
    const future = await wb.invoke('requests:createFromEmail', { request: { ...prefill.values, receivedAt: '2027-01-01T00:00:00Z' }, email: upload(eml) });
    expect(future).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await tableCounts(wb)).toEqual(before);
    expect(await keptFiles()).toEqual([]);
  });

  it('removes the files with the requester’s data at the retention purge, keeping a file another request still holds', async () => {
    wb.setNow('2022-03-01T02:00:00Z');
    const shared = Buffer.from('%PDF-1.4 the same scan, sent twice');
    let old = await logFromEmail(requestEmail('old@example.cn', shared, 'Tue, 1 Mar 2022 09:00:00 +0800'));
    old = await wb.call('requests:act', { id: old.id, revision: old.revision, action: 'withdraw', reason: '本人撤回' } as never);
    old = await wb.call('requests:act', { id: old.id, revision: old.revision, action: 'close' } as never);
    wb.setNow('2026-11-17T06:30:00Z');
    const recent = await logFromEmail(requestEmail('new@example.cn', shared));
    const oldFiles = await wb.call('requests:attachments', { id: old.id });
    const recentFiles = await wb.call('requests:attachments', { id: recent.id });
    expect(await keptFiles()).toHaveLength(3); // two messages, one PDF kept once

    expect((await wb.call('requests:purge', {})).anonymised).toBe(1);
    expect(await wb.call('requests:attachments', { id: old.id })).toEqual([]);
    expect(await keptFiles()).toEqual([keptAs(recentFiles[0]!.sha256, 'eml'), keptAs(recentFiles[1]!.sha256, 'pdf')].sort());
    expect(await keptFiles()).not.toContain(keptAs(oldFiles[0]!.sha256, 'eml'));
    const download = await wb.invoke('requests:downloadAttachment', { id: oldFiles[0]!.id });
    expect(download).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
