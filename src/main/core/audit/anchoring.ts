import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { AnchorFields, AuditKeyProvider } from './audit-key';
import type { AnchorSeen } from './anchor-journal';

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
