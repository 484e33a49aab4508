import { sql, type Insertable, type Selectable } from 'kysely';
import type { AuditAnchorTable, AuditLogTable } from '../db/schema';
import type { Executor } from '../db/executor';
import { rowsOf } from '../db/query';
import { rawStatement } from '../db/dialect';

export type AuditRow = Selectable<AuditLogTable>;

export async function findLastAuditRow(db: Executor): Promise<AuditRow | undefined> {
  return db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirst();
}

const AUDIT_COLUMNS = ['id', 'at', 'actor', 'entity', 'entity_id', 'action', 'before', 'after', 'prev_hash', 'hash', 'hmac'] as const;
const INSERT_AUDIT_ROW = `insert into audit_log (${AUDIT_COLUMNS.join(', ')}) values (${AUDIT_COLUMNS.map(() => '?').join(', ')}) returning id`;

export async function insertAuditRow(db: Executor, row: Insertable<AuditLogTable> & { id: number }): Promise<number> {
  // Written by hand, as the head above: every audited write appends one, and building the insert costs more than running it.
  const values = row as Record<string, unknown>;
  const [inserted] = await rowsOf<{ id: number }>(db, INSERT_AUDIT_ROW, AUDIT_COLUMNS.map((c) => values[c] ?? null));
  return Number(inserted!.id);
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

/** The last entry's id, hash and time (the head an anchor records). */
export async function findAuditHead(db: Executor): Promise<Pick<AuditRow, 'id' | 'hash' | 'at'> | undefined> {
  // Written by hand, as the next one: each append reads the head, and building the query costs more than running it.
  return (await rowsOf<Pick<AuditRow, 'id' | 'hash' | 'at'>>(db, 'select id, hash, at from audit_log order by id desc limit 1', []))[0];
}

/** The kinds of record (`entity`) of the entries after `afterId` up to and including `upToId`. */
export async function findAuditEntitiesBetween(db: Executor, afterId: number, upToId: number): Promise<string[]> {
  const rows = await db.selectFrom('audit_log').select('entity').distinct().where('id', '>', afterId).where('id', '<=', upToId).execute();
  return rows.map((r) => r.entity).sort();
}

/**
 * How many entries come after `afterId` (all of them with 0), up to and including `upToId` when given.
 * Give the bound whenever the count goes with a head read by another statement: another process may
 * append between the two reads.
 */
export async function countAuditRowsAfter(db: Executor, afterId: number, upToId?: number): Promise<number> {
  // Written by hand: the anchor counts the entries another writer appended, after each of their writes.
  const [row] = await rowsOf<{ n: number }>(
    db,
    upToId === undefined ? 'select count(*) as n from audit_log where id > ?' : 'select count(*) as n from audit_log where id > ? and id <= ?',
    upToId === undefined ? [afterId] : [afterId, upToId],
  );
  return Number(row?.n ?? 0);
}

/**
 * In one statement, what the anchor needs to move on from its head `anchoredId`: the chain's head,
 * the hash the entry `anchoredId` has now (null when it is gone), and how many entries come after it
 * up to the head (a range of the primary key: a few rows after a write). Undefined for an empty log.
 */
export async function findAuditHeadAfter(
  db: Executor,
  anchoredId: number,
): Promise<(Pick<AuditRow, 'id' | 'hash' | 'at'> & { anchoredHash: string | null; added: number }) | undefined> {
  const [row] = await rowsOf<Pick<AuditRow, 'id' | 'hash' | 'at'> & { anchored_hash: string | null; added: number }>(
    db,
    'select h.id, h.hash, h.at, (select a.hash from audit_log a where a.id = ?) as anchored_hash, ' +
      '(select count(*) from audit_log c where c.id > ? and c.id <= h.id) as added ' +
      'from (select id, hash, at from audit_log order by id desc limit 1) h',
    [anchoredId, anchoredId],
  );
  return row && { id: row.id, hash: row.hash, at: row.at, anchoredHash: row.anchored_hash, added: Number(row.added) };
}

/** The first entry that carries an HMAC, if any: where anchoring began. */
export async function findFirstSignedAuditRow(db: Executor): Promise<{ id: number } | undefined> {
  return db.selectFrom('audit_log').select('id').where('hmac', 'is not', null).orderBy('id').limit(1).executeTakeFirst();
}

export async function findAuditHashById(db: Executor, id: number): Promise<string | undefined> {
  return (await rowsOf<{ hash: string }>(db, 'select hash from audit_log where id = ?', [id]))[0]?.hash;
}

/** The latest entry of `entity` with `action` (the last JSON import's entry). */
export async function findLastAuditRowOf(db: Executor, entity: string, action: string): Promise<AuditRow | undefined> {
  return db.selectFrom('audit_log').selectAll().where('entity', '=', entity).where('action', '=', action).orderBy('id', 'desc').limit(1).executeTakeFirst();
}

/** Whether the register was ever set up (a settings row exists). */
export async function hasSettingsRow(db: Executor): Promise<boolean> {
  return (await db.selectFrom('settings').select('key').limit(1).executeTakeFirst()) !== undefined;
}

/**
 * Records of `table` whose row disagrees with the log about whether it exists: the log's last entry
 * for the record is not a delete but the row is gone, or it is a delete and the row is there. One row
 * per kind of disagreement, with the first such record, its entry and how many there are. Answered
 * from the log's (entity, entity_id, id) index.
 */
export async function findRecordsDisagreeingWithLog(db: Executor, entity: string, table: string) {
  // The first mismatch of each kind: the record of the lowest entry among them.
  const found = await sql<{ entityId: number; auditId: number; deleted: number; n: number }>`
    with last as (
      select entity_id, max(id) as audit_id from audit_log where entity = ${entity} and entity_id is not null group by entity_id
    ), mismatch as (
      select last.entity_id, last.audit_id, a.action = 'delete' as deleted
      from last join audit_log a on a.id = last.audit_id
      where (a.action = 'delete') = exists (select 1 from ${sql.table(table)} t where t.id = last.entity_id)
    )
    select (select f.entity_id from mismatch f where f.deleted = m.deleted order by f.audit_id limit 1) as "entityId",
      min(m.audit_id) as "auditId", m.deleted as deleted, count(*) as n
    from mismatch m
    group by m.deleted`.execute(db);
  return found.rows;
}

export type AuditAnchorRow = Selectable<AuditAnchorTable>;

/** The register's own anchor row (a team register), or undefined when it is missing. */
export async function findAuditAnchorRow(db: Executor): Promise<AuditAnchorRow | undefined> {
  return (await rowsOf<AuditAnchorRow>(db, 'select id, entries, head_id, head_hash, head_at, anchored_from, anchored_at, hmac from audit_anchor where id = 1', []))[0];
}

/**
 * Replaces the anchor row with `row`, only while it still carries `previousHmac` (null: whatever it
 * holds, the row created if missing). Answers whether it was written.
 */
export async function writeAuditAnchorRow(db: Executor, row: Omit<AuditAnchorRow, 'id'>, previousHmac: string | null): Promise<boolean> {
  const values = [row.entries, row.head_id, row.head_hash, row.head_at, row.anchored_from, row.anchored_at, row.hmac];
  if (previousHmac !== null) {
    const updated = await db.executeQuery(
      rawStatement(db, 'update audit_anchor set entries = ?, head_id = ?, head_hash = ?, head_at = ?, anchored_from = ?, anchored_at = ?, hmac = ? where id = 1 and hmac = ?', [...values, previousHmac]),
    );
    return Number(updated.numAffectedRows ?? 0) === 1;
  }
  await db.executeQuery(
    rawStatement(
      db,
      `insert into audit_anchor (id, entries, head_id, head_hash, head_at, anchored_from, anchored_at, hmac) values (1, ?, ?, ?, ?, ?, ?, ?)
       on conflict (id) do update set entries = excluded.entries, head_id = excluded.head_id, head_hash = excluded.head_hash, head_at = excluded.head_at,
         anchored_from = excluded.anchored_from, anchored_at = excluded.anchored_at, hmac = excluded.hmac`,
      values,
    ),
  );
  return true;
}
