/**
 * The anchor: the chain's head (count, last id, last hash, last time) with an HMAC over it. Each
 * entry's HMAC shows it was written by someone holding the key; the anchor shows how long the chain
 * was, so that entries removed at the end (or all of them) are missed.
 *
 * Which anchor a register has is one rule (anchorKeptInRegister):
 * - A register file (SQLite) keeps it in a small file beside it (`<register>-files/audit-anchor.json`),
 *   outside the database, so that a file put back to an older copy is seen. What follows describes it.
 * - A team register (PostgreSQL) keeps it in the register, in the `audit_anchor` row, signed with the
 *   same key and written in the same transaction as the entries it covers, under the register-wide
 *   write lock: it is never behind and never forks, whichever machine writes. Each machine still
 *   keeps the journal, as a witness of the register's anchor as it last saw it committed: a register
 *   whose rows and anchor were both set back to an earlier state reads as such on every machine that
 *   saw the later one (audit-verify.ts).
 *
 * The file is a journal: one anchor per line (JSON), each appended after the transaction that
 * appended entries has committed (once per transaction, never per entry), and the last complete line
 * is the anchor. Appending a line costs a fraction of rewriting and renaming a file, so the anchor
 * stays up to date with every write; when the journal passes ANCHOR_JOURNAL_LIMIT it is rewritten,
 * under a temporary name and renamed, as its last anchor alone. (The first anchors were one
 * pretty-printed object: still read.) A line cut short by a crash is not an anchor: the one before
 * it is, and the next append starts on a new line.
 *
 * An anchor is only ever made from committed rows, so it is never ahead of the chain. A crash
 * between the commit and the append leaves it behind by entries whose own HMACs are valid:
 * verification accepts that. An anchor ahead of the chain therefore means entries were removed.
 * An anchor that is missing, unreadable, fails its HMAC, or whose head is no longer in the chain is
 * never extended: it is the evidence.
 */
import { closeSync, fstatSync, mkdirSync, openSync, readFileSync, renameSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Kysely } from 'kysely';
import type { Executor } from '../context';
import type { Database } from '../db/schema';
import { isPostgres } from '../db/dialect';
import { anchorHmac, type AnchorFields, type AuditKeyProvider } from './audit-key';
import {
  countAuditRowsAfter,
  findAuditAnchorRow,
  findAuditHashById,
  findAuditHead,
  findFirstSignedAuditRow,
  writeAuditAnchorRow,
  type AuditAnchorRow,
} from './audit.repository';

export const AUDIT_ANCHOR_FILE = 'audit-anchor.json';
const ANCHOR_FORMAT = 'privacy-workbench/audit-anchor';
export const GENESIS_HASH = '0'.repeat(64);
/** Past this size the journal is rewritten as its last anchor alone (a few hundred appends). */
export const ANCHOR_JOURNAL_LIMIT = 64 * 1024;

/** The journal as this process last left it: while the file is unchanged, its last anchor is known without reading it. */
interface AnchorSeen {
  fields: AnchorFields;
  size: number;
  mtimeMs: number;
  ino: number;
}

/**
 * Which anchor a register has, the one rule: a team register (a server) keeps it in the register,
 * a register file in the journal beside it.
 */
export const anchorKeptInRegister = (db: Executor): boolean => isPostgres(db);

/** What each register's context keeps about its anchoring (one per open register). */
export interface AuditAnchoring {
  /** The register, to bring the anchor up to date once an append's transaction has committed. */
  db: Kysely<Database>;
  keys: AuditKeyProvider;
  /** The journal: the anchor of a register file, or this machine's witness of a team register's anchor. */
  anchorPath: string;
  /** The anchor is the register's own row (anchorKeptInRegister); the journal is a witness. */
  inRegister?: boolean;
  /** The register's anchor as this process last wrote it, in a transaction that may not have committed. */
  registerSeen?: { fields: AnchorFields; hmac: string } | null;
  /** The key for new entries; null when it is missing on this machine (entries are then written without HMAC). */
  key: Buffer | null;
  /** Set by every append, cleared when the anchor has been brought up to date. */
  pending: boolean;
  /** The update that an append scheduled, while it has not run yet. */
  scheduled: Promise<void> | null;
  /** The anchor this process last wrote, and the file as it left it. */
  seen?: AnchorSeen | null;
  /** The anchor an append will make once its transaction commits, when it extends `seen` (noteAppend). */
  expected?: { from: AnchorFields; to: AnchorFields } | null;
  /** The head of this process's last append, until an anchor covers it (it may not be committed yet). */
  appended?: { id: number } | null;
}

