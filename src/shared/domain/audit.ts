import { z } from 'zod';
import { recordId } from './paging';
import { requiredText } from '../validation';

import type { MessageRef } from '../validation';

export const AUDIT_ACTIONS = ['create', 'update', 'status', 'delete', 'setup', 'restore', 'export', 'import'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const auditForEntityInput = z.strictObject({
  entity: requiredText(60),
  entityId: recordId,
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(200).default(50),
});

/**
 * What changed since a window last looked: every write is audited, so the chain's head is the
 * register's data version. Without `afterId` only the head is answered (a window's first look).
 */
export const auditChangesInput = z.strictObject({
  afterId: z.number().int().min(0).optional(),
});

export interface AuditChanges {
  /** The last entry's id (0 before the first). */
  lastId: number;
  /**
   * The kinds of record (the entries' `entity`) written after `afterId`; null when there were too
   * many entries to name, or the chain is shorter than `afterId` (the register was replaced): then
   * everything shown may be stale.
   */
  entities: string[] | null;
}

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  entity: string;
  entityId: number | null;
  action: AuditAction;
  /** Field → [before, after] for updates; the whole record for creates and deletes. */
  before: unknown;
  after: unknown;
  changedFields: string[];
}

/** The end of the chain: how many entries, and the last one's hash. Printed on reports and backups. */
export interface AuditChainHead {
  count: number;
  headId: number;
  /** The last entry's hash (64 zeros for an empty log). */
  headHash: string;
  headAt: string | null;
}

/** One thing verification found wrong; `entry` counts from 1 along the chain, `id` is the row's id. */
export type AuditProblem =
  /** The entry's content no longer matches its own hash: edited without recomputing. */
  | { kind: 'entryAltered'; entry: number; id: number; count: number }
  /** The entry does not link to the one before it: entries removed, inserted or reordered before it. */
  | { kind: 'linkBroken'; entry: number; id: number; count: number }
  /** The entry's HMAC is not the one the key gives: edited with its hashes recomputed, renumbered, or forged. */
  | { kind: 'hmacWrong'; entry: number; id: number; count: number }
  /** The entry has no HMAC although it was written after anchoring began: appended without the key. */
  | { kind: 'hmacMissing'; entry: number; id: number; count: number }
  /** The entry where the anchor's head should be is another one: the end of the chain was replaced. */
  | { kind: 'headReplaced'; entry: number; id: number }
  /** The log holds fewer entries than the anchor recorded: `missing` removed at the end (or inside). */
  | { kind: 'truncated'; anchored: number; found: number; missing: number }
  /** The log is empty although entries were recorded (`anchored`, or null when only the settings show it). */
  | { kind: 'emptied'; anchored: number | null }
  /** The log says the record exists, but its row is gone: deleted behind the app (`auditId`: the log's last entry for it). */
  | { kind: 'recordDeleted'; entity: string; entityId: number; auditId: number; count: number }
  /** The log says the record was deleted, but its row is there: put back behind the app. */
  | { kind: 'recordReappeared'; entity: string; entityId: number; auditId: number; count: number }
  /** The import entry does not match the imported chain it closes. */
  | { kind: 'importMismatch'; entry: number; id: number }
  /** `inRegister`: the anchor of a team register, kept in the register itself (else the file beside a register file). */
  | { kind: 'anchorMissing'; inRegister?: true }
  /** The anchor fails its own HMAC: it was edited. */
  | { kind: 'anchorForged'; inRegister?: true }
  | { kind: 'anchorUnreadable'; detail: string; inRegister?: true }
  /** A team register's anchor covers fewer entries than the log, though it is written with them: an older anchor was put back. */
  | { kind: 'anchorBehind'; anchored: number; found: number }
  /**
   * This machine saw the team register's anchor at `seen` entries (its last entry written at `seenAt`),
   * and the register's anchor now records fewer (`anchored`, null when it has none) and the log holds
   * `found`: the register was set back to an earlier state, or its anchor replaced by an older one.
   */
  | { kind: 'setBack'; seen: number; seenAt: string | null; found: number; anchored: number | null }
  /** The entry this machine saw as the team register's `entry`-th (written at `seenAt`) is another one now: the log was rewritten from there. */
  | { kind: 'witnessReplaced'; entry: number; id: number; seenAt: string | null }
  /** This machine's own record of the team register's anchor cannot be read or fails its HMAC. */
  | { kind: 'witnessUnreadable'; location: string };

export interface AuditImportNote {
  fileName: string;
  sha256: string;
  /** Entries taken over from the file, and its chain's head. */
  count: number;
  headHash: string;
}

