/**
 * Reading a request email: an `.eml` (MIME, any charset mailparser's iconv-lite knows — GB2312/GBK/
 * GB18030, Big5, UTF-8 — in headers and bodies) or an Outlook `.msg`, into the values the intake
 * form starts from. Pure apart from the parsing libraries: nothing is written here.
 */
import { simpleParser, type ParsedMail } from 'mailparser';
import * as msgreaderModule from '@kenjiuno/msgreader';
import { MAX_DOCUMENT_BYTES } from '@shared/domain/agreements';
import { MAX_REQUEST_DETAILS } from '@shared/domain/requests';
import type { EmailAttachmentPreview, EmailPrefill, ReceivedAtFallback, SkippedAttachmentReason } from '@shared/domain/request-email';
import { AppError } from '../errors';
import { suggestKind } from './email-kinds';
import { attachmentIdentity, originalMessageIdentity } from './attachment-files';

export interface EmailFile extends EmailAttachmentPreview {
  bytes: Buffer;
  extension: string;
}

export interface ParsedEmail {
  prefill: Omit<EmailPrefill, 'duplicateOf'>;
  original: EmailFile;
  attachments: EmailFile[];
}

const REQUESTER_NAME_MAX = 100;
/** Control characters a request's details may not hold (tab and line feed stay). */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const EARLIEST_DATE_MS = Date.UTC(1900, 0, 1);
/** The same minute's grace intake gives a clock that differs slightly between two machines. */
const FUTURE_GRACE_MS = 60_000;

function cleanText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(CONTROL, '').replace(LONE_SURROGATE, '');
}
const oneLine = (text: string) => cleanText(text).replace(/\s+/g, ' ').trim();

/** The received time: the message's `Date` when it is one that can be true, else now with the reason. */
export function receivedAtOf(raw: string | null | undefined, now: Date): { receivedAt: string; fallback: ReceivedAtFallback | null } {
  if (!raw || !raw.trim()) return { receivedAt: now.toISOString(), fallback: 'missing' };
  const ms = new Date(raw.trim()).getTime();
  if (Number.isNaN(ms)) return { receivedAt: now.toISOString(), fallback: 'unparseable' };
  if (ms < EARLIEST_DATE_MS || ms > now.getTime() + FUTURE_GRACE_MS) return { receivedAt: now.toISOString(), fallback: 'implausible' };
  return { receivedAt: new Date(ms).toISOString(), fallback: null };
}

/** Subject, a blank line, then the body: cut to the details field's length when longer. */
export function detailsOf(subject: string, body: string): { details: string; truncated: boolean } {
  const full = [subject, cleanText(body).replace(/[ \t]+\n/g, '\n').replace(/\n{3,}/g, '\n\n').trim()].filter(Boolean).join('\n\n');
  const chars = Array.from(full);
  if (chars.length <= MAX_REQUEST_DETAILS) return { details: full, truncated: false };
  return { details: chars.slice(0, MAX_REQUEST_DETAILS).join('').trimEnd(), truncated: true };
}

interface RawMessage {
  senderName: string;
  senderAddress: string;
  subject: string;
  body: string;
  dateHeader: string | null;
  messageId: string | null;
  files: Array<{ fileName: string; bytes: Buffer }>;
}

