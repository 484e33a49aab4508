import { actorOf, type Person, type Role, type SessionInfo } from '@shared/domain/people';
import { can } from '@shared/permissions';
import type { Channel } from '@shared/contract';
import type { CoreContext } from '../context';
import type { Executor } from '../db/executor';
import { AppError } from '../errors';
import { isPostgresUrl } from '../paths';
import { anyoneSignsIn, findPeople, findPersonById, type PersonRow } from './people.repository';
import type { Caller, Session } from './caller';

export type { Caller, Session } from './caller';

export const newSession = (): Session => ({ personId: null, signedIn: false });

/** A register on a database server always asks everyone to sign in. */
export const isServerRegister = isPostgresUrl;

/**
 * The rule of team mode, in one place: sign-in is required on a database server, and on a file
 * once any enabled person has a password.
 */
export async function signInRequired(ctx: Pick<CoreContext, 'db' | 'dbPath'>): Promise<boolean> {
  return isServerRegister(ctx.dbPath) || (await anyoneSignsIn(ctx.db));
}

/**
 * Whether a register's first officer may still be created by whoever runs the set-up (the welcome
 * screen, `cli setup --officer`, a host's `--template`): nobody signs in to it yet.
 */
export async function awaitsFirstOfficer(db: Executor): Promise<boolean> {
  return !(await anyoneSignsIn(db));
}

/** The caller of one call on `session`. A disabled or deleted person's session ends here. */
export async function resolveCaller(ctx: Pick<CoreContext, 'db' | 'dbPath' | 'actor'>, session: Session): Promise<Caller> {
  const required = await signInRequired(ctx);
  let person: PersonRow | null = null;
  if (session.personId !== null) {
    const row = await findPersonById(ctx.db, session.personId);
    if (row && !row.disabled && (!required || session.signedIn)) person = row;
    else Object.assign(session, newSession());
  }
  if (person) return { person, role: person.role as Role, actor: actorOf(toActorName(person)), signInRequired: required };
  // Nobody picked on a single-user machine: the system user, with every right, as before people existed.
  return { person: null, role: required ? null : 'officer', actor: ctx.actor, signInRequired: required };
}

const toActorName = (row: PersonRow) => ({ displayName: row.display_name, signInName: row.sign_in_name });

/** Refuses a call the caller's role does not allow, naming who and what, in the user's language. */
export function checkPermission(caller: Caller, channel: Channel): void {
  if (can(caller.role, channel)) return;
  if (caller.role === null) throw new AppError('FORBIDDEN', { key: 'errors:signInRequired' });
  throw new AppError('FORBIDDEN', { key: 'errors:notPermitted', params: { area: channel.slice(0, channel.indexOf(':')), action: channel.slice(channel.indexOf(':') + 1), role: `people:roles.${caller.role}` } });
}

export async function sessionInfo(ctx: CoreContext, caller: Caller): Promise<SessionInfo> {
  // Whom to pick at the desk (single-user mode) or assign a request to: only for someone who may call anything.
  const people = caller.role === null ? [] : (await findPeople(ctx.db)).filter((p) => !p.disabled);
  const p = caller.person;
  return {
    signInRequired: caller.signInRequired,
    person: p ? { id: p.id, signInName: p.sign_in_name, displayName: p.display_name, role: p.role as Role, seesContacts: !!p.sees_contacts } : null,
    role: caller.role,
    actor: caller.actor,
    people: people.map((row) => ({ id: row.id, signInName: row.sign_in_name, displayName: row.display_name, role: row.role as Role })),
  };
}

/** A viewer sees requesters' contacts masked unless the officer granted them more. */
export const masksRequesterDetails = (ctx: Pick<CoreContext, 'caller'>) =>
  ctx.caller?.role === 'viewer' && !ctx.caller.person?.sees_contacts;

export function toPerson(row: PersonRow): Person {
  return {
    id: row.id,
    signInName: row.sign_in_name,
    displayName: row.display_name,
    role: row.role as Role,
    seesContacts: !!row.sees_contacts,
    disabled: !!row.disabled,
    hasPassword: row.password_hash !== null,
    lockedUntil: row.locked_until,
    revision: row.revision,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
