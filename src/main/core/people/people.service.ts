import type { z } from 'zod';
import type { passwordResetInput, Person, personInput, personUpdateInput, pickInput, signInInput, SessionInfo } from '@shared/domain/people';
import type { CoreContext } from '../context';
import type { Executor } from '../db/executor';
import { nowIso } from '../context';
import { AppError, isUniqueViolation, notFound, staleRevision } from '../errors';
import { auditedChange, auditedCreate } from '../audit/audited-update';
import { hashPassword, verifyDecoy, verifyPassword } from './password';
import {
  countSigningOfficers,
  findPeople,
  findPersonById,
  findPersonBySignInName,
  insertPerson,
  updatePersonAtRevision,
  updateSignInState,
  type PersonRow,
  anyoneSignsIn,
} from './people.repository';
import { newSession, resolveCaller, sessionInfo, signInRequired, toPerson, type Caller, type Session } from './session';
import { addMinutes, LOCK_MINUTES, MAX_FAILED_ATTEMPTS } from './lockout';

export const PERSON_ENTITY = 'person';

/** What the audit log keeps of a person: never the hash, only whether there is a password. */
const auditOf = (p: Person) => ({
  signInName: p.signInName,
  displayName: p.displayName,
  role: p.role,
  seesContacts: p.seesContacts,
  disabled: p.disabled,
  hasPassword: p.hasPassword,
});

function sessionOf(ctx: CoreContext): Session {
  if (!ctx.session) throw new AppError('FORBIDDEN', { key: 'errors:noSession' });
  return ctx.session;
}

const callerOf = (ctx: CoreContext): Promise<Caller> => resolveCaller(ctx, sessionOf(ctx));

export async function currentSession(ctx: CoreContext): Promise<SessionInfo> {
  return sessionInfo(ctx, ctx.caller ?? (await callerOf(ctx)));
}

const wrongSignIn = () => new AppError('FORBIDDEN', { key: 'errors:signIn.wrong' });

/**
 * Signs `session` in. The lock-out rule: after MAX_FAILED_ATTEMPTS wrong passwords in a row, the
 * sign-in name is locked for LOCK_MINUTES, during which even the right password is refused; a
 * successful sign-in, or the officer resetting the password, clears the count. An unknown name, a
 * disabled person and one without a password get the same answer as a wrong password, as slowly.
 */
export async function signIn(ctx: CoreContext, input: z.output<typeof signInInput>): Promise<SessionInfo> {
  const session = sessionOf(ctx);
  const row = await findPersonBySignInName(ctx.db, input.signInName);
  const now = ctx.clock.now();
  if (!row || row.disabled || row.password_hash === null) {
    await verifyDecoy(input.password);
    throw wrongSignIn();
  }
  if (row.locked_until && row.locked_until > now.toISOString()) {
    throw new AppError('FORBIDDEN', { key: 'errors:signIn.locked', params: { minutes: Math.ceil((Date.parse(row.locked_until) - now.getTime()) / 60_000) } });
  }
  if (!(await verifyPassword(input.password, row.password_hash))) {
    const failed = row.failed_attempts + 1;
    if (failed >= MAX_FAILED_ATTEMPTS) {
      await updateSignInState(ctx.db, row.id, { failed_attempts: 0, locked_until: addMinutes(now, LOCK_MINUTES).toISOString() });
      throw new AppError('FORBIDDEN', { key: 'errors:signIn.nowLocked', params: { attempts: MAX_FAILED_ATTEMPTS, minutes: LOCK_MINUTES } });
    }
    await updateSignInState(ctx.db, row.id, { failed_attempts: failed, locked_until: null });
    throw wrongSignIn();
  }
  await updateSignInState(ctx.db, row.id, { failed_attempts: 0, locked_until: null });
  Object.assign(session, { personId: row.id, signedIn: true });
  return sessionInfo(ctx, await callerOf(ctx));
}

export async function signOut(ctx: CoreContext): Promise<SessionInfo> {
  const session = sessionOf(ctx);
  Object.assign(session, newSession());
  return sessionInfo(ctx, await callerOf(ctx));
}

/** Single-user mode: who is at the desk (null: the system user). Team mode signs in instead. */
export async function pickAtDesk(ctx: CoreContext, input: z.output<typeof pickInput>): Promise<SessionInfo> {
  const session = sessionOf(ctx);
  if (await signInRequired(ctx)) throw new AppError('FORBIDDEN', { key: 'errors:pickInTeamMode' });
  if (input.personId !== null) {
    const row = await findPersonById(ctx.db, input.personId);
    if (!row || row.disabled) throw notFound(PERSON_ENTITY, input.personId);
  }
  Object.assign(session, { personId: input.personId, signedIn: false });
  return sessionInfo(ctx, await callerOf(ctx));
}

export async function listPeople(ctx: CoreContext): Promise<Person[]> {
  return (await findPeople(ctx.db)).map(toPerson);
}

