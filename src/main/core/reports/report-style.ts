/**
 * The report's stylesheets: constants, with nothing from the register in them. Every word that a
 * report prints (the organisation, titles, the page numbers' sentence) is markup rendered by React
 * (render-html.tsx), which escapes it; no text ever reaches CSS.
 */
const FONTS = '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "Helvetica Neue", Arial, sans-serif';

/** The document: A4 landscape; the page margins leave room for the running header and footer. */
export const REPORT_STYLESHEET = `
@page { size: A4 landscape; margin: 16mm 10mm 14mm 10mm; }
html { font-family: ${FONTS}; font-size: 8pt; color: #111; }
body { margin: 0; }
h1 { font-size: 16pt; margin: 0 0 4pt; font-weight: normal; }
h2 { font-size: 11pt; margin: 14pt 0 4pt; break-after: avoid; font-weight: normal; }
.meta { margin: 0 0 6pt; color: #333; }
.meta dt { font-weight: normal; color: #555; display: inline; }
.meta dd { display: inline; margin: 0 12pt 0 4pt; }
.note { color: #8a4b00; margin: 2pt 0; }
table { border-collapse: collapse; width: 100%; table-layout: auto; }
table.sheet { table-layout: fixed; }
table.summary { width: auto; min-width: 60%; }
table.summary td.num { min-width: 14mm; }
/* Lines break at spaces and hyphens in English and between any two characters in Chinese (word-break:
   normal); a word is broken inside only when it is wider than its column (a URL, a hash), as a last
   resort. No automatic hyphenation: it depends on the machine's dictionaries, so one PDF would differ
   from another. Column widths leave room for each column's longest word (pdf-columns.ts). */
td, th { word-break: normal; overflow-wrap: break-word; hyphens: manual; }
caption { text-align: left; font-weight: 600; padding: 2pt 0; }
thead { display: table-header-group; }
th, td { border: 0.5pt solid #999; padding: 2pt 3pt; vertical-align: top; text-align: left; }
th { background: #eef1f5; font-weight: normal; }
tr { break-inside: avoid; }
td.num { text-align: right; }
td ul { margin: 0; padding-left: 10pt; }
.empty { color: #777; font-style: italic; }
.cover { break-after: page; }
.cover h1 { font-size: 20pt; margin: 0 0 12pt; }
table.cover-lines { width: auto; max-width: 100%; font-size: 9.5pt; margin-bottom: 8pt; }
table.cover-lines th { width: 52mm; white-space: normal; }
table.cover-lines td { overflow-wrap: anywhere; }
table.sign-off { font-size: 9.5pt; }
table.sign-off th:first-child, table.sign-off td:first-child { width: 30mm; }
table.sign-off td { height: 13mm; vertical-align: bottom; }
p.footnotes { color: #444; font-size: 7pt; margin: 2pt 0 0; }
p.footnotes span { margin-right: 10pt; }
sup { font-size: 0.7em; vertical-align: super; line-height: 0; }
ol.contents { font-size: 9.5pt; margin: 0; padding-left: 16pt; }
`;

/**
 * The running header and footer (Chromium's templates): the organisation and the title at the top,
 * the generation time and the page numbers at the bottom, each centred in its page margin. A
 * template's box is the whole sheet of paper, so it is placed against the paper's edge, with the
 * page's side margins as padding.
 */
export const PAGE_FRAME_STYLESHEET = `
html, body { margin: 0; padding: 0; }
.frame { position: absolute; left: 0; right: 0; box-sizing: border-box; padding: 0 10mm; display: flex; justify-content: space-between; align-items: center; gap: 12pt; font-family: ${FONTS}; color: #555; font-size: 8pt; }
.frame.top { top: 0; height: 16mm; }
.frame.bottom { bottom: 0; height: 14mm; }
.frame .generated { font-size: 7pt; color: #777; }
`;
