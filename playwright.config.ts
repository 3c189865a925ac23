import { defineConfig } from '@playwright/test';
import { findChromium } from './scripts/find-chromium.mjs';

const executablePath = findChromium() ?? undefined;
// The port `npm start` serves on (astro.config.mjs reads the same variable): PORT=4431 npx playwright
// test runs the suite beside another server on 4321.
const port = Number(process.env.PORT) || 4321;
/** The specs that walk a whole lab as a learner does. */
const WALKS = /(seed-lab|time-bound-lab)\.spec\.ts$/;

export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  // Keep Playwright's artifacts in a subfolder: it empties outputDir at start, and test-results/ also
  // holds Vitest's unit-results.json, which must survive until .ci/run reads it.
  outputDir: 'test-results/e2e-artifacts',
  workers: 1,
  forbidOnly: !!process.env.CI,
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e-results.json' }]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    browserName: 'chromium',
    headless: true,
    // A control that never becomes usable fails the step quickly, with the step's name in the report.
    actionTimeout: 15_000,
    launchOptions: {
      executablePath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  // Every spec on a laptop; the lab walks also on a phone (one view at a time) and, for
  // `npm run screenshots` only, on a wide screen. `npm run e2e` runs laptop and phone.
  projects: [
    { name: 'laptop', use: { viewport: { width: 1280, height: 720 } } },
    { name: 'phone', use: { viewport: { width: 390, height: 844 } }, testMatch: WALKS },
    { name: 'wide', use: { viewport: { width: 1920, height: 1080 } }, testMatch: WALKS },
  ],
  webServer: {
    // `npm start` itself (build, then serve), so the suite also proves the README's quick start serves the site.
    command: 'npm start',
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 120_000,
  },
});
