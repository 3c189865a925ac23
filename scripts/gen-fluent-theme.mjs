// Writes Fluent UI's webLightTheme, as plain data, to src/portal/webLightTheme.json.
//
// Fluent computes webLightTheme when its module loads, from its brand ramp and every global color
// palette (@fluentui/tokens: ~9 KB gzip in the browser). The simulator imports the computed result
// instead (~3.5 KB gzip): the same 459 values, without the code and palettes that produce them.
// test/unit/theme.test.ts fails when the file no longer equals Fluent's webLightTheme (after an
// upgrade of @fluentui/react-components): run this script again then.
// Usage: node scripts/gen-fluent-theme.mjs [--check]
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const THEME_FILE = resolve(root, 'src/portal/webLightTheme.json');

/** The file's contents for a theme object. */
export const themeJson = (theme) => JSON.stringify(theme, null, 1) + '\n';

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { webLightTheme } = await import('@fluentui/react-components');
  const json = themeJson(webLightTheme);
  if (process.argv.includes('--check')) {
    if (readFileSync(THEME_FILE, 'utf8') !== json) {
      console.error(`${THEME_FILE} differs from Fluent's webLightTheme: run node scripts/gen-fluent-theme.mjs`);
      process.exit(1);
    }
  } else writeFileSync(THEME_FILE, json);
}
