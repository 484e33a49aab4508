/**
 * The anchor: the chain's head (count, last id, last hash, last time) with an HMAC over it, kept in
 * a small file beside the register (`<register>-files/audit-anchor.json`). Each entry's HMAC shows it
 * was written by someone holding the key; the anchor shows how long the chain was, so that entries
 * removed at the end (or all of them) are missed.
 *
 * It is written after the transaction that appended entries has committed (once per transaction,
 * never per entry), and only ever from committed rows, so it is never ahead of the chain. A crash
 * between the commit and the anchor write leaves it behind by entries whose own HMACs are valid:
 * verification accepts that. An anchor ahead of the chain therefore means entries were removed.
 * An anchor that is missing, unreadable, fails its HMAC, or whose head is no longer in the chain is
 * never overwritten: it is the evidence.
 */
import { mkdirSync, renameSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Kysely } from 'kysely';
import type { Executor } from '../context';
import type { Database } from '../db/schema';
import { anchorHmac, type AnchorFields, type AuditKeyProvider } from './audit-key';
import { countAuditRowsAfter, findAuditHashById, findAuditHead, findFirstSignedAuditRow } from './audit.repository';

export const AUDIT_ANCHOR_FILE = 'audit-anchor.json';
const ANCHOR_FORMAT = 'privacy-workbench/audit-anchor';
export const GENESIS_HASH = '0'.repeat(64);

/** What each register's context keeps about its anchoring (one per open register). */
export interface AuditAnchoring {
  /** The register, to bring the anchor up to date once an append's transaction has committed. */
  db: Kysely<Database>;
  keys: AuditKeyProvider;
  anchorPath: string;
  /** The key for new entries; null when it is missing on this machine (entries are then written without HMAC). */
  key: Buffer | null;
  /** Set by every append, cleared when the anchor has been brought up to date. */
  pending: boolean;
  /** The update that an append scheduled, while it has not run yet. */
  scheduled: Promise<void> | null;
}

export type AnchorRead =
  | { state: 'missing' }
  | { state: 'unreadable'; detail: string }
  | { state: 'present'; fields: AnchorFields; hmac: string };

export function readAnchor(path: string): AnchorRead {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { state: 'missing' };
    return { state: 'unreadable', detail: (error as Error).message };
  }
  try {
    const a = JSON.parse(text) as Record<string, unknown>;
    const int = (v: unknown) => Number.isSafeInteger(v) && (v as number) >= 0;
    if (
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
  } catch (error) {
    return { state: 'unreadable', detail: (error as Error).message };
  }
}

/** Written under a temporary name and renamed, so that a reader never sees half an anchor. */
export function writeAnchor(path: string, key: Buffer, fields: AnchorFields): void {
  const text = `${JSON.stringify({ format: ANCHOR_FORMAT, ...fields, hmac: anchorHmac(key, fields) }, null, 2)}\n`;
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, text, { mode: 0o644 });
  renameSync(temporary, path);
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
  return { db, keys, anchorPath, key, pending: false, scheduled: null };
}

/**
 * Brings the anchor up to the chain's committed head, if entries were appended since it was last
 * written. It waits for any open transaction (Kysely holds the one connection), so it only ever
 * sees committed entries. It extends only an authentic anchor whose head is still in the chain;
 * anything else is left for verification to report.
 */
export async function anchorAuditChain(ctx: { audit: AuditAnchoring }): Promise<void> {
  const audit = ctx.audit;
  if (!audit.pending) return;
  audit.pending = false;
  const key = audit.key;
  if (!key) return;
  try {
    await audit.db.connection().execute(async (db) => {
      const anchor = readAnchor(audit.anchorPath);
      if (anchor.state !== 'present' || !anchorIsAuthentic(key, anchor)) return;
      const { fields } = anchor;
      if (fields.headId === 0) {
        if (fields.headHash !== GENESIS_HASH) return;
      } else {
        if ((await findAuditHashById(db, fields.headId)) !== fields.headHash) return;
      }
      const head = await lastRow(db);
      if (!head || head.id <= fields.headId) return;
      // Bounded by the head just read: another process may have appended since.
      const added = await countAfter(db, fields.headId, head.id);
      writeAnchor(audit.anchorPath, key, { ...fields, count: fields.count + added, headId: head.id, headHash: head.hash, headAt: head.at });
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
  if (audit.scheduled) return;
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
  const before = readAnchor(audit.anchorPath);
  await ctx.db.transaction().execute((trx) => record(trx, before.state === 'present' ? before.fields : null));
  await audit.scheduled; // extends nothing: the old head is no longer in the chain, or it is the head
  audit.pending = false;
  const key = audit.key;
  if (!key) return;
  await ctx.db.connection().execute(async (db) => {
    const head = await lastRow(db);
    const count = head ? await countAfter(db, 0, head.id) : 0;
    const firstSigned = await findFirstSignedAuditRow(db);
    const anchoredFrom = firstSigned && head ? count - (await countAfter(db, firstSigned.id - 1, head.id)) : count;
    writeAnchor(audit.anchorPath, key, {
      count,
      headId: head?.id ?? 0,
      headHash: head?.hash ?? GENESIS_HASH,
      headAt: head?.at ?? null,
      anchoredFrom,
      anchoredAt: ctx.clock.now().toISOString(),
    });
  });
}
