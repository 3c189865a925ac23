import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { attemptFileSchema, buildAttemptFile, compileLab, eventHash, grade, headerHash, stringifyAttemptFile, wellFormedAttemptFile, type GradeErrorCode, type GradeOutcome } from '../../src/grader';
import { activatedTooLong, activeInsteadOfEligible, adminCreatesUser, complete, typicalAttempt, userCreatedAfterActivationExpired } from '../../scripts/attemptScenarios';
import { fuzzedAttempt, LOG_MUTATIONS, outcomeKey, prng } from '../../scripts/fuzz';

// Fuzz: valid attempt files mutated every way a hand, a tool or a forger might — events dropped,
// duplicated, swapped, fields changed to other values or other types, payloads edited, headers
// changed, the text truncated or garbled — half of them re-chained so that they reach replay and
// the checks. Whatever comes in, grade() returns a report or a structured error and never throws.

const NUM_RUNS = Number(process.env.PIM_GRADER_FUZZ_RUNS ?? 10_000);
/** `npm run fuzz` runs 100,000 of these; a sample on every `npm test`. */
const STRUCTURED_RUNS = Number(process.env.PIM_GRADER_STRUCTURED_FUZZ_RUNS ?? 1_000);

const root = join(import.meta.dirname, '../..');
const compiled = compileLab(JSON.parse(readFileSync(join(root, 'labs/pim-eligible-role/lab.json'), 'utf8')));
if (!compiled.ok) throw new Error(compiled.error.message);
const lab = compiled.lab;

const BASES = [
  ...[complete(), typicalAttempt(), adminCreatesUser(), activeInsteadOfEligible(), userCreatedAfterActivationExpired(), activatedTooLong()].map((r) => ({ r, learner: undefined })),
  // A file that names its learner (in the header hash).
  { r: complete(), learner: 'Ada Lovelace' },
].map(({ r, learner }) => JSON.parse(stringifyAttemptFile(buildAttemptFile({ ...r.meta('0.1.0'), ...(learner ? { learner } : {}) }, r.entries))));

const CODES: ReadonlySet<GradeErrorCode> = new Set([
  'CannotRead', 'EmptyFile', 'NotJson', 'TruncatedJson', 'TooLarge', 'NotAnAttemptFile', 'UnsupportedVersion', 'InvalidAttemptFile',
  'UnknownLab', 'LabMismatch', 'SeedMismatch', 'BrokenChain', 'ReplayRefused',
]);

type Json = any;

/** Recomputes every hash of a (mutated) file value, as a forger would, where the shape allows. */
function rechain(f: Json): void {
  if (typeof f !== 'object' || f === null || !Array.isArray(f.events)) return;
  let previous = headerHash(f);
  for (const e of f.events) {
    if (typeof e !== 'object' || e === null || Array.isArray(e)) continue;
    e.hash = previous = eventHash(previous, e);
  }
  f.lastHash = previous;
}

const anyValue = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(-1, 0, 1.5, '', 'PT9H', '2025-02-26T10:00:00Z', 'not a date', null, [], {}, 'Zoë 李', ' Ada', 'a\u0007b', 'a\u202eb', 'x'.repeat(65)),
);
const field = fc.constantFrom('seq', 'at', 'actor', 'type', 'payload', 'hash');
const headerField = fc.constantFrom('format', 'version', 'labId', 'appVersion', 'seedId', 'startAt', 'learner', 'events', 'lastHash');

type Mutation = (f: Json, text: string) => Json | string;

/** A fraction in [0, 1) that picks an event or a cut point (fast-check's doubles lean to the ends). */
const frac = fc.nat({ max: 9999 }).map((n) => n / 10_000);
const often = <T>(arbitrary: fc.Arbitrary<T>) => ({ arbitrary, weight: 4 });
const rarely = <T>(arbitrary: fc.Arbitrary<T>) => ({ arbitrary, weight: 1 });

