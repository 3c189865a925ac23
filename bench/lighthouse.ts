import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * Lighthouse (mobile, simulated throttling) on one built page served by `astro preview`: the
 * performance and accessibility scores, 0–100. Needs a Chromium (the same one Playwright uses).
 */
export async function lighthouseScores(pagePath: string, chromePath: string, port = 4420) {
  const preview = spawn('npx', ['astro', 'preview', '--host', '127.0.0.1', '--port', String(port)], { stdio: 'ignore', detached: true });
  try {
    await waitForServer(`http://127.0.0.1:${port}/`, 30_000);
    const { default: lighthouse } = await import('lighthouse');
    const chromeLauncher = await import('chrome-launcher');
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
      const categories = result?.lhr.categories ?? {};
      const score = (k: string) => Math.round((categories[k]?.score ?? 0) * 100);
      const audits = result?.lhr.audits ?? {};
      return {
        performance: score('performance'),
        accessibility: score('accessibility'),
        lcpMs: audits['largest-contentful-paint']?.numericValue ?? NaN,
        tbtMs: audits['total-blocking-time']?.numericValue ?? NaN,
        cls: audits['cumulative-layout-shift']?.numericValue ?? NaN,
        failedA11y: Object.values(audits)
          .filter((a) => a.score === 0 && (result?.lhr.categories.accessibility?.auditRefs ?? []).some((r) => r.id === a.id))
          .map((a) => a.id),
      };
    } finally {
      await chrome.kill();
    }
  } finally {
    stop(preview);
  }
}

function stop(p: ChildProcess) {
  try {
    if (p.pid) process.kill(-p.pid);
  } catch {
    p.kill();
  }
}

async function waitForServer(url: string, timeoutMs: number) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

export const defaultChrome = () => [process.env.PIM_LAB_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => p && existsSync(resolve(p)));
