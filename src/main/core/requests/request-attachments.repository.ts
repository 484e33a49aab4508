import type { Executor } from '../db/executor';

export interface RequestAttachmentRow {
  id: number;
  request_id: number;
  kind: string;
  file_name: string;
  mime_type: string;
  size: number;
  sha256: string;
  message_id: string | null;
  created_at: string;
}

export async function insertRequestAttachments(db: Executor, rows: Array<Omit<RequestAttachmentRow, 'id'>>): Promise<void> {
  if (rows.length > 0) await db.insertInto('request_attachments').values(rows).execute();
}

export async function findRequestAttachments(db: Executor, requestId: number): Promise<RequestAttachmentRow[]> {
  return db.selectFrom('request_attachments').selectAll().where('request_id', '=', requestId).orderBy('id').execute();
}

export async function findRequestAttachment(db: Executor, id: number): Promise<RequestAttachmentRow | undefined> {
  return db.selectFrom('request_attachments').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The request an email with this Message-ID was logged as, if any (the earliest). */
export async function findRequestByMessageId(db: Executor, messageId: string): Promise<{ id: number; reference: string } | undefined> {
  return db
    .selectFrom('request_attachments as a')
    .innerJoin('requests as r', 'r.id', 'a.request_id')
    .select(['r.id', 'r.reference'])
    .where('a.message_id', '=', messageId)
    .orderBy('r.id')
    .executeTakeFirst();
}
