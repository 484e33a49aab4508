import { z } from 'zod';

/** Required single-line text, trimmed. */
export const requiredText = (max: number) => z.string().trim().min(1).max(max);
/** Optional text: trimmed, empty when absent. */
export const optionalText = (max: number) => z.string().trim().max(max).default('');
/** A clause number such as `3.2.1.1`, or empty. */
export const clauseRef = z
  .string()
  .trim()
  .max(40)
  .regex(/^(\d+(\.\d+)*)?$/, { error: 'validation.clauseFormat' })
  .default('');
/** A calendar day, `2026-11-17`. */
export const localDate = z.iso.date({ error: 'validation.date' });
/** An instant, ISO-8601 with offset or Z. */
export const instant = z.iso.datetime({ offset: true, error: 'validation.dateTime' });
