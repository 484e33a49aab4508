import { CHANNELS, contract, type Channel, type Result } from '@shared/contract';
import type { ErrorBody } from '@shared/contract/result';
import { messageText as translate, translatorFor } from '@shared/i18n';
import { fieldMessages, type MessageRef } from '@shared/validation';
import type { TFunction } from 'i18next';
import type { CoreContext } from './context';
import { AppError, storageFailure } from './errors';
import type { Handler } from './handlers.types';
import { appHandlers } from './app/app.handlers';
import { settingsHandlers } from './settings/settings.handlers';
import { auditHandlers } from './audit/audit.handlers';
import { categoryHandlers } from './categories/categories.handlers';
import { partnerHandlers } from './partners/partners.handlers';
import { flowHandlers } from './flows/flows.handlers';
import { agreementHandlers } from './agreements/agreements.handlers';
import { sdkHandlers } from './sdks/sdks.handlers';
import { policyHandlers } from './policy/policy.handlers';
import { gapHandlers } from './gaps/gaps.handlers';
import { requestHandlers } from './requests/requests.handlers';
import { calendarHandlers } from './calendar/calendar.handlers';
import { getSettings } from './settings/settings.service';
import { settleAnchoring } from './audit/audit-anchor';
import { backupHandlers } from './backup/backup.handlers';
import { reportHandlers } from './reports/reports.handlers';
import { transferHandlers } from './transfer/transfer.handlers';
import { peopleHandlers } from './people/people.handlers';
import { sessionHandlers } from './session/session.handlers';
import { connectionHandlers } from './connection/connection.handlers';
import { checkPermission, newSession, resolveCaller, type Session } from './people/session';
import { serverProblemOf } from './db/postgres';

/**
 * A team register's server lost while working (down, restarted, the network cut): UNAVAILABLE, one
 * sentence, nothing saved (the step's transaction never committed); the pool reconnects by itself
 * once the server is back, so the next call works again.
 */
function serverLost(error: unknown): AppError | null {
  return serverProblemOf(error) === 'server_unreachable' ? new AppError('UNAVAILABLE', { key: 'errors:server.lost' }) : null;
}

/** Every channel's handler; the type makes a missing one a compile error. */
export const handlers: { [C in Channel]: Handler<C> } = {
  ...appHandlers,
  ...sessionHandlers,
  ...connectionHandlers,
  ...peopleHandlers,
  ...settingsHandlers,
  ...auditHandlers,
  ...categoryHandlers,
  ...partnerHandlers,
  ...flowHandlers,
  ...agreementHandlers,
  ...sdkHandlers,
  ...policyHandlers,
  ...gapHandlers,
  ...requestHandlers,
  ...calendarHandlers,
  ...backupHandlers,
  ...reportHandlers,
  ...transferHandlers,
};

const channelSet: ReadonlySet<string> = new Set(CHANNELS);

export interface Router {
  /**
   * Checks that the session's caller may call the channel (shared/permissions.ts), parses `input`
   * with the channel's schema, runs its handler, and answers the envelope. Never throws. Without a
   * session, the router's own one (a host with one window, a test).
   */
  invoke(channel: string, input: unknown, session?: Session): Promise<Result<unknown>>;
}

export type Logger = (message: string, error?: unknown) => void;

export function createRouter(ctx: CoreContext, log: Logger = (m, e) => console.error(m, e)): Router {
  async function translator(): Promise<TFunction> {
    try {
      const settings = await getSettings(ctx.db);
      return translatorFor(settings.language ?? ctx.systemLanguage);
    } catch {
      return translatorFor(ctx.systemLanguage);
    }
  }

  async function failure(code: ErrorBody['code'], message: MessageRef, fields?: Record<string, MessageRef>): Promise<Result<never>> {
    const t = await translator();
    const fieldErrors = fields
      ? Object.fromEntries(Object.entries(fields).map(([path, ref]) => [path, translate(t, ref)]))
      : undefined;
    return { ok: false, error: { code, message: translate(t, message), ...(fieldErrors ? { fieldErrors } : {}) } };
  }

  const ownSession = newSession();

  return {
    async invoke(channel, input, session = ownSession) {
      if (!channelSet.has(channel)) {
        return failure('FORBIDDEN', { key: 'errors:forbidden', params: { reason: `unknown channel ${channel}` } });
      }
      const name = channel as Channel;
      let call: CoreContext;
      try {
        // Who calls, and whether they may: before the input is even parsed.
        const caller = await resolveCaller(ctx, session);
        checkPermission(caller, name);
        call = { ...ctx, actor: caller.actor, caller, session };
      } catch (error) {
        if (error instanceof AppError) return failure(error.code, error.messageRef, error.fieldErrors);
        const lost = serverLost(error);
        if (lost) return failure(lost.code, lost.messageRef);
        log(`${channel}: the caller could not be resolved`, error);
        return failure('INTERNAL', { key: 'errors:internal', params: { detail: (error as Error)?.message ?? String(error) } });
      }
      const parsed = contract[name].input.safeParse(input);
      if (!parsed.success) {
        const fields = fieldMessages(parsed.error);
        return failure('VALIDATION', { key: 'errors:validation', params: { fields: Object.keys(fields).join(', ') } }, fields);
      }
      try {
        const handler = handlers[name] as Handler<Channel>;
        const value = await handler(parsed.data, call);
        return { ok: true, value };
      } catch (error) {
        if (error instanceof AppError) return failure(error.code, error.messageRef, error.fieldErrors);
        // A locked register, a full disk, a read-only file: the cause in one sentence, not INTERNAL's details.
        const storage = storageFailure(error);
        if (storage) {
          log(`${channel}: ${(error as Error).message}`);
          return failure(storage.code, storage.messageRef);
        }
        const lost = serverLost(error);
        if (lost) {
          log(`${channel}: ${(error as Error).message}`);
          return failure(lost.code, lost.messageRef);
        }
        log(`Unexpected error on ${channel}`, error);
        return failure('INTERNAL', { key: 'errors:internal', params: { detail: (error as Error)?.message ?? String(error) } });
      } finally {
        // What was committed is committed: an anchor that cannot be written lags behind, and
        // verification says so, but the call's answer stays what the change did.
        await settleAnchoring(ctx.audit).catch((error: unknown) => log('The audit anchor could not be written', error));
      }
    },
  };
}
