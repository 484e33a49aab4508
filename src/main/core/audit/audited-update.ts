import type { AuditAction } from '@shared/domain/audit';
import type { CoreContext } from '../context';
import type { Executor } from '../db/executor';
import { diffFields, recordAudit, type AuditingContext } from './audit.service';

/**
 * Bookkeeping the audit log leaves out of every record: the id is the entry's own entity id, and the
 * revision and timestamps change on every save while saying nothing about what the user changed.
 */
const BOOKKEEPING: ReadonlySet<string> = new Set(['id', 'revision', 'createdAt', 'updatedAt']);

/**
 * Requester details never enter the audit log (it is hash-chained and cannot be purged): the entry
 * says only whether there was a value, so that "Anonymise expired requester data" really removes it.
 */
const PERSONAL: ReadonlySet<string> = new Set(['requesterName', 'requesterContact', 'accountRef', 'details']);

/** What a masked personal field shows in the log. */
export const PERSONAL_DATA = '[personal data]';

/** Fields are named alike whether they come from a row (`created_at`) or a domain object (`createdAt`). */
const toFieldName = (key: string) => key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** What the log does with a key: keeps it, leaves it out (bookkeeping), or masks it (personal). */
type KeyUse = 'keep' | 'bookkeeping' | 'personal';

/** The keys met so far (a few hundred columns and fields): every audited write names each of its keys. */
const keyUses = new Map<string, KeyUse>();

function useOf(key: string): KeyUse {
  let use = keyUses.get(key);
  if (use === undefined) {
    const name = toFieldName(key);
    use = BOOKKEEPING.has(name) ? 'bookkeeping' : PERSONAL.has(name) ? 'personal' : 'keep';
    if (keyUses.size < 10_000) keyUses.set(key, use);
  }
  return use;
}

/**
 * A record as the audit log keeps it: the user's fields, without the bookkeeping, with requester
 * details masked. `leaveOut` names what a domain object shows beside its own fields (a joined name,
 * a status derived from dates, child lists audited on their own), so that it is not recorded twice.
 */
export function auditView(record: object, leaveOut: readonly string[] = []): Record<string, unknown> {
  const view: Record<string, unknown> = {};
  for (const key of Object.keys(record)) {
    const use = useOf(key);
    if (use === 'bookkeeping' || (leaveOut.length > 0 && leaveOut.includes(key))) continue;
    const value = (record as Record<string, unknown>)[key];
    view[key] = use === 'personal' ? (value ? PERSONAL_DATA : '') : value;
  }
  return view;
}

interface AuditedRecord {
  entity: string;
  id: number | null;
  /** Fields of the domain object that are not the record's own (see auditView). */
  leaveOut?: readonly string[];
}

export interface AuditedChange extends AuditedRecord {
  before: object;
  after: object;
  /** `update` unless the change is a retire/reactivate (`status`). */
  action?: Extract<AuditAction, 'update' | 'status'>;
  /** When nothing changed, write no entry (settings); otherwise a save is recorded even if it changed nothing. */
  skipUnchanged?: boolean;
  /** What the user did, written before the changed fields on each side (a workflow step and its reason). */
  annotate?: { before?: Record<string, unknown>; after?: Record<string, unknown> };
}

/**
 * Records an update with only the fields that changed: `{ before: {field: old}, after: {field: new} }`,
 * both sides through the one auditView. Answers the changed fields (empty when nothing changed).
 * Call it inside the transaction that made the change.
 */
export async function auditedChange(trx: Executor, ctx: AuditingContext, change: AuditedChange): Promise<string[]> {
  const changes = diffFields(auditView(change.before, change.leaveOut), auditView(change.after, change.leaveOut));
  const fields = Object.keys(changes);
  if (fields.length === 0 && change.skipUnchanged) return fields;
  await recordAudit(trx, ctx, {
    entity: change.entity,
    entityId: change.id,
    action: change.action ?? 'update',
    before: { ...change.annotate?.before, ...Object.fromEntries(fields.map((k) => [k, changes[k]![0]])) },
    after: { ...change.annotate?.after, ...Object.fromEntries(fields.map((k) => [k, changes[k]![1]])) },
  });
  return fields;
}

/** Records a new record whole, through auditView. */
export async function auditedCreate(trx: Executor, ctx: AuditingContext, created: AuditedRecord & { after: object }) {
  await recordAudit(trx, ctx, { entity: created.entity, entityId: created.id, action: 'create', before: null, after: auditView(created.after, created.leaveOut) });
}

/** Records what was deleted, whole, through auditView. */
export async function auditedDelete(trx: Executor, ctx: AuditingContext, deleted: AuditedRecord & { before: object }) {
  await recordAudit(trx, ctx, { entity: deleted.entity, entityId: deleted.id, action: 'delete', before: auditView(deleted.before, deleted.leaveOut), after: null });
}
