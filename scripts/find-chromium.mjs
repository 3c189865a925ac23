// Finds a Chromium for Playwright, in this order:
//   1. $PIM_LAB_CHROMIUM (if set, it must point to an existing file)
//   2. /usr/bin/chromium          (Debian's `chromium` package)
//   3. /usr/bin/chromium-browser  (Ubuntu and others)
//   4. Playwright's own browser   (`npx playwright install chromium`), via chromium.executablePath()
// Import `findChromium()` (e.g. from playwright.config.ts), or run `node scripts/find-chromium.mjs`
// to print the one in use; it exits 1 with instructions when none is found.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

/** @returns {string | null} Playwright's own Chromium executable, if it is installed. */
function playwrightChromium() {
  // @playwright/test first: its playwright-core is the one the test runner uses (and the one
  // `npx playwright install chromium` installs for); a hoisted playwright-core may be another version.
  for (const pkg of ['@playwright/test', 'playwright-core']) {
    try {
      /** @type {{ chromium: { executablePath(): string } }} */
      const { chromium } = require(pkg);
      const path = chromium.executablePath();
      if (path && existsSync(path)) return path;
    } catch {
      // Package not installed or no browser registered: try the next one.
    }
  }
  return null;
}

/**
 * The Chromium executable Playwright should launch, or null if none was found.
 * @returns {string | null}
 */
export function findChromium() {
  const fromEnv = process.env.PIM_LAB_CHROMIUM;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : null;
  for (const path of ['/usr/bin/chromium', '/usr/bin/chromium-browser']) {
    if (existsSync(path)) return path;
  }
  return playwrightChromium();
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const fromEnv = process.env.PIM_LAB_CHROMIUM;
  const path = findChromium();
  if (path) {
    console.log(`Chromium for Playwright: ${path}${fromEnv ? ' (from PIM_LAB_CHROMIUM)' : ''}`);
  } else {
    console.error(
      [
        fromEnv
          ? `PIM_LAB_CHROMIUM is set to ${fromEnv}, but that file does not exist.`
          : 'No Chromium found for Playwright (looked at PIM_LAB_CHROMIUM, /usr/bin/chromium, /usr/bin/chromium-browser and Playwright\'s own browsers).',
        'Get one of these:',
        '  - Debian/Ubuntu:  apt-get install -y chromium   (as root, after apt-get update)',
        '  - any system:     npx playwright install chromium',
        '  - or point PIM_LAB_CHROMIUM at an existing Chromium/Chrome executable.',
      ].join('\n'),
    );
    process.exit(1);
  }
}
