import type { Insertable, Selectable } from 'kysely';
import type { AuditLogTable } from '../db/schema';
import type { Executor } from '../context';

export type AuditRow = Selectable<AuditLogTable>;

export async function findLastAuditRow(db: Executor): Promise<AuditRow | undefined> {
  return db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirst();
}

export async function insertAuditRow(db: Executor, row: Insertable<AuditLogTable>): Promise<number> {
  const result = await db.insertInto('audit_log').values(row).returning('id').executeTakeFirstOrThrow();
  return result.id;
}

export async function findAuditRowsForEntity(
  db: Executor,
  entity: string,
  entityId: number,
  limit: number,
  offset: number,
): Promise<AuditRow[]> {
  return db
    .selectFrom('audit_log')
    .selectAll()
    .where('entity', '=', entity)
    .where('entity_id', '=', entityId)
    .orderBy('id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
}

export async function countAuditRowsForEntity(db: Executor, entity: string, entityId: number): Promise<number> {
  const { n } = await db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('entity', '=', entity)
    .where('entity_id', '=', entityId)
    .executeTakeFirstOrThrow();
  return Number(n);
}

/** Rows with id greater than `afterId`, in order: the chain is walked in batches. */
export async function findAuditRowsAfter(db: Executor, afterId: number, limit: number): Promise<AuditRow[]> {
  return db.selectFrom('audit_log').selectAll().where('id', '>', afterId).orderBy('id').limit(limit).execute();
}
