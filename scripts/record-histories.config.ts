import { defineConfig } from 'vitest/config';

/**
 * `npm run record-histories`: runs the recording scenarios against the same embedded Postgres and
 * Temporal dev server the tests use, and rewrites tests/workflow-histories/. Not part of `npm test`.
 */
export default defineConfig({
  test: {
    globalSetup: ['tests/support/global-setup.ts'],
    include: ['scripts/record-histories.scenarios.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