/**
 * Called as entries are chained after `last`: when they extend the anchor this process last wrote,
 * the next anchor is known without counting (checked once committed, in anchorAuditChain).
 */
export function noteAppend(audit: AuditAnchoring, last: { id: number; hash: string } | undefined, added: number, head: { id: number; hash: string; at: string }): void {
  const from = audit.seen?.fields;
  audit.appended = { id: head.id };
  audit.expected =
    from && from.headId === (last?.id ?? 0) && from.headHash === (last?.hash ?? GENESIS_HASH)
      ? { from, to: { ...from, count: from.count + added, headId: head.id, headHash: head.hash, headAt: head.at } }
      : null;
}

export type AnchorRead =
  | { state: 'missing' }
  | { state: 'unreadable'; detail: string }
  | { state: 'present'; fields: AnchorFields; hmac: string };

/** The anchor a journal's text holds: its last complete line, or the whole text where it is one object (the first format). */
export function parseAnchor(text: string): AnchorRead {
  let a: Record<string, unknown>;
  try {
    a = JSON.parse(text) as Record<string, unknown>;
  } catch (whole) {
    // A line without its newline was cut short by a crash: the anchor is the line before it.
    const complete = text.slice(0, text.lastIndexOf('\n') + 1).trimEnd();
    const line = complete.slice(complete.lastIndexOf('\n') + 1);
    if (!line) return { state: 'unreadable', detail: (whole as Error).message };
    try {
      a = JSON.parse(line) as Record<string, unknown>;
    } catch (error) {
      return { state: 'unreadable', detail: (error as Error).message };
    }
  }
  const int = (v: unknown) => Number.isSafeInteger(v) && (v as number) >= 0;
  if (
    a === null ||
    typeof a !== 'object' ||
    a.format !== ANCHOR_FORMAT ||
    !int(a.count) ||
    !int(a.headId) ||
    !int(a.anchoredFrom) ||
    typeof a.headHash !== 'string' ||
    typeof a.anchoredAt !== 'string' ||
    (a.headAt !== null && typeof a.headAt !== 'string') ||
    typeof a.hmac !== 'string'
  ) {
    return { state: 'unreadable', detail: 'not an audit anchor' };
  }
  const fields: AnchorFields = {
    count: a.count as number,
    headId: a.headId as number,
    headHash: a.headHash,
    headAt: a.headAt as string | null,
    anchoredFrom: a.anchoredFrom as number,
    anchoredAt: a.anchoredAt,
  };
  return { state: 'present', fields, hmac: a.hmac };
}

export function readAnchor(path: string): AnchorRead {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { state: 'missing' };
    return { state: 'unreadable', detail: (error as Error).message };
  }
  return parseAnchor(text);
}

const anchorLine = (key: Buffer, fields: AnchorFields) => `${JSON.stringify({ format: ANCHOR_FORMAT, ...fields, hmac: anchorHmac(key, fields) })}\n`;

/** A journal of one anchor, written under a temporary name and renamed, so that a reader never sees half of it. */
export function writeAnchor(path: string, key: Buffer, fields: AnchorFields): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, anchorLine(key, fields), { mode: 0o644 });
  renameSync(temporary, path);
}

/** Appends an anchor to the journal (on a new line if the last one was cut short); answers the file as left. */
function appendAnchor(path: string, key: Buffer, fields: AnchorFields, newLine: boolean): AnchorSeen {
  const fd = openSync(path, 'a', 0o644);
  try {
    writeSync(fd, `${newLine ? '\n' : ''}${anchorLine(key, fields)}`);
    const stat = fstatSync(fd);
    return { fields, size: stat.size, mtimeMs: stat.mtimeMs, ino: stat.ino };
  } finally {
    closeSync(fd);
  }
}

function seenAfterWrite(path: string, fields: AnchorFields): AnchorSeen {
  const stat = statSync(path);
  return { fields, size: stat.size, mtimeMs: stat.mtimeMs, ino: stat.ino };
}

