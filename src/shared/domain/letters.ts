/**
 * Replies to a requester: which one fits a request's state, and the one way a template's
 * placeholders (`{{reference}}`) are found and filled. The shipped wording is in the i18n files
 * (`requests:templates.<kind>`); the officer's own wording is kept in the register (Settings).
 */
import type { Request, TemplateKind } from './requests';

/** Every placeholder a template may use, each filled from the request, the settings or the letter form. */
export const LETTER_PLACEHOLDERS = [
  'name',
  'reference',
  'received',
  'kind',
  'dueDate',
  'days',
  'responded',
  'summary',
  'refusalReason',
  'reason',
  'enclosed',
  'organisation',
  'officer',
  'hotline',
  'mailbox',
] as const;
export type LetterPlaceholder = (typeof LETTER_PLACEHOLDERS)[number];
export type LetterValues = Record<LetterPlaceholder, string>;

const KNOWN: ReadonlySet<string> = new Set(LETTER_PLACEHOLDERS);
/** `{{name}}`, with or without spaces inside the braces. */
const PLACEHOLDER = /\{\{\s*([^{}\s]*)\s*\}\}/g;

/** The first placeholder left in a text, known or not (a letter as sent must have none), or null. */
export function firstPlaceholder(text: string): string | null {
  return [...text.matchAll(PLACEHOLDER)][0]?.[1] ?? null;
}

/** The placeholders a text uses that no request can fill, in order of first use. */
export function unknownPlaceholders(text: string): string[] {
  const unknown: string[] = [];
  for (const [, name] of text.matchAll(PLACEHOLDER)) if (!KNOWN.has(name!) && !unknown.includes(name!)) unknown.push(name!);
  return unknown;
}

/** Fills every placeholder of a text; answers the first unknown one instead when there is one. */
export function fillPlaceholders(text: string, values: LetterValues): { ok: true; text: string } | { ok: false; unknown: string } {
  const [unknown] = unknownPlaceholders(text);
  if (unknown !== undefined) return { ok: false, unknown };
  return {
    ok: true,
    text: text.replace(PLACEHOLDER, (match: string, name: LetterPlaceholder, at: number) => {
      // A value the officer ended with a full stop, before the template's own punctuation ("delayed.."),
      // loses its own: the template's sentence goes on as written.
      const next = text.charAt(at + match.length);
      return SENTENCE_PUNCTUATION.test(next) ? values[name].replace(TRAILING_PUNCTUATION, '') : values[name];
    }),
  };
}

const SENTENCE_PUNCTUATION = /^[.,;:!?。，；：！？、]$/u;
const TRAILING_PUNCTUATION = /[.;:!?。；：！？\s]+$/u;

/**
 * The reply a request's state calls for, for every state a request can end or pause in: a new or
 * accepted one gets the acknowledgement; one in verification (or whose identity failed) the request to
 * verify; one waiting for the requester the verification request while identity is not confirmed,
 * otherwise the extension; an answered one the completion or the partial answer; a refused one (closed
 * or not) the refusal; a withdrawn one the confirmation of its withdrawal. A closed request is closed
 * from one of those outcomes: answered or refused (both record when), else withdrawn — the same reading
 * as the import of past requests.
 */
export function defaultLetterFor(request: Pick<Request, 'status' | 'refusalReason' | 'responsePartial' | 'identityResult' | 'respondedAt'>): TemplateKind {
  const answered = request.responsePartial ? 'partial' : 'completed';
  switch (request.status) {
    case 'refused':
      return 'refused';
    case 'verifying':
      return 'verification_needed';
    case 'awaiting_requester':
      return request.identityResult === 'verified' ? 'extension' : 'verification_needed';
    case 'responded':
      return answered;
    case 'withdrawn':
      return 'withdrawn';
    case 'closed':
      if (!request.respondedAt) return 'withdrawn';
      return request.refusalReason ? 'refused' : answered;
    case 'new':
    case 'in_progress':
      return 'acknowledgement';
  }
}
