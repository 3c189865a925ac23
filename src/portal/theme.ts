import type { Theme } from '@fluentui/react-components';
import data from './webLightTheme.json';

/**
 * Fluent UI's webLightTheme, precomputed (scripts/gen-fluent-theme.mjs): the same values as
 * `webLightTheme` from @fluentui/react-components without the code and color palettes that
 * compute them, which would otherwise ship on every lesson page.
 */
export const webLightTheme: Theme = data;
