import type { z } from 'zod';

/** A message to show, as an i18n key under `validation.` and its parameters. */
export interface MessageRef {
  key: string;
  params?: Record<string, string | number>;
}

/** Where an issue with no path (the input as a whole) is reported. */
export const ROOT_FIELD = 'input';

/** Turns one zod issue into a translatable message. Schemas may name their own key as the message. */
export function issueMessage(issue: z.core.$ZodIssue): MessageRef {
  if (issue.message.startsWith('validation.')) return { key: issue.message };
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
      return { key: 'validation.tooSmall', params: { minimum: Number(issue.minimum) } };
    case 'too_big':
      if (issue.origin === 'string') return { key: 'validation.tooLong', params: { maximum: Number(issue.maximum) } };
      if (issue.origin === 'array') return { key: 'validation.tooMany', params: { maximum: Number(issue.maximum) } };
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
