import { parseArgs } from 'node:util';
import { LANGUAGES, type Language } from '@shared/domain/settings';
import { TEMPLATES, type Template } from '@shared/domain/app';
import { fixedClock, systemClock, type Clock } from './core/clock';

/** A mistake in how a command was called: printed with the usage, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export function parseLanguage(value: string | undefined, fallback: Language): Language {
  if (value === undefined) return fallback;
  if (!(LANGUAGES as readonly string[]).includes(value)) throw new UsageError(`--lang must be one of ${LANGUAGES.join(', ')}`);
  return value as Language;
}

export function parseTemplate(value: string | undefined): Template | undefined {
  if (value === undefined) return undefined;
  if (!(TEMPLATES as readonly string[]).includes(value)) throw new UsageError(`--template must be one of ${TEMPLATES.join(', ')}`);
  return value as Template;
}

/** `--clock 2026-11-20T02:00:00Z` freezes the core's clock (for demonstrations and end-to-end tests). */
export function parseClock(value: string | undefined): Clock {
  if (value === undefined) return systemClock;
  try {
    return fixedClock(value);
  } catch {
    throw new UsageError(`--clock must be an ISO-8601 instant such as 2026-11-20T02:00:00Z, not ${value}`);
  }
}

export function parsePort(value: string | undefined): number {
  if (value === undefined) return 0;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a number from 0 to 65535`);
  return port;
}

export { parseArgs };
