import { z } from 'zod';
import type { HostKind } from './app';
import type { Language } from './settings';

/**
 * Which register a workbench has open, and how it connects to a team register on a PostgreSQL
 * server (the "Connect to a team register" dialog). Choosing a register is this machine's choice,
 * not the register's: the host switches, the core only checks the server.
 */

/** How the connection is protected, as libpq names it; `verify-full` is the one to use. */
export const TLS_MODES = ['verify-full', 'verify-ca', 'require', 'disable'] as const;
export type TlsMode = (typeof TLS_MODES)[number];

const serverField = z.string().trim().max(255);

/** The dialog's two ways of naming a server: labelled fields, or one `postgres://` URL. */
export const connectionInput = z.discriminatedUnion('form', [
  z.strictObject({
    form: z.literal('fields'),
    host: serverField.min(1),
    port: z.number().int().min(1).max(65535).default(5432),
    database: serverField.min(1),
    user: serverField.min(1),
    password: z.string().max(1000).default(''),
    tlsMode: z.enum(TLS_MODES).default('verify-full'),
    /** The certificate of the authority that issued the server's (a file on this machine), for verify-full and verify-ca. */
    caFile: z.string().trim().max(1000).default(''),
  }),
  z.strictObject({
    form: z.literal('url'),
    url: z
      .string()
      .trim()
      .max(2000)
      .refine((v) => /^postgres(ql)?:\/\/[^/]/i.test(v), { error: 'validation.postgresUrl' }),
  }),
]);
export type ConnectionInput = z.input<typeof connectionInput>;

export const connectInput = z.strictObject({
  connection: connectionInput,
  /** Open it again at the next start (the password kept only where the system can encrypt it). */
  remember: z.boolean().default(true),
});

/**
 * The `postgres://` URL the fields name. A TLS mode weaker than verify-full is passed with
 * `uselibpqcompat=true`, so that it means what libpq's documentation says (node-postgres would
 * otherwise treat `require` as `verify-full`).
 */
export function connectionUrl(input: z.output<typeof connectionInput>): string {
  if (input.form === 'url') return input.url;
  const url = new URL('postgres://placeholder');
  url.hostname = input.host;
  url.port = String(input.port);
  url.pathname = `/${encodeURIComponent(input.database)}`;
  url.username = encodeURIComponent(input.user);
  if (input.password) url.password = encodeURIComponent(input.password);
  url.searchParams.set('sslmode', input.tlsMode);
  if (input.tlsMode !== 'verify-full') url.searchParams.set('uselibpqcompat', 'true');
  if (input.caFile && input.tlsMode !== 'disable') url.searchParams.set('sslrootcert', input.caFile);
  return url.toString();
}

/** Why a register could not be opened: the database problems a screen explains, by kind. */
export const OPEN_PROBLEMS = [
  'missing',
  'empty',
  'not_sqlite',
  'locked',
  'read_only',
  'disk_full',
  'newer_schema',
  'unreadable',
  'server_unreachable',
  'server_auth',
  'server_tls',
  'server_no_database',
  'not_register',
] as const;
export type OpenProblem = (typeof OPEN_PROBLEMS)[number];

/** `connection:test`: whether the server answers, and what the database holds. */
export interface ConnectionCheck {
  ok: boolean;
  /** The address without its password. */
  location: string;
  problem: OpenProblem | null;
  /** The problem in one sentence, in the user's language, naming what to do next. */
  message: string | null;
  /** The database is empty: connecting builds a new register, whose first officer is created on the welcome screen. */
  newRegister: boolean;
}

/** `connection:status`: the register this host has open, or why it could not open it. */
export interface ConnectionStatus {
  open: boolean;
  /** The register's file or server address (without a password). */
  location: string;
  team: boolean;
  problem: OpenProblem | null;
  message: string | null;
  host: HostKind;
  /** The language `message` is in: the register's choice, or the system's while none is open. */
  language: Language;
  /** This host can switch registers (the desktop app and the web host; not the command line). */
  canSwitch: boolean;
  /** Whether the choice is kept for the next start, and whether its password is kept too. */
  remembered: boolean;
  passwordKept: boolean;
}
