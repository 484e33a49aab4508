import { z } from 'zod';
import { FIRST_YEAR, LAST_YEAR } from './time';

/** A message to show, as an i18n key under `validation.` and its parameters. */
export interface MessageRef {
  key: string;
  params?: Record<string, string | number>;
}

/** Where an issue with no path (the input as a whole) is reported. */
export const ROOT_FIELD = 'input';

// The rules every text, contact and date of every channel keeps. The domain schemas
// (`src/shared/domain/`) build on these, and the renderer's forms use the same schemas, so a value
// is refused with the same message beside its field in the form and at the edge of main.

/** The years a calendar day or an instant may fall in (anything outside is a typing slip): the time module's. */
export const MIN_YEAR = FIRST_YEAR;
export const MAX_YEAR = LAST_YEAR;

/** C0 and C1 control characters, DEL, and the Unicode line and paragraph separators. */
const CONTROL_SINGLE_LINE = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/;
/** The same, less tab, line feed and carriage return, which a note or a pasted text may hold. */
const CONTROL_MULTI_LINE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
/** Half of a surrogate pair without its other half: not a character, and not storable as UTF-8. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** Nothing but white space and control characters: the same as nothing. */
const BLANK = /^[\s\u0000-\u001F\u007F-\u009F]*$/;

/** What is wrong with the characters of a text, as a message key, or null. */
export function textCharacterProblem(value: string, options: { multiline: boolean }): string | null {
  if (LONE_SURROGATE.test(value)) return 'validation.brokenCharacter';
  if ((options.multiline ? CONTROL_MULTI_LINE : CONTROL_SINGLE_LINE).test(value)) return 'validation.controlCharacter';
  return null;
}

function text(max: number) {
  return z
    .string()
    .overwrite((v) => (BLANK.test(v) ? '' : v.trim()))
    .max(max);
}
function checkCharacters(multiline: boolean) {
  return (value: string, ctx: z.RefinementCtx) => {
    const problem = textCharacterProblem(value, { multiline });
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  };
}

/** Single-line text that may be empty, trimmed; blank or only control characters is empty. */
export const lineText = (max: number) => text(max).superRefine(checkCharacters(false));
/** Required single-line text (a name, a reference). */
export const requiredText = (max: number) => lineText(max).min(1);
/** Optional single-line text: empty when absent. */
export const optionalText = (max: number) => lineText(max).default('');
/** Required text of several lines (details, a summary): tab and line breaks allowed, no other control character. */
export const requiredMultilineText = (max: number) => text(max).min(1).superRefine(checkCharacters(true));
/** Optional text of several lines (notes): empty when absent. */
export const optionalMultilineText = (max: number) => text(max).superRefine(checkCharacters(true)).default('');

/**
 * A clause reference such as `3.2.1.1`, or empty. The splitter numbers every style of heading this
 * way (`三、（二）` → `3.2`); a number the policy repeats is cited as `3.2#2`. Digits, dots and that one
 * suffix only, so a reference never holds a control character and the gap checks' prefix test holds.
 */
