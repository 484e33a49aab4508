/**
 * Verification of the audit log: the hash chain (each entry's own hash, and its link to the one
 * before), each entry's HMAC with the key held outside the file, and the chain's length and head
 * against the anchor beside the register. Every check says where it failed; when the key is not on
 * this machine it says what could still be checked.
 */
import type { AuditChainHead, AuditImportNote, AuditProblem, AuditVerification } from '@shared/domain/audit';
import type { CoreContext } from '../context';
import type { Executor } from '../db/executor';
import { countAuditRowsAfter, findAuditRowsAfter, findLastAuditRow, findLastAuditRowOf, findRecordsDisagreeingWithLog, hasSettingsRow, type AuditRow } from './audit.repository';
import { auditHash } from './audit.service';
import { anchorIsAuthentic, GENESIS_HASH, readAnchor, readAnchorOf, witnessRegisterAnchor, type AnchorRead } from './audit-anchor';
import { entryHmac } from './audit-key';
import { CATEGORY_ENTITY } from '../categories/categories.service';
import { FLOW_ENTITY, PARTNER_ENTITY } from '../partners/partners.service';
import { AGREEMENT_ENTITY } from '../agreements/agreements.service';
import { SDK_ENTITY } from '../sdks/sdks.service';
import { REQUEST_ENTITY } from '../requests/deadlines';

const BATCH = 2000;

/** The log's rows in chain order, in batches, with their place along the chain (from 1). */
async function walk(db: Executor, visit: (row: AuditRow, entry: number) => void): Promise<number> {
  let afterId = 0;
  let entry = 0;
  for (;;) {
    const rows = await findAuditRowsAfter(db, afterId, BATCH);
    if (rows.length === 0) return entry;
    for (const row of rows) visit(row, (entry += 1));
    afterId = rows[rows.length - 1]!.id;
  }
}

const headOf = (count: number, last: AuditRow | undefined): AuditChainHead => ({
  count,
  headId: last?.id ?? 0,
  headHash: last?.hash ?? GENESIS_HASH,
  headAt: last?.at ?? null,
});

/** How many entries the log holds and its last hash: what reports and backups print, and `verify-audit` shows. */
export async function auditChainHead(db: Executor): Promise<AuditChainHead> {
  const last = await findLastAuditRow(db);
  return headOf(last ? await countAuditRowsAfter(db, 0, last.id) : 0, last);
}

/** The hash chain alone: each entry's hash and its link. What an imported chain can be checked by. */
export async function verifyHashChain(db: Executor): Promise<{ ok: boolean; checked: number; firstBrokenId: number | null; head: AuditChainHead }> {
  let prev = GENESIS_HASH;
  let firstBrokenId: number | null = null;
  let last: AuditRow | undefined;
  const checked = await walk(db, (row) => {
    if (firstBrokenId === null && (row.prev_hash !== prev || auditHash(row) !== row.hash)) firstBrokenId = row.id;
    prev = row.hash;
    last = row;
  });
  return { ok: firstBrokenId === null, checked, firstBrokenId, head: headOf(checked, last) };
}

/** The audit entry a JSON import writes: it names the file and closes the imported chain. */
export const IMPORT_ENTITY = 'audit_log';
export interface ImportEntryAfter {
  fileName: string;
  sha256: string;
  entries: number;
  head: string;
}

function parseImportEntry(row: AuditRow | undefined): ImportEntryAfter | null {
  if (!row?.after) return null;
  try {
    const after = JSON.parse(row.after) as Partial<ImportEntryAfter>;
    if (typeof after.fileName !== 'string' || typeof after.sha256 !== 'string' || typeof after.entries !== 'number' || typeof after.head !== 'string') return null;
    return after as ImportEntryAfter;
  } catch {
    return null;
  }
}

/**
 * The audited records that live one to a row of a table, and are only ever deleted with an audit
 * entry of their own (nothing cascades onto them). For these the log says which rows must exist.
 */
const REGISTER_TABLES = {
  [CATEGORY_ENTITY]: 'collection_categories',
  [PARTNER_ENTITY]: 'partners',
  [FLOW_ENTITY]: 'sharing_flows',
  [AGREEMENT_ENTITY]: 'agreements',
  [SDK_ENTITY]: 'sdks',
  [REQUEST_ENTITY]: 'requests',
} as const;

