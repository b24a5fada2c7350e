import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS } from '../fixtures/chromium';

/** Debian's Chromium (never a downloaded browser); the real server on a test port with a fresh SQLite dir. */
export const PORT = Number(process.env.E2E_PORT ?? 4173);
export const BASE_URL = `http://127.0.0.1:${PORT}`;
export { CHROMIUM, CHROMIUM_ARGS };
/** Several runs may share the machine: each port gets its own SQLite dir; E2E_DIST picks another build. */
const DATA_DIR = `.tmp/e2e-data-${PORT}`;
const DIST_DIR = process.env.E2E_DIST ?? 'dist';

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  outputDir: '../../test-results',
  timeout: 60_000,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  // The JSON report lets .ci/run prove the browser tests ran (and count them).
  reporter: [['list'], ['json', { outputFile: '../../.tmp/reports/e2e.json' }]],
  use: {
    ...devices['Pixel 7'],
    viewport: { width: 390, height: 844 },
    baseURL: BASE_URL,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    serviceWorkers: 'allow',
    launchOptions: { executablePath: CHROMIUM, args: CHROMIUM_ARGS },
  },
  webServer: {
    command: `node -e "require('fs').rmSync('${DATA_DIR}',{recursive:true,force:true})" && tsx src/server/main.ts`,
    cwd: '../..',
    url: `${BASE_URL}/`,
    env: { PORT: String(PORT), HOST: '127.0.0.1', DATA_DIR, DIST_DIR },
    reuseExistingServer: false,
    stdout: 'pipe',
    timeout: 30_000,
  },
});
