/**
 * The key that anchors the audit log outside the database file. Each entry carries an HMAC-SHA256
 * made with it, and so does the anchor beside the register (audit-anchor.ts): someone who can edit
 * the file but does not hold the key can recompute hashes, but not HMACs.
 *
 * The core takes the key through a provider, so that a host may keep it where it likes. The default
 * is a file in the host's user-data folder (not beside the register: a copy of the register and its
 * folder should not carry the key), readable by the user alone. One key serves every register on
 * the machine; the web host and the command line find the desktop app's key there too, so that
 * `verify-audit` checks what the app wrote.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { defaultUserDataDir } from '../paths';

export const AUDIT_KEY_FILE = 'audit-key';
/** Points the hosts at another key file (a removable medium, or a test's own folder). */
export const AUDIT_KEY_ENV = 'PRIVACY_WORKBENCH_AUDIT_KEY';

export interface AuditKeyProvider {
  /** Where the key is kept, to name it in messages. */
  readonly location: string;
  /** The key, or null when there is none. Throws only when it exists and cannot be read. */
  read(): Buffer | null;
  /** Creates the key on first use and answers it; answers the existing one if another process made it first. */
  create(): Buffer;
}

const KEY_BYTES = 32;
const KEY_TEXT = /^[0-9a-f]{64}$/;

/** The key as 64 hex digits in a file of its own, created with mode 0600 (the owner alone; Windows ignores the mode). */
export function fileKeyProvider(path: string): AuditKeyProvider {
  const read = (): Buffer | null => {
    let text: string;
    try {
      text = readFileSync(path, 'utf8').trim();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    if (!KEY_TEXT.test(text)) throw new Error(`${path} is not an audit key (64 hexadecimal digits).`);
    return Buffer.from(text, 'hex');
  };
  return {
    location: path,
    read,
    create() {
      mkdirSync(dirname(path), { recursive: true });
      const key = randomBytes(KEY_BYTES);
      try {
        writeFileSync(path, `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
        return key;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        return read()!;
      }
    },
  };
}

/** `PRIVACY_WORKBENCH_AUDIT_KEY`, else `audit-key` in the user-data folder the desktop app uses. */
export function defaultAuditKeyPath(userDataDir = defaultUserDataDir(), env = process.env): string {
  return env[AUDIT_KEY_ENV] || join(userDataDir, AUDIT_KEY_FILE);
}

/** An entry's HMAC covers its id and its hash (which covers its content and the previous hash). */
export function entryHmac(key: Buffer, id: number, hash: string): string {
  return createHmac('sha256', key).update(`privacy-workbench/audit-entry/1\n${id}\n${hash}`).digest('hex');
}

export interface AnchorFields {
  /** Entries in the chain when the anchor was written. */
  count: number;
  headId: number;
  headHash: string;
  /** The last entry's time, or null for an empty chain. */
  headAt: string | null;
  /** Entries already in the chain when anchoring began: they have no HMAC and are checked by hash only. */
  anchoredFrom: number;
  /** When anchoring began (the first anchor was written, or restarted after a restore). */
  anchoredAt: string;
}

export function anchorHmac(key: Buffer, a: AnchorFields): string {
  return createHmac('sha256', key)
    .update(`privacy-workbench/audit-anchor/1\n${a.count}\n${a.headId}\n${a.headHash}\n${a.headAt ?? ''}\n${a.anchoredFrom}\n${a.anchoredAt}`)
    .digest('hex');
}
