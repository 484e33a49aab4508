import type { TFunction } from 'i18next';
import { cite, citePolicy } from './citation';
import type { Language } from './domain/settings';

/**
 * Where a gap check's rule comes from, as data: an article of a law or regulation (with its
 * paragraph and item where the rule sits in one), or a clause of the organisation's own privacy
 * policy. Cited through the one citation helper (./citation.ts), so that a check's basis reads
 * 《个人信息保护法》第十三条第一款第三项 / PIPL Art. 13(1)(3) like every other citation.
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

const languageOf = (language: string): Language => (language.startsWith('zh') ? 'zh-CN' : 'en');

/** One source as the language cites it. */
export function citeSource(language: string, source: LegalSource): string {
  if (source.law === 'policy') return citePolicy(languageOf(language), source.clause);
  const { law, ...point } = source;
  return cite(languageOf(language), law, point);
}

/** Several sources, joined as the language lists them (； / ; ). */
export function citeSources(t: TFunction, language: string, sources: readonly LegalSource[]): string {
  return sources.map((s) => citeSource(language, s)).join(t('gaps:cite.separator'));
}

/** A sentence with its sources after it, as the language writes that: 理由（《个人信息保护法》第十三条） / reason (PIPL Art. 13). */
export function withSources(t: TFunction, language: string, text: string, sources: readonly LegalSource[]): string {
  return sources.length ? t('gaps:cite.withSources', { text, sources: citeSources(t, language, sources) }) : text;
}
