/**
 * This machine's anchor journal: one signed anchor per line in `<register>-files/audit-anchor.json`,
 * the last complete line being the anchor (audit-anchor.ts says what an anchor proves). A register
 * file's anchor lives here; for a team register it is this machine's witness of the register's own.
 */
import { closeSync, fstatSync, mkdirSync, openSync, readFileSync, renameSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { anchorHmac, type AnchorFields } from './audit-key';

export const AUDIT_ANCHOR_FILE = 'audit-anchor.json';
const ANCHOR_FORMAT = 'privacy-workbench/audit-anchor';
export const GENESIS_HASH = '0'.repeat(64);
/** Past this size the journal is rewritten as its last anchor alone (a few hundred appends). */
export const ANCHOR_JOURNAL_LIMIT = 64 * 1024;

/** The journal as this process last left it: while the file is unchanged, its last anchor is known without reading it. */
export interface AnchorSeen {
  fields: AnchorFields;
  size: number;
  mtimeMs: number;
  ino: number;
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
export function appendAnchor(path: string, key: Buffer, fields: AnchorFields, newLine: boolean): AnchorSeen {
  const fd = openSync(path, 'a', 0o644);
  try {
    writeSync(fd, `${newLine ? '\n' : ''}${anchorLine(key, fields)}`);
    const stat = fstatSync(fd);
    return { fields, size: stat.size, mtimeMs: stat.mtimeMs, ino: stat.ino };
  } finally {
    closeSync(fd);
  }
}

export function seenAfterWrite(path: string, fields: AnchorFields): AnchorSeen {
  const stat = statSync(path);
  return { fields, size: stat.size, mtimeMs: stat.mtimeMs, ino: stat.ino };
}

export const anchorIsAuthentic = (key: Buffer, read: AnchorRead & { state: 'present' }) => anchorHmac(key, read.fields) === read.hmac;
