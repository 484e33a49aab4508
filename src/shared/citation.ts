/**
 * The one way the workbench cites laws and standards, in both languages:
 *   《个人信息保护法》第二十一条 · GB/T 35273—2020 第8.7条
 *   PIPL Art. 21 · GB/T 35273-2020 §8.7
 * Code calls `cite()`; the i18n files cite through the `cite` namespace that `citationResources()`
 * builds from the same function (`$t(cite:pipl.21)`, `$t(cite:gbt35273.8.7)`), so that no translation
 * spells a citation by hand.
 */
import type { Language } from './domain/settings';

interface Law {
  kind: 'law';
  /** The law's short title as cited in Chinese, inside 《》. */
  zh: string;
  en: string;
  /** The articles the workbench cites (the namespace holds these). */
  articles: readonly number[];
}

interface Standard {
  kind: 'standard';
  /** The standard's number and year, e.g. `GB/T 35273` and `2020`. */
  number: string;
  year: string;
  /** The clauses the workbench cites, as numbered in the standard. */
  clauses: readonly string[];
}

/** Every source the workbench cites, and the points of it that it cites. */
export const LEGAL_SOURCES = {
  pipl: { kind: 'law', zh: '个人信息保护法', en: 'PIPL', articles: [4, 13, 14, 17, 20, 21, 23, 24, 28, 29, 31, 38, 39, 44, 45, 46, 47, 48, 50, 51, 52, 55, 56, 57, 73] },
  civilCode: { kind: 'law', zh: '民法典', en: 'Civil Code', articles: [201, 203, 1034, 1035, 1038] },
  cbdf: { kind: 'law', zh: '促进和规范数据跨境流动规定', en: 'Provisions on Promoting and Regulating Cross-Border Data Flows', articles: [3, 4, 5, 6] },
  gbt35273: { kind: 'standard', number: 'GB/T 35273', year: '2020', clauses: ['5.4', '6.3', '8.1', '8.7', '9.2', '9.3'] },
  gbt41391: { kind: 'standard', number: 'GB/T 41391', year: '2022', clauses: ['6.6.2'] },
} as const satisfies Record<string, Law | Standard>;

export type LegalSource = keyof typeof LEGAL_SOURCES;

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
const UNITS = ['', '十', '百', '千'];

/** 1–9999 in Chinese numerals as an article number is written: 10 十, 21 二十一, 201 二百零一, 1034 一千零三十四. */
export function chineseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 9999) throw new RangeError(`chineseNumber: ${n}`);
  const digits = String(n).split('').map(Number);
  let out = '';
  let zero = false;
  digits.forEach((d, i) => {
    const unit = UNITS[digits.length - 1 - i]!;
    if (d === 0) {
      zero = out !== '';
      return;
    }
    if (zero) out += '零';
    zero = false;
    // 十 at the start is written without 一 (十三, not 一十三); after a higher place it keeps it (一百一十).
    out += d === 1 && unit === '十' && out === '' ? unit : DIGITS[d]! + unit;
  });
  return out;
}

/** A point of a law: an article, with the paragraph and item where the rule sits in one. */
export interface ArticleRef {
  article: number;
  paragraph?: number;
  item?: number;
}

/**
 * A citation of `source`, or of one of its articles (a law: a number, or an article with its paragraph
 * and item) or clauses (a standard), in `language`: `cite('zh-CN', 'pipl', 21)` → 《个人信息保护法》第二十一条;
 * `cite('zh-CN', 'pipl', { article: 13, paragraph: 1, item: 3 })` → 《个人信息保护法》第十三条第一款第三项
 * (PIPL Art. 13(1)(3)); `cite('en', 'gbt35273', '8.7')` → GB/T 35273-2020 §8.7; without a point, the
 * source alone (《个人信息保护法》, PIPL).
 */
export function cite(language: Language, source: LegalSource, point?: number | string | ArticleRef): string {
  const s: Law | Standard = LEGAL_SOURCES[source];
  const zh = language === 'zh-CN';
  if (s.kind === 'law') {
    const name = zh ? `《${s.zh}》` : s.en;
    if (point === undefined) return name;
    const ref: ArticleRef = typeof point === 'object' ? point : { article: Number(point) };
    if (zh) {
      return `${name}第${chineseNumber(ref.article)}条${ref.paragraph ? `第${chineseNumber(ref.paragraph)}款` : ''}${ref.item ? `第${chineseNumber(ref.item)}项` : ''}`;
    }
    return `${name} Art. ${ref.article}${ref.paragraph ? `(${ref.paragraph})` : ''}${ref.item ? `(${ref.item})` : ''}`;
  }
  // The year follows an em dash in the standard's own Chinese title (GB/T 35273—2020), a hyphen in English.
  const name = `${s.number}${zh ? '—' : '-'}${s.year}`;
  if (point === undefined) return name;
  return zh ? `${name} 第${String(point)}条` : `${name} §${String(point)}`;
}

/** A clause of the organisation's own privacy policy, cited the same way: 隐私政策第4.1.5条 / Privacy policy cl. 4.1.5. */
export function citePolicy(language: Language, clause: string): string {
  return language === 'zh-CN' ? `隐私政策第${clause}条` : `Privacy policy cl. ${clause}`;
}

/**
 * The `cite` namespace of a language: `pipl.21`, `civilCode.203`, `gbt35273.8.7` (a clause's numbers
 * are nested keys), and each source alone under `name` (`cite:name.pipl`).
 */
export function citationResources(language: Language): Record<string, unknown> {
  const out: Record<string, unknown> = { name: {} };
  for (const [key, s] of Object.entries(LEGAL_SOURCES) as [LegalSource, Law | Standard][]) {
    (out.name as Record<string, string>)[key] = cite(language, key);
    const points: Record<string, unknown> = {};
    const list = s.kind === 'law' ? s.articles.map(String) : s.clauses;
    for (const point of list) {
      const path = point.split('.');
      let node = points;
      for (const part of path.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
      node[path[path.length - 1]!] = cite(language, key, point);
    }
    out[key] = points;
  }
  return out;
}
