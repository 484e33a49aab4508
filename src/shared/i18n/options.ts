import { LANGUAGES, type Language } from '../domain/languages';

/**
 * The i18next options every instance starts from, without the translations: the core's translators
 * add all of them (index.ts), the renderer only the language it shows, loaded when needed.
 */
export function baseI18nOptions(lng: Language) {
  return {
    lng,
    fallbackLng: 'en',
    supportedLngs: [...LANGUAGES],
    defaultNS: 'common',
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  } as const;
}

/** `zh`, `zh-Hans-CN`, `zh-TW` → zh-CN; anything else → en. */
export function languageFromLocale(locale: string | undefined | null): Language {
  return locale && locale.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}
