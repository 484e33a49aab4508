import { mkdtempSync } from 'node:fs';
import { CompiledQuery } from 'kysely';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixedClock, type Clock } from '../../src/main/core/clock';
import { openWorkbench, type Workbench } from '../../src/main/core/workbench';
import { fileKeyProvider } from '../../src/main/core/audit/audit-key';
import type { Channel, InputOf, OutputOf } from '../../src/shared/contract';
import { freshPostgresRegister, TEST_ENGINE } from './engine';
import { createPerson } from '../../src/main/core/people/people.service';
import { actorOf } from '../../src/shared/domain/people';

/** Mid-afternoon in Shanghai on a Tuesday, unless a test says otherwise. */
export const TEST_NOW = '2026-11-17T06:30:00.000Z';

export interface TestWorkbench extends Workbench {
  /** Calls a channel through the router (schema, handler, envelope) and returns the envelope. */
  invoke<C extends Channel>(channel: C, input: InputOf<C> | unknown): ReturnType<Workbench['router']['invoke']>;
  /** Calls a channel and returns its value, failing the test with the envelope's error otherwise. */
  call<C extends Channel>(channel: C, input: InputOf<C>): Promise<OutputOf<C>>;
  setNow(iso: string): void;
}

export const TEST_OFFICER_PASSWORD = 'correct horse battery staple';
const TEST_OFFICER = { signInName: 'tester', displayName: 'Tester' };

/** Whom a test's own calls are recorded as: the system user on a file, the signed-in test officer on a server. */
export const TEST_ACTOR = TEST_ENGINE === 'postgres' ? actorOf(TEST_OFFICER) : 'tester';

/** The audit entries a fresh test register holds before the test begins: on a server, the test officer's creation. */
export const SETUP_AUDIT_ENTRIES = TEST_ENGINE === 'postgres' ? 1 : 0;

/**
 * A fresh in-memory register migrated to the latest schema, with a frozen clock. `bare`: on
 * PostgreSQL, no test officer either (a register nothing was ever written to; nobody can sign in).
 */
export async function makeWorkbench(options: { now?: string; language?: 'en' | 'zh-CN'; bare?: boolean } = {}): Promise<TestWorkbench> {
  let clock: Clock = fixedClock(options.now ?? TEST_NOW);
  const movable: Clock = { now: () => clock.now() };
  const dataDir = mkdtempSync(join(tmpdir(), 'pw-test-'));
  const register = TEST_ENGINE === 'postgres' ? await freshPostgresRegister() : null;
  const opened = await openWorkbench({
    dbPath: register?.url ?? ':memory:',
    host: 'cli',
    systemLanguage: options.language ?? 'en',
    clock: movable,
    actor: 'tester',
    dataDir,
    // The audit key of this test alone, beside its register's folder: never the user's own.
    auditKey: fileKeyProvider(join(dataDir, 'audit-key')),
    log: () => {},
  });
  const workbench: Workbench = register
    ? {
        ...opened,
        async close() {
          await opened.close();
          await register.drop();
        },
      }
    : opened;
  if (register && !options.bare) {
    // A register on a server asks everyone to sign in: the test works as its officer.
    await createPerson(workbench.ctx, { ...TEST_OFFICER, role: 'officer', seesContacts: true, password: TEST_OFFICER_PASSWORD });
    const signedIn = await workbench.router.invoke('session:signIn', { signInName: TEST_OFFICER.signInName, password: TEST_OFFICER_PASSWORD });
    if (!signedIn.ok) throw new Error(`the test officer could not sign in: ${signedIn.error.message}`);
  }
  return {
    ...workbench,
    invoke: (channel, input) => workbench.router.invoke(channel, input),
    async call(channel, input) {
      const result = await workbench.router.invoke(channel, input);
      if (!result.ok) throw new Error(`${channel} failed: ${result.error.code} ${result.error.message} ${JSON.stringify(result.error.fieldErrors ?? {})}`);
      return result.value as never;
    },
    setNow(iso) {
      clock = fixedClock(iso);
    },
  };
}

/** Signs the router's session in as the test officer (a register whose people came from a test's register). */
export async function signInAsTestOfficer(workbench: Workbench): Promise<void> {
  const signedIn = await workbench.router.invoke('session:signIn', { signInName: 'tester', password: TEST_OFFICER_PASSWORD });
  if (!signedIn.ok) throw new Error(`the test officer could not sign in: ${signedIn.error.message}`);
}

/** Row counts of every table: to show that a refused call wrote nothing. */
export async function tableCounts(workbench: Workbench): Promise<Record<string, number>> {
  const tables = (await workbench.ctx.db.introspection.getTables()).map((t) => t.name).sort();
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const { rows } = await workbench.ctx.db.executeQuery<{ n: number }>(CompiledQuery.raw(`select count(*) as n from "${table}"`));
    counts[table] = Number(rows[0]!.n);
  }
  return counts;
}
