/**
 * Reading a policy's lines: which line starts a heading, of which numbering kind (一、 （一） 1. 1.1
 * ① 第N条 (a) Markdown…) and with which numbers. Pure: no DOM, no Node. The hierarchy, the table of
 * contents and the warnings are built from these lines by ./policy-split.ts.
 */
const CN_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 一 → 1, 十 → 10, 十二 → 12, 二十三 → 23, 一百零五 → 105 (up to 999). */
export function chineseNumeral(text: string): number | null {
  if (!/^[零〇一二两三四五六七八九十百]{1,6}$/.test(text)) return null;
  let total = 0;
  let digit: number | null = null;
  let lastUnit = 1000;
  for (const ch of text) {
    if (ch === '百' || ch === '十') {
      const unit = ch === '百' ? 100 : 10;
      if (unit >= lastUnit) return null;
      if (digit === 0) return null;
      total += (digit ?? 1) * unit;
      digit = null;
      lastUnit = unit;
    } else {
      if (digit !== null && digit !== 0) return null;
      digit = CN_DIGITS[ch]!;
    }
  }
  if (digit !== null) {
    if (lastUnit === 1000 && text.length > 1) return null;
    total += digit;
  }
  return total > 0 ? total : null;
}

const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';
const CN = '[零〇一二两三四五六七八九十百]{1,6}';

function numeral(text: string): number | null {
  if (/^\d{1,3}$/.test(text)) return Number(text);
  return chineseNumeral(text);
}

// ---- heading lines ----

/** Kinds of numbering; a kind met again at a shallower place closes what was opened under it. */
export type Kind = 'part' | 'chapter' | 'section' | 'article' | 'cn' | 'cnParen' | 'num' | 'dotted' | 'numParen' | 'circled' | 'alpha' | `md${number}`;

export interface Heading {
  kind: Kind;
  /** Numbers as written: one, or several for a dotted number. Empty for an unnumbered Markdown heading. */
  values: number[];
  /** The number as written, e.g. `（二）`, `3.1`, `第五条`, `##`. */
  marker: string;
  title: string;
}

export const TERMINAL = /[。；;，,：:！？!?]$/;

interface Pattern {
  re: RegExp;
  make: (m: RegExpExecArray) => Heading | null;
}

const one = (kind: Kind, valueText: string, marker: string, title: string): Heading | null => {
  const v = numeral(valueText);
  return v === null ? null : { kind, values: [v], marker, title: title.trim() };
};

const PATTERNS: Pattern[] = [
  // 第一部分 / 第二章 / 第三节 / 第五条
  { re: new RegExp(`^(第\\s*(${CN}|\\d{1,3})\\s*(部分|章|节|條|条))\\s*(.*)$`), make: (m) => one(({ 部分: 'part', 章: 'chapter', 节: 'section', 条: 'article', 條: 'article' } as const)[m[3] as '章']!, m[2]!, m[1]!.replace(/\s/g, ''), m[4]!) },
  // 一、定义   一．定义
  { re: new RegExp(`^((${CN})\\s*[、．.])\\s*(.+)$`), make: (m) => one('cn', m[2]!, m[1]!, m[3]!) },
  // （一）共享   (一) 共享
  { re: new RegExp(`^([（(]\\s*(${CN})\\s*[）)])\\s*(.*)$`), make: (m) => one('cnParen', m[2]!, m[1]!, m[3]!) },
  // 3.2.1.1按照…   4.1.共享   1.1 Scope
  {
    re: /^((\d{1,3}(?:[.．]\d{1,3})+)[.．、]?)\s*(.*)$/,
    make: (m) => (/^\d/.test(m[3]!) ? null : { kind: 'dotted', values: m[2]!.split(/[.．]/).map(Number), marker: m[1]!, title: m[3]!.trim() }),
  },
  // 4. Sharing   4、共享   4．共享
  { re: /^((\d{1,3})[.、．])\s*(\D.*)$/, make: (m) => one('num', m[2]!, m[1]!, m[3]!) },
  // （1） (1) 1)
  { re: /^([（(]\s*(\d{1,3})\s*[）)]|(\d{1,3})[）)])\s*(.*)$/, make: (m) => one('numParen', m[2] ?? m[3]!, m[1]!, m[4]!) },
  // ①
  { re: new RegExp(`^([${CIRCLED}])\\s*(.*)$`, 'u'), make: (m) => ({ kind: 'circled', values: [CIRCLED.indexOf(m[1]!) + 1], marker: m[1]!, title: m[2]!.trim() }) },
  // (a) a) a.
  {
    re: /^([（(]([a-z])[）)]|([a-z])[).])\s+(.*)$/,
    make: (m) => ({ kind: 'alpha', values: [(m[2] ?? m[3]!).charCodeAt(0) - 96], marker: m[1]!, title: m[4]!.trim() }),
  },
  // 4 Sharing (a short heading line: no terminal punctuation)
  {
    re: /^((\d{1,2}))\s+(\D.{0,60})$/,
    make: (m) => (TERMINAL.test(m[3]!) ? null : one('num', m[2]!, m[1]!, m[3]!)),
  },
];

export const BULLET = /^[·•●▪◦]\s*/;
const BOOKMARK = /\[bookmark:[^\]]*\]/g;

/**
 * A line as its heading is read, not as it is kept: policies copied from a web page through a
 * Markdown converter come with their numbers escaped (`1\.`), their headings in bold (`**一、总则**`)
 * or italics, and `###1\.` with no space after the hashes.
 */
function headingForm(line: string): string {
  return line
    .replace(/\\([.、．)）(（\-*_#+\[\]])/g, '$1')
    .replace(/^(?:\*\*|__|\*(?!\s)|_(?!\s))+\s*/, '')
    .replace(/\s*(?:\*\*|__|\*|_)+$/, '')
    .replace(/^(#{1,6})(?=[\d\u4e00-\u9fff（(第])/, '$1 ');
}

/** The heading a line starts with, or null. Markdown headings may carry a number of their own. */
export function parseHeading(raw: string): Heading | null {
  const line = headingForm(raw);
  const md = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
  if (md) {
    const inner = parseNumbered(headingForm(md[2]!));
    const kind: Kind = `md${md[1]!.length}`;
    return inner ? { ...inner, kind, values: inner.values.slice(-1) } : { kind, values: [], marker: '', title: md[2]! };
  }
  return parseNumbered(line);
}

function parseNumbered(line: string): Heading | null {
  for (const p of PATTERNS) {
    const m = p.re.exec(line);
    if (m) {
      const h = p.make(m);
      // A numbered list item holding a Markdown heading ("1. #### 简介") is titled by the heading's text.
      if (h) return { ...h, title: h.title.replace(/^#{1,6}\s+/, '').replace(/^(?:\*\*|__)\s*|\s*(?:\*\*|__)$/g, '') };
    }
  }
  return null;
}

// ---- lines ----

export interface Line {
  /** The line as it will be kept (leading blanks and bookmarks removed, trailing blanks trimmed). */
  text: string;
  heading: Heading | null;
  /** Leading blanks before it (a tab as four): a Markdown list nests by indentation. */
  indent: number;
}

export function readLines(text: string): Line[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((raw) => {
      const line = raw.replace(BOOKMARK, '').replace(/^[\s\u3000\uFEFF]+/, '').trimEnd();
      const indent = (/^[ \t]*/.exec(raw.replace(BOOKMARK, ''))?.[0] ?? '').replace(/\t/g, '    ').length;
      return { text: line, heading: line ? parseHeading(line) : null, indent };
    });
}
