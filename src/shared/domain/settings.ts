import { z } from 'zod';
import { lineText, optionalEmail, optionalPhone } from '../validation';
import { LANGUAGES } from './languages';

export { LANGUAGES, type Language } from './languages';
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
  organisationName: lineText(200),
  officerName: lineText(100),
  hotline: optionalPhone,
  mailbox: optionalEmail,
  timeZone,
  responseDays: z.number().int().min(1).max(90),
  countingMode: z.enum(COUNTING_MODES),
  clockStart: z.enum(CLOCK_STARTS),
  rollOver: z.boolean(),
  pauseStopsClock: z.boolean(),
  dueSoonDays: z.number().int().min(0).max(30),
  /** Years after a request is closed that the requester's name and contact are kept, then anonymised. */
  requesterRetentionYears: z.number().int().min(0).max(30),
  /** null: follow the system's language. */
  language: z.enum(LANGUAGES).nullable(),
  /** Automatic backups on start and daily, in the data folder's backups/ (issue 5). */
  autoBackup: z.boolean(),
  backupKeepDaily: z.number().int().min(1).max(365),
  backupKeepWeekly: z.number().int().min(0).max(104),
});
export type Settings = z.output<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  organisationName: '',
  officerName: '',
  hotline: '',
  mailbox: '',
  timeZone: 'Asia/Shanghai',
  responseDays: 15,
  countingMode: 'calendar',
  clockStart: 'received',
  rollOver: false,
  pauseStopsClock: false,
  dueSoonDays: 3,
  requesterRetentionYears: 3,
  language: null,
  autoBackup: true,
  backupKeepDaily: 7,
  backupKeepWeekly: 4,
};

/** Only the keys given are changed (the schema has no defaults, so absent keys stay absent). */
export const settingsUpdateInput = settingsSchema.partial().strict();
export type SettingsUpdate = z.input<typeof settingsUpdateInput>;
