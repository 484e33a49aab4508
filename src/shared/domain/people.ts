import { z } from 'zod';
import { requiredText } from '../validation';
import { revisionInput, recordId } from './paging';

/**
 * The three roles of a privacy office (issue 15): the officer (个人信息保护负责人) does everything,
 * including people and settings; the desk (受理人员) logs and works requests and reads the register;
 * a viewer (查阅人员) reads and exports. What each may call is `src/shared/permissions.ts`.
 */
export const ROLES = ['officer', 'desk', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** Sign-in names: lower-case letters, digits, `.`, `_` and `-`, starting with a letter or digit. */
export const SIGN_IN_NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;
export const signInName = z
  .string()
  .trim()
  .toLowerCase()
  .regex(SIGN_IN_NAME, { error: 'validation.signInName' });

/** At least 10 characters, at most 200 (scrypt takes any length; the limit keeps a request small). */
export const MIN_PASSWORD = 10;
export const password = z.string().min(MIN_PASSWORD, { error: 'validation.passwordTooShort' }).max(200);

/** A person as the People page shows them; never their password hash. */
export interface Person {
  id: number;
  signInName: string;
  displayName: string;
  role: Role;
  /** A viewer sees requesters' contacts unmasked (the officer grants it). */
  seesContacts: boolean;
  disabled: boolean;
  hasPassword: boolean;
  /** Locked after repeated wrong passwords, until this instant (ISO), or null. */
  lockedUntil: string | null;
  revision: number;
  createdAt: string;
  updatedAt: string;
}

export const personInput = z.strictObject({
  signInName,
  displayName: requiredText(100),
  role: z.enum(ROLES),
  seesContacts: z.boolean().default(false),
  /** Empty: a person named for attribution on a single-user machine, who cannot sign in. */
  password: z.union([z.literal(''), password]).default(''),
});
export type PersonInput = z.input<typeof personInput>;

export const personUpdateInput = revisionInput.extend({
  displayName: requiredText(100),
  role: z.enum(ROLES),
  seesContacts: z.boolean(),
  disabled: z.boolean(),
});
export type PersonUpdateInput = z.input<typeof personUpdateInput>;

export const passwordResetInput = revisionInput.extend({ password });

export const signInInput = z.strictObject({ signInName: z.string().trim().toLowerCase().min(1).max(64), password: z.string().min(1).max(200) });
export const pickInput = z.strictObject({ personId: recordId.nullable() });

/**
 * Where the register stands on signing in. Team mode (`signInRequired`) is on when the register
 * is on a database server, or when at least one enabled person has a password: then every call
 * but signing in needs a signed-in person. Otherwise (single-user mode) whoever uses the machine
 * acts, as the person picked at the desk, or as the system user with the officer's rights.
 */
export interface SessionInfo {
  signInRequired: boolean;
  /** The person acting, or null (team mode: not signed in; single-user: nobody picked). */
  person: Pick<Person, 'id' | 'signInName' | 'displayName' | 'role' | 'seesContacts'> | null;
  /** The role the calls are checked against; null when nobody may call anything but signing in. */
  role: Role | null;
  /** The name written into the audit log for this session's changes. */
  actor: string;
  /** The enabled people: picked at the desk in single-user mode, assigned requests in both (empty before signing in). */
  people: Pick<Person, 'id' | 'signInName' | 'displayName' | 'role'>[];
}

/** The actor a person is written into the audit log and on timelines as: their name and sign-in name. */
export const actorOf = (person: Pick<Person, 'displayName' | 'signInName'>) => `${person.displayName} (${person.signInName})`;

/** Someone a request can be assigned to: by sign-in name, stored in `requests.assignee`. */
export const assignInput = revisionInput.extend({ assignee: z.union([z.literal(''), signInName]) });
export const myRequestsInput = z.strictObject({
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(200).default(50),
  /** Only the requests whose clock runs (the default). */
  openOnly: z.boolean().default(true),
});
