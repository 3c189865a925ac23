// `npm run bench`: the performance figures the issues ask for, measured here rather than asserted
// in tests. Each figure prints with its budget; the process exits 1 if a budget is missed.
import { replay } from '../src/tenant';
import { generateLog, BENCH_START } from './seedLog';
import { storeFigures } from './store';
import { graderFigures } from './grader';

interface Figure {
  name: string;
  value: string;
  budget: string;
  ok: boolean;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function time<T>(fn: () => T): [number, T] {
  const t0 = performance.now();
  const value = fn();
  return [performance.now() - t0, value];
}

const figures: Figure[] = [];
const N = 10_000;
const { initial, entries } = generateLog(N);

{
  const [coldMs] = time(() => replay(initial, entries));
  const runs: number[] = [];
  for (let i = 0; i < 15; i++) {
    const [ms, result] = time(() => replay(initial, entries));
    if (!result.ok) throw new Error(`replay refused entry ${result.failedAt}: ${result.error.message}`);
    runs.push(ms);
  }
  const ms = median(runs);
  figures.push({ name: `replay of a ${N.toLocaleString('en')}-entry log, first run`, value: `${coldMs.toFixed(1)} ms`, budget: '≤ 200 ms', ok: coldMs <= 200 });
  figures.push({ name: `replay of a ${N.toLocaleString('en')}-entry log, median of ${runs.length}`, value: `${ms.toFixed(1)} ms`, budget: '≤ 200 ms', ok: ms <= 200 });
  figures.push({ name: 'replay throughput', value: `${Math.round((N / ms) * 1000).toLocaleString('en')} entries/s`, budget: '—', ok: true });
}

{
  const s = await storeFigures(entries, BENCH_START);
  figures.push({ name: 'store appends (one transaction each, fake-indexeddb)', value: `${Math.round(s.appendsPerSecond).toLocaleString('en')} /s`, budget: '—', ok: true });
  figures.push({ name: `restore of ${N.toLocaleString('en')} entries (read + replay, fake-indexeddb), median`, value: `${s.medianRestoreMs.toFixed(1)} ms`, budget: '(browser figure: see e2e bench)', ok: true });
}

{
  const g = await graderFigures();
  figures.push({ name: `grader: typical attempts (${g.eventsPerAttempt} events) graded per second, one core`, value: `${Math.round(g.attemptsPerSecond).toLocaleString('en')} /s`, budget: '≥ 2,000 /s', ok: g.attemptsPerSecond >= 2000 });
  figures.push({ name: 'grader: the same with the pure-JS SHA-256 of the browser', value: `${Math.round(g.attemptsPerSecondPureJs).toLocaleString('en')} /s`, budget: '—', ok: true });
  figures.push({ name: 'pim-lab grade, one file, cold start (median)', value: `${g.cliWallMsOneFile.toFixed(0)} ms`, budget: '≤ 500 ms', ok: g.cliWallMsOneFile <= 500 });
}

const width = Math.max(...figures.map((f) => f.name.length));
for (const f of figures) console.log(`${f.ok ? '✓' : '✗'} ${f.name.padEnd(width)}  ${f.value.padStart(18)}  budget ${f.budget}`);
if (figures.some((f) => !f.ok)) process.exitCode = 1;