/** Mutations of the parsed value; `pick` is a fraction 0–1 choosing an event. */
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  often(fc.tuple(frac).map(([pick]) => (f: Json) => {
    f.events.splice(Math.floor(pick * f.events.length), 1);
    return f;
  })),
  often(fc.tuple(frac).map(([pick]) => (f: Json) => {
    const i = Math.floor(pick * f.events.length);
    f.events.splice(i, 0, structuredClone(f.events[i]));
    return f;
  })),
  often(fc.tuple(frac, frac).map(([a, b]) => (f: Json) => {
    const i = Math.floor(a * f.events.length);
    const j = Math.floor(b * f.events.length);
    [f.events[i], f.events[j]] = [f.events[j], f.events[i]];
    return f;
  })),
  often(fc.tuple(frac, field, anyValue).map(([pick, key, value]) => (f: Json) => {
    f.events[Math.floor(pick * f.events.length)][key] = value;
    return f;
  })),
  // A plausible edit: another actor, a shifted time, a renumbered event.
  often(fc.tuple(frac, fc.integer({ min: -10, max: 10 }), fc.constantFrom('actor', 'at', 'seq')).map(([pick, delta, key]) => (f: Json) => {
    const e = f.events[Math.floor(pick * f.events.length)];
    if (key === 'seq') e.seq += delta;
    else if (key === 'at') e.at = new Date(Date.parse(e.at) + delta * 3_600_000).toISOString();
    else e.actor = f.events[Math.abs(delta) % f.events.length].actor;
    return f;
  })),
  // Deep in a payload: change or delete a key somewhere.
  often(fc.tuple(frac, fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), anyValue, fc.boolean()).map(([pick, route, value, remove]) => (f: Json) => {
    let node = f.events[Math.floor(pick * f.events.length)].payload;
    for (let k = 0; k < route.length; k++) {
      const keys = Object.keys(node);
      if (!keys.length) break;
      const key = keys[route[k]! % keys.length]!;
      if (k === route.length - 1 || typeof node[key] !== 'object' || node[key] === null) {
        if (remove) delete node[key];
        else node[key] = value;
        break;
      }
      node = node[key];
    }
    return f;
  })),
  often(fc.tuple(headerField, anyValue).map(([key, value]) => (f: Json) => {
    f[key] = value;
    return f;
  })),
  rarely(fc.tuple(frac).map(([cut]) => (_f: Json, text: string) => text.slice(0, Math.floor(cut * text.length)))),
  rarely(fc.tuple(frac, fc.string({ maxLength: 8, unit: 'binary' })).map(([at, junk]) => (_f: Json, text: string) => {
    const i = Math.floor(at * text.length);
    return text.slice(0, i) + junk + text.slice(i + junk.length);
  })),
  rarely(fc.string({ maxLength: 200, unit: 'binary' }).map((junk) => () => junk)),
  rarely(anyValue.map((value) => () => value)),
);

/**
 * The one-pass read of a well-formed file (wellFormedAttemptFile) must accept nothing zod refuses
 * and return exactly what zod returns; zod reads everything it defers.
 */
function checkWellFormedRead(value: Record<string, unknown>, count: (key: string) => void): void {
  const fast = wellFormedAttemptFile(value);
  const zod = attemptFileSchema.safeParse(value);
  if (fast) {
    expect(zod.success, `one-pass read accepted what zod refuses: ${JSON.stringify(zod.error?.issues[0])}`).toBe(true);
    expect(fast).toStrictEqual(zod.data);
    count('read in one pass');
  } else if (zod.success) count('deferred to zod, which accepts');
}

function assertOutcome(outcome: GradeOutcome): void {
  if (outcome.ok) {
    const r = outcome.report;
    expect(r.checks).toHaveLength(lab.checks.length);
    expect(r.score).toBe(r.checks.reduce((n, c) => n + c.score, 0));
    expect(r.score >= 0 && r.score <= r.maxScore).toBe(true);
    for (const c of r.checks) expect(c.status === 'passed' ? c.score === c.maxScore : c.score === 0).toBe(true);
    return;
  }
  expect(CODES.has(outcome.error.code), `${outcome.error.code}: ${outcome.error.message}`).toBe(true);
  expect(typeof outcome.error.message).toBe('string');
  expect(outcome.error.message.length).toBeGreaterThan(0);
  expect(outcome.error.message).not.toMatch(/[\n\r]/);
}

