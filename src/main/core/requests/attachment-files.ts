/**
 * The files kept with requests — the email a request arrived as, the files attached to it, documents
 * added later — stored as agreements' documents are (by SHA-256 and extension, with the same safe
 * names and allow-list of types), in their own store, `request-files` (a folder of a register file, rows
 * of a team register's table), so that removing a requester's files never touches an agreement's.
 */
import { DOCUMENT_TYPES } from '@shared/domain/agreements';
import { AppError } from '../errors';
import { documentExtension, safeDocumentName, type FileStore } from '../agreements/documents';

/** The document types, and the two an original message may be. */
export const REQUEST_FILE_TYPES: Readonly<Record<string, string>> = {
  ...DOCUMENT_TYPES,
  eml: 'message/rfc822',
  msg: 'application/vnd.ms-outlook',
};
export const REQUEST_FILES: FileStore = {
  folder: 'request-files',
  types: REQUEST_FILE_TYPES,
  usedBy: { table: 'request_attachments', sha256: 'sha256', name: 'file_name' },
};

const MESSAGE_EXTENSIONS = ['eml', 'msg'] as const;

/** The name and type a file attached to a message is kept under; `extension` null when its type is not allowed. */
export function attachmentIdentity(fileName: string): { fileName: string; extension: string | null; mimeType: string | null } {
  const name = safeDocumentName(fileName);
  const extension = name ? documentExtension(name, REQUEST_FILE_TYPES) : null;
  return { fileName: name, extension, mimeType: extension ? REQUEST_FILE_TYPES[extension]! : null };
}

/** The name and type of an uploaded request email; anything but `.eml` or `.msg` is refused beside the `email` field. */
export function originalMessageIdentity(fileName: string): { fileName: string; extension: 'eml' | 'msg'; mimeType: string } {
  const { fileName: name, extension } = attachmentIdentity(fileName);
  const kind = MESSAGE_EXTENSIONS.find((e) => e === extension);
  if (!name || !kind) throw new AppError('VALIDATION', { key: 'requests:email.notAMessage' }, { email: { key: 'validation.emailType' } });
  return { fileName: name, extension: kind, mimeType: REQUEST_FILE_TYPES[kind]! };
}

/** The type a kept file is served as: its extension's entry, else a plain download. */
export const requestFileMimeType = (fileName: string) => {
  const extension = documentExtension(fileName, REQUEST_FILE_TYPES);
  return extension ? REQUEST_FILE_TYPES[extension]! : 'application/octet-stream';
};
