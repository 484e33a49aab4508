/**
 * Builds a report (register / requests / gaps) and writes it as PDF, XLSX, CSV or JSON. Every file is
 * written to a temporary name in the destination folder and renamed when complete, so that a failed
 * export never leaves a partial file behind.
 */
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { basename, dirname, extname, join } from 'node:path';
import { translatorFor } from '@shared/i18n';
import type { ExportedFile, ReportExport, ReportFormat, ReportKind } from '@shared/domain/transfer';
import { localDateOf } from '@shared/time';
import { AppError } from '../errors';
import { nowIso, type CoreContext } from '../context';
import { getSettings } from '../settings/settings.service';
import { clauseName } from '@shared/domain/policy';
import { findNewestClauseLabels } from '../policy/policy.repository';
import { jsonExportChunks } from '../transfer/json-export';
import type { ReportDoc, ReportFilters, SheetSpec } from './model';
import { renderReportHtml } from './render-html';
import { writeReportXlsx } from './render-xlsx';
import { coverCsv, summaryCsv, writeSheetCsv } from './render-csv';
import { writeReportJson } from './render-json';
import { REPORT_SOURCES } from './sources';
import { auditChainHead } from '../audit/audit-verify';
import { maskPersonal } from './masking';
import { recordAudit } from '../audit/audit.service';
import { readCover } from './cover';

export interface ReportRequest extends ReportFilters {
  report: ReportKind;
  format: ReportFormat;
  /** CSV only: write just this sheet. */
  sheet?: string;
  /** Requesters' names, contacts and account references in full; masked (masking.ts) otherwise. */
  includeRequesterDetails?: boolean;
}

const hasPersonalColumns = (sheet: SheetSpec) => sheet.columns.some((c) => c.personal);

/**
 * For the PDF, which people read and no import reads back: each clause reference with the clause's
 * number as the newest policy writes it (`三、（二） · 3.2`). Spreadsheets and JSON keep the reference.
 */
async function withClauseLabels(ctx: CoreContext, sheets: SheetSpec[]): Promise<SheetSpec[]> {
  if (!sheets.some((s) => s.columns.some((c) => c.key === 'policyClause'))) return sheets;
  const labels = new Map((await findNewestClauseLabels(ctx.db)).map((c) => [c.number, c.label]));
  if (labels.size === 0) return sheets;
  return sheets.map((sheet) => ({
    ...sheet,
    columns: sheet.columns.map((column) =>
      column.key === 'policyClause' && column.type === 'text'
        ? { ...column, get: (record: unknown) => {
            const ref = column.get(record);
            return ref ? clauseName(ref, labels.get(ref)) : ref;
          } }
        : column,
    ),
  }));
}

/** The sheet with its personal columns (a requester's name, contact, account) masked, whatever the format. */
function withPersonalMasked(sheet: SheetSpec): SheetSpec {
  if (!hasPersonalColumns(sheet)) return sheet;
  return {
    ...sheet,
    columns: sheet.columns.map((column) => (column.type === 'text' && column.personal ? { ...column, get: (record: unknown) => maskPersonal(column.get(record)) } : column)),
  };
}

export async function buildReport(ctx: CoreContext, request: ReportRequest): Promise<ReportDoc> {
  const source = REPORT_SOURCES[request.report];
  if (!source) throw new AppError('NOT_FOUND', { key: 'errors:reportUnavailable', params: { report: request.report } });
  const settings = await getSettings(ctx.db);
  const language = settings.language ?? ctx.systemLanguage;
  const t = translatorFor(language);
  const filterValues: ReportFilters = source.usesPeriod ? { from: request.from, to: request.to } : {};
  const filters: ReportDoc['filters'] = [];
  const generatedAt = nowIso(ctx);
  // The audit log's head as the report was made: a reader compares it with `verify-audit`'s.
  const head = await auditChainHead(ctx.db);
  const cover = await readCover(ctx.db, {
    settings,
    language,
    generatedAt,
    auditHead: head,
    period: source.usesPeriod ? { from: request.from ?? null, to: request.to ?? null } : null,
  });
  const prepared = source.prepare ? (await source.prepare(ctx, { settings, generatedAt, t, language })).sheets : source.sheets(ctx);
  const sheets = request.format === 'pdf' ? await withClauseLabels(ctx, prepared) : prepared;
  const personal = sheets.some(hasPersonalColumns);
  if (personal && request.format !== 'pdf') {
    filters.push({ label: t('reports:filters.requesterDetails'), value: t(request.includeRequesterDetails ? 'reports:filters.included' : 'reports:filters.masked') });
  }
  const base: Omit<ReportDoc, 'summaries'> = {
    kind: request.report,
    language,
    t,
    title: t(`reports:kinds.${request.report}`),
    organisation: settings.organisationName,
    generatedAt,
    auditHead: head,
    timeZone: settings.timeZone,
    cover,
    filters,
    sheets: request.includeRequesterDetails ? sheets : sheets.map(withPersonalMasked),
    notes: (source.notes?.(ctx) ?? []).map((key) => t(key)),
    filterValues,
    ctx,
  };
  // A single sheet's CSV carries no summary tables: they are not counted for it (a pass over every row).
  const needsSummaries = !(request.format === 'csv' && request.sheet);
  return { ...base, summaries: source.summaries && needsSummaries ? await source.summaries(ctx, base) : [] };
}

