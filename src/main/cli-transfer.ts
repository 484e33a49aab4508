/**
 * The command line's export, import, backup and restore commands (issue 5), spread into cli.ts's table.
 */
import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { languageFromLocale, messageText, translatorFor } from '@shared/i18n';
import type { Language } from '@shared/domain/settings';
import { REPORT_FORMATS, REPORT_KINDS, reportExportInput } from '@shared/domain/transfer';
import { openWorkbench, type Workbench } from './core/workbench';
import { auditHeadOfFile, backupOpenDatabase } from './core/backup/copy';
import { BackupFiles } from './core/backup/check';
import { refusalMessage, restoreClosedDatabase, RestoreError } from './core/backup/restore';
import { absoluteLocation, defaultUserDataDir, resolveDbPath } from './core/paths';
import { parseArgs, parseClock, UsageError } from './host-args';
import type { HostPlatform } from './core/context';
import { AppError, atFile, plainMessage } from './core/errors';
import { writeReport } from './core/reports/reports.service';
import { commitImport, ImportRejected, previewImport } from './core/transfer/sheet-import';
import { IMPORT_SPECS } from './core/transfer/import-specs';
import { chromiumPlatform, closeChromium } from './chromium-pdf';
import { getSettings } from './core/settings/settings.service';
import { restartAnchorAfterRestore } from './core/audit/audit.service';
import { defaultAuditKeyPath, fileKeyProvider } from './core/audit/audit-key';
import type { ImportPreview } from '@shared/domain/transfer';
import { importEmails } from './cli-email';
import { existsSync, writeFileSync } from 'node:fs';
import type { ImportMapping } from '@shared/domain/import-mapping';
import { IMPORT_REGISTERS, type ImportRegister } from '@shared/domain/import-mapping';
import { getMapping, parseMappingFile } from './core/transfer/mappings.service';
import { inspectFile } from './core/transfer/import-guide';
import { isEmailSource } from './core/requests/email-sources';
import { signInCommand } from './cli-session';
import { copyRegister, CopyMismatch } from './core/transfer/copy-register';
import type { CopyOutcome, CopyTableCount } from '@shared/domain/transfer';

export interface CliCommand {
  summary: string;
  usage: string;
  run(args: string[]): Promise<number>;
}

const dbPathOf = (flag: string | undefined) => absoluteLocation(resolveDbPath(flag, defaultUserDataDir()));

/** The language of messages printed before a register is open: the system's. */
export const systemLanguage = (): Language => languageFromLocale(Intl.DateTimeFormat().resolvedOptions().locale);

/**
 * Opens the register for one command and closes it afterwards. `mustExist` (the read-only
 * commands) refuses a path that holds no register instead of creating one: a mistyped --db must
 * not look like an empty register. A register that cannot be opened throws DatabaseOpenError,
 * which the command line prints as one sentence.
 */
