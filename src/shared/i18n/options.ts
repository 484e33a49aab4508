import type { i18n } from 'i18next';
import { formatInstantWithZone, formatLocalDate } from '../time';
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

/**
 * Formats for parameters the core fills in, written as the time module writes them in the message's
 * language: `{{today, day}}` a `YYYY-MM-DD` day (`2026年12月1日`, `1 Dec 2026`); `{{at, instant}}` an ISO
 * instant on the clock of the message's `timeZone` parameter, with its offset (UTC when none is given).
 * Every i18next instance (the renderer's, the core's translators) adds them once initialised.
 */
export function addDayFormat(instance: i18n): void {
  const formatter = instance.services.formatter;
  formatter?.add('day', (value: unknown, lng: string | undefined) => formatLocalDate(String(value), lng ?? 'en'));
  formatter?.add('instant', (value: unknown, lng: string | undefined, options: { timeZone?: unknown }) =>
    formatInstantWithZone(String(value), lng ?? 'en', typeof options.timeZone === 'string' ? options.timeZone : 'UTC'),
  );
}
