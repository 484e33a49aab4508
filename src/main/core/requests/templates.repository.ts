import type { Selectable } from 'kysely';
import type { ReplyTemplatesTable } from '../db/schema';
import type { Executor } from '../db/executor';

export type ReplyTemplateRow = Selectable<ReplyTemplatesTable>;

export function findAllReplyTemplates(db: Executor): Promise<ReplyTemplateRow[]> {
  return db.selectFrom('reply_templates').selectAll().orderBy('id').execute();
}

export function findReplyTemplate(db: Executor, kind: string, language: string): Promise<ReplyTemplateRow | undefined> {
  return db.selectFrom('reply_templates').selectAll().where('kind', '=', kind).where('language', '=', language).executeTakeFirst();
}

export async function insertReplyTemplate(db: Executor, row: Omit<ReplyTemplateRow, 'id'>): Promise<ReplyTemplateRow> {
  return db.insertInto('reply_templates').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateReplyTemplate(db: Executor, id: number, changes: Pick<ReplyTemplateRow, 'subject' | 'body' | 'updated_at'>): Promise<ReplyTemplateRow> {
  return db.updateTable('reply_templates').set(changes).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export async function deleteReplyTemplate(db: Executor, id: number): Promise<void> {
  await db.deleteFrom('reply_templates').where('id', '=', id).execute();
}
