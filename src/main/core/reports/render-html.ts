import { wallParts } from './sheets/time';
import { cellText, type ColumnSpec, type ReportDoc } from './model';

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
/** A string literal for CSS `content`. */
const cssString = (text: string) => `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, ' ')}"`;

/** `Page {{page}} of {{pages}}` → CSS content with page counters, from the translated sentence. */
function pageCounterContent(template: string): string {
  return template
    .split(/(\{\{page\}\}|\{\{pages\}\})/)
    .filter((part) => part !== '')
    .map((part) => (part === '{{page}}' ? 'counter(page)' : part === '{{pages}}' ? 'counter(pages)' : cssString(part)))
    .join(' ');
}

/** An instant as `YYYY-MM-DD HH:mm` in the organisation's zone. */
function wallClock(iso: string, timeZone: string): string {
  const p = wallParts(iso, timeZone);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${p.year}-${two(p.month)}-${two(p.day)} ${two(p.hour)}:${two(p.minute)}`;
}

/** A generation time in the organisation's zone, as people read it. */
export function formatGeneratedAt(iso: string, timeZone: string, language: string): string {
  return `${new Intl.DateTimeFormat(language, { timeZone, dateStyle: 'long', timeStyle: 'short' }).format(new Date(iso))} (${timeZone})`;
}

/**
 * The one HTML rendering of a report, printed to PDF by the browser engine (Electron's printToPDF in
 * the app, Chromium elsewhere). A4 landscape; the organisation, title and page numbers are CSS page
 * margin boxes, so every engine prints them on every page without header templates. Chinese text uses
 * real CJK fonts (Noto Sans CJK SC first).
 */
export async function renderReportHtml(doc: ReportDoc): Promise<string> {
  const t = doc.t;
  const parts: string[] = [];
  parts.push(`<!doctype html><html lang="${doc.language}"><head><meta charset="utf-8"><title>${escapeHtml(doc.title)}</title><style>
@page {
  size: A4 landscape;
  margin: 16mm 10mm 14mm 10mm;
  @top-left { content: ${cssString(doc.organisation)}; font-size: 8pt; color: #555; }
  @top-right { content: ${cssString(doc.title)}; font-size: 8pt; color: #555; }
  @bottom-left { content: ${cssString(`${t('reports:pdf.generated')} ${formatGeneratedAt(doc.generatedAt, doc.timeZone, doc.language)}`)}; font-size: 7pt; color: #777; }
  @bottom-right { content: ${pageCounterContent(t('reports:pdf.page', { page: '{{page}}', pages: '{{pages}}', interpolation: { escapeValue: false, skipOnVariables: true } }))}; font-size: 8pt; color: #555; }
}
html { font-family: "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "Helvetica Neue", Arial, sans-serif; font-size: 8pt; color: #111; }
h1 { font-size: 16pt; margin: 0 0 4pt; font-weight: normal; }
h2 { font-size: 11pt; margin: 14pt 0 4pt; break-after: avoid; font-weight: normal; }
.meta { margin: 0 0 6pt; color: #333; }
.meta dt { font-weight: normal; color: #555; display: inline; }
.meta dd { display: inline; margin: 0 12pt 0 4pt; }
.note { color: #8a4b00; margin: 2pt 0; }
table { border-collapse: collapse; width: 100%; table-layout: auto; }
table.sheet { table-layout: fixed; }
td, th { overflow-wrap: break-word; hyphens: auto; }
caption { text-align: left; font-weight: 600; padding: 2pt 0; }
thead { display: table-header-group; }
th, td { border: 0.5pt solid #999; padding: 2pt 3pt; vertical-align: top; text-align: left; }
th { background: #eef1f5; font-weight: normal; }
tr { break-inside: avoid; }
td.num { text-align: right; }
td ul { margin: 0; padding-left: 10pt; }
.empty { color: #777; font-style: italic; }
</style></head><body>`);
  parts.push(`<h1>${escapeHtml(doc.title)}</h1>`);
  parts.push('<dl class="meta">');
  parts.push(`<dt>${escapeHtml(t('reports:about.organisation'))}</dt><dd>${escapeHtml(doc.organisation || t('common:header.noOrganisation'))}</dd>`);
  parts.push(`<dt>${escapeHtml(t('reports:about.generatedAt'))}</dt><dd>${escapeHtml(formatGeneratedAt(doc.generatedAt, doc.timeZone, doc.language))}</dd>`);
  for (const f of doc.filters) parts.push(`<dt>${escapeHtml(f.label)}</dt><dd>${escapeHtml(f.value)}</dd>`);
  parts.push('</dl>');
  for (const note of doc.notes) parts.push(`<p class="note">${escapeHtml(note)}</p>`);
  for (const summary of doc.summaries) {
    parts.push(`<h2>${escapeHtml(summary.title)}</h2><table><thead><tr>`);
    parts.push(summary.headers.map((h) => `<th>${escapeHtml(h)}</th>`).join(''));
    parts.push('</tr></thead><tbody>');
    for (const row of summary.rows) {
      parts.push(`<tr>${row.map((v) => `<td${typeof v === 'number' ? ' class="num"' : ''}>${escapeHtml(String(v))}</td>`).join('')}</tr>`);
    }
    parts.push('</tbody></table>');
  }
  for (const sheet of doc.sheets) {
    const columns = (sheet.columns as ColumnSpec<unknown>[]).filter((c) => c.inPdf);
    const total = columns.reduce((sum, c) => sum + (c.pdfWidth ?? c.width ?? 16), 0);
    parts.push(`<h2>${escapeHtml(t(sheet.title))}</h2><table class="sheet"><colgroup>`);
    parts.push(columns.map((c) => `<col style="width:${(((c.pdfWidth ?? c.width ?? 16) / total) * 100).toFixed(2)}%">`).join(''));
    parts.push('</colgroup><thead><tr>');
    parts.push(columns.map((c) => `<th>${escapeHtml(t(c.header))}</th>`).join(''));
    parts.push('</tr></thead><tbody>');
    let rows = 0;
    for await (const batch of sheet.batches(doc.ctx, doc.filterValues)) {
      for (const record of batch) {
        rows += 1;
        const cells = columns.map((c) => {
          const value = c.get(record);
          if (c.type === 'list' && Array.isArray(value)) return `<td>${escapeHtml(value.join(t('reports:pdf.listSeparator')))}</td>`;
          if (c.type === 'instant' && typeof value === 'string') return `<td>${escapeHtml(wallClock(value, doc.timeZone))}</td>`;
          return `<td${c.type === 'number' ? ' class="num"' : ''}>${escapeHtml(cellText(t, c, value))}</td>`;
        });
        parts.push(`<tr>${cells.join('')}</tr>`);
      }
    }
    if (rows === 0) parts.push(`<tr><td class="empty" colspan="${columns.length}">${escapeHtml(t('reports:pdf.empty'))}</td></tr>`);
    parts.push('</tbody></table>');
  }
  parts.push('</body></html>');
  return parts.join('');
}
