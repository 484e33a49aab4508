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
      // Opt-in until every area is green on PostgreSQL: `npm run test:unit:pg`.
      ...(process.env.PRIVACY_WORKBENCH_TEST_PG === '1' ? [{
        // Every repository and service test again, each register a database of a throwaway
        // PostgreSQL server (tests/setup/postgres-global.ts).
        resolve: { alias },
        test: {
          name: 'postgres',
          include: ['tests/main/**/*.test.ts'],
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