describe('grader fuzz', () => {
  it(`never throws on ${NUM_RUNS.toLocaleString('en')} mutated attempts: a report or a structured error`, () => {
    const stats = new Map<string, number>();
    const count = (key: string) => stats.set(key, (stats.get(key) ?? 0) + 1);
    const t0 = performance.now();
    fc.assert(
      fc.property(fc.nat({ max: BASES.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 3 }), fc.boolean(), fc.boolean(), (b, mutations, reChain, asText) => {
        let input: Json = structuredClone(BASES[b]);
        let text = JSON.stringify(input);
        for (const m of mutations) {
          if (typeof input !== 'object' || input === null || !Array.isArray(input.events) || !input.events.length) break;
          let next: Json | string;
          try {
            next = m(input, text);
          } catch {
            break; // an earlier mutation left no room for this one (an event is no longer an object)
          }
          if (typeof next === 'string') {
            input = next;
            break;
          }
          input = next;
          text = JSON.stringify(input) ?? '';
        }
        if (typeof input !== 'string' && reChain) rechain(input);
        if (typeof input === 'object' && input !== null && !Array.isArray(input)) checkWellFormedRead(input, count);
        let outcome: GradeOutcome;
        try {
          outcome = grade(typeof input === 'string' || !asText ? input : JSON.stringify(input) ?? 'undefined', [lab]);
        } catch (e) {
          throw new Error(`grade threw: ${(e as Error).stack}`);
        }
        count(outcome.ok ? 'graded' : outcome.error.code);
        assertOutcome(outcome);
      }),
      { numRuns: NUM_RUNS },
    );
    const seconds = (performance.now() - t0) / 1000;
    console.log(`grader fuzz: ${NUM_RUNS} attempts in ${seconds.toFixed(1)} s: ${[...stats].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(', ')}`);
    // The fuzz must reach every stage, not stop at JSON errors.
    for (const stage of ['graded', 'ReplayRefused', 'BrokenChain', 'InvalidAttemptFile', 'read in one pass']) expect(stats.get(stage) ?? 0, stage).toBeGreaterThan(NUM_RUNS / 50);
    expect(stats.has('InternalError')).toBe(false);
  });

  it(`never reaches InternalError on ${STRUCTURED_RUNS.toLocaleString('en')} structure-aware, re-chained mutations (scripts/fuzz.ts)`, () => {
    const stats = new Map<string, number>();
    const internal: string[] = [];
    // A different seed per day would make failures hard to reproduce; the seed is fixed, the
    // breadth comes from `npm run fuzz`.
    const rand = prng(20260);
    for (let i = 0; i < STRUCTURED_RUNS; i++) {
      const { text, mutations } = fuzzedAttempt(rand, lab);
      const outcome = grade(text, [lab]);
      const key = outcomeKey(outcome);
      stats.set(key, (stats.get(key) ?? 0) + 1);
      if (!outcome.ok && outcome.error.code === 'InternalError') internal.push(`[${mutations.join(', ')}] ${outcome.error.message}`);
      else assertOutcome(outcome);
    }
    console.log(`structured fuzz: ${STRUCTURED_RUNS} attempts: ${[...stats].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(', ')}`);
    expect(internal.slice(0, 5)).toEqual([]);
    // Re-chained, so the mutations reach replay and the checks rather than stopping at the chain.
    const replayed = [...stats].filter(([k]) => k.startsWith('ReplayRefused') || k.startsWith('graded')).reduce((n, [, c]) => n + c, 0);
    expect(replayed).toBeGreaterThan(STRUCTURED_RUNS / 3);
    expect(Object.keys(LOG_MUTATIONS).length).toBeGreaterThanOrEqual(10);
  });
});
