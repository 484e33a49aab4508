/**
 * `import --file` for request emails: each `.eml`/`.msg` (alone, in a folder or in an `.mbox`) is
 * logged as a new email request with its message and attachments kept, one transaction each; a
 * message already logged (same Message-ID) is skipped and named. `--dry-run` prints what would be logged.
 */
import { requestInput } from '@shared/domain/requests';
import { plainMessage } from './core/errors';
import type { Workbench } from './core/workbench';
import { createRequestFromEmail, previewRequestEmail } from './core/requests/email-intake.service';
import { readEmailSource } from './core/requests/email-sources';
import type { Language } from '@shared/domain/settings';
import { formatInstant } from '@shared/time';
import { getSettings } from './core/settings/settings.service';

export async function importEmails(wb: Workbench, path: string, dryRun: boolean, language: Language): Promise<number> {
  const files = readEmailSource(path);
  if (files.length === 0) {
    console.error(`No .eml or .msg message found in ${path}; nothing was written.`);
    return 1;
  }
  let failed = 0;
  // The prose is English; the time on the organisation's clock, as the app shows it.
  const { timeZone } = await getSettings(wb.ctx.db);
  for (const file of files) {
    const upload = { fileName: file.fileName, base64: file.bytes.toString('base64') };
    try {
      const prefill = await previewRequestEmail(wb.ctx, upload);
      const v = prefill.values;
      const line = `${file.fileName}: ${v.requesterName} <${v.requesterContact}>, ${v.kind}, received ${formatInstant(v.receivedAt, 'en', timeZone)}${prefill.receivedAtFallback ? ` (${prefill.receivedAtFallback} Date: now)` : ''}, ${1 + prefill.attachments.length} file(s) kept`;
      if (prefill.duplicateOf) {
        console.log(`${file.fileName}: already logged as ${prefill.duplicateOf.reference}; skipped.`);
        continue;
      }
      if (dryRun) {
        console.log(`Would log ${line}`);
        continue;
      }
      const request = requestInput.parse({ ...v, accountRef: '', assignee: '', concernsMinor: false });
      const saved = await createRequestFromEmail(wb.ctx, { request, email: upload });
      console.log(`${saved.reference} ${line}`);
    } catch (error) {
      failed += 1;
      console.error(`${file.fileName}: ${plainMessage(error, language)}`);
    }
  }
  if (dryRun) console.log('Dry run: nothing was written.');
  return failed > 0 ? 1 : 0;
}
