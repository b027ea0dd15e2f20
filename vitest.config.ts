import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globalSetup: ['tests/support/global-setup.ts'],
    include: ['{api,core,db,workflows,activities,scripts,tests}/**/*.test.ts', 'web/src/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'web/.svelte-kit/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // What a user would see gets this long to appear: one second (vitest's default) is too little on
    // a loaded two-core machine running other suites beside this one, and a poll ends as soon as it holds.
    expect: { poll: { timeout: 10_000 } },
    // Two cores: running files two at a time keeps Postgres, Temporal and Chromium responsive.
    maxWorkers: 2,
    pool: 'forks',
    reporters: ['default', './tests/support/summary-reporter.ts'],
  },
});
