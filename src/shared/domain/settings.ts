import { z } from 'zod';
import { optionalText } from './text';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const COUNTING_MODES = ['calendar', 'working'] as const;
export const CLOCK_STARTS = ['received', 'verified'] as const;

/** IANA zone names the calculator accepts: checked against the runtime's own zone data. */
const timeZone = z
  .string()
  .trim()
  .min(1)
  .refine(
    (zone) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: zone });
        return true;
      } catch {
        return false;
      }
    },
    { error: 'validation.timeZone' },
  );

export const settingsSchema = z.strictObject({
  organisationName: optionalText(200),
  officerName: optionalText(100),
  hotline: optionalText(40),
  mailbox: z.union([z.literal(''), z.email({ error: 'validation.email' })]).default(''),
  timeZone: timeZone.default('Asia/Shanghai'),
  responseDays: z.number().int().min(1).max(90).default(15),
  countingMode: z.enum(COUNTING_MODES).default('calendar'),
  clockStart: z.enum(CLOCK_STARTS).default('received'),
  rollOver: z.boolean().default(false),
  pauseStopsClock: z.boolean().default(false),
  dueSoonDays: z.number().int().min(0).max(30).default(3),
  /** null: follow the system's language. */
  language: z.enum(LANGUAGES).nullable().default(null),
});
export type Settings = z.output<typeof settingsSchema>;
export const DEFAULT_SETTINGS: Settings = settingsSchema.parse({});

export const settingsUpdateInput = settingsSchema.partial().strict();
export type SettingsUpdate = z.input<typeof settingsUpdateInput>;
