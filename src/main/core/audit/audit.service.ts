import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import type { AuditAction, AuditChanges, AuditEntry } from '@shared/domain/audit';
import type { Page } from '@shared/domain/paging';
import type { CoreContext } from '../context';
import type { Executor } from '../db/executor';
import { bulkWriterOf } from '../db/bulk';
import { holdWriteLock } from '../db/dialect';
import {
  countAuditRowsForEntity,
  findAuditEntitiesBetween,
  findAuditHead,
  findAuditRowsForEntity,
  insertAuditRow,
  type AuditRow,
} from './audit.repository';
import { anchorAppendInRegister, GENESIS_HASH, noteAppend, restartAuditAnchor, scheduleAnchoring } from './audit-anchor';
import { entryHmac } from './audit-key';

export { GENESIS_HASH };

export interface AuditRecord {
  entity: string;
  entityId: number | null;
  action: AuditAction;
  before: unknown;
  after: unknown;
}

const INDEX_KEY = /^(?:0|[1-9]\d{0,9})$/;
const isIndexKey = (key: string) => INDEX_KEY.test(key) && Number(key) < 4294967295;
const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The order in which keys are written: sorted, except that JavaScript always puts array-index keys
 * ("0", "12") first in numeric order. The chain's first hashes were made with JSON.stringify over
 * objects rebuilt with sorted keys, which therefore wrote that order; this must stay byte for byte.
 */
function keyOrder(keys: string[]): string[] {
  keys.sort(byCodeUnit);
  if (!keys.some(isIndexKey)) return keys;
  const indexes = keys.filter(isIndexKey).sort((a, b) => Number(a) - Number(b));
  return [...indexes, ...keys.filter((k) => !isIndexKey(k))];
}

/** The last few object shapes seen and their key orders: an import writes thousands of entries of one shape. */
const recentShapes: { keys: string[]; order: string[] }[] = [];

function orderedKeys(value: object): string[] {
  const keys = Object.keys(value);
  for (const shape of recentShapes) {
    if (shape.keys.length === keys.length && keys.every((k, i) => k === shape.keys[i])) return shape.order;
  }
  const order = keyOrder([...keys]);
  recentShapes.unshift({ keys, order });
  if (recentShapes.length > 4) recentShapes.pop();
  return order;
}

const quotedKeys = new Map<string, string>();

function quotedKey(key: string): string {
  let quoted = quotedKeys.get(key);
  if (quoted === undefined) {
    quoted = JSON.stringify(key);
    if (quotedKeys.size < 10_000) quotedKeys.set(key, quoted);
  }
  return quoted;
}

/** One value as JSON.stringify writes it (undefined where it leaves the value out), keys in canonical order. */
function writeCanonical(value: unknown, key: string): string | undefined {
  let v = value;
  if (v !== null && typeof v === 'object' && typeof (v as { toJSON?: unknown }).toJSON === 'function') v = (v as { toJSON(k: string): unknown }).toJSON(key);
  switch (typeof v) {
    case 'string':
      return JSON.stringify(v);
    case 'number':
      return Number.isFinite(v) ? JSON.stringify(v) : 'null';
    case 'boolean':
      return v ? 'true' : 'false';
    case 'bigint':
      return JSON.stringify(v); // throws, as JSON.stringify does
    case 'object': {
      if (v === null) return 'null';
      if (Array.isArray(v)) return `[${v.map((item, i) => writeCanonical(item, String(i)) ?? 'null').join(',')}]`;
      const parts: string[] = [];
      for (const k of orderedKeys(v)) {
        const text = writeCanonical((v as Record<string, unknown>)[k], k);
        if (text !== undefined) parts.push(`${quotedKey(k)}:${text}`);
      }
      return `{${parts.join(',')}}`;
    }
    default:
      return undefined; // undefined, functions and symbols
  }
}

