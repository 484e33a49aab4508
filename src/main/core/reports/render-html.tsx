/**
 * The one HTML rendering of a report, printed to PDF by the browser engine (Electron's printToPDF in
 * the app, Chromium elsewhere). Every piece is a React component rendered with renderToStaticMarkup,
 * so every value from the register (the organisation, names, notes) is escaped text, never markup;
 * the stylesheets are constants (report-style.ts). The running header and footer are Chromium's
 * header and footer templates, rendered the same way. Chinese text uses real CJK fonts.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { formatInstant, formatInstantWithZone, formatLocalDate } from '@shared/time';
import { coverLines, signOffRows } from './cover';
import { longestWordOf, pdfColumnLayout, TABLE_EM, TABLE_FONT_PT } from './pdf-columns';
import type { PdfPageFrame } from '../context';
import { cellText, type ReportDoc, type SummaryTable } from './model';
import { PAGE_FRAME_STYLESHEET, REPORT_STYLESHEET } from './report-style';

export interface PrintableReport {
  html: string;
  frame: PdfPageFrame;
}

/** A register's sheet as the PDF shows it: the columns that fit on a page, every row as text. */
interface SheetView {
  title: string;
  /** `share`: the column's part of the table's width (pdf-columns.ts); `note`: its footnote's number. */
  columns: { header: string; note: number | null; share: number; numeric: boolean }[];
  /** Below 1 for a table too wide for the page at the report's font (pdf-columns.ts). */
  fontScale: number;
  /** What a header said in brackets (a citation, mostly), printed under the table by number. */
  notes: string[];
  rows: string[][];
}

/** A header's trailing bracketed part, e.g. `合法性基础（《个人信息保护法》第十三条）` → its footnote. */
function splitHeader(header: string): { main: string; note: string | null } {
  const m = /^(.+?)\s*[（(]([^（）()]+)[)）]$/.exec(header);
  return m ? { main: m[1]!, note: m[2]! } : { main: header, note: null };
}

/**
 * The first page: the title, the cover's lines (cover.ts), any notes, the sign-off block with lines to
 * sign on, and the contents when the report has several parts. The parts start on the next page.
 */
function Cover({ doc, parts }: { doc: ReportDoc; parts: { title: string; rows: number }[] }) {
  const t = doc.t;
  return (
    <div className="cover">
      <h1>{doc.title}</h1>
      <table className="cover-lines">
        <tbody>
          {coverLines(t, doc.cover).map((line) => (
            <CoverRow key={line.key} label={line.label} value={line.value} />
          ))}
          {doc.filters.map((f, i) => (
            <CoverRow key={`f${i}`} label={f.label} value={f.value} />
          ))}
        </tbody>
      </table>
      {doc.notes.map((note, i) => (
        <p key={i} className="note">
          {note}
        </p>
      ))}
      <h2>{t('reports:cover.signOff')}</h2>
      <table className="sign-off">
        <thead>
          <tr>
            <th>{t('reports:cover.role')}</th>
            <th>{t('reports:cover.name')}</th>
            <th>{t('reports:cover.signature')}</th>
            <th>{t('reports:cover.date')}</th>
          </tr>
        </thead>
        <tbody>
          {signOffRows(t, doc.cover).map((row, i) => (
            <tr key={i}>
              <td>{row.role}</td>
              <td>{row.name}</td>
              <td />
              <td />
            </tr>
          ))}
        </tbody>
      </table>
      {parts.length > 1 && (
        <>
          <h2>{t('reports:cover.contents')}</h2>
          <ol className="contents">
            {parts.map((part, i) => (
              <li key={i}>
                {t('reports:cover.part', { title: part.title, count: part.rows })}
              </li>
            ))}
          </ol>
        </>
      )}
    </div>
  );
}

function CoverRow({ label, value }: { label: string; value: string }) {
  return (
    <tr>
      <th scope="row">{label}</th>
      <td>{value}</td>
    </tr>
  );
}