export async function withCliWorkbench(
  dbFlag: string | undefined,
  clockFlag: string | undefined,
  fn: (wb: Workbench) => Promise<number>,
  platform: HostPlatform = {},
  options: { mustExist?: boolean } = {},
) {
  const workbench = await openWorkbench({
    dbPath: dbPathOf(dbFlag),
    host: 'cli',
    systemLanguage: systemLanguage(),
    clock: parseClock(clockFlag),
    platform,
    mustExist: options.mustExist,
  });
  try {
    await signInCommand(workbench);
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

/** The language the register is kept in (Settings), else the system's. */
async function languageOf(wb: Workbench): Promise<Language> {
  try {
    return (await getSettings(wb.ctx.db)).language ?? wb.ctx.systemLanguage;
  } catch {
    return wb.ctx.systemLanguage;
  }
}

/** A refused or failed operation as one sentence, in the register's language (the same text the app shows). */
async function messageOf(wb: Workbench, error: unknown): Promise<string> {
  return plainMessage(error, await languageOf(wb));
}

const nothingWritten = async (wb: Workbench) => translatorFor(await languageOf(wb))('errors:nothingWritten');

function printIssues(preview: ImportPreview) {
  for (const issue of preview.issues) {
    const where = [issue.sheet, issue.row !== null ? `row ${issue.row}` : null, issue.column ? `column "${issue.column}"` : null]
      .filter(Boolean)
      .join(', ');
    console.error(`${where}: ${issue.message}`);
  }
}

/** Rows per table on each side, aligned. */
export function countTable(counts: readonly CopyTableCount[]): string {
  const rows = [['table', 'source', 'target', ''], ...counts.map((c) => [c.table, String(c.source), String(c.target), c.source === c.target ? '' : 'differs'])];
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => `${r[0]!.padEnd(widths[0]!)}  ${r[1]!.padStart(widths[1]!)}  ${r[2]!.padStart(widths[2]!)}${r[3] ? `  ${r[3]}` : ''}`.trimEnd()).join('\n');
}

function printCopy(outcome: CopyOutcome): void {
  console.log(`Copied ${outcome.source} to ${outcome.target}.`);
  console.log(countTable(outcome.counts));
  console.log(`Audit log verified on both sides: the source holds ${outcome.sourceChain.entries} entries (last hash ${outcome.sourceChain.headHash}),`);
  console.log(`the target ${outcome.targetChain.entries}: the same entries and the copy's own, naming the source (last hash ${outcome.targetChain.headHash}).`);
  if (outcome.files > 0) console.log(`Files copied into the target's folder (request attachments, agreement documents): ${outcome.files}.`);
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
                console.error(await messageOf(wb, error));
                return error.code === 'VALIDATION' ? 2 : 1;
              }
              // The reason the file (or the register) could not be written, in one sentence.
              console.error(`${await messageOf(wb, atFile(error, out))} ${await nothingWritten(wb)}`);
              return 1;
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
    summary: 'import categories, partners, flows, agreements, SDKs or requests from XLSX or CSV — with the workbench\'s own columns, or through a mapping (--mapping: a mapping file, see docs/import-mapping.md, or the name of one saved in the register; --suggest-mapping writes one suggested from the file) — or a JSON export into an empty register (all or nothing, every problem printed); or log request emails (.eml, .msg, a folder of them, an .mbox) as requests',
    usage: `import --db PATH --file PATH [--mapping FILE.json|NAME] [--dry-run]  |  import --db PATH --file PATH --suggest-mapping OUT.json [--register ${IMPORT_REGISTERS.join('|')}] [--sheet NAME]`,
    async run(args) {
      const { values } = parseArgs({
        args,
        options: {
          db: { type: 'string' },
          file: { type: 'string' },
          'dry-run': { type: 'boolean' },
          clock: { type: 'string' },
          mapping: { type: 'string' },
          'suggest-mapping': { type: 'string' },
          register: { type: 'string' },
          sheet: { type: 'string' },
        },
        strict: true,
      });
      if (values.register && !(IMPORT_REGISTERS as readonly string[]).includes(values.register)) throw new UsageError(`--register is ${IMPORT_REGISTERS.join('|')}`);
      const file = resolve(required(values.file, '--file'));
      // A request email (.eml, .msg, a folder of them, an .mbox) is logged as a request, not imported as a sheet.
      if (isEmailSource(file)) return withCliWorkbench(values.db, values.clock, async (wb) => importEmails(wb, file, Boolean(values['dry-run']), await languageOf(wb)));
      let bytes: Buffer;
      try {
        bytes = readFileSync(file);
      } catch (error) {
        console.error(plainMessage(error, systemLanguage()));
        return 1;
      }
      return withCliWorkbench(values.db, values.clock, async (wb) => {
        const suggestOut = values['suggest-mapping'];
        if (suggestOut) {
          // A mapping suggested from the file's headers and values, to check and edit before importing with --mapping.
          try {
            const { suggestion } = await inspectFile(wb.ctx, basename(file), bytes, values.register as ImportRegister | undefined, values.sheet);
            writeFileSync(resolve(suggestOut), `${JSON.stringify(suggestion, null, 2)}\n`);
            console.log(`Suggested a mapping to ${suggestion.register} in ${resolve(suggestOut)}: check it, then import with --mapping ${suggestOut}. Nothing was written to the register.`);
            return 0;
          } catch (error) {
            console.error(await messageOf(wb, error));
            return 1;
          }
        }
        let mapping: ImportMapping | undefined;
        if (values.mapping) {
          // A mapping file, or the name of a mapping saved in the register.
          try {
            const path = resolve(values.mapping);
            mapping = existsSync(path) ? parseMappingFile(basename(path), readFileSync(path, 'utf8')) : await getMapping(wb.ctx.db, values.mapping);
          } catch (error) {
            console.error(`${await messageOf(wb, error)} ${await nothingWritten(wb)}`);
            return 2;
          }
        }
        const progress = progressReporter('import');
        if (values['dry-run']) {
          const preview = await previewImport(wb.ctx, basename(file), bytes, IMPORT_SPECS, { onProgress: (n) => progress.update(n), mapping });
          progress.end();
          if (!preview.ok) {
            printIssues(preview);
            console.error(await messageOf(wb, new ImportRejected(preview)));
            return 1;
          }
          const summary = preview.sheets.map((s) => `${s.label}: ${s.rows}`).join(', ');
          console.log(`Dry run: ${summary}. The file can be imported; nothing was written.`);
          return 0;
        }
        // commitImport checks every row inside one transaction and, on any problem, rolls back and lists them all.
        try {
          const result = await commitImport(wb.ctx, basename(file), bytes, IMPORT_SPECS, { onProgress: (n) => progress.update(n), mapping });
          progress.end();
          console.log(`Imported ${Object.entries(result.inserted).map(([k, n]) => `${k}: ${n}`).join(', ')}`);
          return 0;
        } catch (error) {
          if (error instanceof ImportRejected) {
            printIssues(error.preview);
            console.error(await messageOf(wb, error));
            return 1;
          }
          // Refused by the app, or stopped by the disk (full, locked, read-only): the cause, and that the import wrote nothing.
          console.error(`${await messageOf(wb, error)} ${await nothingWritten(wb)}`);
          return 1;
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
          await backupOpenDatabase(wb.database.sqlite!, out, { onProgress: (copied, total) => progress.update(copied, total), files: wb.ctx.backupFiles });
        } catch (error) {
          console.error(`${await messageOf(wb, atFile(error, out))} ${await nothingWritten(wb)}`);
          return 1;
        }
        progress.end();
        const head = await auditHeadOfFile(wb.ctx.backupFiles ?? new BackupFiles(), out);
        console.log(`Backed up ${wb.ctx.dbPath} to ${out}`);
        // Printed with the backup, so that its audit log can be compared later (verify-audit prints the same).
        console.log(`Audit log in the backup: ${head.count} entries, last entry hash ${head.headHash}`);
        return 0;
      }, {}, { mustExist: true });
    },
  },
  'copy-register': {
    summary:
      'copy a whole register onto a new register file or an empty PostgreSQL database (file to server, server to file, file to file), all or nothing: every table with its ids, the audit chain verified on both sides, the rows counted per table. Only an officer may copy; --user signs in on the source where it asks for it',
    usage: 'copy-register --from PATH|postgres://… --to PATH.sqlite|postgres://…',
    async run(args) {
      const { values } = parseArgs({ args, options: { from: { type: 'string' }, to: { type: 'string' } }, strict: true });
      const from = required(values.from, '--from');
      const to = absoluteLocation(required(values.to, '--to'));
      return withCliWorkbench(
        from,
        undefined,
        async (wb) => {
          const progress = progressReporter('copy-register');
          try {
            const outcome = await copyRegister(wb.ctx, to, { onProgress: (p) => progress.update(p.done, p.total) });
            progress.end();
            printCopy(outcome);
            return 0;
          } catch (error) {
            progress.end();
            if (error instanceof CopyMismatch) console.error(countTable(error.counts));
            console.error(await messageOf(wb, error));
            return 1;
          }
        },
        {},
        { mustExist: true },
      );
    },
  },
  restore: {
    summary: 'replace the (closed) register with a backup after checking it; the replaced file is kept aside',
    usage: 'restore --db PATH --from PATH',
    async run(args) {
      const { values } = parseArgs({ args, options: { db: { type: 'string' }, from: { type: 'string' } }, strict: true });
      const from = resolve(required(values.from, '--from'));
      const dbPath = dbPathOf(values.db);
      // Who restores, and whether their role may (backup:scheduleRestore, the officer's), is checked
      // on the register as it is now, before its file is swapped: a refused caller changes nothing.
      if (existsSync(dbPath)) await withCliWorkbench(values.db, undefined, async () => 0, {}, { mustExist: true });
      try {
        const { keptAside } = await restoreClosedDatabase(dbPath, from, { at: new Date().toISOString(), auditKey: fileKeyProvider(defaultAuditKeyPath()).read() });
        // The anchor described the replaced chain: start it afresh, on the record.
        await withCliWorkbench(values.db, undefined, async (wb) => (await restartAnchorAfterRestore(wb.ctx, from), 0));
        console.log(`Restored ${dbPath} from ${from}.`);
        if (keptAside) console.log(`The replaced register is kept at ${keptAside}.`);
        return 0;
      } catch (error) {
        if (error instanceof RestoreError) {
          // In the language of the system, as every other refusal of the command line.
          console.error(messageText(translatorFor(systemLanguage()), refusalMessage(basename(from), error.reason)));
          return 1;
        }
        throw error;
      }
    },
  },
};
