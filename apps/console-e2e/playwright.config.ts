import { defineConfig } from '@playwright/test';
import { API_URL, CONSOLE_PORT, CONSOLE_URL, serverEnvironment } from './e2e-environment';

const chromiumPath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const consoleDist = process.env['E2E_CONSOLE_DIST'];

export default defineConfig({
  testDir: './src',
  outputDir: '../../test-output/e2e/results',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  reporter: [['list']],
  globalTeardown: './global-teardown.ts',
  use: {
    baseURL: CONSOLE_URL,
    viewport: { width: 1366, height: 820 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    // The console's service worker would answer page loads from its cache and outlive a test's context: specs see the
    // network as it is. pwa.spec.ts opts back in to check the worker itself.
    serviceWorkers: 'block',
    launchOptions: {
      executablePath: chromiumPath,
      // The machine has no outside network: background services would only fail and retry.
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  webServer: [
    {
      // The run's database is prepared with the commands a person uses (Playwright starts servers before any global setup).
      command: 'npm run --silent db:migrate && npm run --silent db:seed && node -r @swc-node/register apps/api/src/main.ts',
      cwd: '../..',
      url: `${API_URL}/health/ready`,
      env: serverEnvironment,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      // E2E_CONSOLE_DIST serves a build of one's own, so a concurrent `npm run console:build` cannot swap files under a run.
      command: `npx vite preview --config apps/console/vite.config.ts --port ${CONSOLE_PORT} --strictPort${consoleDist ? ` --outDir ${consoleDist}` : ''}`,
      cwd: '../..',
      url: CONSOLE_URL,
      env: { API_URL },
      reuseExistingServer: false,
      timeout: 60_000,
    },
  ],
});
