import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { addDayFormat, i18nOptions } from '@shared/i18n';
import type { Language } from '@shared/domain/languages';

/** The renderer's i18next instance; starts in Chinese and follows the settings once they load. */
export const i18n: I18n = i18next.createInstance();
void i18n.use(initReactI18next).init(i18nOptions('zh-CN'));
addDayFormat(i18n);

export function applyLanguage(language: Language): void {
  if (i18n.language !== language) void i18n.changeLanguage(language);
  document.documentElement.lang = language;
}
