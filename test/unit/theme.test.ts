import { readFileSync } from 'node:fs';
import { webLightTheme as fluentTheme } from '@fluentui/react-components';
import { describe, expect, it } from 'vitest';
import { webLightTheme } from '../../src/portal/theme';
import { THEME_FILE, themeJson } from '../../scripts/gen-fluent-theme.mjs';

describe('the simulator’s precomputed Fluent theme', () => {
  it('is Fluent’s webLightTheme, value for value (else run scripts/gen-fluent-theme.mjs)', () => {
    expect(webLightTheme).toEqual(fluentTheme);
    expect(readFileSync(THEME_FILE, 'utf8')).toBe(themeJson(fluentTheme));
  });
});
