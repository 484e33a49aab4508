import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { parseRequestEmail, receivedAtOf } from '../../../src/main/core/requests/email-message';
import { suggestKind } from '../../../src/main/core/requests/email-kinds';
import { MAX_REQUEST_DETAILS } from '../../../src/shared/domain/requests';

const NOW = new Date('2026-11-17T06:30:00.000Z');

/** An RFC 2047 encoded word of `text` in `charset`, base64 (`B`) or quoted-printable (`Q`). */
function encodedWord(text: string, charset: string, encoding: 'B' | 'Q' = 'B'): string {
  const bytes = iconv.encode(text, charset);
  if (encoding === 'B') return `=?${charset}?B?${bytes.toString('base64')}?=`;
  const q = Array.from(bytes, (b) => (b > 0x20 && b < 0x7f && b !== 0x3d && b !== 0x3f && b !== 0x5f ? String.fromCharCode(b) : `=${b.toString(16).toUpperCase().padStart(2, '0')}`)).join('');
  return `=?${charset}?Q?${q}?=`;
}

/** Quoted-printable of bytes, in lines of at most 76 characters with soft breaks. */
function quotedPrintable(bytes: Buffer): string {
  let out = '';
  let line = '';
  for (const b of bytes) {
    const piece = b === 0x0a ? '\n' : b >= 0x21 && b <= 0x7e && b !== 0x3d ? String.fromCharCode(b) : b === 0x20 ? ' ' : `=${b.toString(16).toUpperCase().padStart(2, '0')}`;
    if (piece === '\n') {
      out += `${line}\r\n`;
      line = '';
      continue;
    }
    if (line.length + piece.length > 75) {
      out += `${line}=\r\n`;
      line = '';
    }
    line += piece;
  }
  return out + line;
}

interface MessageParts {
  from: string;
  subject: string;
  date?: string | null;
  messageId?: string;
  body: Buffer;
  charset: string;
  encoding: 'base64' | 'quoted-printable' | '8bit';
  contentType?: string;
  attachments?: Array<{ name: string; type: string; bytes: Buffer }>;
}

function message(parts: MessageParts): Buffer {
  const headers = [`From: ${parts.from}`, 'To: privacy@example.cn', `Subject: ${parts.subject}`];
  if (parts.date !== null) headers.push(`Date: ${parts.date ?? 'Mon, 16 Nov 2026 09:15:00 +0800'}`);
  if (parts.messageId) headers.push(`Message-ID: ${parts.messageId}`);
  headers.push('MIME-Version: 1.0');
  const bodyText =
    parts.encoding === 'base64' ? parts.body.toString('base64').replace(/.{76}/g, '$&\r\n') : parts.encoding === 'quoted-printable' ? quotedPrintable(parts.body) : parts.body.toString('latin1');
  const bodyPart = [`Content-Type: ${parts.contentType ?? 'text/plain'}; charset=${parts.charset}`, `Content-Transfer-Encoding: ${parts.encoding}`, '', bodyText];
  if (!parts.attachments?.length) return Buffer.from([...headers, ...bodyPart, ''].join('\r\n'), 'latin1');
  const boundary = 'b-1234567890';
  const lines = [...headers, `Content-Type: multipart/mixed; boundary="${boundary}"`, '', `--${boundary}`, ...bodyPart];
  for (const a of parts.attachments) {
    lines.push(`--${boundary}`, `Content-Type: ${a.type}`, `Content-Disposition: attachment; filename="${/^[\x20-\x7e]*$/.test(a.name) ? a.name : encodedWord(a.name, 'GBK')}"`, 'Content-Transfer-Encoding: base64', '', a.bytes.toString('base64'));
  }
  lines.push(`--${boundary}--`, '');
  return Buffer.from(lines.join('\r\n'), 'latin1');
}