/**
 * JSON with keys sorted at every level, so that the same value always hashes the same. Written by
 * hand rather than with a JSON.stringify replacer: audit entries are hashed for every imported row.
 */
export function canonicalJson(value: unknown): string {
  return writeCanonical(value, '') as string;
}

type HashedFields = Pick<AuditRow, 'at' | 'actor' | 'entity' | 'entity_id' | 'action' | 'before' | 'after' | 'prev_hash'>;

/** Each row's hash covers its own content and the previous row's hash: editing any row breaks the chain from there on. */
export function auditHash(row: HashedFields): string {
  const content = canonicalJson({
    at: row.at,
    actor: row.actor,
    entity: row.entity,
    entityId: row.entity_id,
    action: row.action,
    before: row.before,
    after: row.after,
  });
  return createHash('sha256').update(row.prev_hash).update('\n').update(content).digest('hex');
}

/** Only what changed, as field → [before, after]. */
export function diffFields(before: Record<string, unknown>, after: Record<string, unknown>) {
  const changes: Record<string, [unknown, unknown]> = {};
  const compare = (key: string) => {
    const a = before[key];
    const b = after[key];
    // The same value writes the same JSON, and two different strings (or booleans) never do: the
    // canonical form is only needed for the rest (objects, numbers, undefined).
    if (a === b) return;
    const plain = (v: unknown) => typeof v === 'string' || typeof v === 'boolean';
    if ((plain(a) && plain(b)) || canonicalJson(a) !== canonicalJson(b)) changes[key] = [a, b];
  };
  for (const key of Object.keys(before)) compare(key);
  for (const key of Object.keys(after)) if (!Object.hasOwn(before, key)) compare(key);
  return changes;
}

/** What appending needs: the clock, who acts, and the key that signs each entry (null where it is missing). */
export type AuditingContext = Pick<CoreContext, 'clock' | 'actor'> & {
  /** A register's anchoring, or only the key where an entry is written into a file not open as a register (a restore's copy). */
  audit: CoreContext['audit'] | Pick<CoreContext['audit'], 'key'>;
};

/** The rows of `records`, chained after `last`, each with its hash and (when the key is here) its HMAC. */
function chainedRows(ctx: AuditingContext, last: Pick<AuditRow, 'id' | 'hash'> | undefined, records: readonly AuditRecord[]) {
  const at = ctx.clock.now().toISOString();
  const key = ctx.audit.key;
  let id = last?.id ?? 0;
  let prev = last?.hash ?? GENESIS_HASH;
  return records.map((record) => {
    id += 1;
    const row: HashedFields = {
      at,
      actor: ctx.actor,
      entity: record.entity,
      entity_id: record.entityId,
      action: record.action,
      before: record.before === undefined || record.before === null ? null : canonicalJson(record.before),
      after: record.after === undefined || record.after === null ? null : canonicalJson(record.after),
      prev_hash: prev,
    };
    prev = auditHash(row);
    // The id is given, not left to SQLite, because the HMAC covers it.
    return { id, ...row, hash: prev, hmac: key ? entryHmac(key, id, prev) : null };
  });
}

/**
 * Once the rows are inserted, inside their transaction: a team register's anchor moves on with them;
 * a file's is brought up to date once the transaction has committed (audit-anchor.ts).
 */
async function anchorAppended(trx: Executor, ctx: AuditingContext, last: Pick<AuditRow, 'id' | 'hash'> | undefined, rows: readonly { id: number; hash: string; at: string }[]) {
  if (!('anchorPath' in ctx.audit) || rows.length === 0) return;
  const head = rows[rows.length - 1]!;
  if (ctx.audit.inRegister) return anchorAppendInRegister(trx, ctx.audit, last, rows.length, head);
  noteAppend(ctx.audit, last, rows.length, head);
  scheduleAnchoring(ctx.audit);
}

/**
 * The end of the chain, read under the register's write lock: no other writer (another window,
 * another workbench on the same server) can append after it before this transaction commits, so
 * the chain never forks and two entries never take one id.
 */