function refuseUnreadable(): never {
  throw new AppError('VALIDATION', { key: 'requests:email.unreadable' }, { email: { key: 'validation.emailUnreadable' } });
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Headers written as raw 8-bit text rather than MIME words, as older clients did (Foxmail and
 * Outlook Express in GBK, Eudora in Latin-1): the parser reads header bytes as UTF-8 and turns them
 * into U+FFFD. Each header line of the message that is not valid UTF-8 is decoded in the charset the
 * message declares for its text (the first `charset=`), else in GB18030, and handed on as UTF-8. A
 * line holding MIME words (`=?…?=`) is left to the parser, which decodes them in their own charset;
 * so is the body, in its own.
 */
export function withDecodedHeaders(bytes: Buffer): Buffer {
  const headerEnd = /\r?\n\r?\n/.exec(bytes.toString('latin1'));
  const end = headerEnd ? headerEnd.index : bytes.length;
  const header = bytes.subarray(0, end);
  if (!header.some((b) => b >= 0x80)) return bytes;
  const declared = /charset\s*=\s*"?([A-Za-z0-9_.:-]+)/i.exec(bytes.subarray(0, Math.min(bytes.length, 64 * 1024)).toString('latin1'))?.[1];
  let decoder: InstanceType<typeof TextDecoder>;
  try {
    decoder = new TextDecoder(declared && !/^(us-)?ascii$|^utf-?8$/i.test(declared) ? declared : 'gb18030');
  } catch {
    decoder = new TextDecoder('gb18030');
  }
  let changed = false;
  const lines: Buffer[] = [];
  let start = 0;
  while (start < header.length) {
    const newline = header.indexOf(0x0a, start);
    const stop = newline === -1 ? header.length : newline + 1;
    const line = header.subarray(start, stop);
    start = stop;
    if (!line.some((b) => b >= 0x80) || line.includes('=?')) {
      lines.push(line);
      continue;
    }
    try {
      UTF8.decode(line);
      lines.push(line);
    } catch {
      lines.push(Buffer.from(decoder.decode(line), 'utf8'));
      changed = true;
    }
  }
  return changed ? Buffer.concat([...lines, bytes.subarray(end)]) : bytes;
}

async function readEml(bytes: Buffer): Promise<RawMessage> {
  let mail: ParsedMail;
  try {
    mail = await simpleParser(withDecodedHeaders(bytes), { skipImageLinks: true, skipTextToHtml: true });
  } catch {
    refuseUnreadable();
  }
  // A message with neither a sender nor a subject nor a body is not a message (a stray text file).
  if (!mail.from && !mail.subject && !mail.text && !mail.html) refuseUnreadable();
  const from = mail.from?.value[0];
  // mailparser replaces a Date it cannot read by the time of parsing: the raw header line says what was there.
  const dateLine = mail.headerLines.find((h) => h.key === 'date')?.line ?? null;
  return {
    senderName: from?.name ?? '',
    senderAddress: from?.address ?? '',
    subject: mail.subject ?? '',
    body: mail.text ?? '',
    dateHeader: dateLine ? dateLine.replace(/^date:\s*/i, '') : null,
    messageId: mail.messageId ?? null,
    files: mail.attachments
      .filter((a) => a.contentDisposition !== 'inline' || Boolean(a.filename))
      .map((a, i) => ({ fileName: a.filename ?? `attachment-${i + 1}`, bytes: a.content })),
  };
}

type MsgReaderClass = typeof msgreaderModule.default;
/** The class, however the CommonJS module reaches us (bundled, or through Node's ESM interop). */
const MsgReader: MsgReaderClass =
  ((msgreaderModule.default as unknown as { default?: MsgReaderClass }).default ?? msgreaderModule.default) as MsgReaderClass;

/**
 * The Windows code page a non-Unicode `.msg` keeps its strings in, from the message's own code page
 * or, failing that, its internet code page (Outlook writes 50220 ISO-2022-JP for a message whose
 * strings are in 932, 936 GB2312 for 936…). Null for Unicode and Western messages, read as they are.
 */
export function ansiCodePageOf(messageCodepage: number | undefined, internetCodepage: number | undefined): string | null {
  const byInternet: Record<number, number> = { 50220: 932, 50221: 932, 50222: 932, 51932: 932, 20932: 932, 932: 932, 936: 936, 20936: 936, 52936: 936, 54936: 936, 950: 950, 51950: 950, 949: 949, 51949: 949, 50225: 949 };
  const page = messageCodepage ?? (internetCodepage !== undefined ? byInternet[internetCodepage] : undefined);
  return page !== undefined && [932, 936, 949, 950, 1250, 1251, 1253, 1254, 1255, 1256, 1257, 1258, 874].includes(page) ? `cp${page}` : null;
}

function readMsg(bytes: Buffer): RawMessage {
  let reader: InstanceType<MsgReaderClass>;
  let data: ReturnType<InstanceType<MsgReaderClass>['getFileData']>;
  try {
    reader = new MsgReader(new Uint8Array(bytes).buffer);
    data = reader.getFileData();
    const ansi = ansiCodePageOf(data.messageCodepage, data.internetCodepage);
    if (ansi) {
      // Read again with the strings' code page: msgreader reads non-Unicode strings as Latin-1 unless told.
      reader = new MsgReader(new Uint8Array(bytes).buffer);
      reader.parserConfig = { ansiEncoding: ansi };
      data = reader.getFileData();
    }
  } catch {
    refuseUnreadable();
  }
  if (data.error || (!data.senderEmail && !data.senderSmtpAddress && !data.subject && !data.body)) refuseUnreadable();
  const headerDate = /^date:\s*(.+(?:\r?\n[ \t].+)*)/im.exec(data.headers ?? '')?.[1] ?? null;
  const files: RawMessage['files'] = [];
  for (const [i, attachment] of (data.attachments ?? []).entries()) {
    if (attachment.innerMsgContent) continue; // an embedded message has no bytes of its own here
    try {
      const file = reader.getAttachment(attachment);
      files.push({ fileName: file.fileName || `attachment-${i + 1}`, bytes: Buffer.from(file.content) });
    } catch {
      // An attachment msgreader cannot read is left out; the original message still holds it.
    }
  }
  const body = data.body || (data.bodyHtml ? data.bodyHtml.replace(/<[^>]*>/g, ' ') : '');
  return {
    senderName: data.senderName ?? '',
    senderAddress: data.senderSmtpAddress || (data.senderEmail?.includes('@') ? data.senderEmail : '') || '',
    subject: data.subject ?? '',
    body,
    dateHeader: headerDate ?? data.clientSubmitTime ?? data.messageDeliveryTime ?? null,
    messageId: data.messageId ?? null,
    files,
  };
}

/** The message id without its angle brackets and white space; null when there is none. */
export function normaliseMessageId(raw: string | null | undefined): string | null {
  const id = (raw ?? '').trim().replace(/^<|>$/g, '').trim();
  return id ? id.slice(0, 998) : null;
}

/**
 * Reads a request email into the form's values. `fileName` decides the format (`.eml` or `.msg`);
 * `now` is the clock's time, used when the message's own `Date` cannot be.
 */
export async function parseRequestEmail(fileName: string, bytes: Buffer, now: Date): Promise<ParsedEmail> {
  const identity = originalMessageIdentity(fileName);
  const raw = identity.extension === 'msg' ? readMsg(bytes) : await readEml(bytes);

  const subject = oneLine(raw.subject);
  const address = oneLine(raw.senderAddress).toLowerCase();
  const displayName = oneLine(raw.senderName).replace(/^["']|["']$/g, '').trim();
  const name = Array.from(displayName && displayName !== address ? displayName : address).slice(0, REQUESTER_NAME_MAX).join('');
  const { receivedAt, fallback } = receivedAtOf(raw.dateHeader, now);
  const { details, truncated } = detailsOf(subject, raw.body);
  // The subject says what is asked more surely than the body's story: it is read first.
  const fromSubject = suggestKind(subject);
  const suggestion = fromSubject.keyword ? fromSubject : suggestKind(raw.body);

  const attachments: EmailFile[] = [];
  const skipped: EmailPrefill['skippedAttachments'] = [];
  for (const file of raw.files) {
    const kept = attachmentIdentity(file.fileName);
    const preview = { fileName: kept.fileName || file.fileName, mimeType: kept.mimeType ?? 'application/octet-stream', size: file.bytes.length };
    const reason: SkippedAttachmentReason | null =
      file.bytes.length === 0 ? 'empty' : file.bytes.length > MAX_DOCUMENT_BYTES ? 'tooLarge' : !kept.extension ? 'type' : null;
    if (reason) skipped.push({ ...preview, reason });
    else attachments.push({ ...preview, extension: kept.extension!, bytes: file.bytes });
  }
  const original: EmailFile = { fileName: identity.fileName, mimeType: identity.mimeType, size: bytes.length, extension: identity.extension, bytes };
  const preview = (f: EmailFile): EmailAttachmentPreview => ({ fileName: f.fileName, mimeType: f.mimeType, size: f.size });

  return {
    prefill: {
      values: { channel: 'email', receivedAt, requesterName: name, requesterContact: address, kind: suggestion.kind, details },
      sender: { name: displayName, address },
      subject,
      messageId: normaliseMessageId(raw.messageId),
      receivedAtFallback: fallback,
      kindKeyword: suggestion.keyword,
      detailsTruncated: truncated,
      original: preview(original),
      attachments: attachments.map(preview),
      skippedAttachments: skipped,
    },
    original,
    attachments,
  };
}
