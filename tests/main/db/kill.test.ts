import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareKillSuite, type KillPlan, type KillSuite } from '../../stress/kill';

// A few runs of the kill -9 suite; `npm run stress` runs many at random moments.
let suite: KillSuite;
beforeAll(async () => {
  suite = await prepareKillSuite();
}, 60_000);
afterAll(() => suite?.dispose());

describe('a process killed with SIGKILL while it writes the register', () => {
  it.each<[string, KillPlan, 'all' | 'none' | 'either']>([
    ['as a 5,000-row import begins', { kind: 'import', after: 0, delayMs: 0 }, 'none'],
    ['halfway through a 5,000-row import', { kind: 'import', after: 2500, delayMs: 0 }, 'none'],
    ['after the import’s last row, while it writes and commits', { kind: 'import', after: 5000, delayMs: 150 }, 'either'],
    ['in a stream of single writes', { kind: 'writes', after: 10, delayMs: 3 }, 'all'],
  ])('leaves it whole when killed %s: integrity ok, all or nothing, the audit chain verifies', async (_when, plan, expected) => {
    const outcome = await suite.run(plan);
    if (expected !== 'either') expect(outcome.killed).toBe(true);
    expect(outcome.integrity).toBe('ok');
    expect(outcome.rows).not.toBe('partial');
    if (expected !== 'either') expect(outcome.rows).toBe(expected);
    expect(outcome.chainOk).toBe(true);
    expect(outcome.nextReferenceOk).toBe(true);
  }, 120_000);
});
