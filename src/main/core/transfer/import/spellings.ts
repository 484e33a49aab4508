/** How the import compares what a file wrote with a label: without case or extra spaces, in every language. */
import type { TFunction } from 'i18next';
import { translatorFor } from '@shared/i18n';
import { LANGUAGES } from '@shared/domain/settings';

export const norm = (text: unknown) => String(text ?? '').trim().toLowerCase().replace(/\s+/g, ' ');

/** A translator per language the app speaks: a file may be written in any of them. */
export function translators(): TFunction[] {
  return LANGUAGES.map((l) => translatorFor(l));
}
