import { z } from 'zod';
import { localDate, optionalMultilineText, requiredMultilineText, requiredText } from '../validation';
import { pageInput } from './paging';

/** Registers a clause may promise; a promised register with no record linked to the clause is a gap. */
export const CLAUSE_PROMISES = ['', 'categories', 'partners', 'agreements', 'sdks'] as const;
export type ClausePromise = (typeof CLAUSE_PROMISES)[number];

/** Largest policy text accepted, in characters. */
export const MAX_POLICY_CHARS = 500_000;

export const policyImportInput = z.strictObject({
  title: requiredText(200),
  versionLabel: requiredText(60),
  effectiveOn: localDate.nullable().default(null),
  text: requiredMultilineText(MAX_POLICY_CHARS),
  notes: optionalMultilineText(2000),
});
export type PolicyImportInput = z.input<typeof policyImportInput>;

export const policyClauseListInput = z.strictObject({
  ...pageInput(['position', 'number'] as const),
  /** A version id; the newest version when absent. */
  versionId: z.number().int().positive().optional(),
});
export const policyClauseGetInput = z.strictObject({
  number: requiredText(40),
  versionId: z.number().int().positive().optional(),
});
export const policySetPromiseInput = z.strictObject({
  clauseId: z.number().int().positive(),
  promises: z.enum(CLAUSE_PROMISES),
});

export interface PolicyVersion {
  id: number;
  title: string;
  versionLabel: string;
  effectiveOn: string | null;
  importedAt: string;
  clauseCount: number;
  notes: string;
}

export interface PolicyClause {
  id: number;
  versionId: number;
  number: string;
  heading: string;
  text: string;
  position: number;
  depth: number;
  promises: ClausePromise;
  /** How many register records cite this clause number. */
  linkedCount: number;
}

export interface PolicyImportResult {
  version: PolicyVersion;
  clauseNumbers: string[];
}

/** A clause as the splitter finds it. */
export interface SplitClause {
  number: string;
  /** The heading line without its number. */
  heading: string;
  /** The heading line and every line up to the next heading. */
  text: string;
  depth: number;
}

const CN_DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 一 → 1, 十 → 10, 十二 → 12, 二十三 → 23 (up to 99). */
export function chineseNumeral(text: string): number | null {
  if (!/^[一二三四五六七八九十]{1,3}$/.test(text)) return null;
  const ten = text.indexOf('十');
  if (ten === -1) return text.length === 1 ? CN_DIGITS[text]! : null;
  const tens = ten === 0 ? 1 : (CN_DIGITS[text.slice(0, ten)] ?? NaN);
  const rest = text.slice(ten + 1);
  const ones = rest === '' ? 0 : (CN_DIGITS[rest] ?? NaN);
  const value = tens * 10 + ones;
  return Number.isNaN(value) ? null : value;
}

// `3.2.1.1按照…`, `4.1.共享`, `2.1.本…`: a dotted number at the start of a line.
const DOTTED = /^(\d{1,3}(?:\.\d{1,3})+)\.?\s*(.*)$/;
// `4.` or `4、` followed by text (a top-level arabic heading).
const SINGLE = /^(\d{1,3})[.、．]\s*(\D.*)$/;
// `一、定义`
const CHINESE = /^([一二三四五六七八九十]{1,3})、\s*(.*)$/;

/**
 * Splits a policy written as plain text into clauses: a line that starts with a heading number
 * (`3.2.1.1`, `4.1.`, `一、`) begins a clause, which runs to the next heading. Lines before the
 * first heading (the preamble and its table of contents) belong to no clause. Word-processor
 * bookmarks such as `[bookmark: _GoBack]` are dropped. A number met twice keeps its first clause.
 */
export function splitPolicy(text: string): SplitClause[] {
  const clauses: SplitClause[] = [];
  const seen = new Set<string>();
  let current: { clause: SplitClause; lines: string[] } | null = null;
  const close = () => {
    if (!current) return;
    current.clause.text = current.lines.join('\n').trim();
    if (!seen.has(current.clause.number)) {
      seen.add(current.clause.number);
      clauses.push(current.clause);
    }
    current = null;
  };
  for (const raw of text.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.replace(/\[bookmark:[^\]]*\]/g, '').replace(/^[\s\u3000\uFEFF]+/, '').trimEnd();
    let number: string | null = null;
    let heading = '';
    const dotted = DOTTED.exec(line);
    const single = dotted ? null : SINGLE.exec(line);
    const chinese = dotted || single ? null : CHINESE.exec(line);
    if (dotted) {
      number = dotted[1]!;
      heading = dotted[2]!;
    } else if (single) {
      number = single[1]!;
      heading = single[2]!;
    } else if (chinese) {
      const n = chineseNumeral(chinese[1]!);
      if (n !== null) {
        number = String(n);
        heading = chinese[2]!;
      }
    }
    if (number !== null) {
      close();
      current = { clause: { number, heading: heading.trim(), text: '', depth: number.split('.').length }, lines: [line] };
    } else if (current) {
      (current as { lines: string[] }).lines.push(line);
    }
  }
  close();
  return clauses;
}

/** The register a clause promises, by its number, following DESIGN.md's map of the shared policy. */
export function defaultPromise(number: string): ClausePromise {
  if (number === '4.1.5') return 'agreements';
  if (number === '4.1.6') return 'sdks';
  if (/^4\.1\.[1-4]$/.test(number)) return 'partners';
  if (/^3\.2\.\d+(\.\d+)*$/.test(number)) return 'categories';
  return '';
}