export const clauseRef = z
  .string()
  .trim()
  .max(40)
  .regex(/^(\d{1,3}(\.\d{1,3})*(#\d{1,3})?)?$/, { error: 'validation.clauseFormat' })
  .default('');

const yearRange = { error: 'validation.yearRange', params: { minimum: MIN_YEAR, maximum: MAX_YEAR } };
const EARLIEST_MS = Date.UTC(MIN_YEAR, 0, 1);
const LATEST_MS = Date.UTC(MAX_YEAR + 1, 0, 1);

/** A calendar day, `2026-11-17`, that exists (no 30 February) and falls in MIN_YEAR–MAX_YEAR. */
export const localDate = z.iso
  .date({ error: 'validation.date' })
  .refine((v) => Number(v.slice(0, 4)) >= MIN_YEAR && Number(v.slice(0, 4)) <= MAX_YEAR, yearRange);
/** An instant, ISO-8601 with offset or Z, in MIN_YEAR–MAX_YEAR. */
export const instant = z.iso
  .datetime({ offset: true, error: 'validation.dateTime' })
  .refine((v) => {
    const ms = Date.parse(v);
    return ms >= EARLIEST_MS && ms < LATEST_MS;
  }, yearRange);

// Contacts ---------------------------------------------------------------------------------------

/** A mainland mobile number: 1, then 3–9, then nine digits. */
const CN_MOBILE = /^1[3-9]\d{9}$/;
/** A landline after its trunk 0: a 2–3 digit area code, then a 7–8 digit local number (never starting 0 or 1). */
const CN_LANDLINE = /^[1-9]\d{1,2}[2-9]\d{6,7}$/;
/** 400 and 800 numbers, and the five-digit service numbers (12345, 10086, 95588, 96xxx). */
const CN_SERVICE = /^(?:[48]00\d{7}|1[0-2]\d{3}|95\d{3}|96\d{3,4})$/;
/** Another country's number after + or 00: a country code and subscriber number, 8–15 digits (ITU E.164). */
const INTERNATIONAL = /^[1-9]\d{7,14}$/;
/** An extension after the number: 转 801, 分机 801, ext. 801, x801, #801. */
const EXTENSION = /\s*(?:转|分机|ext\.?|x|#)\s*\d{1,6}$/i;
const PHONE_CHARACTERS = /^\+?[\d\s()-]+$/;

/** True for a phone number someone could dial: mainland mobile, landline with area code, 400/800, or international. */
export function isPhoneNumber(value: string): boolean {
  const number = value.trim().replace(EXTENSION, '');
  if (!PHONE_CHARACTERS.test(number)) return false;
  const digits = number.replace(/[\s()-]/g, '');
  const international = digits.startsWith('+') ? digits.slice(1) : digits.startsWith('00') ? digits.slice(2) : null;
  if (international === null) {
    return CN_MOBILE.test(digits) || (digits.startsWith('0') && CN_LANDLINE.test(digits.slice(1))) || CN_SERVICE.test(digits);
  }
  if (international.startsWith('86')) {
    const national = international.slice(2).replace(/^0/, '');
    return CN_MOBILE.test(national) || CN_LANDLINE.test(national);
  }
  return INTERNATIONAL.test(international);
}

const EMAIL = z.email().max(254);
/** True for an email address with a user, a domain and a top-level domain (`a@b.cn`). */
export function isEmailAddress(value: string): boolean {
  return EMAIL.safeParse(value.trim()).success;
}

/** A phone number or an email address (a requester's contact); anything else is refused. */
export const contact = requiredText(200).refine((v) => isPhoneNumber(v) || isEmailAddress(v), { error: 'validation.contactFormat' });

/**
 * A contact that may be free text (`法务部 王经理`), but one written as a bare phone number or an
 * email address must be a real one: `2026-02-30` is neither.
 */
export const freeContact = (max: number) =>
  lineText(max)
    .refine((v) => !(/^[\d\s()+./-]+$/.test(v) || /^\S*@\S*$/.test(v)) || isPhoneNumber(v) || isEmailAddress(v), {
      error: 'validation.contactFormat',
    })
    .default('');

/** Empty, or a phone number (the organisation's hotline). */
export const optionalPhone = lineText(40).refine((v) => v === '' || isPhoneNumber(v), { error: 'validation.phoneFormat' });
/** Empty, or an email address (the organisation's privacy mailbox). */
export const optionalEmail = lineText(254).refine((v) => v === '' || isEmailAddress(v), { error: 'validation.email' });

// Messages ---------------------------------------------------------------------------------------

/** Turns one zod issue into a translatable message. Schemas may name their own key as the message. */
export function issueMessage(issue: z.core.$ZodIssue): MessageRef {
  if (issue.message.startsWith('validation.')) {
    const params = issue.code === 'custom' ? (issue.params as MessageRef['params']) : undefined;
    return params ? { key: issue.message, params } : { key: issue.message };
  }
  switch (issue.code) {
    case 'invalid_type':
      // zod leaves `input` out of issues unless asked; its message says what was received.
      return {
        key: issue.input === undefined && !/received (?!undefined|null)/.test(issue.message) ? 'validation.required' : 'validation.wrongType',
      };
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) <= 1) return { key: 'validation.required' };
      if (issue.origin === 'array') return { key: 'validation.tooFew', params: { minimum: Number(issue.minimum) } };
      if (issue.origin === 'string') return { key: 'validation.tooShort', params: { minimum: Number(issue.minimum) } };
      // `positive()` is "more than 0": "at least 0" would be wrong.
      if (issue.inclusive === false) return { key: 'validation.greaterThan', params: { minimum: Number(issue.minimum) } };
      return { key: 'validation.tooSmall', params: { minimum: Number(issue.minimum) } };
    case 'too_big':
      if (issue.origin === 'string') return { key: 'validation.tooLong', params: { maximum: Number(issue.maximum) } };
      if (issue.origin === 'array') return { key: 'validation.tooMany', params: { maximum: Number(issue.maximum) } };
      if (issue.inclusive === false) return { key: 'validation.lessThan', params: { maximum: Number(issue.maximum) } };
      return { key: 'validation.tooLarge', params: { maximum: Number(issue.maximum) } };
    case 'invalid_value':
      return { key: 'validation.choose' };
    case 'invalid_format':
      return { key: issue.format === 'email' ? 'validation.email' : 'validation.format' };
    case 'unrecognized_keys':
      return { key: 'validation.unknownField', params: { keys: issue.keys.join(', ') } };
    default:
      return { key: 'validation.invalid' };
  }
}

/** Field path → message, the first issue per field winning. */
export function fieldMessages(error: z.ZodError): Record<string, MessageRef> {
  const out: Record<string, MessageRef> = {};
  for (const issue of error.issues) {
    const path = issue.path.length ? issue.path.map(String).join('.') : ROOT_FIELD;
    if (!(path in out)) out[path] = issueMessage(issue);
  }
  return out;
}
