/**
 * A team register's anchor, kept in the register itself (the one-row `audit_anchor` table), signed
 * and moved forward in the transaction of the entries it covers; and this machine's journal as the
 * witness of what it last saw there, so that a register set back to an earlier state is noticed.
 */
import { readFileSync } from 'node:fs';
import type { Kysely } from 'kysely';
import type { Executor } from '../db/executor';
import type { Database } from '../db/schema';
import { anchorHmac, type AnchorFields, type AuditKeyProvider } from './audit-key';
import type { AuditAnchoring } from './anchoring';
import { ANCHOR_JOURNAL_LIMIT, anchorIsAuthentic, appendAnchor, GENESIS_HASH, parseAnchor, readAnchor, writeAnchor, type AnchorRead } from './anchor-journal';
import {
  countAuditRowsAfter,
  findAuditAnchorRow,
  findAuditHashById,
  findAuditHead,
  findFirstSignedAuditRow,
  writeAuditAnchorRow,
  type AuditAnchorRow,
} from './audit.repository';

const lastRow = findAuditHead;
const countAfter = countAuditRowsAfter;

/**
 * An anchor of the chain as it is, anchoring beginning `at`: its entries without an HMAC (the ones
 * before the first signed entry) counted as written before anchoring.
 */
export async function anchorAtHead(db: Executor, at: string): Promise<AnchorFields> {
  const head = await lastRow(db);
  const count = head ? await countAfter(db, 0, head.id) : 0;
  const firstSigned = await findFirstSignedAuditRow(db);
  const anchoredFrom = firstSigned && head ? count - (await countAfter(db, firstSigned.id - 1, head.id)) : count;
  return { count, headId: head?.id ?? 0, headHash: head?.hash ?? GENESIS_HASH, headAt: head?.at ?? null, anchoredFrom, anchoredAt: at };
}

// ---- A team register: the anchor in the register, the journal a witness -------------------------

/** The register's anchor row as read: `unset` is the empty row the migration made (not anchored in the register yet). */
export type RegisterAnchorRead = AnchorRead | { state: 'unset' };

function anchorOfRow(row: AuditAnchorRow | undefined): RegisterAnchorRead {
  if (!row) return { state: 'missing' };
  if (row.hmac === null && row.entries === null && row.head_id === null && row.head_hash === null) return { state: 'unset' };
  const int = (v: unknown) => Number.isSafeInteger(v) && (v as number) >= 0;
  if (!int(row.entries) || !int(row.head_id) || !int(row.anchored_from) || typeof row.head_hash !== 'string' || typeof row.anchored_at !== 'string' || typeof row.hmac !== 'string') {
    return { state: 'unreadable', detail: 'not an audit anchor' };
  }
  const fields: AnchorFields = {
    count: row.entries!,
    headId: row.head_id!,
    headHash: row.head_hash,
    headAt: row.head_at,
    anchoredFrom: row.anchored_from!,
    anchoredAt: row.anchored_at,
  };
  return { state: 'present', fields, hmac: row.hmac };
}

export async function readRegisterAnchor(db: Executor): Promise<RegisterAnchorRead> {
  return anchorOfRow(await findAuditAnchorRow(db));
}

/** The anchor verification checks a register against: its own row (an unset row counts as missing), or the journal beside a file. */
export async function readAnchorOf(db: Executor, audit: Pick<AuditAnchoring, 'anchorPath' | 'inRegister'>): Promise<AnchorRead> {
  if (!audit.inRegister) return readAnchor(audit.anchorPath);
  const read = await readRegisterAnchor(db);
  return read.state === 'unset' ? { state: 'missing' } : read;
}

/** Writes the register's anchor inside the calling transaction: only while it is still the one `previous` signed, when given. */
export async function storeRegisterAnchor(trx: Executor, audit: AuditAnchoring, key: Buffer, fields: AnchorFields, previous: string | null = null): Promise<boolean> {
  const hmac = anchorHmac(key, fields);
  const written = await writeAuditAnchorRow(
    trx,
    { entries: fields.count, head_id: fields.headId, head_hash: fields.headHash, head_at: fields.headAt, anchored_from: fields.anchoredFrom, anchored_at: fields.anchoredAt, hmac },
    previous,
  );
  if (written) audit.registerSeen = { fields, hmac };
  return written;
}

/** Writes `fields` as the register's anchor inside a transaction that wrote its chain (a register copied onto a server). */
export async function anchorRegisterAt(trx: Executor, audit: AuditAnchoring, fields: AnchorFields): Promise<void> {
  if (audit.inRegister && audit.key) await storeRegisterAnchor(trx, audit, audit.key, fields);
}

/**
 * Moves a team register's anchor on to the chain's head, counting the entries after its own head,
 * inside the transaction that wrote them without appending them one by one (a JSON import into an
 * empty register, whose imported chain was checked by its hashes first). Only an authentic anchor
 * whose head is still in the chain is moved; on a file the journal is brought up to date after the
 * commit, the same way.
 */
export async function anchorRegisterToHead(trx: Executor, audit: AuditAnchoring): Promise<void> {
  const key = audit.key;
  if (!audit.inRegister || !key) return;
  const read = await readRegisterAnchor(trx);
  if (read.state !== 'present' || !anchorIsAuthentic(key, read)) return;
  const from = read.fields;
  if (from.headId === 0 ? from.headHash !== GENESIS_HASH : (await findAuditHashById(trx, from.headId)) !== from.headHash) return;
  const head = await lastRow(trx);
  if (!head || head.id <= from.headId) return;
  const added = await countAfter(trx, from.headId, head.id);
  await storeRegisterAnchor(trx, audit, key, { ...from, count: from.count + added, headId: head.id, headHash: head.hash, headAt: head.at }, read.hmac);
}

