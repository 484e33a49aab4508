/**
 * The register a host (the desktop app, the web host) has open, and the switch to another: "Connect
 * to a team register", "Use this computer's register", "Try again". It answers the `connection:*`
 * channels itself and hands every other call to the open register's router. While no register
 * could be opened (a server down, a wrong password, a database of a newer version…), every other
 * call answers UNAVAILABLE with the reason, so that the renderer shows the screen for it rather
 * than a broken workbench. It never imports electron: the Electron host passes its own `remember`.
 */
import type { Result } from '@shared/contract';
import { CHANNELS, contract, type Channel } from '@shared/contract';
import { connectionUrl, type ConnectionStatus } from '@shared/domain/connection';
import type { Language } from '@shared/domain/settings';
import type { HostKind } from '@shared/domain/app';
import { messageText, translatorFor } from '@shared/i18n';
import { fieldMessages } from '@shared/validation';
import type { Workbench } from './core/workbench';
import type { Router } from './core/router';
import { DatabaseOpenError, plainMessage } from './core/errors';
import { isPostgresUrl, shownLocation } from './core/paths';
import { testConnection } from './core/connection/connection.service';
import { getSettings } from './core/settings/settings.service';
import type { Session } from './core/people/session';

/** Where a host keeps its choice of register between starts (the Electron host: safeStorage). */
export interface RememberedRegister {
  /** Keeps `location` (a file, or a server URL with its password) for the next start; answers whether the password was kept. */
  save(location: string): boolean;
  /** Back to this computer's register at the next start. */
  forget(): void;
  /** Whether a choice is kept, and whether its password is. */
  state(): { remembered: boolean; passwordKept: boolean };
}

export interface RegisterHostOptions {
  open(location: string): Promise<Workbench>;
  host: HostKind;
  /** This computer's own register file (the user-data folder's). */
  localLocation: string;
  systemLanguage: Language;
  remembered?: RememberedRegister;
  /** Called once a register is open (start its backups, reminders…), and before one is closed. */
  onOpened?(workbench: Workbench): void;
  onClosing?(workbench: Workbench): Promise<void> | void;
  log?(message: string, error?: unknown): void;
}

const channelSet: ReadonlySet<string> = new Set(CHANNELS);

export class RegisterHost {
  private workbench: Workbench | null = null;
  private location = '';
  private failure: DatabaseOpenError | Error | null = null;
  /** Calls that switch registers, one at a time. */
  private switching: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: RegisterHostOptions) {}

  get current(): Workbench | null {
    return this.workbench;
  }

  /** Opens `location`; on failure keeps the reason for the screens and keeps whatever was open before closed. */
  async open(location: string): Promise<boolean> {
    this.location = location;
    try {
      const opened = await this.options.open(location);
      this.workbench = opened;
      this.failure = null;
      this.options.onOpened?.(opened);
      return true;
    } catch (error) {
      this.failure = error as Error;
      this.options.log?.(`The register ${shownLocation(location)} could not be opened: ${(error as Error)?.message ?? String(error)}`);
      return false;
    }
  }

  async close(): Promise<void> {
    const open = this.workbench;
    this.workbench = null;
    if (!open) return;
    await this.options.onClosing?.(open);
    await open.close();
  }

  private async language(): Promise<Language> {
    if (!this.workbench) return this.options.systemLanguage;
    try {
      return (await getSettings(this.workbench.ctx.db)).language ?? this.workbench.ctx.systemLanguage;
    } catch {
      return this.workbench.ctx.systemLanguage;
    }
  }

  private async status(): Promise<ConnectionStatus> {
    const language = await this.language();
    const kept = this.options.remembered?.state() ?? { remembered: false, passwordKept: false };
    const failure = this.failure;
    return {
      open: this.workbench !== null,
      host: this.options.host,
      language,
      location: shownLocation(this.location),
      team: isPostgresUrl(this.location),
      problem: failure instanceof DatabaseOpenError ? failure.problem : failure ? 'unreadable' : null,
      message: failure ? plainMessage(failure, language) : null,
      canSwitch: true,
      ...kept,
    };
  }

  /** Closes the open register and opens `location` instead; if that fails, the one before is opened again. */
  private async switchTo(location: string): Promise<boolean> {
    const before = this.workbench ? this.location : null;
    await this.close();
    if (await this.open(location)) return true;
    const reason = this.failure;
    if (before !== null && (await this.open(before))) {
      // Back on the register that was open, with the reason the other was refused.
      this.failure = null;
      throw reason;
    }
    return false;
  }

  private serialised<T>(work: () => Promise<T>): Promise<T> {
    const next = this.switching.then(work, work);
    this.switching = next.catch(() => {});
    return next;
  }

  private async answer(language: Language, error: unknown, code: 'VALIDATION' | 'UNAVAILABLE' = 'UNAVAILABLE'): Promise<Result<never>> {
    return { ok: false, error: { code, message: plainMessage(error, language) } };
  }

  private async connection(channel: Channel, input: unknown): Promise<Result<unknown>> {
    const language = await this.language();
    const parsed = contract[channel].input.safeParse(input);
    if (!parsed.success) {
      const fields = fieldMessages(parsed.error);
      const t = translatorFor(language);
      return {
        ok: false,
        error: {
          code: 'VALIDATION',
          message: messageText(t, { key: 'errors:validation', params: { fields: Object.keys(fields).join(', ') } }),
          fieldErrors: Object.fromEntries(Object.entries(fields).map(([path, ref]) => [path, messageText(t, ref)])),
        },
      };
    }
    try {
      switch (channel) {
        case 'connection:status':
          return { ok: true, value: await this.status() };
        case 'connection:test': {
          const value = await testConnection(parsed.data as Parameters<typeof testConnection>[0], language);
          return { ok: true, value };
        }
        case 'connection:connect': {
          const { connection, remember } = parsed.data as { connection: Parameters<typeof connectionUrl>[0]; remember: boolean };
          const url = connectionUrl(connection);
          // The same checks as "Test connection" first: a server that fails them is never touched.
          const check = await testConnection(connection, language);
          if (!check.ok) return { ok: false, error: { code: 'UNAVAILABLE', message: check.message ?? '' } };
          return await this.serialised(async () => {
            if (!(await this.switchTo(url))) return { ok: false, error: { code: 'UNAVAILABLE', message: (await this.status()).message ?? '' } };
            if (remember) this.options.remembered?.save(url);
            else this.options.remembered?.forget();
            return { ok: true, value: await this.status() };
          });
        }
        case 'connection:retry':
          return await this.serialised(async () => {
            if (!this.workbench) await this.open(this.location);
            return { ok: true, value: await this.status() };
          });
        case 'connection:useLocal':
          return await this.serialised(async () => {
            await this.switchTo(this.options.localLocation);
            this.options.remembered?.forget();
            return { ok: true, value: await this.status() };
          });
        default:
          return this.answer(language, new Error(`unknown channel ${channel}`), 'VALIDATION');
      }
    } catch (error) {
      return this.answer(language, error);
    }
  }

  /** The router the host binds: `connection:*` answered here, the rest by the open register. */
  readonly router: Router = {
    invoke: async (channel: string, input: unknown, session?: Session) => {
      if (channelSet.has(channel) && channel.startsWith('connection:')) return this.connection(channel as Channel, input);
      const open = this.workbench;
      if (open) return open.router.invoke(channel, input, session);
      const status = await this.status();
      return { ok: false, error: { code: 'UNAVAILABLE', message: status.message ?? '' } };
    },
  };
}