export const anchorIsAuthentic = (key: Buffer, read: AnchorRead & { state: 'present' }) => anchorHmac(key, read.fields) === read.hmac;

const lastRow = findAuditHead;
const countAfter = countAuditRowsAfter;

/**
 * Sets up anchoring for a register as it opens: finds the key (creating it on first use) and, for a
 * register never anchored before, writes its first anchor at the chain's present head, before any
 * entry with an HMAC exists. Entries already there (written by earlier versions) stay as they are,
 * checked by hash only and reported as "before anchoring".
 *
 * If the register shows signs of anchoring (an anchor file, or an entry with an HMAC) and the key is
 * missing, no new key is made: one would turn every earlier HMAC into a mismatch. Entries are then
 * written without HMAC, and verification says the key is missing.
 */
export async function openAuditAnchoring(db: Kysely<Database>, keys: AuditKeyProvider, dataDir: string, now: string): Promise<AuditAnchoring> {
  const anchorPath = join(dataDir, AUDIT_ANCHOR_FILE);
  if (anchorKeptInRegister(db)) return openRegisterAnchoring(db, keys, anchorPath, now);
  const anchor = readAnchor(anchorPath);
  // A key or an anchor that cannot be read or written never keeps the register from opening: the
  // entries are then written without HMAC, or the anchor stays missing, and verification says so.
  let key: Buffer | null = null;
  try {
    key = keys.read();
  } catch {
    key = null;
  }
  if (anchor.state === 'missing') {
    const signed = await findFirstSignedAuditRow(db);
    if (!signed) {
      try {
        key ??= keys.create();
        const head = await lastRow(db);
        const count = head ? await countAfter(db, 0) : 0;
        writeAnchor(anchorPath, key, { count, headId: head?.id ?? 0, headHash: head?.hash ?? GENESIS_HASH, headAt: head?.at ?? null, anchoredFrom: count, anchoredAt: now });
      } catch {
        // Left for the next start; until an anchor exists, entries are signed but nothing anchors them.
      }
    }
  }
  return { db, keys, anchorPath, key, pending: false, scheduled: null, seen: null };
}

/**
 * Brings the anchor up to the chain's committed head, if entries were appended since it was last
 * written. On SQLite it waits for any open transaction (Kysely holds the one connection); on a
 * server the append's transaction runs on another connection of the pool, so an append this process
 * made that is not visible yet stays pending for the next settle (the router's, after the call).
 * Either way it only ever sees committed entries. It extends only an authentic anchor whose head is still in the chain;
 * anything else is left for verification to report.
 */
export async function anchorAuditChain(ctx: { audit: AuditAnchoring }): Promise<void> {
  const audit = ctx.audit;
  if (!audit.pending) return;
  audit.pending = false;
  const key = audit.key;
  if (!key) return;
  if (audit.inRegister) {
    try {
      await witnessRegisterAnchor(audit, key);
    } catch (error) {
      audit.pending = true;
      throw error;
    }
    return;
  }
  try {
    await audit.db.connection().execute(async (db) => {
      // While the journal is as this process left it, its last anchor is the one written here.
      const stat = statSync(audit.anchorPath, { throwIfNoEntry: false });
      if (!stat) return;
      const seen = audit.seen;
      let fields: AnchorFields;
      let newLine = false;
      if (seen && seen.size === stat.size && seen.mtimeMs === stat.mtimeMs && seen.ino === stat.ino) {
        fields = seen.fields;
      } else {
        let text: string;
        try {
          text = readFileSync(audit.anchorPath, 'utf8');
        } catch {
          return;
        }
        const anchor = parseAnchor(text);
        if (anchor.state !== 'present' || !anchorIsAuthentic(key, anchor)) return;
        fields = anchor.fields;
        newLine = text.length > 0 && !text.endsWith('\n');
      }
      const expected = audit.expected?.from === fields ? audit.expected : null;
      audit.expected = null;
      let next: AnchorFields;
      if (expected && (await findAuditHashById(db, expected.to.headId)) === expected.to.headHash) {
        // This process's own append, committed, right after the anchor it wrote last: nothing to count.
        next = expected.to;
      } else {
        if (fields.headId === 0) {
          if (fields.headHash !== GENESIS_HASH) return;
        } else {
          if ((await findAuditHashById(db, fields.headId)) !== fields.headHash) return;
        }
        const head = await lastRow(db);
        if (!head || head.id <= fields.headId) {
          // This process's append is not committed yet (on a server the transaction runs on another
          // connection of the pool), or was rolled back: tried again at the next settle.
          if (audit.appended && audit.appended.id > fields.headId) {
            audit.expected = expected;
            audit.pending = true;
          }
          return;
        }
        // Bounded by the head just read: another process may have appended since.
        const added = await countAfter(db, fields.headId, head.id);
        next = { ...fields, count: fields.count + added, headId: head.id, headHash: head.hash, headAt: head.at };
      }
      audit.seen = null;
      if (audit.appended && audit.appended.id <= next.headId) audit.appended = null;
      if (stat.size >= ANCHOR_JOURNAL_LIMIT) {
        writeAnchor(audit.anchorPath, key, next);
        audit.seen = seenAfterWrite(audit.anchorPath, next);
      } else {
        audit.seen = appendAnchor(audit.anchorPath, key, next, newLine);
      }
    });
  } catch (error) {
    audit.pending = true; // tried again after the next call
    throw error;
  }
}