const extends_ = (fields: AnchorFields, last: { id: number; hash: string } | undefined) =>
  fields.headId === (last?.id ?? 0) && fields.headHash === (last?.hash ?? GENESIS_HASH);

/**
 * Called by every append to a team register, inside its transaction and under the write lock, once
 * its rows are inserted: the register's anchor, when it is authentic and its head is the one the
 * rows were chained after, is moved on to the new head in the same transaction. An anchor that is
 * not (missing, edited, or for another head) is left as it is: the evidence verification reports.
 * Without the key nothing is signed, and the entries say so (hmacMissing).
 */
export async function anchorAppendInRegister(trx: Executor, audit: AuditAnchoring, last: { id: number; hash: string } | undefined, added: number, head: { id: number; hash: string; at: string }): Promise<void> {
  const key = audit.key;
  audit.pending = true; // the witness, after the commit
  if (!key || added === 0) return;
  const next = (from: AnchorFields): AnchorFields => ({ ...from, count: from.count + added, headId: head.id, headHash: head.hash, headAt: head.at });
  // The anchor this process wrote last, when it is the one the rows extend: one conditional update.
  const seen = audit.registerSeen;
  if (seen && extends_(seen.fields, last) && (await storeRegisterAnchor(trx, audit, key, next(seen.fields), seen.hmac))) return;
  const read = await readRegisterAnchor(trx);
  if (read.state !== 'present' || !anchorIsAuthentic(key, read) || !extends_(read.fields, last)) return;
  await storeRegisterAnchor(trx, audit, key, next(read.fields), read.hmac);
}

/**
 * Opening a team register: an empty anchor row (the migration's) is anchored at the chain's head by
 * the first workbench with the key; a register never signed gets its key and first anchor as a file
 * does. A row missing altogether, on a register whose entries are signed, is left missing: evidence.
 * An empty row is not anchored where this machine's witness shows a longer or another chain than
 * the register holds (it was set back before the register was anchored): verification says so.
 */
export async function openRegisterAnchoring(db: Kysely<Database>, keys: AuditKeyProvider, anchorPath: string, now: string): Promise<AuditAnchoring> {
  let key: Buffer | null = null;
  try {
    key = keys.read();
  } catch {
    key = null;
  }
  const audit: AuditAnchoring = { db, keys, anchorPath, key, pending: false, scheduled: null, seen: null, inRegister: true, registerSeen: null };
  const read = await readRegisterAnchor(db);
  if (read.state !== 'unset' && read.state !== 'missing') return audit;
  const signed = await findFirstSignedAuditRow(db);
  if (signed && (read.state === 'missing' || !key)) return audit;
  try {
    key ??= keys.create();
    audit.key = key;
    if (signed && !(await witnessFitsChain(db, key, readAnchor(anchorPath)))) return audit;
    await db.transaction().execute(async (trx) => {
      const again = await readRegisterAnchor(trx); // another workbench may have anchored it meanwhile
      if (again.state !== read.state) return;
      await storeRegisterAnchor(trx, audit, key!, await anchorAtHead(trx, now));
    });
  } catch {
    // Left for the next start, as for a file.
  }
  return audit;
}

/** Whether this machine's witness (or an anchor file of before) describes a beginning of the chain the register holds. */
async function witnessFitsChain(db: Executor, key: Buffer, witness: AnchorRead, counted = true): Promise<boolean> {
  if (witness.state === 'missing') return true;
  if (witness.state !== 'present' || !anchorIsAuthentic(key, witness)) return false;
  if (witness.fields.headId === 0) return witness.fields.headHash === GENESIS_HASH;
  if ((await findAuditHashById(db, witness.fields.headId)) !== witness.fields.headHash) return false;
  // The hash covers every entry before it; counting shows none was removed from inside (once, at opening).
  return !counted || (await countAuditRowsAfter(db, 0, witness.fields.headId)) === witness.fields.count;
}

const sameAnchor = (a: AnchorFields, b: AnchorFields) =>
  a.count === b.count && a.headId === b.headId && a.headHash === b.headHash && a.headAt === b.headAt && a.anchoredFrom === b.anchoredFrom && a.anchoredAt === b.anchoredAt;

/**
 * Brings this machine's witness up to the team register's committed anchor: after each call that
 * wrote, and after a verification that found nothing wrong. Only forward: an anchor that is not
 * authentic, covers fewer entries than the witness, or a chain that no longer holds the witness's
 * head, leaves the witness as it is (the evidence). A witness that cannot be read or fails its
 * HMAC is left too (verification names it).
 */
export async function witnessRegisterAnchor(audit: AuditAnchoring, key: Buffer): Promise<void> {
  const server = await readRegisterAnchor(audit.db);
  if (server.state !== 'present' || !anchorIsAuthentic(key, server)) return;
  let text: string | null = null;
  try {
    text = readFileSync(audit.anchorPath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return;
  }
  if (text === null) {
    writeAnchor(audit.anchorPath, key, server.fields);
    return;
  }
  const witness = parseAnchor(text);
  if (witness.state !== 'present' || !anchorIsAuthentic(key, witness)) return;
  if (sameAnchor(witness.fields, server.fields) || server.fields.count < witness.fields.count) return;
  if (!(await witnessFitsChain(audit.db, key, witness, false))) return;
  if (text.length >= ANCHOR_JOURNAL_LIMIT) writeAnchor(audit.anchorPath, key, server.fields);
  else appendAnchor(audit.anchorPath, key, server.fields, !text.endsWith('\n'));
}