describe('parseRequestEmail: charsets', () => {
  it('decodes a GB2312 sender and subject (encoded words) and a quoted-printable GB2312 body', async () => {
    const eml = message({
      from: `${encodedWord('张三丰', 'GB2312')} <Zhang.SanFeng@Example.cn>`,
      subject: encodedWord('请删除我的个人信息', 'GB2312'),
      body: iconv.encode('您好：\n我已不再使用贵公司的服务，请删除我的手机号和订单记录。\n张三丰', 'GB2312'),
      charset: 'GB2312',
      encoding: 'quoted-printable',
      messageId: '<20261116.abc@mail.example.cn>',
    });
    const { prefill } = await parseRequestEmail('request.eml', eml, NOW);
    expect(prefill.sender).toEqual({ name: '张三丰', address: 'zhang.sanfeng@example.cn' });
    expect(prefill.values).toMatchObject({ channel: 'email', requesterName: '张三丰', requesterContact: 'zhang.sanfeng@example.cn', kind: 'deletion' });
    expect(prefill.values.receivedAt).toBe('2026-11-16T01:15:00.000Z');
    expect(prefill.receivedAtFallback).toBeNull();
    expect(prefill.values.details).toBe('请删除我的个人信息\n\n您好：\n我已不再使用贵公司的服务，请删除我的手机号和订单记录。\n张三丰');
    expect(prefill.messageId).toBe('20261116.abc@mail.example.cn');
    expect(prefill.kindKeyword).toBe('删除');
  });

  it('decodes GBK and GB18030 characters outside GB2312 (a base64 body, Q-encoded subject)', async () => {
    const eml = message({
      from: `${encodedWord('李喆', 'GBK', 'Q')} <li@example.cn>`,
      subject: encodedWord('更正姓名：堃', 'GB18030', 'Q'),
      body: iconv.encode('我的名字是“李喆”，不是“李哲”，请更正。𠀀', 'GB18030'),
      charset: 'GB18030',
      encoding: 'base64',
    });
    const { prefill } = await parseRequestEmail('x.eml', eml, NOW);
    expect(prefill.sender.name).toBe('李喆');
    expect(prefill.subject).toBe('更正姓名：堃');
    expect(prefill.values.details).toContain('我的名字是“李喆”，不是“李哲”，请更正。𠀀');
    expect(prefill.values.kind).toBe('correction');
  });

  it('decodes a Big5 sender, subject and body (traditional characters)', async () => {
    const eml = message({
      from: `${encodedWord('陳大文', 'Big5')} <chan@example.com.tw>`,
      subject: encodedWord('申請查詢個人資料', 'Big5'),
      body: iconv.encode('請提供貴公司保存的我的個人資料副本。', 'Big5'),
      charset: 'Big5',
      encoding: 'base64',
    });
    const { prefill } = await parseRequestEmail('x.eml', eml, NOW);
    expect(prefill.sender.name).toBe('陳大文');
    expect(prefill.subject).toBe('申請查詢個人資料');
    expect(prefill.values.details).toContain('請提供貴公司保存的我的個人資料副本。');
    expect(prefill.values.kind).toBe('access_copy');
  });

  it('decodes UTF-8 headers and an 8-bit body; HTML alone is reduced to text', async () => {
    const eml = message({
      from: `${encodedWord('Ana María', 'UTF-8', 'Q')} <ana@example.com>`,
      subject: 'Please close my account',
      body: Buffer.from('<html><body><p>Hello,</p><p>please <b>close my account</b> and remove my data.</p><script>x()</script></body></html>', 'utf8'),
      charset: 'UTF-8',
      encoding: '8bit',
      contentType: 'text/html',
    });
    const { prefill } = await parseRequestEmail('x.eml', eml, NOW);
    expect(prefill.sender.name).toBe('Ana María');
    expect(prefill.values.details).toMatch(/^Please close my account\n\nHello,\n+please close my account and remove my data\./);
    expect(prefill.values.details).not.toContain('<');
    expect(prefill.values.kind).toBe('account_cancellation');
  });
});

