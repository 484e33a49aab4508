import { describe, expect, it } from 'vitest';
import { chineseNumeral } from '../../src/shared/domain/policy';
import { translatorFor } from '../../src/shared/i18n';
import { chineseNumber } from '../../src/shared/citation';
import { citeSource, citeSources, withSources } from '../../src/shared/legal-citation';

describe('citing the law', () => {
  it('numbers articles as Chinese laws do, and the policy splitter reads every number back', () => {
    expect([1, 10, 13, 20, 21, 34, 50, 74, 100, 105, 110, 999].map(chineseNumber)).toEqual([
      '一', '十', '十三', '二十', '二十一', '三十四', '五十', '七十四', '一百', '一百零五', '一百一十', '九百九十九',
    ]);
    for (let n = 1; n <= 999; n += 1) expect(chineseNumeral(chineseNumber(n))).toBe(n);
    expect(() => chineseNumber(0)).toThrow(RangeError);
  });

  it('cites PIPL, its paragraphs and items, the CAC provisions and the policy one way per language', () => {
    const zh = translatorFor('zh-CN');
    const en = translatorFor('en');
    expect(citeSource('zh-CN', { law: 'pipl', article: 21 })).toBe('《个人信息保护法》第二十一条');
    expect(citeSource('en', { law: 'pipl', article: 21 })).toBe('PIPL Art. 21');
    expect(citeSource('zh-CN', { law: 'pipl', article: 13, paragraph: 1, item: 3 })).toBe('《个人信息保护法》第十三条第一款第三项');
    expect(citeSource('en', { law: 'pipl', article: 13, paragraph: 1, item: 3 })).toBe('PIPL Art. 13(1)(3)');
    expect(citeSource('zh-CN', { law: 'cbdf', article: 5 })).toBe('《促进和规范数据跨境流动规定》第五条');
    expect(citeSources(zh, 'zh-CN', [{ law: 'policy', clause: '4.1.5' }, { law: 'pipl', article: 21 }])).toBe('隐私政策第4.1.5条；《个人信息保护法》第二十一条');
    expect(citeSources(en, 'en', [{ law: 'policy', clause: '4.1.5' }, { law: 'pipl', article: 21 }])).toBe('Privacy policy cl. 4.1.5; PIPL Art. 21');
    expect(withSources(zh, 'zh-CN', '理由', [{ law: 'pipl', article: 34 }])).toBe('理由（《个人信息保护法》第三十四条）');
    expect(withSources(en, 'en', 'Reason', [])).toBe('Reason');
  });
});
