/**
 * Taking a request in by email: reading the message into the form's values (nothing written), and
 * logging the request with the message and its attachments kept beside it, in one transaction.
 * The files kept with requests, listed, downloaded, and removed with the requester's data.
 */
import type { z } from 'zod';
import type { DocumentDownload } from '@shared/domain/agreements';
import type { EmailPrefill, RequestAttachment, RequestAttachmentKind, emailParseInput, requestFromEmailInput } from '@shared/domain/request-email';
import type { Request } from '@shared/domain/requests';
import { AppError } from '../errors';
import { nowIso, type CoreContext } from '../context';
import type { Executor } from '../db/executor';
import { decodeUpload, documentExtension, readDocument, releaseStoredFile, storeDocument, type StoredDocument } from '../agreements/documents';
import { parseRequestEmail, type EmailFile, type ParsedEmail } from './email-message';
import { REQUEST_FILES, REQUEST_FILE_TYPES } from './attachment-files';
import { logRequest } from './intake.service';
import { refuseFuture } from './request-records';
import {
  findRequestAttachment,
  findRequestAttachments,
  findRequestByMessageId,
  insertRequestAttachments,
} from './request-attachments.repository';

async function readUpload(ctx: CoreContext, input: { fileName: string; base64: string }): Promise<ParsedEmail> {
  return parseRequestEmail(input.fileName, decodeUpload(input.base64), ctx.clock.now());
}

async function duplicateOf(db: Executor, messageId: string | null) {
  return messageId ? ((await findRequestByMessageId(db, messageId)) ?? null) : null;
}

/** What a request email fills in; nothing is written. */
export async function previewRequestEmail(ctx: CoreContext, input: z.output<typeof emailParseInput>): Promise<EmailPrefill> {
  const parsed = await readUpload(ctx, input);
  return { ...parsed.prefill, duplicateOf: await duplicateOf(ctx.db, parsed.prefill.messageId) };
}

/** Removes a file that this save wrote and that nothing refers to (the save failed, or its last user went). */
async function releaseFiles(ctx: CoreContext, files: Array<{ sha256: string; fileName: string }>): Promise<void> {
  for (const file of files) await releaseStoredFile(ctx, file, REQUEST_FILES);
}

/** Releases, after a purge, the files its deleted rows named (the ones no other request still keeps). */
export async function releaseRequestFiles(ctx: CoreContext, files: Array<{ sha256: string; file_name: string }>): Promise<void> {
  await releaseFiles(
    ctx,
    files.map((f) => ({ sha256: f.sha256, fileName: f.file_name })),
  );
}

/**
 * Logs a request from an email: the values as the user checked them, with the original message and
 * the attachments that may be kept stored beside it. The files are kept by hash (a second copy
 * costs nothing) in the request's own transaction: in a team register their bytes commit with the
 * rows, in a register file's folder a failed save removes the files it wrote.
 */
export async function createRequestFromEmail(ctx: CoreContext, input: z.output<typeof requestFromEmailInput>): Promise<Request> {
  refuseFuture(input.request.receivedAt, ctx, 'receivedAt');
  const parsed = await readUpload(ctx, input.email);
  const files: Array<{ file: EmailFile; kind: RequestAttachmentKind; stored: StoredDocument }> = [];
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      files.push({ file: parsed.original, kind: 'original_message', stored: await storeDocument(ctx, trx, parsed.original.bytes, parsed.original.extension, REQUEST_FILES) });
      for (const file of parsed.attachments) files.push({ file, kind: 'attachment', stored: await storeDocument(ctx, trx, file.bytes, file.extension, REQUEST_FILES) });
      const request = await logRequest(trx, ctx, input.request);
      const now = nowIso(ctx);
      await insertRequestAttachments(
        trx,
        files.map(({ file, kind, stored }) => ({
          request_id: request.id,
          kind,
          file_name: file.fileName,
          mime_type: file.mimeType,
          size: stored.size,
          sha256: stored.sha256,
          message_id: kind === 'original_message' ? parsed.prefill.messageId : null,
          created_at: now,
        })),
      );
      return request;
    });
  } catch (error) {
    await releaseFiles(
      ctx,
      files.filter((f) => f.stored.created).map((f) => ({ sha256: f.stored.sha256, fileName: f.file.fileName })),
    );
    throw error;
  }
}

export async function listRequestAttachments(ctx: CoreContext, requestId: number): Promise<RequestAttachment[]> {
  const rows = await findRequestAttachments(ctx.db, requestId);
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind as RequestAttachmentKind,
    fileName: r.file_name,
    mimeType: r.mime_type,
    size: r.size,
    sha256: r.sha256,
    createdAt: r.created_at,
  }));
}

export async function downloadRequestAttachment(ctx: CoreContext, id: number): Promise<DocumentDownload> {
  const row = await findRequestAttachment(ctx.db, id);
  if (!row) throw new AppError('NOT_FOUND', { key: 'requests:email.attachmentNotFound', params: { id } });
  let bytes: Buffer;
  try {
    bytes = await readDocument(ctx, row.sha256, documentExtension(row.file_name, REQUEST_FILE_TYPES), REQUEST_FILES);
  } catch {
    throw new AppError('NOT_FOUND', { key: 'errors:documentMissing', params: { name: row.file_name } });
  }
  return { fileName: row.file_name, mimeType: row.mime_type, base64: bytes.toString('base64') };
}