describe('parseRequestEmail: what the form gets', () => {
  const base = { from: 'someone@example.com', subject: 'Hello', body: Buffer.from('A question.'), charset: 'UTF-8', encoding: '8bit' as const };

  it('reads the kind from the subject before the body', async () => {
    const eml = message({ ...base, subject: encodedWord('申请删除个人信息', 'UTF-8'), body: Buffer.from('我已注销会员卡，请删除购物记录。'), encoding: 'base64' });
    expect((await parseRequestEmail('x.eml', eml, NOW)).prefill.values.kind).toBe('deletion');
  });

  it('uses the address as the name when the sender gives none, and suggests `other` when no word matches', async () => {
    const { prefill } = await parseRequestEmail('x.eml', message(base), NOW);
    expect(prefill.values.requesterName).toBe('someone@example.com');
    expect(prefill.sender.name).toBe('');
    expect(prefill.values.kind).toBe('other');
    expect(prefill.kindKeyword).toBeNull();
  });

  it.each([
    [null, 'missing'],
    ['next Tuesday-ish', 'unparseable'],
    ['Mon, 1 Jan 1850 10:00:00 +0000', 'implausible'],
    ['Tue, 17 Nov 2026 14:40:00 +0800', 'implausible'], // ten minutes after NOW
  ] as const)('falls back to now, saying why, for the Date %s', async (date, reason) => {
    const { prefill } = await parseRequestEmail('x.eml', message({ ...base, date }), NOW);
    expect(prefill.values.receivedAt).toBe(NOW.toISOString());
    expect(prefill.receivedAtFallback).toBe(reason);
  });

  it('keeps a Date less than a minute ahead of the clock (two machines a little apart)', () => {
    expect(receivedAtOf('Tue, 17 Nov 2026 14:30:30 +0800', NOW)).toEqual({ receivedAt: '2026-11-17T06:30:30.000Z', fallback: null });
  });

  it('cuts a long body to the details field and says so', async () => {
    const body = Buffer.from('数'.repeat(MAX_REQUEST_DETAILS + 500), 'utf8');
    const { prefill } = await parseRequestEmail('x.eml', message({ ...base, body, encoding: 'base64' }), NOW);
    expect(Array.from(prefill.values.details)).toHaveLength(MAX_REQUEST_DETAILS);
    expect(prefill.detailsTruncated).toBe(true);
  });

  it('keeps attachments of allowed types and says which others are left out', async () => {
    const pdf = Buffer.from('%PDF-1.4 身份证明');
    const { prefill, attachments, original } = await parseRequestEmail(
      '../../申请.eml',
      message({
        ...base,
        attachments: [
          { name: '身份证明.pdf', type: 'application/pdf', bytes: pdf },
          { name: 'run.exe', type: 'application/octet-stream', bytes: Buffer.from('MZ') },
        ],
      }),
      NOW,
    );
    expect(original).toMatchObject({ fileName: '申请.eml', mimeType: 'message/rfc822', extension: 'eml' });
    expect(attachments.map((a) => [a.fileName, a.mimeType, a.bytes.equals(pdf)])).toEqual([['身份证明.pdf', 'application/pdf', true]]);
    expect(prefill.skippedAttachments).toEqual([{ fileName: 'run.exe', mimeType: 'application/octet-stream', size: 2, reason: 'type' }]);
  });

  it('refuses a file that is not .eml or .msg, and a .msg that is not one, beside the email field', async () => {
    await expect(parseRequestEmail('x.txt', message(base), NOW)).rejects.toMatchObject({ code: 'VALIDATION', fieldErrors: { email: { key: 'validation.emailType' } } });
    await expect(parseRequestEmail('x.msg', Buffer.from('not a compound file'), NOW)).rejects.toMatchObject({ code: 'VALIDATION', fieldErrors: { email: { key: 'validation.emailUnreadable' } } });
  });
});

describe('suggestKind', () => {
  it.each([
    ['我要撤回同意，不再接收营销短信', 'withdraw_consent'],
    ['申请注销账号并删除全部信息', 'account_cancellation'],
    ['请删除我的订单记录', 'deletion'],
    ['请将我的数据转移到另一家平台', 'portability'],
    ['地址有误，请更正', 'correction'],
    ['我想查询你们收集了我的哪些信息', 'access_copy'],
    ['请复制一份我的数据给我', 'access_copy'],
    ['I withdraw my consent to marketing', 'withdraw_consent'],
    ['Please delete my account', 'account_cancellation'],
    ['Right to erasure: erase my data', 'deletion'],
    ['Data portability request', 'portability'],
    ['Please rectify my address', 'correction'],
    ['Subject access request: a copy of my data', 'access_copy'],
    ['Deleted? No — I only want to ask about your hours', 'other'],
    // Words that are in most emails, read only with what they act on (seen in real list mail).
    ['I could not access the server after the transfer; please correct the config and delete the old one', 'other'],
    ['What personal data do you hold about me?', 'access_copy'],
    ['Please update my phone number', 'correction'],
  ] as const)('%s → %s', (text, kind) => {
    expect(suggestKind(text).kind).toBe(kind);
  });
});