const EXTENSION: Record<ReportFormat, string> = { pdf: 'pdf', xlsx: 'xlsx', csv: 'csv', json: 'json' };
export const MIME: Record<ReportFormat, string> = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv;charset=utf-8',
  json: 'application/json',
};

/** Writes the files of a report; answers their paths. `outPath` names the file (or, for CSV of several sheets, the stem). */
export async function writeReport(
  ctx: CoreContext,
  request: ReportRequest,
  outPath: string,
  onProgress?: (rows: number) => void,
): Promise<string[]> {
  const doc = await buildReport(ctx, request);
  const dir = dirname(outPath);
  const planned: { final: string; temp: string }[] = [];
  const temp = (final: string) => {
    const entry = { final, temp: join(dir, `.${basename(final)}.${process.pid}.${Date.now()}.partial`) };
    planned.push(entry);
    return entry.temp;
  };
  try {
    switch (request.format) {
      case 'pdf': {
        if (!ctx.platform.htmlToPdf) throw new AppError('FORBIDDEN', { key: 'errors:pdfUnavailable' });
        const { html, frame } = await renderReportHtml(doc);
        const pdf = await ctx.platform.htmlToPdf(html, frame);
        writeFileSync(temp(outPath), pdf);
        break;
      }
      case 'xlsx':
        await writeReportXlsx(doc, temp(outPath), onProgress);
        break;
      case 'json':
        if (request.report === 'register') {
          // The register's JSON is the complete export: every table, the audit log and settings; re-importable.
          const stream = createWriteStream(temp(outPath), { encoding: 'utf8' });
          const failed = new Promise<never>((_, reject) => stream.once('error', reject));
          const run = async () => {
            for await (const chunk of jsonExportChunks(ctx)) if (!stream.write(chunk)) await once(stream, 'drain');
            stream.end();
            await once(stream, 'finish');
          };
          await Promise.race([run(), failed]);
        } else {
          await writeReportJson(doc, temp(outPath));
        }
        break;
      case 'csv': {
        const sheets = request.sheet ? doc.sheets.filter((s) => s.key === request.sheet) : doc.sheets;
        if (sheets.length === 0) throw new AppError('VALIDATION', { key: 'errors:unknownSheet', params: { sheet: request.sheet ?? '' } });
        const single = sheets.length === 1 && (request.sheet || doc.summaries.length === 0);
        const stem = join(dir, basename(outPath, extname(outPath)));
        for (const sheet of sheets) await writeSheetCsv(doc, sheet, temp(single ? outPath : `${stem}-${sheet.key}.csv`), onProgress);
        if (!request.sheet) {
          if (!single) writeFileSync(temp(`${stem}-cover.csv`), coverCsv(doc));
          for (const [i, summary] of doc.summaries.entries()) {
            writeFileSync(temp(`${stem}-${summary.key ?? `summary-${i + 1}`}.csv`), summaryCsv(summary));
          }
        }
        break;
      }
    }
    // Audited before the files take their names: nothing leaves without its entry in the log.
    await auditExport(ctx, request, doc);
    for (const entry of planned) renameSync(entry.temp, entry.final);
    return planned.map((e) => e.final);
  } catch (error) {
    for (const entry of planned) rmSync(entry.temp, { force: true });
    throw error;
  }
}

/**
 * What left the app, in the audit log: the report, its format and period, and whether requesters'
 * details were in it (the complete JSON export always holds them; a report without requesters never does).
 */
async function auditExport(ctx: CoreContext, request: ReportRequest, doc: ReportDoc): Promise<void> {
  const complete = request.report === 'register' && request.format === 'json';
  const requesterDetails = complete || (Boolean(request.includeRequesterDetails) && doc.sheets.some(hasPersonalColumns));
  await ctx.db.transaction().execute((trx) =>
    recordAudit(trx, ctx, {
      entity: 'report',
      entityId: null,
      action: 'export',
      before: null,
      after: {
        report: request.report,
        format: request.format,
        from: doc.filterValues.from ?? null,
        to: doc.filterValues.to ?? null,
        ...(request.sheet ? { sheet: request.sheet } : {}),
        requesterDetails,
      },
    }),
  );
}

/** For the Reports page: the files as base64, written in a temporary folder that is removed afterwards. */
export async function exportReportFiles(ctx: CoreContext, request: ReportRequest): Promise<ReportExport> {
  const dir = mkdtempSync(join(tmpdir(), 'pw-report-'));
  try {
    const settings = await getSettings(ctx.db);
    const day = localDateOf(ctx.clock.now(), settings.timeZone);
    const name = `${request.report}-${day}.${EXTENSION[request.format]}`;
    const paths = await writeReport(ctx, request, join(dir, name));
    const files: ExportedFile[] = paths.map((path) => {
      const bytes = readFileSync(path);
      return { name: basename(path), mimeType: MIME[request.format], base64: bytes.toString('base64'), bytes: bytes.length };
    });
    return { files };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
