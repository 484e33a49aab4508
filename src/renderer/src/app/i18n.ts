import i18next, { type i18n as I18n } from 'i18next';
import { useEffect, useSyncExternalStore } from 'react';
import { initReactI18next } from 'react-i18next';
import { addDayFormat, baseI18nOptions, languageFromLocale } from '@shared/i18n/options';
import { LANGUAGES, type Language } from '@shared/domain/languages';
import type { LanguageBundle } from './locales/bundle';

/**
 * Each language's translations are a chunk of their own (src/renderer/src/app/locales/): the first
 * script carries none, and only the language shown is loaded.
 */
const BUNDLES: Record<Language, () => Promise<{ bundle: LanguageBundle }>> = {
  en: () => import('./locales/en'),
  'zh-CN': () => import('./locales/zh-CN'),
};

const LAST_LANGUAGE = 'privacy-workbench.language';

/** The language the settings chose last time on this machine, else the system's: loaded while the core is asked. */
function likelyLanguage(): Language {
  let last: string | null = null;
  try {
    last = localStorage.getItem(LAST_LANGUAGE);
  } catch {
    // Storage refused (a locked-down profile): the system's language will do.
  }
  return LANGUAGES.find((l) => l === last) ?? languageFromLocale(navigator.language);
}

const initial = likelyLanguage();

/** The renderer's i18next instance; starts in the likely language and follows the settings once they load. */
export const i18n: I18n = i18next.createInstance();
void i18n.use(initReactI18next).init({ ...baseI18nOptions(initial), resources: {}, partialBundledLanguages: true });
addDayFormat(i18n);

const loading = new Map<Language, Promise<void>>();

/** Loads a language's translations once (again after a failed load). */
function loadLanguage(language: Language): Promise<void> {
  let pending = loading.get(language);
  if (!pending) {
    pending = BUNDLES[language]().then(({ bundle }) => {
      // Each language is added once, into an empty store, from a module nothing else changes: no
      // deep merge into what is there and no copy (i18next's defaults walk every key twice).
      for (const [ns, keys] of Object.entries(bundle)) i18n.addResourceBundle(language, ns, keys, false, true, { skipCopy: true });
    });
    pending.catch(() => loading.delete(language));
    loading.set(language, pending);
  }
  return pending;
}
void loadLanguage(initial);

let wanted: Language = initial;

/** Shows the app in `language`: its translations load first, and the last call wins. */
export async function applyLanguage(language: Language): Promise<void> {
  wanted = language;
  document.documentElement.lang = language;
  try {
    localStorage.setItem(LAST_LANGUAGE, language);
  } catch {
    // Not remembered: the next start loads the system's language first, then this one.
  }
  const before = shownLanguage();
  await loadLanguage(language);
  if (wanted !== language) return;
  if (i18n.language !== language) await i18n.changeLanguage(language);
  // The language was already chosen, its words had not arrived: what shows them re-renders now.
  else if (before !== language) i18n.emit('languageChanged', language);
}

const shownLanguage = () => (i18n.hasResourceBundle(i18n.language, 'common') ? (i18n.language as Language) : null);
const subscribe = (onChange: () => void) => {
  i18n.on('languageChanged', onChange);
  return () => i18n.off('languageChanged', onChange);
};

/** Switches to `language`; answers the language whose words are on screen (null before any have loaded). */
export function useLanguage(language: Language): Language | null {
  const shown = useSyncExternalStore(subscribe, shownLanguage);
  useEffect(() => {
    void applyLanguage(language);
  }, [language]);
  return shown;
}
