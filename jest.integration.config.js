/**
 * The inbound, outbound and realtime suites, which `npm run test:integration:pgbouncer` runs with every app connected
 * through PgBouncer in transaction pooling mode. `npm run verify` runs them there rather than twice, to keep CI's time;
 * the 30-odd other suites that deliver webhooks cover the direct connection. BACKTALK_TEST_POOLED_SUITES=only runs just
 * them, =skip all but them.
 */
const POOLED_SUITES = ['libs/inbound/src/inbound.integration-spec.ts', 'apps/api/src/messaging.integration-spec.ts', 'libs/realtime/src/realtime.integration-spec.ts'];
const pooledSuites = process.env.BACKTALK_TEST_POOLED_SUITES;
const escaped = (path) => `<rootDir>/${path}`.replace(/[.]/g, '\\.');

const preset = require('./jest.preset');

module.exports = {
  ...preset,
  displayName: 'integration',
  testMatch: pooledSuites === 'only' ? POOLED_SUITES.map((path) => `<rootDir>/${path}`) : ['<rootDir>/{apps,libs,tools}/**/*.integration-spec.ts'],
  testPathIgnorePatterns: [...preset.testPathIgnorePatterns, ...(pooledSuites === 'skip' ? POOLED_SUITES.map(escaped) : [])],
  globalSetup: '<rootDir>/tools/jest/global-setup.js',
  globalTeardown: '<rootDir>/tools/jest/global-teardown.js',
  // One database per run, shared by the files: running them one at a time keeps state between files predictable.
  maxWorkers: 1,
  testTimeout: 30000,
};