/**
 * Records whose row disagrees with the log about whether it exists: the log's last entry for it is
 * not a delete but the row is gone (deleted behind the app), or it is a delete and the row is there.
 * Answered from the log's (entity, entity_id, id) index, one query per table. Rows edited or added
 * behind the app are not found here: the log records changes, and cannot vouch for a row it never saw.
 */
async function registerMismatches(db: Executor): Promise<AuditProblem[]> {
  const problems: AuditProblem[] = [];
  for (const [entity, table] of Object.entries(REGISTER_TABLES)) {
    for (const row of await findRecordsDisagreeingWithLog(db, entity, table)) {
      const problem = { entity, entityId: row.entityId, auditId: row.auditId, count: Number(row.n) };
      problems.push(row.deleted ? { kind: 'recordReappeared', ...problem } : { kind: 'recordDeleted', ...problem });
    }
  }
  return problems;
}

type Counted = Extract<AuditProblem, { count: number; entry: number }>;

/**
 * Walks the whole log and reports every check that failed, and where. `anchor`: check against this
 * anchor instead of the file's (a register copy checks its chain, inside the transaction that wrote
 * it, against the anchor it will write once that transaction has committed).
 */
export async function verifyAuditChain(ctx: Pick<CoreContext, 'db' | 'audit'>, options: { anchor?: AnchorRead } = {}): Promise<AuditVerification> {
  const { db, audit } = ctx;
  let key: Buffer | null;
  try {
    key = audit.keys.read();
  } catch {
    key = null;
  }
  const anchorRead = options.anchor ?? (await readAnchorOf(db, audit));
  const anchor = anchorRead.state === 'present' ? anchorRead.fields : null;
  const problems: AuditProblem[] = [];
  // A team register's anchor is its own row; this machine's journal witnesses what it last saw of it.
  const inRegister = audit.inRegister === true && !options.anchor;
  const witnessRead = inRegister ? readAnchor(audit.anchorPath) : null;
  const witnessTrusted = witnessRead?.state === 'present' && key !== null && anchorIsAuthentic(key, witnessRead);
  const witness = witnessTrusted && witnessRead.state === 'present' && witnessRead.fields.count > 0 ? witnessRead.fields : null;
  let witnessReplaced: AuditProblem | null = null;

  // Entries before the last import entry came from the imported file: their HMACs were made with
  // another register's key (or none), so they are checked by hash only, and named as imported.
  const importRow = await findLastAuditRowOf(db, IMPORT_ENTITY, 'import');
  // An import entry counts only if the key vouches for it: one appended by a forger would otherwise
  // pass everything before it off as imported.
  const vouched = importRow && (!key || (importRow.hmac !== null && entryHmac(key, importRow.id, importRow.hash) === importRow.hmac));
  const importEntry = vouched ? parseImportEntry(importRow) : null;

  const counted = new Map<Counted['kind'], Counted>();
  const note = (kind: Counted['kind'], row: AuditRow, entry: number) => {
    const seen = counted.get(kind);
    if (seen) seen.count += 1;
    else counted.set(kind, { kind, entry, id: row.id, count: 1 });
  };
  let firstBrokenId: number | null = null;
  const broken = (row: AuditRow) => {
    firstBrokenId ??= row.id;
  };
  let prev = GENESIS_HASH;
  let last: AuditRow | undefined;
  let beforeAnchoring = 0;
  let signedSeen = false;
  let imported = 0;
  let lagging = 0;
  let headReplaced: AuditProblem | null = null;
  let importMismatch: AuditProblem | null = null;

  const checked = await walk(db, (row, entry) => {
    if (row.prev_hash !== prev) {
      note('linkBroken', row, entry);
      broken(row);
    }
    if (auditHash(row) !== row.hash) {
      note('entryAltered', row, entry);
      broken(row);
    }
    prev = row.hash;
    last = row;
    if (importEntry && row.id < importRow!.id) {
      imported += 1;
    } else {
      if (importEntry && row.id === importRow!.id && (importEntry.entries !== entry - 1 || importEntry.head !== row.prev_hash)) {
        importMismatch ??= { kind: 'importMismatch', entry, id: row.id };
        broken(row);
      }
      if (row.hmac === null) {
        const legacy = anchor ? entry <= anchor.anchoredFrom : !signedSeen;
        if (legacy) beforeAnchoring += 1;
        else {
          note('hmacMissing', row, entry);
          broken(row);
        }
      } else {
        signedSeen = true;
        if (key && entryHmac(key, row.id, row.hash) !== row.hmac) {
          note('hmacWrong', row, entry);
          broken(row);
        }
      }
    }
    if (anchor && entry === anchor.count && (row.id !== anchor.headId || row.hash !== anchor.headHash)) {
      headReplaced ??= { kind: 'headReplaced', entry, id: row.id };
      broken(row);
    }
    if (anchor && entry > anchor.count) lagging += 1;
    if (witness && entry === witness.count && (row.id !== witness.headId || row.hash !== witness.headHash)) {
      witnessReplaced ??= { kind: 'witnessReplaced', entry, id: row.id, seenAt: witness.headAt };
      broken(row);
    }
  });

  problems.push(...(['linkBroken', 'entryAltered', 'hmacWrong', 'hmacMissing'] as const).flatMap((k) => counted.get(k) ?? []));
  if (headReplaced) problems.push(headReplaced);
  if (importMismatch) problems.push(importMismatch);
  if (anchor && checked < anchor.count) {
    problems.push(checked === 0 ? { kind: 'emptied', anchored: anchor.count } : { kind: 'truncated', anchored: anchor.count, found: checked, missing: anchor.count - checked });
  } else if (checked === 0 && (!anchor || anchor.count === 0)) {
    // Setting up the register writes an entry, so settings with no entry at all mean the log was emptied.
    if (await hasSettingsRow(db)) problems.push({ kind: 'emptied', anchored: null });
  }
  problems.push(...(await registerMismatches(db)));
  const where = inRegister ? { inRegister: true as const } : {};
  if (anchorRead.state === 'missing' && (signedSeen || checked > beforeAnchoring + imported)) problems.push({ kind: 'anchorMissing', ...where });
  if (anchorRead.state === 'unreadable') problems.push({ kind: 'anchorUnreadable', detail: anchorRead.detail, ...where });
  if (anchorRead.state === 'present' && key && !anchorIsAuthentic(key, anchorRead)) problems.push({ kind: 'anchorForged', ...where });
  if (inRegister) {
    // Written in the same transaction as its entries, a team register's anchor is never behind: an older one was put back.
    if (anchor && lagging > 0) problems.push({ kind: 'anchorBehind', anchored: anchor.count, found: checked });
    lagging = 0;
    if (witnessRead && witnessRead.state !== 'missing' && key && !witnessTrusted) problems.push({ kind: 'witnessUnreadable', location: audit.anchorPath });
    // What this machine saw and the register no longer shows: both the rows and the anchor set back
    // (an anchor short of the rows already says truncated; an edited anchor's figures say nothing).
    const anchorTrusted = anchorRead.state === 'missing' || (anchorRead.state === 'present' && key !== null && anchorIsAuthentic(key, anchorRead));
    if (witness && anchorTrusted && (anchor ? witness.count > anchor.count : witness.count > checked)) {
      problems.push({ kind: 'setBack', seen: witness.count, seenAt: witness.headAt, found: checked, anchored: anchor?.count ?? null });
    } else if (witnessReplaced && !headReplaced) problems.push(witnessReplaced);
  }

  // Nothing wrong: this machine now witnesses the register's anchor as it is.
  if (inRegister && key && problems.length === 0) await witnessRegisterAnchor(audit, key);

  const importNote: AuditImportNote | null =
    importEntry ? { fileName: importEntry.fileName, sha256: importEntry.sha256, count: imported, headHash: importEntry.head } : null;
  return {
    ok: problems.length === 0,
    checked,
    firstBrokenId,
    head: headOf(checked, last as AuditRow | undefined),
    anchor: anchor ? { count: anchor.count, headHash: anchor.headHash, headAt: anchor.headAt, anchoredAt: anchor.anchoredAt } : null,
    keyMissing: key === null,
    keyLocation: audit.keys.location,
    beforeAnchoring,
    imported: importNote,
    lagging,
    problems,
  };
}