/**
 * Called by every append, inside its transaction: the anchor is brought up to date as soon as the
 * transaction lets go of the connection (committed or rolled back), once however many entries it
 * appended. The router and the workbench's close also wait for it; a failure leaves the anchor
 * behind, which verification accepts for entries with valid HMACs, and is tried again later.
 */
export function scheduleAnchoring(audit: AuditAnchoring): void {
  audit.pending = true;
  // A team register's anchor was written with the entries; the witness waits for the router's settle, after the commit.
  if (audit.scheduled || audit.inRegister) return;
  audit.scheduled = new Promise<void>((resolve) => setImmediate(resolve))
    .then(() => anchorAuditChain({ audit }))
    .catch(() => {})
    .finally(() => {
      audit.scheduled = null;
    });
}

/** Waits for a scheduled update, then brings the anchor up to date: after each call, and on close. */
export async function settleAnchoring(audit: AuditAnchoring): Promise<void> {
  await audit.scheduled;
  await anchorAuditChain({ audit });
}

/**
 * Starts the anchor afresh at the chain's present head, after the register was deliberately replaced
 * by one of its own backups (an older chain, or a newer one, than the anchor describes). An entry of
 * its own, with this machine's key, records why and what the previous anchor said, so that the
 * earlier length stays on the record. Only the app calls this, never for a chain that merely fails.
 */
export async function restartAuditAnchor(
  ctx: { db: Kysely<Database>; audit: AuditAnchoring; clock: { now(): Date } },
  record: (trx: Executor, previous: AnchorFields | null) => Promise<unknown>,
): Promise<void> {
  const audit = ctx.audit;
  await audit.scheduled;
  if (audit.inRegister) {
    const key = audit.key;
    await ctx.db.transaction().execute(async (trx) => {
      const before = await readRegisterAnchor(trx);
      await record(trx, before.state === 'present' ? before.fields : null);
      if (key) await storeRegisterAnchor(trx, audit, key, await anchorAtHead(trx, ctx.clock.now().toISOString()));
    });
    audit.pending = false;
    if (key) {
      const fields = audit.registerSeen?.fields;
      if (fields) writeAnchor(audit.anchorPath, key, fields);
    }
    return;
  }
  const before = readAnchor(audit.anchorPath);
  await ctx.db.transaction().execute((trx) => record(trx, before.state === 'present' ? before.fields : null));
  await audit.scheduled; // extends nothing: the old head is no longer in the chain, or it is the head
  audit.pending = false;
  const key = audit.key;
  if (!key) return;
  await ctx.db.connection().execute(async (db) => {
    const fields = await anchorAtHead(db, ctx.clock.now().toISOString());
    audit.seen = null;
    writeAnchor(audit.anchorPath, key, fields);
  });
}

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
async function storeRegisterAnchor(trx: Executor, audit: AuditAnchoring, key: Buffer, fields: AnchorFields, previous: string | null = null): Promise<boolean> {
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
async function openRegisterAnchoring(db: Kysely<Database>, keys: AuditKeyProvider, anchorPath: string, now: string): Promise<AuditAnchoring> {
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
