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
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { Executor } from '../db/executor';
import type { Database } from '../db/schema';
import { isPostgres } from '../db/dialect';
import type { AnchorFields, AuditKeyProvider } from './audit-key';
import {
  countAuditRowsAfter,
  findAuditHashById,
  findAuditHead,
  findAuditHeadAfter,
  findFirstSignedAuditRow,
} from './audit.repository';
import {
  ANCHOR_JOURNAL_LIMIT,
  AUDIT_ANCHOR_FILE,
  GENESIS_HASH,
  anchorIsAuthentic,
  appendAnchor,
  parseAnchor,
  readAnchor,
  seenAfterWrite,
  writeAnchor,
} from './anchor-journal';
import { anchorAtHead, openRegisterAnchoring, readRegisterAnchor, storeRegisterAnchor, witnessRegisterAnchor } from './register-anchor';
import type { AuditAnchoring } from './anchoring';

// What the rest of the app imports from here: the journal's and the register anchor's own parts.
export { ANCHOR_JOURNAL_LIMIT, AUDIT_ANCHOR_FILE, GENESIS_HASH, anchorIsAuthentic, parseAnchor, readAnchor, writeAnchor, type AnchorRead } from './anchor-journal';
export type { AuditAnchoring } from './anchoring';
export { anchorAppendInRegister, anchorAtHead, anchorRegisterAt, anchorRegisterToHead, readAnchorOf, readRegisterAnchor, witnessRegisterAnchor, type RegisterAnchorRead } from './register-anchor';

/**
 * Which anchor a register has, the one rule: a team register (a server) keeps it in the register,
 * a register file in the journal beside it.
 */
export const anchorKeptInRegister = (db: Executor): boolean => isPostgres(db);

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
  const key = audit.key;
  if (!key) {
    audit.pending = false;
    return;
  }
  if (audit.inRegister) {
    audit.pending = false;
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
      // Cleared once the connection is ours: what the transaction appended before it let go is committed, and read below.
      audit.pending = false;
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
        if (fields.headId === 0 && fields.headHash !== GENESIS_HASH) return;
        const head = await findAuditHeadAfter(db, fields.headId);
        if (fields.headId !== 0 && head?.anchoredHash !== fields.headHash) return;
        if (!head || head.id <= fields.headId) {
          // This process's append is not committed yet (on a server the transaction runs on another
          // connection of the pool), or was rolled back: tried again at the next settle.
          if (audit.appended && audit.appended.id > fields.headId) {
            audit.expected = expected;
            audit.pending = true;
          }
          return;
        }
        // Counted up to the head read with it: another process may have appended since.
        next = { ...fields, count: fields.count + head.added, headId: head.id, headHash: head.hash, headAt: head.at };
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
  // Started now: on a register file the connection is the transaction's until it commits or rolls
  // back, so the update waits for that, and runs the moment it lets go (no turn of the event loop).
  audit.scheduled = Promise.resolve()
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

