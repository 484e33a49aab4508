import i18next, { type i18n, type TFunction } from 'i18next';
import type { Language } from '../domain/languages';
import { addDayFormat, baseI18nOptions } from './options';
import enCommon from './en/common.json';
import enValidation from './en/validation.json';
import enErrors from './en/errors.json';
import enCategories from './en/categories.json';
import enWelcome from './en/welcome.json';
import enSettings from './en/settings.json';
import zhCommon from './zh-CN/common.json';
import zhValidation from './zh-CN/validation.json';
import zhErrors from './zh-CN/errors.json';
import zhCategories from './zh-CN/categories.json';
import zhWelcome from './zh-CN/welcome.json';
import zhSettings from './zh-CN/settings.json';
import enReports from './en/reports.json';
import zhReports from './zh-CN/reports.json';
import enPartners from './en/partners.json';
import zhPartners from './zh-CN/partners.json';
import enFlows from './en/flows.json';
import zhFlows from './zh-CN/flows.json';
import enAgreements from './en/agreements.json';
import zhAgreements from './zh-CN/agreements.json';
import enSdks from './en/sdks.json';
import zhSdks from './zh-CN/sdks.json';
import enPolicy from './en/policy.json';
import zhPolicy from './zh-CN/policy.json';
import enGaps from './en/gaps.json';
import zhGaps from './zh-CN/gaps.json';
import enRequests from './en/requests.json';
import zhRequests from './zh-CN/requests.json';
import enDesktop from './en/desktop.json';
import zhDesktop from './zh-CN/desktop.json';
import enPeople from './en/people.json';
import zhPeople from './zh-CN/people.json';
import { citationResources } from '../citation';

/**
 * Every human word, per language; one namespace per file. A new register adds its own file to
 * both languages and one line to each list below.
 */
export const resources = {
  en: {
    common: enCommon,
    validation: enValidation,
    errors: enErrors,
    categories: enCategories,
    welcome: enWelcome,
    settings: enSettings,
    reports: enReports,
    partners: enPartners,
    flows: enFlows,
    agreements: enAgreements,
    sdks: enSdks,
    policy: enPolicy,
    gaps: enGaps,
    requests: enRequests,
    desktop: enDesktop,
    people: enPeople,
    // Built from the citation helper, never written by hand: `$t(cite:pipl.21)` in any translation.
    cite: citationResources('en'),
  },
  'zh-CN': {
    common: zhCommon,
    validation: zhValidation,
    errors: zhErrors,
    categories: zhCategories,
    welcome: zhWelcome,
    settings: zhSettings,
    reports: zhReports,
    partners: zhPartners,
    flows: zhFlows,
    agreements: zhAgreements,
    sdks: zhSdks,
    policy: zhPolicy,
    gaps: zhGaps,
    requests: zhRequests,
    desktop: zhDesktop,
    people: zhPeople,
    cite: citationResources('zh-CN'),
  },
} satisfies Record<Language, Record<string, unknown>>;

export const NAMESPACES = Object.keys(resources.en) as (keyof (typeof resources)['en'])[];

/** The options the core's translators start from: every namespace of both languages. */
export { addDayFormat };

export function i18nOptions(lng: Language) {
  return { ...baseI18nOptions(lng), resources, ns: NAMESPACES } as const;
}

const translators = new Map<Language, TFunction>();

/** A translator for the core (error messages, reports); created once per language. */
export function translatorFor(lng: Language): TFunction {
  let t = translators.get(lng);
  if (!t) {
    const instance: i18n = i18next.createInstance();
    void instance.init(i18nOptions(lng));
    addDayFormat(instance);
    t = instance.t.bind(instance) as TFunction;
    translators.set(lng, t);
  }
  return t;
}

// In a module of its own so that the renderer can use it without importing every translation.
export { messageText } from './message-text';
export { languageFromLocale } from './options';
