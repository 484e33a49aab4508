/**
 * The clause splitter: turns a privacy policy, as published, into a preamble and a hierarchy of
 * clauses without discarding a line. Pure: no DOM, no Node.
 *
 * Each clause gets a reference that works for any numbering: the path of its numbers from the top
 * of the document, normalised to decimal (`三、` → 3, `（二）` under it → 3.2, a `1.1` restarted inside
 * `三、` → 3.1.1). A document numbered in decimal throughout keeps its own numbers (`3.2.1.1`). The
 * numbers as written are kept beside it (`label`: `三、（二）`). A reference met twice gets `#2`, `#3`…
 */

import { BULLET, parseHeading, readLines, TERMINAL, type Heading, type Kind, type Line } from './policy-headings';

export { chineseNumeral } from './policy-headings';

export type SplitWarningKind = 'duplicate' | 'order' | 'short' | 'levelJump';

export interface SplitWarning {
  kind: SplitWarningKind;
  /** 1-based line of the heading concerned. */
  line: number;
  /** The clause's reference (for `duplicate`, the reference it was given). */
  number: string;
  /** The heading line as written, shortened. */
  excerpt: string;
}

export interface SplitClause {
  /** The stable reference records cite: digits and dots, `#n` for a repeated number. */
  number: string;
  /** The path of numbers as written, e.g. `三、（二）` or `第二章第五条`. */
  label: string;
  /** The heading line without its number. */
  heading: string;
  /** The heading line and every line up to the next heading. */
  text: string;
  depth: number;
  /** 1-based line of the heading. */
  line: number;
}

export interface SplitDocument {
  /** Everything before the first clause, the table of contents included. */
  preamble: string;
  clauses: SplitClause[];
  warnings: SplitWarning[];
}

// ---- numerals ----


