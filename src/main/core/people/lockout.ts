/** The lock-out rule (people.service.ts signIn): this many wrong passwords in a row … */
export const MAX_FAILED_ATTEMPTS = 5;
/** … lock the sign-in name for this many minutes. */
export const LOCK_MINUTES = 15;

/** An instant plus whole minutes: elapsed time, not wall-clock arithmetic, so no zone is involved. */
export const addMinutes = (at: Date, minutes: number) => new Date(at.getTime() + minutes * 60_000);
