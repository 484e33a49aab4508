import { z } from 'zod';
import { localDate, requiredText } from '../validation';

/** Reports, import/export and backups (issue 5). */

export const REPORT_KINDS = ['register', 'requests', 'gaps'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];
export const REPORT_FORMATS = ['pdf', 'xlsx', 'csv', 'json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const reportExportInput = z
  .strictObject({
    report: z.enum(REPORT_KINDS),
    format: z.enum(REPORT_FORMATS),
    from: localDate.optional(),
    to: localDate.optional(),
    /** Requesters' names, contacts and account references in full; masked otherwise. */
    includeRequesterDetails: z.boolean().default(false),
  })
  .superRefine((value, ctx) => {
    if (value.from && value.to && value.from > value.to) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'validation.dateRange' });
    }
  });
export type ReportExportInput = z.input<typeof reportExportInput>;

/** One file of an export, as bytes in base64 so that it crosses both IPC and HTTP as JSON. */
export interface ExportedFile {
  name: string;
  mimeType: string;
  base64: string;
  bytes: number;
}
export interface ReportExport {
  files: ExportedFile[];
}

/** An uploaded file: CSV, XLSX, or the JSON export. 24 MB of base64 at most (the web host's limit is 32 MB). */
export const importFileInput = z.strictObject({
  fileName: requiredText(260),
  base64: z.string().min(1).max(24 * 1024 * 1024),
});
export type ImportFileInput = z.input<typeof importFileInput>;

export interface ImportIssue {
  /** The sheet (register) the row belongs to. */
  sheet: string;
  /** 1-based row of the file as a spreadsheet shows it (the header is row 1), or null for the file as a whole. */
  row: number | null;
  /** The column's header as written in the file, or null. */
  column: string | null;
  /** Already translated. */
  message: string;
}

export interface ImportPreview {
  fileName: string;
  /** `csv`, `xlsx` or `json`. */
  kind: 'csv' | 'xlsx' | 'json';
  sheets: { sheet: string; label: string; rows: number; valid: number }[];
  /** The first rows of each sheet, as the user will see them imported (header → text). */
  sample: { sheet: string; row: number; values: Record<string, string> }[];
  issues: ImportIssue[];
  /** True when nothing stops the import. */
  ok: boolean;
}

export interface ImportOutcome {
  fileName: string;
  inserted: Record<string, number>;
}

export interface BackupInfo {
  name: string;
  kind: 'auto' | 'manual';
  takenAt: string;
  bytes: number;
}

export interface BackupStatus {
  folder: string;
  /** False for an in-memory database and for a team register on a server. */
  available: boolean;
  /**
   * A team register on a PostgreSQL server: the server's own backups (pg_dump) keep it, and the
   * workbench copies no files (docs/team-mode.md).
   */
  onServer: boolean;
  backups: BackupInfo[];
  /** A restore that will replace the register the next time it is opened. */
  pendingRestore: { name: string; requestedAt: string } | null;
}

export const backupNameInput = z.strictObject({
  name: z
    .string()
    .trim()
    .regex(/^(auto|manual)-[\dTZ-]+\.sqlite$/, { error: 'validation.format' }),
});

/** Copying the whole register onto another (issue 15, "moving in"): a file path or a `postgres://` URL. */
export const copyRegisterInput = z.strictObject({
  target: requiredText(2000),
});
export type CopyRegisterInput = z.input<typeof copyRegisterInput>;

/** One table's rows, counted on both sides in the copy's transaction. */
export interface CopyTableCount {
  table: string;
  source: number;
  target: number;
}

export interface CopyOutcome {
  /** Both registers as shown to the user (a server's password left out). */
  source: string;
  target: string;
  counts: CopyTableCount[];
  /** The audit chain of each side once the copy committed: entries and last hash (the target's includes the copy's own entry). */
  sourceChain: { entries: number; headHash: string };
  targetChain: { entries: number; headHash: string };
  /** Request attachments and agreement documents carried to the target (its folder, or a team register's table), each checked by SHA-256. */
  files: number;
}

/** The copy under way, for the dialog's progress bar. */
export interface CopyProgress {
  running: boolean;
  /** The table being copied. */
  table: string | null;
  done: number;
  total: number;
}
