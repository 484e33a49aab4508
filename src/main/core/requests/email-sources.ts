/**
 * Where request emails come from on disk: one `.eml` or `.msg`, a folder of them, or an `.mbox`
 * (messages one after another, each after a `From ` line, `>From ` lines unescaped).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';

export interface EmailSourceFile {
  /** The name the message is kept under (`inbox.mbox#3.eml` for the third message of an mbox). */
  fileName: string;
  bytes: Buffer;
}

const MESSAGE_EXTENSIONS = new Set(['.eml', '.msg']);

/** Whether a path is for the email import: a folder, or a file ending `.eml`, `.msg` or `.mbox`. */
export function isEmailSource(path: string): boolean {
  const extension = extname(path).toLowerCase();
  if (MESSAGE_EXTENSIONS.has(extension) || extension === '.mbox') return true;
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** The messages of an mbox, each as the bytes of one `.eml`. */
export function splitMbox(bytes: Buffer): Buffer[] {
  const text = bytes.toString('latin1'); // byte for byte: the messages keep their own charsets
  const messages: string[] = [];
  let current: string[] | null = null;
  for (const line of text.split(/\r?\n/)) {
    if (line.startsWith('From ')) {
      if (current) messages.push(current.join('\r\n'));
      current = [];
    } else if (current) {
      current.push(/^>+From /.test(line) ? line.slice(1) : line);
    }
  }
  if (current) messages.push(current.join('\r\n'));
  return messages.map((m) => Buffer.from(m.replace(/(\r\n)+$/, '\r\n'), 'latin1')).filter((b) => b.length > 2);
}

/** Every message at a path, in name order for a folder (its `.eml` and `.msg` files; nothing deeper). */
export function readEmailSource(path: string): EmailSourceFile[] {
  if (statSync(path).isDirectory()) {
    return readdirSync(path)
      .filter((name) => MESSAGE_EXTENSIONS.has(extname(name).toLowerCase()))
      .sort()
      .map((name) => ({ fileName: name, bytes: readFileSync(join(path, name)) }));
  }
  const name = basename(path);
  const bytes = readFileSync(path);
  if (extname(name).toLowerCase() === '.mbox') return splitMbox(bytes).map((b, i) => ({ fileName: `${name.replace(/\.mbox$/i, '')}-${i + 1}.eml`, bytes: b }));
  return [{ fileName: name, bytes }];
}