/** A heading's title without dot leaders, page numbers, emphasis and spaces, for matching a contents entry to its heading. */
const titleKey = (h: Heading) => h.title.replace(/[\s.．…·_\-—]*\d*$/, '').replace(/[\s*_#]+/g, '');
const LEADER = /(\.{3,}|…+|·{3,}|_{3,}|-{3,}|\s{2,})\s*\d{1,3}$/;

function bigrams(text: string): Map<string, number> {
  const out = new Map<string, number>();
  const chars = Array.from(text);
  for (let i = 0; i + 1 < chars.length; i++) out.set(chars[i]! + chars[i + 1]!, (out.get(chars[i]! + chars[i + 1]!) ?? 0) + 1);
  return out;
}
/** How alike two titles are (Dice's coefficient on pairs of characters), 0 to 1. */
function likeness(a: string, b: string): number {
  if (a === b) return 1;
  const x = bigrams(a);
  const y = bigrams(b);
  let both = 0;
  for (const [k, n] of x) both += Math.min(n, y.get(k) ?? 0);
  const total = [...x.values(), ...y.values()].reduce((t, n) => t + n, 0);
  return total === 0 ? 0 : (2 * both) / total;
}
/**
 * A contents entry and a heading are the same when their numbers have the same value, however
 * written (`1、` in the contents, `一、` in the body), and their titles are alike (a contents list
 * often shortens them: 如何收集您的个人信息 for 及其关联公司如何收集您的个人信息).
 */
const sameEntry = (a: Heading, b: Heading) => a.values.join('.') === b.values.join('.') && likeness(titleKey(a), titleKey(b)) >= 0.6;

/**
 * A table of contents: the first run of three or more heading lines (blank lines allowed between,
 * bullets allowed before) with no body text, most of whose headings appear again later, or that
 * carry dot leaders and page numbers. Returns the index of the line after it, or 0 when there is none.
 */
function tableOfContentsEnd(lines: Line[]): number {
  const entry = (l: Line): Heading | null => l.heading ?? (BULLET.test(l.text) ? parseHeading(l.text.replace(BULLET, '')) : null);
  let start = lines.findIndex((l) => entry(l) !== null);
  if (start === -1) return 0;
  let end = start;
  const run: Line[] = [];
  while (end < lines.length && (lines[end]!.text === '' || entry(lines[end]!))) {
    // The contents' first heading met again is where the body begins.
    if (run.length > 0 && lines[end]!.text !== '' && sameEntry(entry(lines[end]!)!, entry(run[0]!)!)) break;
    if (lines[end]!.text !== '') run.push(lines[end]!);
    end++;
  }
  if (run.length < 3) return 0;
  const later = lines.slice(end).flatMap((l) => (l.heading ? [l.heading] : []));
  const reappears = (l: Line) => later.some((h) => sameEntry(h, entry(l)!));
  const reappear = run.filter(reappears).length;
  const leaders = run.filter((l) => LEADER.test(l.text)).length;
  if (reappear * 2 < run.length && leaders * 2 < run.length) return 0;
  // A contents list opens with the first heading of the body.
  if (!reappears(run[0]!) && !LEADER.test(run[0]!.text)) return 0;
  // Only body text may follow a table of contents; blank lines inside it go with it.
  while (end > start && lines[end - 1]!.text === '') end--;
  return end;
}

/**
 * A contents list further down, after a heading of its own (第二部分 隐私权政策, then 1、–9、, then
 * 一、…): three or more heading lines with no text between them, most of which come again later as
 * headings of the body. They are kept as text of the clause they stand in, not taken for clauses.
 */
function clearInnerContents(lines: Line[], from: number): void {
  for (let i = from; i < lines.length; i++) {
    if (!lines[i]!.heading) continue;
    // The entries of a contents list are of one kind: the run stops at a heading of another.
    const kind = lines[i]!.heading!.kind;
    const run: number[] = [];
    let end = i;
    while (end < lines.length && (lines[end]!.text === '' || lines[end]!.heading?.kind === kind)) {
      if (run.length > 0 && lines[end]!.heading && sameEntry(lines[end]!.heading!, lines[run[0]!]!.heading!)) break;
      if (lines[end]!.heading) run.push(end);
      end++;
    }
    // …and what follows them is a heading (the body's first), not text.
    if (!lines[end]?.heading) {
      i = Math.max(i, end - 1);
      continue;
    }
    if (run.length >= 3) {
      const later = lines.slice(end).flatMap((l) => (l.heading ? [l.heading] : []));
      const reappear = run.filter((r) => later.some((h) => sameEntry(h, lines[r]!.heading!))).length;
      if (reappear * 2 >= run.length && later.some((h) => sameEntry(h, lines[run[0]!]!.heading!))) for (const r of run) lines[r]!.heading = null;
    }
    i = Math.max(i, end - 1);
  }
}

// ---- hierarchy ----

interface Open {
  kind: Kind;
  /** The reference path of this clause. */
  path: number[];
  /** The label path as written. */
  label: string;
  /** Numbers as written (a dotted number keeps all of them). */
  values: number[];
  /** What a dotted number's label is written after (the labels of the headings above the decimal run). */
  labelBase: string;
  indent: number;
}

/** The usual order of numbering kinds, outermost first (GB/T 9704: 一、（一）1.（1）). */
const RANK: Partial<Record<Kind, number>> = { part: 0, chapter: 1, section: 2, article: 3, cn: 4, cnParen: 5, num: 6, dotted: 6, numParen: 7, circled: 8, alpha: 9 };

interface Built {
  clauses: (SplitClause & { children: number })[];
  warnings: SplitWarning[];
  /** A decimal number under another heading that did not repeat the parent's number. */
  restarted: boolean;
}

const excerptOf = (text: string) => (text.length > 60 ? `${text.slice(0, 59)}…` : text);

function build(lines: Line[], from: number, restartMode: boolean): Built {
  const stack: Open[] = [];
  const root: Open = { kind: 'md0', path: [], label: '', values: [], labelBase: '', indent: -1 };
  const clauses: Built['clauses'] = [];
  const warnings: SplitWarning[] = [];
  const refs = new Map<string, number>();
  /** Clause index by reference path, to count sub-clauses. */
  const byPath = new Map<string, number>();
  /** The last number of each kind under each parent path, for unnumbered headings and order checks. */
  const lastOf = new Map<string, number>();
  /** The number last written for each kind under each parent path (a Markdown list writes 1 each time). */
  const writtenOf = new Map<string, number>();
  let restarted = false;
  const top = () => stack[stack.length - 1] ?? root;

  for (let i = from; i < lines.length; i++) {
    const h = lines[i]!.heading;
    if (!h) {
      const last = clauses[clauses.length - 1];
      if (last) last.text += `\n${lines[i]!.text}`;
      continue;
    }
    const lineNo = i + 1;
    const warn = (kind: SplitWarningKind, number: string) => warnings.push({ kind, line: lineNo, number, excerpt: excerptOf(lines[i]!.text) });
    let path: number[];
    let label: string;
    let labelBase: string;

    if (h.kind === 'dotted') {
      const dottedAt = stack.map((o) => o.kind).lastIndexOf('dotted');
      const numAt = stack.findLastIndex((o) => o.kind === 'num' && o.values[0] === h.values[0]);
      if (dottedAt !== -1 && dottedAt >= numAt) {
        const prev = stack[dottedAt]!;
        stack.length = dottedAt;
        const prefix = prev.path.slice(0, prev.path.length - prev.values.length);
        path = [...prefix, ...h.values];
        labelBase = prev.labelBase;
        if (h.values.length > prev.values.length + 1) warn('levelJump', path.join('.'));
      } else if (numAt !== -1) {
        const num = stack[numAt]!;
        stack.length = numAt + 1;
        path = [...num.path.slice(0, -1), ...h.values];
        labelBase = stack[numAt - 1]?.label ?? '';
      } else {
        const parent = top();
        const repeatsParent = parent.path.length > 0 && h.values[0] === parent.path[parent.path.length - 1];
        if (parent.path.length > 0 && !repeatsParent) restarted = true;
        if (repeatsParent && !restartMode) {
          path = [...parent.path.slice(0, -1), ...h.values];
          labelBase = stack[stack.length - 2]?.label ?? '';
        } else {
          path = [...parent.path, ...h.values];
          labelBase = parent.label;
        }
      }
    } else {
      const at = stack.map((o) => o.kind).lastIndexOf(h.kind);
      // A list that starts again at 1 under a heading of another kind is a new list inside that
      // heading (一、 … 1. 2. … 二、 … 1. 2.), not a sibling of the earlier list.
      // So is a list indented further than the open one of its kind (a Markdown list within a list item).
      const restartsInside = at !== -1 && ((at < stack.length - 1 && h.values[0] === 1) || lines[i]!.indent > stack[at]!.indent + 1);
      if (at !== -1 && !restartsInside) stack.length = at;
      else if (at === -1 && RANK[h.kind] !== undefined) {
        // A kind met for the first time closes the open headings of kinds that rank below it in
        // the usual order (一、 above （一） above 1. above （1）): （一） after 一、 1. 2. is the next
        // level of 一、, not a sub-clause of 2.
        while (stack.length > 0 && (RANK[top().kind] ?? -1) > RANK[h.kind]!) stack.pop();
      } else if (h.kind.startsWith('md')) {
        // A Markdown heading closes every deeper or equal Markdown heading.
        const level = Number(h.kind.slice(2));
        const shallower = stack.findLastIndex((o) => o.kind.startsWith('md') && Number(o.kind.slice(2)) < level);
        const anyMd = stack.findIndex((o) => o.kind.startsWith('md'));
        if (anyMd !== -1) stack.length = shallower === -1 ? anyMd : shallower + 1;
        const parentLevel = shallower === -1 ? 0 : Number(stack[shallower]!.kind.slice(2));
        if (level > parentLevel + 1 && (shallower !== -1 || level > 2)) warn('levelJump', '');
      }
      const parent = top();
      const key = `${parent.path.join('.')}|${h.kind}`;
      let value = h.values[0] ?? (lastOf.get(key) ?? 0) + 1;
      // Markdown numbers a list written "1." "1." "1." as 1, 2, 3: so does the reader, and so do we.
      const autoNumbered = h.kind === 'num' && value === 1 && writtenOf.get(key) === 1 && lastOf.has(key);
      writtenOf.set(key, h.values[0] ?? 0);
      if (autoNumbered) {
        value = lastOf.get(key)! + 1;
        h.marker = h.marker.replace(/^1/, String(value));
      }
      path = [...parent.path, value];
      labelBase = parent.label;
    }
    label = `${labelBase}${h.marker}`;

    const siblingKey = `${path.slice(0, -1).join('.')}|${h.kind}`;
    const lastOfKind = lastOf.get(siblingKey);
    lastOf.set(siblingKey, path[path.length - 1]!);
    let number = path.join('.');
    const seen = refs.get(number) ?? 0;
    refs.set(number, seen + 1);
    if (seen > 0) {
      number = `${number}#${seen + 1}`;
      warn('duplicate', number);
    } else if (lastOfKind !== undefined && path[path.length - 1]! !== lastOfKind + 1) {
      warn('order', number);
    }
    // Fill in the reference of warnings raised before it was known.
    for (const w of warnings) if (w.line === lineNo && w.number === '') w.number = number;

    const open: Open = { kind: h.kind, path, label, values: h.kind === 'dotted' ? h.values : [path[path.length - 1]!], labelBase, indent: lines[i]!.indent };
    const parentClause = byPath.get(path.slice(0, -1).join('.'));
    if (parentClause !== undefined) clauses[parentClause]!.children++;
    if (!byPath.has(path.join('.'))) byPath.set(path.join('.'), clauses.length);
    stack.push(open);
    clauses.push({ number, label, heading: h.title, text: lines[i]!.text, depth: path.length, line: lineNo, children: 0 });
  }
  return { clauses, warnings, restarted };
}

/** Shorter than this (heading line included) and without sub-clauses, a clause is worth a look. */
const SHORT_CLAUSE = 6;

/** Splits a policy's text into its preamble, clauses and the warnings an officer should look at. */
export function splitPolicyDocument(text: string): SplitDocument {
  const lines = readLines(text);
  // A Markdown document's one `#` heading, before any other, is its title: part of the preamble.
  const titles = lines.filter((l) => l.heading?.kind === 'md1');
  if (titles.length === 1 && lines.find((l) => l.heading) === titles[0]) titles[0]!.heading = null;
  // A policy with no numbers and no Markdown headings, copied from a page whose headings were bold
  // (`**我们如何使用您的信息**` on a line of its own), is divided at those lines.
  if (!lines.some((l) => l.heading)) {
    for (const l of lines) {
      const bold = /^\*\*([^*]{1,40}?)\s*\*\*$/.exec(l.text);
      if (bold && !TERMINAL.test(bold[1]!.trim())) l.heading = { kind: 'md2', values: [], marker: '', title: bold[1]!.trim() };
    }
  }
  const tocEnd = tableOfContentsEnd(lines);
  const firstHeading = lines.findIndex((l, i) => i >= tocEnd && l.heading !== null);
  const from = firstHeading === -1 ? lines.length : firstHeading;
  clearInnerContents(lines, from + 1);
  let built = build(lines, from, false);
  // A document that restarts its decimal numbers inside a section does so throughout.
  if (built.restarted) built = build(lines, from, true);
  const warnings = [...built.warnings];
  const clauses = built.clauses.map(({ children, ...c }) => {
    const textOut = c.text.trim();
    if (children === 0 && textOut.replace(/\s/g, '').length < SHORT_CLAUSE) {
      warnings.push({ kind: 'short', line: c.line, number: c.number, excerpt: excerptOf(textOut) });
    }
    return { ...c, text: textOut };
  });
  warnings.sort((a, b) => a.line - b.line);
  return {
    preamble: lines
      .slice(0, from)
      .map((l) => l.text)
      .join('\n')
      .trim(),
    clauses,
    warnings,
  };
}
