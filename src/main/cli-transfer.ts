/**
 * The command line's export, import, backup and restore commands (issue 5), spread into cli.ts's table.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { languageFromLocale, messageText, translatorFor } from '@shared/i18n';
import { REPORT_FORMATS, REPORT_KINDS, reportExportInput } from '@shared/domain/transfer';
import { openWorkbench, type Workbench } from './core/workbench';
import { backupOpenDatabase } from './core/backup/copy';
import { restoreClosedDatabase, RestoreError } from './core/backup/restore';
import { defaultUserDataDir, resolveDbPath } from './core/paths';
import { parseArgs, parseClock, UsageError } from './host-args';
import type { HostPlatform } from './core/context';
import { AppError } from './core/errors';
import { writeReport } from './core/reports/reports.service';
import { commitImport, ImportRejected, previewImport } from './core/transfer/sheet-import';
import { IMPORT_SPECS } from './core/transfer/import-specs';
import { chromiumPlatform, closeChromium } from './chromium-pdf';
import { getSettings } from './core/settings/settings.service';
import { restartAnchorAfterRestore } from './core/audit/audit.service';
import { defaultAuditKeyPath, fileKeyProvider } from './core/audit/audit-key';
import type { ImportPreview } from '@shared/domain/transfer';

export interface CliCommand {
  summary: string;
  usage: string;
  run(args: string[]): Promise<number>;
}

const dbPathOf = (flag: string | undefined) => resolve(resolveDbPath(flag, defaultUserDataDir()));

export async function withCliWorkbench(
  dbFlag: string | undefined,
  clockFlag: string | undefined,
  fn: (wb: Workbench) => Promise<number>,
  platform: HostPlatform = {},
  options: { mustExist?: boolean } = {},
) {
  const dbPath = dbPathOf(dbFlag);
  // Exporting or backing up a path that holds no register would otherwise create an empty one
  // and "succeed" with nothing in it: a mistyped --db must not look like an empty register.
  if (options.mustExist && dbPath !== ':memory:' && !existsSync(dbPath)) {
    console.error(`There is no register at ${dbPath}. Check --db (or PRIVACY_WORKBENCH_DB).`);
    return 1;
  }
  const workbench = await openWorkbench({
    dbPath,
    host: 'cli',
    systemLanguage: languageFromLocale(Intl.DateTimeFormat().resolvedOptions().locale),
    clock: parseClock(clockFlag),
    platform,
  });
  try {
    return await fn(workbench);
  } finally {
    await workbench.close();
  }
}

/** Prints progress on stderr once an operation has taken longer than a second. */
export function progressReporter(label: string, unit = 'rows'): { update(done: number, total?: number): void; end(): void } {
  const started = Date.now();
  let last = 0;
  return {
    update(done, total) {
      const now = Date.now();
      if (now - started < 1000 || now - last < 500) return;
      last = now;
      process.stderr.write(`${label}: ${done}${total ? ` / ${total}` : ''} ${unit}\n`);
    },
    end() {
      if (Date.now() - started >= 1000) process.stderr.write(`${label}: done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    },
  };
}

function required(value: string | undefined, flag: string): string {
  if (!value) throw new UsageError(`${flag} is required`);
  return value;
}

/** The translated message of a refused operation (the same text the app shows). */
async function messageOf(wb: Workbench, error: AppError): Promise<string> {
  const settings = await getSettings(wb.ctx.db);
  return messageText(translatorFor(settings.language ?? wb.ctx.systemLanguage), error.messageRef);
}

function printIssues(preview: ImportPreview) {
  for (const issue of preview.issues) {
    const where = [issue.sheet, issue.row !== null ? `row ${issue.row}` : null, issue.column ? `column "${issue.column}"` : null]
      .filter(Boolean)
      .join(', ');
    console.error(`${where}: ${issue.message}`);
  }
}

export const transferCommands: Record<string, CliCommand> = {
  export: {
    summary:
      "export a report as PDF, XLSX, CSV (one file per sheet) or JSON. Requesters' names, contacts and account references are masked unless --include-requester-details is given. The register in JSON is the complete, re-importable export: it holds personal information, requesters' details included, and is never masked",
    usage: `export --db PATH --report ${REPORT_KINDS.join('|')} --format ${REPORT_FORMATS.join('|')} --out PATH [--from YYYY-MM-DD --to YYYY-MM-DD] [--sheet KEY] [--include-requester-details] [--clock ISO]`,
    async run(args) {
      const { values } = parseArgs({
        args,
        options: {
          db: { type: 'string' },
          report: { type: 'string' },
          format: { type: 'string' },
          out: { type: 'string' },
          from: { type: 'string' },
          to: { type: 'string' },
          sheet: { type: 'string' },
          'include-requester-details': { type: 'boolean' },
          clock: { type: 'string' },
        },
        strict: true,
      });
      const parsed = reportExportInput.safeParse({
        report: required(values.report, '--report'),
        format: required(values.format, '--format'),
        ...(values.from ? { from: values.from } : {}),
        ...(values.to ? { to: values.to } : {}),
        includeRequesterDetails: values['include-requester-details'] === true,
      });
      if (!parsed.success) {
        const fields = parsed.error.issues.map((i) => `--${String(i.path[0] ?? 'input')}`).join(', ');
        throw new UsageError(`Invalid ${fields}: --report is ${REPORT_KINDS.join('|')}, --format is ${REPORT_FORMATS.join('|')}, dates are YYYY-MM-DD with --from not after --to`);
      }
      const out = resolve(required(values.out, '--out'));
      try {
        return await withCliWorkbench(
          values.db,
          values.clock,
          async (wb) => {
            const progress = progressReporter(`export ${parsed.data.report} ${parsed.data.format}`);
            try {
              const files = await writeReport(wb.ctx, { ...parsed.data, sheet: values.sheet }, out, (rows) => progress.update(rows));
              progress.end();
              for (const file of files) console.log(file);
              return 0;
            } catch (error) {
              if (error instanceof AppError) {
                console.error(`Export refused: ${await messageOf(wb, error)}`);
                return error.code === 'VALIDATION' ? 2 : 1;
              }
              const code = (error as NodeJS.ErrnoException).code;
              if (code === 'ENOENT' || code === 'EACCES' || code === 'EROFS' || code === 'ENOTDIR' || code === 'EPERM' || code === 'ENOSPC') {
                console.error(`Cannot write ${out}: ${(error as Error).message}. Nothing was written.`);
                return 1;
              }
              throw error;
            }
          },
          chromiumPlatform,
          { mustExist: true },
        );
      } finally {
        await closeChromium();
      }
    },
  },
  import: {
    summary: 'import categories, partners, agreements or requests from XLSX or CSV, or a JSON export into an empty register; all or nothing, every problem printed',
    usage: 'import --db PATH --file PATH [--dry-run]',
    async run(args) {
      const { values } = parseArgs({
        args,
        options: { db: { type: 'string' }, file: { type: 'string' }, 'dry-run': { type: 'boolean' }, clock: { type: 'string' } },
        strict: true,
      });
      const file = resolve(required(values.file, '--file'));
      let bytes: Buffer;
      try {
        bytes = readFileSync(file);
      } catch (error) {
        console.error(`Cannot read ${file}: ${(error as Error).message}`);
        return 1;
      }
      return withCliWorkbench(values.db, values.clock, async (wb) => {
        const progress = progressReporter('import');
        if (values['dry-run']) {
          const preview = await previewImport(wb.ctx, basename(file), bytes, IMPORT_SPECS, { onProgress: (n) => progress.update(n) });
          progress.end();
          if (!preview.ok) {
            printIssues(preview);
            console.error(`Import refused: ${preview.issues.length} problem(s). Nothing was written.`);
            return 1;
          }
          const summary = preview.sheets.map((s) => `${s.label}: ${s.rows}`).join(', ');
          console.log(`Dry run: ${summary}. The file can be imported; nothing was written.`);
          return 0;
        }
        // commitImport checks every row inside one transaction and, on any problem, rolls back and lists them all.
        try {
          const result = await commitImport(wb.ctx, basename(file), bytes, IMPORT_SPECS, { onProgress: (n) => progress.update(n) });
          progress.end();
          console.log(`Imported ${Object.entries(result.inserted).map(([k, n]) => `${k}: ${n}`).join(', ')}`);
          return 0;
        } catch (error) {
          if (error instanceof ImportRejected) {
            printIssues(error.preview);
            console.error(`Import refused: ${error.preview.issues.length} problem(s). Nothing was written.`);
            return 1;
          }
          if (error instanceof AppError) {
            console.error(`Import refused: ${await messageOf(wb, error)}. Nothing was written.`);
            return 1;
          }
          throw error;
        }
      });
    },
  },
  backup: {
    summary: 'copy the register to a file with SQLite\'s online backup (safe while the app runs)',
    usage: 'backup --db PATH --out PATH',
    async run(args) {
      const { values } = parseArgs({ args, options: { db: { type: 'string' }, out: { type: 'string' } }, strict: true });
      const out = resolve(required(values.out, '--out'));
      return withCliWorkbench(values.db, undefined, async (wb) => {
        const progress = progressReporter('backup', 'pages');
        try {
          await backupOpenDatabase(wb.database.sqlite, out, { onProgress: (copied, total) => progress.update(copied, total), files: wb.ctx.backupFiles });
        } catch (error) {
          console.error(`Cannot write the backup to ${out}: ${(error as Error).message}`);
          return 1;
        }
        progress.end();
        console.log(`Backed up ${wb.ctx.dbPath} to ${out}`);
        return 0;
      }, {}, { mustExist: true });
    },
  },
  restore: {
    summary: 'replace the (closed) register with a backup after checking it; the replaced file is kept aside',
    usage: 'restore --db PATH --from PATH',
    async run(args) {
      const { values } = parseArgs({ args, options: { db: { type: 'string' }, from: { type: 'string' } }, strict: true });
      const from = resolve(required(values.from, '--from'));
      const dbPath = dbPathOf(values.db);
      try {
        const { keptAside } = await restoreClosedDatabase(dbPath, from, { at: new Date().toISOString(), auditKey: fileKeyProvider(defaultAuditKeyPath()).read() });
        // The anchor described the replaced chain: start it afresh, on the record.
        await withCliWorkbench(values.db, undefined, async (wb) => (await restartAnchorAfterRestore(wb.ctx, from), 0));
        console.log(`Restored ${dbPath} from ${from}.`);
        if (keptAside) console.log(`The replaced register is kept at ${keptAside}.`);
        return 0;
      } catch (error) {
        if (error instanceof RestoreError) {
          console.error(`Restore refused, the register is untouched: ${error.message}`);
          return 1;
        }
        throw error;
      }
    },
  },
};
