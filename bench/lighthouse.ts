import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { servePreview } from './preview';

export interface LighthouseRun {
  /** Category scores, 0–100. */
  performance: number;
  accessibility: number;
  fcpMs: number;
  lcpMs: number;
  tbtMs: number;
  cls: number;
  /** Ids of the accessibility audits that failed. */
  failedA11y: string[];
  /** The largest contentful paint's element (its selector), to tell what the LCP waits for. */
  lcpElement: string | undefined;
  /** Render-blocking resources Lighthouse lists, with what they cost (ms). */
  renderBlocking: { url: string; wastedMs: number }[];
  /** The saved report (JSON), when a report folder was given. */
  reportFile: string | undefined;
}

/**
 * Lighthouse (mobile, simulated throttling) on one built page served by `astro preview` on `port`:
 * `runs` runs, each in a fresh Chromium. Needs a build in dist/ and a Chromium (the one Playwright
 * uses). The port must be free: nothing else may answer in the preview's place.
 */
export async function lighthouseRuns(pagePath: string, chromePath: string, { port = 4420, runs = 1, reportDir }: { port?: number; runs?: number; reportDir?: string } = {}) {
  const preview = await servePreview(port);
  try {
    const { default: lighthouse } = await import('lighthouse');
    const chromeLauncher = await import('chrome-launcher');
    const results: LighthouseRun[] = [];
    for (let run = 1; run <= runs; run++) {
      const chrome = await chromeLauncher.launch({
        chromePath,
        chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--disable-background-networking'],
      });
      try {
        const result = await lighthouse(`http://127.0.0.1:${port}${pagePath}`, {
          port: chrome.port,
          output: 'json',
          logLevel: 'error',
          onlyCategories: ['performance', 'accessibility'],
        });
        if (!result) throw new Error('Lighthouse returned no result');
        const { lhr } = result;
        if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
        const score = (k: string) => Math.round((lhr.categories[k]?.score ?? 0) * 100);
        const audits = lhr.audits;
        const a11yIds = new Set((lhr.categories.accessibility?.auditRefs ?? []).map((r) => r.id));
        // Lighthouse 13 reports both in its insights: the LCP breakdown names the element.
        const lcpNode = ((audits['lcp-breakdown-insight']?.details as { items?: { type: string; selector?: string }[] } | undefined)?.items ?? []).find((i) => i.type === 'node');
        const blocking = (audits['render-blocking-insight']?.details as { items?: { url: string; wastedMs: number }[] } | undefined)?.items ?? [];
        let reportFile: string | undefined;
        if (reportDir) {
          mkdirSync(reportDir, { recursive: true });
          reportFile = join(reportDir, `lighthouse-${pagePath.replace(/\W+/g, '_').replace(/^_|_$/g, '') || 'home'}-${run}.json`);
          writeFileSync(reportFile, JSON.stringify(lhr));
        }
        results.push({
          performance: score('performance'),
          accessibility: score('accessibility'),
          fcpMs: audits['first-contentful-paint']?.numericValue ?? NaN,
          lcpMs: audits['largest-contentful-paint']?.numericValue ?? NaN,
          tbtMs: audits['total-blocking-time']?.numericValue ?? NaN,
          cls: audits['cumulative-layout-shift']?.numericValue ?? NaN,
          failedA11y: Object.values(audits)
            .filter((a) => a11yIds.has(a.id) && a.score !== null && a.score < 1)
            .map((a) => a.id),
          lcpElement: lcpNode?.selector,
          renderBlocking: blocking.map((b) => ({ url: b.url, wastedMs: b.wastedMs })),
          reportFile,
        });
      } finally {
        chrome.kill();
      }
    }
    return results;
  } finally {
    await preview.close();
  }
}
