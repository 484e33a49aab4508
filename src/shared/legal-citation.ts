import type { TFunction } from 'i18next';

/**
 * Where a rule comes from: an article of a law or regulation (with its paragraph and item where the
 * rule sits in one), or a clause of the organisation's own privacy policy. Cited one way per
 * language: 《个人信息保护法》第十三条第一款第三项 / PIPL Art. 13(1)(3); 隐私政策第4.1.5条 / Privacy policy cl. 4.1.5.
 */
export type LegalSource =
  | {
      /** pipl: 个人信息保护法; cbdf: 促进和规范数据跨境流动规定 (CAC, 2024). */
      law: 'pipl' | 'cbdf';
      article: number;
      paragraph?: number;
      item?: number;
    }
  | { law: 'policy'; clause: string };

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 10 → 十, 13 → 十三, 21 → 二十一, 105 → 一百零五 (1–999), as Chinese laws number their articles. */
export function chineseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 999) throw new RangeError(`no Chinese numeral for ${n}`);
  const hundreds = Math.floor(n / 100);
  const tens = Math.floor((n % 100) / 10);
  const ones = n % 10;
  let out = hundreds ? `${DIGITS[hundreds]}百` : '';
  if (tens) out += `${tens === 1 && !hundreds ? '' : DIGITS[tens]}十`;
  else if (hundreds && ones) out += '零';
  if (ones) out += DIGITS[ones];
  return out;
}

/** One source as the language cites it; the words (law names, 条/款/项, Art.) come from `gaps:cite`. */
export function citeSource(t: TFunction, language: string, source: LegalSource): string {
  if (source.law === 'policy') return t('gaps:cite.policy', { clause: source.clause });
  const zh = language.startsWith('zh');
  const n = (x: number) => (zh ? chineseNumber(x) : String(x));
  let ref = t('gaps:cite.article', { n: n(source.article) });
  if (source.paragraph) ref += t('gaps:cite.paragraph', { n: n(source.paragraph) });
  if (source.item) ref += t('gaps:cite.item', { n: n(source.item) });
  return t(`gaps:cite.${source.law}`, { ref });
}

/** Several sources, joined as the language lists them (、 / ; ). */
export function citeSources(t: TFunction, language: string, sources: readonly LegalSource[]): string {
  return sources.map((s) => citeSource(t, language, s)).join(t('gaps:cite.separator'));
}

/** A sentence with its sources after it, as the language writes that: 理由（《个人信息保护法》第十三条） / reason (PIPL Art. 13). */
export function withSources(t: TFunction, language: string, text: string, sources: readonly LegalSource[]): string {
  return sources.length ? t('gaps:cite.withSources', { text, sources: citeSources(t, language, sources) }) : text;
}
