/**
 * The core's part of "Connect to a team register": checking a server without changing anything,
 * and describing the register a context has open. Switching registers is the host's (see
 * src/main/register-host.ts); a host that cannot switch (the command line) refuses it here.
 */
import type { z } from 'zod';
import { connectionUrl, type ConnectionCheck, type ConnectionStatus, type connectionInput } from '@shared/domain/connection';
import { messageText, translatorFor } from '@shared/i18n';
import type { Language } from '@shared/domain/settings';
import type { CoreContext } from '../context';
import { AppError, DatabaseOpenError } from '../errors';
import { checkPostgres } from '../db/connection';
import { isPostgresUrl, shownLocation } from '../paths';
import { getSettings } from '../settings/settings.service';

/** The language to speak: the register's choice where one is open, else the system's. */
async function languageOf(ctx: Pick<CoreContext, 'db' | 'systemLanguage'> | null, fallback: Language): Promise<Language> {
  if (!ctx) return fallback;
  try {
    return (await getSettings(ctx.db)).language ?? ctx.systemLanguage;
  } catch {
    return ctx.systemLanguage;
  }
}

/** "Test connection": answers what the server says, in one sentence naming what to do next; writes nothing. */
export async function testConnection(input: z.output<typeof connectionInput>, language: Language): Promise<ConnectionCheck> {
  const url = connectionUrl(input);
  const location = shownLocation(url);
  try {
    const { newRegister } = await checkPostgres(url);
    return { ok: true, location, problem: null, message: null, newRegister };
  } catch (error) {
    if (!(error instanceof DatabaseOpenError)) throw error;
    return { ok: false, location, problem: error.problem, message: messageText(translatorFor(language), error.messageRef), newRegister: false };
  }
}

export async function testConnectionIn(ctx: CoreContext, input: z.output<typeof connectionInput>): Promise<ConnectionCheck> {
  return testConnection(input, await languageOf(ctx, ctx.systemLanguage));
}

/** The register this context has open (a host that can switch answers for itself). */
export async function openStatus(ctx: CoreContext): Promise<ConnectionStatus> {
  return { open: true, host: ctx.host, language: await languageOf(ctx, ctx.systemLanguage), location: shownLocation(ctx.dbPath), team: isPostgresUrl(ctx.dbPath), problem: null, message: null, canSwitch: false, remembered: false, passwordKept: false };
}

export const cannotSwitch = () => new AppError('FORBIDDEN', { key: 'errors:connection.cannotSwitch' });
