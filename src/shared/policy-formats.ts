/**
 * The formats a policy is imported from, and the reduction of HTML to text the splitter reads.
 * Pure: no DOM, no Node. A .docx is turned into text in main (mammoth).
 */

export const POLICY_FORMATS = ['text', 'markdown', 'html', 'docx'] as const;
export type PolicyFormat = (typeof POLICY_FORMATS)[number];

const BY_EXTENSION: Record<string, PolicyFormat> = {
  txt: 'text',
  text: 'text',
  md: 'markdown',
  markdown: 'markdown',
  html: 'html',
  htm: 'html',
  docx: 'docx',
};

/** The format of a file by its name's extension; null for any other file. */
export function policyFormatOf(fileName: string): PolicyFormat | null {
  const dot = fileName.lastIndexOf('.');
  return dot === -1 ? null : (BY_EXTENSION[fileName.slice(dot + 1).toLowerCase()] ?? null);
}

/** What the file picker offers. */
export const POLICY_FILE_ACCEPT = '.txt,.md,.markdown,.html,.htm,.docx,text/plain,text/markdown,text/html';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ensp: ' ', emsp: ' ', middot: '·', hellip: '…', mdash: '—', ndash: '–', ldquo: '“', rdquo: '”', lsquo: '‘', rsquo: '’' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8});/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

const BLOCK = /^(p|div|section|article|header|footer|main|aside|nav|li|ul|ol|table|tr|blockquote|pre|dl|dt|dd|figure|figcaption|address|hr|br|h[1-6]|title)$/i;

/**
 * HTML as text: each heading (`<h2>` → `## `, so the splitter sees its level) and each block on its
 * own line, table cells separated by a tab, `<script>`, `<style>`, comments and tags removed,
 * entities decoded. Not a general HTML parser: enough for a published policy page.
 */
export function htmlToText(html: string): string {
  const cleaned = html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(script|style|noscript|template|svg|head)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<(script|style|noscript|template)\b[\s\S]*$/gi, '');
  let out = '';
  const tag = /<\/?([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>/g;
  let at = 0;
  for (let m = tag.exec(cleaned); m; m = tag.exec(cleaned)) {
    out += cleaned.slice(at, m.index).replace(/\s+/g, ' ');
    at = m.index + m[0].length;
    const name = m[1]!.toLowerCase();
    const closing = m[0][1] === '/';
    if (/^h[1-6]$/.test(name)) out += closing ? '\n' : `\n${'#'.repeat(Number(name[1]))} `;
    else if (name === 'td' || name === 'th') out += closing ? '\t' : '';
    else if (BLOCK.test(name)) out += '\n';
  }
  out += cleaned.slice(at).replace(/\s+/g, ' ');
  return decodeEntities(out.replace(/<[^>]*$/, ''))
    .split('\n')
    .map((l) => l.replace(/[ \t]+/g, (s) => (s.includes('\t') ? '\t' : ' ')).trim())
    .filter((l, i, all) => l !== '' || (i > 0 && all[i - 1] !== ''))
    .join('\n')
    .trim();
}
