import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: {
      '@shared': resolve(import.meta.dirname, 'src/shared'),
      '@renderer': resolve(import.meta.dirname, 'src/renderer/src'),
    },
  },
  test: {
    include: ['tests/{main,shared,migrations,renderer}/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 20_000,
    // Registers that tests open on their own (and the hosts they start) take their audit key from
    // here, never from the user-data folder of the machine running them.
    env: { PRIVACY_WORKBENCH_AUDIT_KEY: join(tmpdir(), `pw-test-audit-key-${process.pid}`) },
  },
});