/**
 * Once anyone signs in, an enabled officer with a password must remain: otherwise nobody could
 * manage people or settings again. Checked inside the write's transaction, which it undoes.
 */
async function keepAnOfficer(trx: Executor): Promise<void> {
  if ((await anyoneSignsIn(trx)) && (await countSigningOfficers(trx)) === 0) {
    throw new AppError('CONFLICT', { key: 'errors:people.lastOfficer' });
  }
}

/**
 * The password that turns team mode on is an officer's (keepAnOfficer), set by this session: it
 * knows the password, so it stays signed in as that officer instead of being sent to sign in.
 */
function signInWhereTeamModeBegins(ctx: CoreContext, wasRequired: boolean, person: Person): void {
  if (!wasRequired && ctx.session && person.role === 'officer' && person.hasPassword && !person.disabled) {
    Object.assign(ctx.session, { personId: person.id, signedIn: true });
  }
}

const duplicateName = (signInName: string) =>
  new AppError('VALIDATION', { key: 'errors:people.duplicate', params: { signInName } }, { signInName: { key: 'errors:people.duplicate', params: { signInName } } });

/** Inserts a person inside the caller's transaction, audited; `passwordHash` hashed beforehand (scrypt is slow). */
export async function insertPersonRecord(trx: Executor, ctx: CoreContext, input: z.output<typeof personInput>, passwordHash: string | null): Promise<Person> {
  const at = nowIso(ctx);
  const id = await insertPerson(trx, {
    sign_in_name: input.signInName,
    display_name: input.displayName,
    role: input.role,
    password_hash: passwordHash,
    sees_contacts: input.seesContacts ? 1 : 0,
    created_at: at,
    updated_at: at,
  });
  await keepAnOfficer(trx);
  const person = toPerson((await findPersonById(trx, id))!);
  await auditedCreate(trx, ctx, { entity: PERSON_ENTITY, id, after: auditOf(person) });
  return person;
}

export async function createPerson(ctx: CoreContext, input: z.output<typeof personInput>): Promise<Person> {
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  const wasRequired = await signInRequired(ctx);
  try {
    const created = await ctx.db.transaction().execute((trx) => insertPersonRecord(trx, ctx, input, passwordHash));
    signInWhereTeamModeBegins(ctx, wasRequired, created);
    return created;
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateName(input.signInName);
    throw error;
  }
}

/** The session that created the first officer of a team register (the welcome screen) is signed in as that officer. */
export function signInFirstOfficer(ctx: CoreContext, person: Person): void {
  if (ctx.session) Object.assign(ctx.session, { personId: person.id, signedIn: true });
}

async function loadForWrite(trx: Executor, id: number, revision: number): Promise<PersonRow> {
  const row = await findPersonById(trx, id);
  if (!row) throw notFound(PERSON_ENTITY, id);
  if (row.revision !== revision) throw staleRevision(PERSON_ENTITY);
  return row;
}

export async function updatePerson(ctx: CoreContext, input: z.output<typeof personUpdateInput>): Promise<Person> {
  return ctx.db.transaction().execute(async (trx) => {
    const before = await loadForWrite(trx, input.id, input.revision);
    const changed = await updatePersonAtRevision(trx, input.id, input.revision, {
      display_name: input.displayName,
      role: input.role,
      sees_contacts: input.seesContacts ? 1 : 0,
      disabled: input.disabled ? 1 : 0,
      updated_at: nowIso(ctx),
    });
    if (changed !== 1) throw staleRevision(PERSON_ENTITY);
    await keepAnOfficer(trx);
    const after = toPerson((await findPersonById(trx, input.id))!);
    await auditedChange(trx, ctx, { entity: PERSON_ENTITY, id: input.id, before: auditOf(toPerson(before)), after: auditOf(after), skipUnchanged: true });
    return after;
  });
}

/** Sets a new password (the officer tells the person); unlocks the sign-in name. */
export async function resetPassword(ctx: CoreContext, input: z.output<typeof passwordResetInput>): Promise<Person> {
  const passwordHash = await hashPassword(input.password);
  const wasRequired = await signInRequired(ctx);
  const reset = await ctx.db.transaction().execute(async (trx) => {
    const before = await loadForWrite(trx, input.id, input.revision);
    const changed = await updatePersonAtRevision(trx, input.id, input.revision, {
      password_hash: passwordHash,
      failed_attempts: 0,
      locked_until: null,
      updated_at: nowIso(ctx),
    });
    if (changed !== 1) throw staleRevision(PERSON_ENTITY);
    await keepAnOfficer(trx);
    const after = toPerson((await findPersonById(trx, input.id))!);
    await auditedChange(trx, ctx, {
      entity: PERSON_ENTITY,
      id: input.id,
      before: auditOf(toPerson(before)),
      after: auditOf(after),
      annotate: { after: { passwordReset: true } },
    });
    return after;
  });
  signInWhereTeamModeBegins(ctx, wasRequired, reset);
  return reset;
}
