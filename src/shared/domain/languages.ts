/**
 * The languages of the app, as plain data: the renderer's first script needs them (i18n, the
 * language switch) and must not pull in zod with the settings schema.
 */
export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