async function lockedHead(trx: Executor) {
  await holdWriteLock(trx);
  return findAuditHead(trx);
}

/**
 * Appends one entry to the chain. Call it inside the same transaction as the change it records,
 * so that a change and its audit entry are written together or not at all.
 */
export async function recordAudit(trx: Executor, ctx: AuditingContext, record: AuditRecord) {
  const last = await lockedHead(trx);
  const rows = chainedRows(ctx, last, [record]);
  const id = await insertAuditRow(trx, rows[0]!);
  await anchorAppended(trx, ctx, last, rows);
  return id;
}

/**
 * Appends many entries in order, reading the end of the chain once and inserting in batches: for
 * bulk imports, inside the import's transaction (written through the raw connection's prepared
 * statement). The chain is the same as one recordAudit per entry.
 */
export async function recordAuditMany(trx: Executor, ctx: AuditingContext & Pick<CoreContext, 'sqlite'>, records: AuditRecord[]) {
  const last = await lockedHead(trx);
  const rows = chainedRows(ctx, last, records);
  await bulkWriterOf({ db: trx, sqlite: ctx.sqlite }).insertRows('audit_log', rows);
  await anchorAppended(trx, ctx, last, rows);
}

/**
 * After the register was replaced by one of its backups: an entry saying so (with what the previous
 * anchor recorded), and a new anchor at the restored chain's head. Without it the restored chain,
 * shorter or longer than the anchor, would read as tampered with.
 */
export async function restartAnchorAfterRestore(ctx: CoreContext, backupFile: string): Promise<void> {
  await restartAuditAnchor(ctx, (trx, previous) =>
    recordAudit(trx, ctx, {
      entity: 'audit_log',
      entityId: null,
      action: 'update',
      before: previous ? { anchoredEntries: previous.count, anchoredHead: previous.headHash } : null,
      after: { anchorRestartedAfterRestore: basename(backupFile) },
    }),
  );
}

const parse = (json: string | null): unknown => (json === null ? null : JSON.parse(json));

function toEntry(row: AuditRow): AuditEntry {
  const before = parse(row.before);
  const after = parse(row.after);
  const changedFields =
    row.action === 'update' && after && typeof after === 'object' ? Object.keys(after as object) : [];
  return {
    id: row.id,
    at: row.at,
    actor: row.actor,
    entity: row.entity,
    entityId: row.entity_id,
    action: row.action as AuditAction,
    before,
    after,
    changedFields,
  };
}

export async function listAuditForEntity(
  db: Executor,
  input: { entity: string; entityId: number; page: number; pageSize: number },
): Promise<Page<AuditEntry>> {
  const offset = (input.page - 1) * input.pageSize;
  const [rows, total] = await Promise.all([
    findAuditRowsForEntity(db, input.entity, input.entityId, input.pageSize, offset),
    countAuditRowsForEntity(db, input.entity, input.entityId),
  ]);
  return { items: rows.map(toEntry), total, page: input.page, pageSize: input.pageSize };
}

/** Past this many new entries a window is told that anything may have changed, rather than what. */
const CHANGES_NAMED = 1000;

/**
 * What was written after entry `afterId`, by this window or any other workbench on the register: a
 * window polls it and refreshes what it shows of those kinds of record. Ids run 1, 2, 3… without a
 * gap (the chain gives them), so the head says how many entries are new without counting them.
 */
export async function auditChangesSince(db: Executor, afterId: number | undefined): Promise<AuditChanges> {
  const lastId = (await findAuditHead(db))?.id ?? 0;
  if (afterId === undefined || afterId === lastId) return { lastId, entities: [] };
  if (afterId > lastId || lastId - afterId > CHANGES_NAMED) return { lastId, entities: null };
  return { lastId, entities: await findAuditEntitiesBetween(db, afterId, lastId) };
}
