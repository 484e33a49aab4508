import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

const alias = {
  '@shared': resolve(import.meta.dirname, 'src/shared'),
  '@renderer': resolve(import.meta.dirname, 'src/renderer/src'),
};
// Registers that tests open on their own (and the hosts they start) take their audit key from
// here, never from the user-data folder of the machine running them.
const env = { PRIVACY_WORKBENCH_AUDIT_KEY: join(tmpdir(), `pw-test-audit-key-${process.pid}`) };

// Every repository and service area, again on PostgreSQL (issue 15). The files below do not pass
// on PostgreSQL yet (raw SQLite statements in the test, the audit chain's tamper checks, the JSON
// export's introspection, the reports' engine-specific reads): named here so that the list can only
// shrink, and so that nothing else in these areas is left out.
const NOT_YET_ON_POSTGRES: string[] = [
];
const POSTGRES_AREAS = ['agreements', 'audit', 'calendar', 'categories', 'contract', 'db', 'gaps', 'partners', 'people', 'policy', 'reports', 'requests', 'sample', 'sdks', 'transfer'];

export default defineConfig({
  resolve: { alias },
  test: {
    environment: 'node',
    pool: 'forks',
    testTimeout: 20_000,
    env,
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'sqlite',
          include: ['tests/{main,shared,migrations,renderer}/**/*.test.ts'],
          environment: 'node',
          pool: 'forks',
          testTimeout: 20_000,
          env,
        },
      },
      // On unless PRIVACY_WORKBENCH_TEST_PG=0 (a machine without PostgreSQL 15; .ci/run installs it).
      ...(process.env.PRIVACY_WORKBENCH_TEST_PG !== '0' ? [{
        // Every repository and service test again, each register a database of a throwaway
        // PostgreSQL server (tests/setup/postgres-global.ts).
        resolve: { alias },
        test: {
          name: 'postgres',
          include: POSTGRES_AREAS.map((area) => `tests/main/${area}/**/*.test.ts`),
          exclude: NOT_YET_ON_POSTGRES,
          environment: 'node',
          pool: 'forks',
          testTimeout: 30_000,
          env: { ...env, PRIVACY_WORKBENCH_TEST_ENGINE: 'postgres' },
          globalSetup: ['tests/setup/postgres-global.ts'],
        },
      }] : []),
    ],
  },
});
