import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { formatInstantWithZone } from '@shared/time';
import type { ReportDoc } from './model';

export const REPORT_JSON_FORMAT = 'privacy-workbench/report';
export const REPORT_JSON_VERSION = 1;

/**
 * A report (requests, gaps) as JSON: its metadata, summaries and sheets, each row an object keyed by
 * the columns' field names with the stored values (enum codes, booleans, `YYYY-MM-DD` days, ISO instants).
 * The register's JSON is the complete export instead (json-export.ts). See docs/export-format.md.
 */
export async function writeReportJson(doc: ReportDoc, path: string): Promise<void> {
  const stream = createWriteStream(path, { encoding: 'utf8' });
  const failed = new Promise<never>((_, reject) => stream.once('error', reject));
  const write = async (text: string) => {
    if (!stream.write(text)) await once(stream, 'drain');
  };
  const run = async () => {
    const head = {
      format: REPORT_JSON_FORMAT,
      version: REPORT_JSON_VERSION,
      report: doc.kind,
      language: doc.language,
      organisation: doc.organisation,
      // The cover (cover.ts): the officer ('' when none is named), the period (null for the register as at
      // `asOf`), the policy version in force, the audit log's head and the generation time.
      officer: doc.cover.officer,
      period: doc.cover.period,
      asOf: doc.cover.asOf,
      policyVersion: doc.cover.policyVersion,
      generatedAt: doc.generatedAt,
      generatedAtLocal: formatInstantWithZone(doc.generatedAt, doc.language, doc.timeZone),
      auditLog: { entries: doc.auditHead.count, headHash: doc.auditHead.headHash },
      timeZone: doc.timeZone,
      filters: doc.filterValues,
      notes: doc.notes,
      summaries: doc.summaries,
    };
    const text = JSON.stringify(head, null, 2);
    await write(`${text.slice(0, -2)},\n  "sheets": [`);
    for (const [i, sheet] of doc.sheets.entries()) {
      const columns = sheet.columns;
      await write(
        `${i ? ',' : ''}\n    {\n      "key": ${JSON.stringify(sheet.key)},\n      "title": ${JSON.stringify(doc.t(sheet.title))},\n      "columns": ${JSON.stringify(columns.map((c) => ({ key: c.key, header: doc.t(c.header), type: c.type })))},\n      "rows": [`,
      );
      let first = true;
      for await (const batch of sheet.batches(doc.ctx, doc.filterValues)) {
        let chunk = '';
        for (const record of batch) {
          chunk += `${first ? '' : ','}\n        ${JSON.stringify(Object.fromEntries(columns.map((c) => [c.key, c.get(record)])))}`;
          first = false;
        }
        await write(chunk);
      }
      await write(`${first ? '' : '\n      '}]\n    }`);
    }
    await write('\n  ]\n}\n');
    stream.end();
    await once(stream, 'finish');
  };
  await Promise.race([run(), failed]);
}
