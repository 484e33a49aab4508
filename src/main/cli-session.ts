/**
 * Who runs a command: `--user NAME` (any command), the password from $PRIVACY_WORKBENCH_PASSWORD or
 * asked on the terminal. The command is checked against the one permission table (shared/
 * permissions.ts) as the channel it stands for, and its changes are audited under that person.
 */
import type { Channel } from '@shared/contract';
import { AppError } from './core/errors';
import type { Workbench } from './core/workbench';
import { awaitsFirstOfficer, checkPermission, newSession, resolveCaller } from './core/people/session';
import { UsageError } from './host-args';

export const PASSWORD_VARIABLE = 'PRIVACY_WORKBENCH_PASSWORD';

/** The channel each command stands for in the permission table. */
export const COMMAND_CHANNELS: Record<string, Channel> = {
  info: 'app:info',
  'verify-audit': 'audit:verify',
  export: 'reports:export',
  import: 'transfer:import',
  backup: 'backup:create',
  restore: 'backup:scheduleRestore',
  setup: 'people:create',
  'copy-register': 'transfer:copyRegister',
};

/** The commands that may run before anyone can sign in: they create the first officer. */
const FIRST_OFFICER_COMMANDS = new Set(['setup']);

let current: { user: string | undefined; channel: Channel; firstOfficer: boolean } | null = null;

/** Takes `--user NAME` (or `--user=NAME`) out of a command's arguments, for every command alike. */
export function takeUserOption(args: string[]): { user: string | undefined; rest: string[] } {
  const rest: string[] = [];
  let user: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--user') {
      user = args[++i];
      if (!user) throw new UsageError('--user needs a sign-in name');
    } else if (arg.startsWith('--user=')) user = arg.slice('--user='.length);
    else rest.push(arg);
  }
  return { user, rest };
}

export function setCommandCaller(user: string | undefined, command: string): void {
  current = { user, channel: COMMAND_CHANNELS[command] ?? 'app:info', firstOfficer: FIRST_OFFICER_COMMANDS.has(command) };
}

/** Reads a password from the terminal without echoing it. */
export function promptPassword(prompt: string): Promise<string> {
  const input = process.stdin;
  if (!input.isTTY) return Promise.reject(new UsageError(`Give the password in $${PASSWORD_VARIABLE} (no terminal to ask on)`));
  process.stderr.write(prompt);
  return new Promise((resolve) => {
    let typed = '';
    input.setRawMode(true);
    input.resume();
    input.setEncoding('utf8');
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') {
          input.setRawMode(false);
          input.pause();
          input.off('data', onData);
          process.stderr.write('\n');
          resolve(typed);
          return;
        }
        if (ch === '\u0003') process.exit(130);
        if (ch === '\u007f' || ch === '\b') typed = typed.slice(0, -1);
        else typed += ch;
      }
    };
    input.on('data', onData);
  });
}

export async function passwordFromEnvironmentOrPrompt(prompt = 'Password: '): Promise<string> {
  const given = process.env[PASSWORD_VARIABLE];
  return given !== undefined && given !== '' ? given : promptPassword(prompt);
}

/**
 * Signs the command in (with --user) and checks its channel; sets the person as the actor of what
 * it writes. Without --user on a register that asks everyone to sign in, the command is refused.
 */
export async function signInCommand(wb: Workbench): Promise<void> {
  if (!current) return;
  const session = newSession();
  if (current.user !== undefined) {
    const password = await passwordFromEnvironmentOrPrompt(`Password for ${current.user}: `);
    const result = await wb.router.invoke('session:signIn', { signInName: current.user, password }, session);
    if (!result.ok) throw new CliRefusal(result.error.message);
  }
  const caller = await resolveCaller(wb.ctx, session);
  if (caller.role === null) {
    // `setup` creates a register's first officer before anyone exists to sign in (on a server, where
    // everyone signs in): it runs as that caller, as the welcome screen does, and the set-up checks the rest.
    if (!current.firstOfficer || current.user !== undefined) throw new AppError('FORBIDDEN', { key: 'errors:signInRequiredCli' });
    if (!(await awaitsFirstOfficer(wb.ctx.db))) throw new AppError('CONFLICT', { key: 'errors:people.alreadySetUp' });
    wb.ctx.caller = caller;
    wb.ctx.session = session;
    return;
  }
  checkPermission(caller, current.channel);
  wb.ctx.actor = caller.actor;
  wb.ctx.caller = caller;
  wb.ctx.session = session;
}

/** A refusal already in the user's language (the router translated it). */
export class CliRefusal extends Error {}
