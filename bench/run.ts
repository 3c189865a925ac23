// `npm run bench`: the performance figures the issues ask for, measured here rather than asserted
// in tests. Each figure prints with its budget.
import { replay } from '../src/tenant';
import { generateLog } from './seedLog';

function median(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function time<T>(fn: () => T): [number, T] {
  const t0 = performance.now();
  const value = fn();
  return [performance.now() - t0, value];
}

const figures: { name: string; value: string; budget: string; ok: boolean }[] = [];

{
  const N = 10_000;
  const { initial, entries } = generateLog(N);
  const runs: number[] = [];
  for (let i = 0; i < 3; i++) replay(initial, entries); // warm-up
  for (let i = 0; i < 15; i++) {
    const [ms, result] = time(() => replay(initial, entries));
    if (!result.ok) throw new Error(`replay refused entry ${result.failedAt}: ${result.error.message}`);
    runs.push(ms);
  }
  const ms = median(runs);
  figures.push({ name: `replay of a ${N.toLocaleString('en')}-entry log (core, median of ${runs.length})`, value: `${ms.toFixed(1)} ms`, budget: '≤ 200 ms', ok: ms <= 200 });
  figures.push({ name: 'replay throughput', value: `${Math.round((N / ms) * 1000).toLocaleString('en')} entries/s`, budget: '—', ok: true });
}


const width = Math.max(...figures.map((f) => f.name.length));
for (const f of figures) console.log(`${f.ok ? '✓' : '✗'} ${f.name.padEnd(width)}  ${f.value.padStart(20)}  budget ${f.budget}`);
if (figures.some((f) => !f.ok)) process.exitCode = 1;
