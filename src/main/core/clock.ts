/** The core's only source of "now"; frozen in tests and in a host started with `--clock`. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function fixedClock(at: string | Date): Clock {
  const instant = new Date(at);
  if (Number.isNaN(instant.getTime())) throw new Error(`Not a valid instant for the clock: ${String(at)}`);
  return { now: () => new Date(instant.getTime()) };
}
