import { hash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import type * as Grader from '../src/grader';
import type * as Tenant from '../src/tenant';
import { ADVERSARIAL_START, futureEligibilitiesLog, walkedSchedulesLog } from './adversarialLog';

// Replay of logs made to be slow (issue 9, row 2, and item 6): one admin makes one user eligible
// 99,999 times, each in its own future one-day window (the overlap rule compares every request
// with the user's other eligibilities, and every eligibility adds a due time); and 10,000 such
// schedules with the clock then walked through them a day at a time (every tick must find the one
// due among thousands). Measured on the esbuild bundle the CLI runs (tsx's transform would slow
// the hot loops by itself), in this thread (one core), first run and median of three: the
// grader replays an attempt once, so the first run is the figure with the budget. The 100,000-event
// attempt is also graded as a file, hash chain and all, as `pim-lab grade` would.

const root = join(import.meta.dirname, '..');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export interface AdversarialFigures {
  events: number;
  replayFirstMs: number;
  replayMedianMs: number;
  walkedSchedules: number;
  walkedEntries: number;
  walkedFirstMs: number;
  gradeFileMs: number;
  fileMegabytes: number;
}

async function bundled(dir: string): Promise<{ tenant: typeof Tenant; grader: typeof Grader }> {
  const outfile = join(dir, 'core.mjs');
  await esbuild.build({
    stdin: { contents: "export * as tenant from './src/tenant/index.ts'; export * as grader from './src/grader/index.ts';", resolveDir: root, loader: 'ts' },
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    outfile,
    logLevel: 'silent',
  });
  return import(pathToFileURL(outfile).href);
}

function timed(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

export async function adversarialFigures(events = 100_000, walked = 10_000): Promise<AdversarialFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'pim-lab-bench-adversarial-'));
  try {
    const { tenant, grader } = await bundled(dir);
    // The logs are plain data (built by bench/adversarialLog.ts), replayed by the bundle's core.
    const replayOnce = (log: { initial: Tenant.TenantState; entries: Tenant.LogEntry[] }) => () => {
      const result = tenant.replay(log.initial, log.entries);
      if (!result.ok) throw new Error(`adversarial log refused at entry ${result.failedAt}: ${result.error.message}`);
    };
    const future = futureEligibilitiesLog(events);
    const runs = [0, 1, 2].map(() => timed(replayOnce(future)));
    const walkedLog = walkedSchedulesLog(walked);
    const walkedFirstMs = timed(replayOnce(walkedLog));

    const compiled = grader.compileLab(JSON.parse(readFileSync(join(root, 'labs/pim-eligible-role/lab.json'), 'utf8')));
    if (!compiled.ok) throw new Error(`lab.json: ${compiled.error.path}: ${compiled.error.message}`);
    const meta = { labId: compiled.lab.id, appVersion: 'bench', seedId: compiled.lab.seed.id, startAt: ADVERSARIAL_START };
    const native: Grader.Sha256Hex = (text) => hash('sha256', text, 'hex');
    const text = grader.stringifyAttemptFile(grader.buildAttemptFile(meta, future.entries, native));
    let outcome: ReturnType<typeof grader.grade> | undefined;
    const gradeFileMs = timed(() => (outcome = grader.grade(text, [compiled.lab], { sha256: native })));
    if (!outcome?.ok) throw new Error(`the adversarial attempt was not graded: ${JSON.stringify(outcome).slice(0, 300)}`);
    return {
      events,
      replayFirstMs: runs[0]!,
      replayMedianMs: median(runs),
      walkedSchedules: walked,
      walkedEntries: walkedLog.entries.length,
      walkedFirstMs,
      gradeFileMs,
      fileMegabytes: text.length / 1e6,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.filename === process.argv[1]) console.log(await adversarialFigures());
