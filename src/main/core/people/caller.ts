import type { Role } from '@shared/domain/people';
import type { PersonRow } from './people.repository';

/**
 * One host's session: a desktop window, a browser's cookie, a command. `signedIn` is true only
 * after a password was checked; a person picked at the desk in single-user mode is not signed in,
 * and stops counting the moment the register turns to team mode.
 */
export interface Session {
  personId: number | null;
  signedIn: boolean;
}

/** Who a call is made by: the person (null for the system user of a single-user machine) and the role checked. */
export interface Caller {
  person: PersonRow | null;
  /** null: nobody is signed in in team mode; only the `anyone` channels answer. */
  role: Role | null;
  actor: string;
  signInRequired: boolean;
}
