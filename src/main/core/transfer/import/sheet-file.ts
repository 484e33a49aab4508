/** A sheet as a reader hands it over (CSV, XLSX): its name, header row and data rows of raw cells. */
import type { MessageRef } from '@shared/validation';

/** A cell as a file holds it, before its column's type is applied. */
export type Raw = string | number | boolean | Date | null;

export interface FileRow {
  /** 1-based, as a spreadsheet shows it (the header is row 1). */
  row: number;
  cells: Raw[];
}

export interface FileSheet {
  /** The worksheet's name (XLSX); null for a CSV. */
  name: string | null;
  header: Raw[];
  /** The data rows, read as they are iterated (a CSV is parsed as it goes); may throw SheetUnreadable. */
  rows: AsyncIterable<FileRow> | Iterable<FileRow>;
  /** A problem with the file as a whole (unreadable, truncated). */
  fileIssue?: MessageRef & { row?: number };
}

/** The file turned out to be unreadable part way through (a truncated CSV). */
export class SheetUnreadable extends Error {
  constructor(readonly issue: MessageRef) {
    super(issue.key);
  }
}

/** A file that cannot be read at all, as one sheet with no rows. */
export function unreadableFile(issue: MessageRef): FileSheet[] {
  return [{ name: null, header: [], rows: [], fileIssue: issue }];
}
