/**
 * Reads a CSV (UTF-8, with or without a BOM) as one sheet whose rows are parsed while they are
 * iterated: a large file is never held as rows in memory.
 */
import { Readable } from 'node:stream';
import { parse as csvParser } from 'csv-parse';
import type { MessageRef } from '@shared/validation';
import { SheetUnreadable, unreadableFile, type FileRow, type FileSheet } from './sheet-file';

function csvIssue(error: unknown): MessageRef {
  const e = error as { code?: string; lines?: number; message: string };
  return e.code === 'CSV_QUOTE_NOT_CLOSED'
    ? { key: 'errors:import.csvTruncated', params: { line: e.lines ?? 0 } }
    : { key: 'errors:import.csvUnreadable', params: { detail: e.message } };
}

/** The file in pieces, so that the parser reads it as a stream and hands over records as it goes. */
function* pieces(bytes: Buffer, size = 64 * 1024): Generator<Buffer> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

export async function readCsv(bytes: Buffer): Promise<FileSheet[]> {
  const parser = Readable.from(pieces(bytes)).pipe(csvParser({ bom: true, relax_column_count: true, skip_empty_lines: false }));
  const records = parser[Symbol.asyncIterator]() as AsyncIterator<string[]>;
  let first: IteratorResult<string[]>;
  try {
    first = await records.next();
  } catch (error) {
    return unreadableFile(csvIssue(error));
  }
  async function* rows(): AsyncGenerator<FileRow> {
    let row = 2;
    for (;;) {
      let next: IteratorResult<string[]>;
      try {
        next = await records.next();
      } catch (error) {
        throw new SheetUnreadable(csvIssue(error));
      }
      if (next.done) return;
      yield { row: row++, cells: next.value };
    }
  }
  return [{ name: null, header: first.done ? [] : first.value, rows: rows() }];
}
