/**
 * The complete JSON export as an import (json-export.ts checks and writes it, the whole register at
 * once into an empty one): its problems as the import's issues, its tables as the preview's sheets.
 */
import type { TFunction } from 'i18next';
import { messageText } from '@shared/i18n';
import type { ImportIssue, ImportPreview } from '@shared/domain/transfer';
import type { CoreContext } from '../../context';
import { checkJsonExport, importJsonExport, ImportRefused, type JsonIssue } from '../json-export';

function jsonIssueText(t: TFunction, issue: JsonIssue): ImportIssue {
  return { sheet: issue.table ?? t('reports:import.wholeFile'), row: issue.row, column: issue.column, message: messageText(t, issue.message) };
}

/** Fills `preview` from the file's check: every problem, and each table's row count. */
export async function previewJson(ctx: CoreContext, t: TFunction, bytes: Buffer, preview: ImportPreview): Promise<ImportPreview> {
  const { file, issues } = await checkJsonExport(ctx, bytes.toString('utf8'));
  preview.issues.push(...issues.map((i) => jsonIssueText(t, i)));
  preview.sheets = (file?.tables ?? []).map((table) => ({ sheet: table.name, label: table.name, rows: table.rows?.length ?? 0, valid: table.rows?.length ?? 0 }));
  preview.ok = preview.issues.length === 0;
  return preview;
}

/**
 * Writes a file whose preview found no problem; answers the rows written per table, or the
 * problems the write found (the file as a whole refused, nothing written).
 */
export async function importJson(ctx: CoreContext, t: TFunction, fileName: string, bytes: Buffer): Promise<{ inserted: Record<string, number> } | { issues: ImportIssue[] }> {
  try {
    return { inserted: await importJsonExport(ctx, bytes, fileName) };
  } catch (error) {
    if (!(error instanceof ImportRefused)) throw error;
    return { issues: error.issues.map((i) => jsonIssueText(t, i)) };
  }
}