function Summary({ summary }: { summary: SummaryTable }) {
  return (
    <>
      <h2>{summary.title}</h2>
      <table className="summary">
        <thead>
          <tr>
            {summary.headers.map((h, i) => (
              <th key={i}>{h}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {summary.rows.map((row, r) => (
            <tr key={r}>
              {row.map((v, i) => (
                <td key={i} className={typeof v === 'number' ? 'num' : undefined}>
                  {String(v)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function Sheet({ sheet, emptyText }: { sheet: SheetView; emptyText: string }) {
  return (
    <>
      <h2>{sheet.title}</h2>
      <table className="sheet" style={sheet.fontScale < 1 ? { fontSize: `${(TABLE_FONT_PT * sheet.fontScale).toFixed(1)}pt` } : undefined}>
        <colgroup>
          {sheet.columns.map((c, i) => (
            <col key={i} style={{ width: `${(c.share * 100).toFixed(2)}%` }} />
          ))}
        </colgroup>
        <thead>
          <tr>
            {sheet.columns.map((c, i) => (
              <th key={i}>
                {c.header}
                {c.note !== null && <sup>{c.note}</sup>}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {sheet.rows.map((row, r) => (
            <tr key={r}>
              {row.map((text, i) => (
                <td key={i} className={sheet.columns[i]!.numeric ? 'num' : undefined}>
                  {text}
                </td>
              ))}
            </tr>
          ))}
          {sheet.rows.length === 0 && (
            <tr>
              <td className="empty" colSpan={sheet.columns.length}>
                {emptyText}
              </td>
            </tr>
          )}
        </tbody>
      </table>
      {sheet.notes.length > 0 && (
        <p className="footnotes">
          {sheet.notes.map((note, i) => (
            <span key={i}>
              <sup>{i + 1}</sup>
              {note}
            </span>
          ))}
        </p>
      )}
    </>
  );
}

function ReportDocument({ doc, sheets }: { doc: ReportDoc; sheets: SheetView[] }) {
  return (
    <html lang={doc.language}>
      <head>
        <title>{doc.title}</title>
        <style>{REPORT_STYLESHEET}</style>
      </head>
      <body>
        <Cover doc={doc} parts={[...doc.summaries.map((s) => ({ title: s.title, rows: s.rows.length })), ...sheets.map((s) => ({ title: s.title, rows: s.rows.length }))]} />
        {doc.summaries.map((summary, i) => (
          <Summary key={i} summary={summary} />
        ))}
        {sheets.map((sheet, i) => (
          <Sheet key={i} sheet={sheet} emptyText={doc.t('reports:pdf.empty')} />
        ))}
      </body>
    </html>
  );
}

/** The top of every page: the organisation on the left, the report's title on the right. */
function PageHeader({ doc }: { doc: ReportDoc }) {
  return (
    <>
      <style>{PAGE_FRAME_STYLESHEET}</style>
      <div className="frame top">
        <span>{doc.organisation}</span>
        <span>{doc.title}</span>
      </div>
    </>
  );
}

/**
 * The bottom of every page: when it was generated, and "Page N of M" in the report's language, the
 * numbers filled in by Chromium where the translated sentence puts them.
 */
function PageFooter({ doc }: { doc: ReportDoc }) {
  const sentence = doc.t('reports:pdf.page', { page: '{{page}}', pages: '{{pages}}', interpolation: { escapeValue: false, skipOnVariables: true } });
  const parts = sentence.split(/(\{\{page\}\}|\{\{pages\}\})/).filter((part) => part !== '');
  return (
    <>
      <style>{PAGE_FRAME_STYLESHEET}</style>
      <div className="frame bottom">
        <span className="generated">{`${doc.t('reports:pdf.generated')} ${formatInstantWithZone(doc.generatedAt, doc.language, doc.timeZone)}`}</span>
        <span>
          {parts.map((part, i) =>
            part === '{{page}}' ? <span key={i} className="pageNumber" /> : part === '{{pages}}' ? <span key={i} className="totalPages" /> : part,
          )}
        </span>
      </div>
    </>
  );
}

/** Reads a sheet's rows (batch by batch) into the text the PDF prints. */
async function sheetView(doc: ReportDoc, sheet: ReportDoc['sheets'][number]): Promise<SheetView> {
  const t = doc.t;
  const columns = sheet.columns.filter((c) => c.inPdf);
  const rows: string[][] = [];
  for await (const batch of sheet.batches(doc.ctx, doc.filterValues)) {
    for (const record of batch) {
      rows.push(
        columns.map((c) => {
          const value = c.get(record);
          if (c.type === 'list' && Array.isArray(value)) return value.join(t('reports:pdf.listSeparator'));
          // Days and instants (on the organisation's clock) as the report's language writes them.
          if (c.type === 'instant' && typeof value === 'string') return formatInstant(value, doc.language, doc.timeZone);
          if (c.type === 'date' && typeof value === 'string') return formatLocalDate(value, doc.language);
          return cellText(t, c, value);
        }),
      );
    }
  }
  const notes: string[] = [];
  const headers = columns.map((c) => {
    const { main, note } = splitHeader(t(c.header));
    if (note === null) return { main, note: null };
    if (!notes.includes(note)) notes.push(note);
    return { main, note: notes.indexOf(note) + 1 };
  });
  const labels = (c: (typeof columns)[number]) =>
    c.type === 'boolean' ? [t('common:yes'), t('common:no')] : c.type === 'enum' && c.values ? c.values.map((v) => t(`${c.labelPrefix}.${v}`)) : undefined;
  const { shares, fontScale } = pdfColumnLayout(
    columns.map((c, i) => ({
      header: headers[i]!.main,
      type: c.type,
      weight: c.pdfWidth ?? c.width ?? 16,
      labels: labels(c),
      longestWord: c.type === 'text' || c.type === 'list' || c.type === 'label' ? longestWordOf(rows.map((r) => r[i]!)) : undefined,
    })),
    TABLE_EM,
    doc.language,
  );
  return {
    title: t(sheet.title),
    columns: columns.map((c, i) => ({ header: headers[i]!.main, note: headers[i]!.note, share: shares[i]!, numeric: c.type === 'number' })),
    fontScale,
    notes,
    rows,
  };
}

/** The report as one HTML document, and the header and footer printed on every page. */
export async function renderReportHtml(doc: ReportDoc): Promise<PrintableReport> {
  const sheets: SheetView[] = [];
  for (const sheet of doc.sheets) sheets.push(await sheetView(doc, sheet));
  return {
    html: `<!doctype html>${renderToStaticMarkup(<ReportDocument doc={doc} sheets={sheets} />)}`,
    frame: {
      headerTemplate: renderToStaticMarkup(<PageHeader doc={doc} />),
      footerTemplate: renderToStaticMarkup(<PageFooter doc={doc} />),
    },
  };
}