export interface AuditVerification {
  ok: boolean;
  /** Entries in the log, all walked. */
  checked: number;
  /** The id of the first entry with a problem, or null. */
  firstBrokenId: number | null;
  head: AuditChainHead;
  /** The anchor as recorded beside the register, or null when there is none (or it cannot be read). */
  anchor: { count: number; headHash: string; headAt: string | null; anchoredAt: string } | null;
  /** The key is not on this machine: hashes were checked, HMACs and the anchor's own HMAC could not be. */
  keyMissing: boolean;
  keyLocation: string;
  /** Entries written before anchoring began (no HMAC), checked by hash only. */
  beforeAnchoring: number;
  /** Entries taken over by a JSON import: checked by hash only, from the file named here. */
  imported: AuditImportNote | null;
  /** Entries after the anchor's head (written since it was last brought up to date), each with a valid HMAC. */
  lagging: number;
  problems: AuditProblem[];
}

const short = (hash: string) => hash.slice(0, 16);

/**
 * What a verification says, in order, as message references (`settings:audit.*`): first the verdict,
 * then each problem, then what was checked how. The app and the command line print the same lines; a
 * time in them is shown on the organisation's clock (`timeZone`, from Settings).
 */
export function auditVerificationMessages(v: AuditVerification, timeZone = 'UTC'): MessageRef[] {
  const m = (key: string, params?: Record<string, string | number>): MessageRef => ({ key: `settings:audit.${key}`, params });
  const lines: MessageRef[] = [v.ok ? m('intact', { count: v.checked }) : m('altered', { count: v.checked })];
  for (const p of v.problems) {
    switch (p.kind) {
      case 'entryAltered':
      case 'linkBroken':
      case 'hmacWrong':
      case 'hmacMissing':
        lines.push(m(`problem.${p.kind}`, { entry: p.entry, id: p.id, count: p.count }));
        break;
      case 'headReplaced':
      case 'importMismatch':
        lines.push(m(`problem.${p.kind}`, { entry: p.entry, id: p.id }));
        break;
      case 'recordDeleted':
      case 'recordReappeared':
        lines.push(m(`problem.${p.kind}`, { entity: `errors:entity.${p.entity}`, entityId: p.entityId, auditId: p.auditId, count: p.count }));
        break;
      case 'truncated':
        lines.push(m('problem.truncated', { count: p.missing, anchored: p.anchored, found: p.found }));
        break;
      case 'emptied':
        lines.push(p.anchored === null ? m('problem.emptiedSettings') : m('problem.emptied', { count: p.anchored }));
        break;
      case 'anchorUnreadable':
        lines.push(m(p.inRegister ? 'problem.anchorUnreadableInRegister' : 'problem.anchorUnreadable', { detail: p.detail }));
        break;
      case 'anchorMissing':
      case 'anchorForged':
        lines.push(m(`problem.${p.kind}${p.inRegister ? 'InRegister' : ''}`));
        break;
      case 'anchorBehind':
        lines.push(m('problem.anchorBehind', { count: p.found - p.anchored, anchored: p.anchored, found: p.found }));
        break;
      case 'setBack':
        lines.push(
          p.anchored === null
            ? m('problem.setBackNoAnchor', { count: p.seen, at: p.seenAt ?? '', found: p.found, timeZone })
            : m('problem.setBack', { count: p.seen, at: p.seenAt ?? '', found: p.found, anchored: p.anchored, timeZone }),
        );
        break;
      case 'witnessReplaced':
        lines.push(m('problem.witnessReplaced', { entry: p.entry, id: p.id, at: p.seenAt ?? '', timeZone }));
        break;
      case 'witnessUnreadable':
        lines.push(m('problem.witnessUnreadable', { location: p.location }));
        break;
    }
  }
  if (v.keyMissing) lines.push(m('keyMissing', { location: v.keyLocation }));
  if (v.imported) {
    lines.push(m('imported', { count: v.imported.count, file: v.imported.fileName, sha256: short(v.imported.sha256), head: short(v.imported.headHash) }));
  }
  if (v.beforeAnchoring > 0) {
    lines.push(v.anchor ? m('beforeAnchoringSince', { count: v.beforeAnchoring, at: v.anchor.anchoredAt, timeZone }) : m('beforeAnchoring', { count: v.beforeAnchoring }));
  }
  if (v.lagging > 0 && v.anchor) lines.push(m('lagging', { count: v.lagging, anchored: v.anchor.count }));
  lines.push(m('head', { count: v.head.count, head: v.head.headHash }));
  return lines;
}
