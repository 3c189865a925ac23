/// <reference types="vitest/config" />
import { getViteConfig } from 'astro/config';

export default getViteConfig({
  test: {
    environment: 'node',
    include: ['test/unit/**/*.test.ts'],
    testTimeout: 120_000,
    // .ci/run reads this file to print the closing "N passed, N failed" line.
    reporters: ['default', ['json', { outputFile: 'test-results/unit-results.json' }]],
  },
});
