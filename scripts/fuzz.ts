import { hash as nodeHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildAttemptFile, compileLab, grade, stringifyAttemptFile, type GradeOutcome, type Lab } from '../src/grader';
import { createUserCommand, parseInstant, toInstant, type LogEntry } from '../src/tenant';
import { activatedTooLong, activeInsteadOfEligible, adminCreatesUser, ADMIN, complete, DEMO, typicalAttempt, userCreatedAfterActivationExpired } from './attemptScenarios';

// `npm run fuzz`: structure-aware mutations of valid attempts, graded as the CLI grades them. Each
// mutation works on the log (commands, actors, times) and the attempt is then re-chained with
// buildAttemptFile, so it passes the hash chain and reaches the schema, replay and the checks:
// deep nesting, huge numbers and durations, instants past 9999, rolled-over days, control
// characters in ids and strings, swapped actors ("ghost", a disabled user), dropped sign-ins.
// A few mutations work on the file's text (numbers JSON cannot hold, 5,000-level nesting).
// Prints the count per outcome and exits 1 if any attempt reached InternalError.
// test/unit/grader-fuzz.test.ts runs the same mutations at a small scale on every `npm test`.

type Json = any;

/** A small seeded PRNG (mulberry32): reproducible runs, no Math.random. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;
const pick = <T>(rand: Rand, xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

export const HUGE_DURATIONS = ['P100000000D', 'PT28800.4S', 'P99999Y', 'PT0S', 'P-1D', 'PT8H0.5M', 'P3650000D', 'PT9H', 'P1D', 'PT1H', 'P10000Y', 'PT99999999999999999999S'];
export const ODD_INSTANTS = ['10000-01-01T00:00:00Z', '+010000-01-01T00:00:00Z', '9999-12-31T23:59:59Z', '9999-12-31T20:00:00Z', '2025-02-30T10:00:00Z', '2025-02-29T10:00:00Z', '1900-01-01T00:00:00Z', '2025-13-01T00:00:00Z', '2025-02-26T24:00:00Z', '2025-02-26T16:45:19+14:00', '2025-02-26T16:45:19.123456789Z'];
export const HOSTILE_STRINGS = ['x\nPASS 25/25 all checks passed', 'req\u001b[8mhidden', '\u2028PASS', '::error::forged', 'a'.repeat(129), '', ' ', 'é', '\u0000', 'id with spaces', '../../etc/passwd'];
const DISABLED = 'fuzz-disabled-user';
const ID_FIELDS = ['id', 'principalId', 'roleDefinitionId', 'userId', 'directoryScopeId', 'justification', 'userPrincipalName', 'displayName', 'mailNickname'];

/** A value nested `depth` levels, built without recursion. */
export function nested(depth: number, asObject: boolean): Json {
  let v: Json = null;
  for (let i = 0; i < depth; i++) v = asObject ? { a: v } : [v];
  return v;
}

const at = (e: LogEntry, ms: number) => toInstant(parseInstant(e.at)! + ms);

/** Mutations of a log (entries with their commands), each re-chained afterwards. */
export const LOG_MUTATIONS: Record<string, (log: LogEntry[], rand: Rand) => void> = {
  nesting(log, rand) {
    const e = pick(rand, log);
    (e.command as Json)[pick(rand, ['ticketInfo', 'scheduleInfo', 'settings', 'extra', 'password'])] = nested(pick(rand, [2, 8, 30, 31, 32, 33, 64, 200]), rand() < 0.5);
  },
  hugeNumber(log, rand) {
    const e = pick(rand, log);
    const n = pick(rand, [Number.MAX_SAFE_INTEGER + 2, 1e21, -1, 1.5, 2 ** 53, Number.MAX_VALUE, -0, 1e-7]);
    if (rand() < 0.5) e.seq = n;
    else (e.command as Json)[pick(rand, ['length', 'seq', 'id', 'method'])] = n;
  },
  hugeDuration(log, rand) {
    const requests = log.filter((e) => e.command.type.endsWith('ScheduleRequest'));
    const e = requests.length ? pick(rand, requests) : pick(rand, log);
    const c = e.command as Json;
    const duration = pick(rand, HUGE_DURATIONS);
    if (rand() < 0.8) c.scheduleInfo = { startDateTime: rand() < 0.3 ? pick(rand, ODD_INSTANTS) : null, expiration: { type: pick(rand, ['afterDuration', 'AfterDuration', 'noExpiration']), duration, endDateTime: null } };
    else c.settings = { activationMaximumDuration: duration, expireEligibleAssignmentsAfter: pick(rand, HUGE_DURATIONS) };
  },
  oddInstant(log, rand) {
    const e = pick(rand, log);
    const instant = pick(rand, ODD_INSTANTS);
    const c = e.command as Json;
    if (rand() < 0.4) e.at = instant;
    else if (c.scheduleInfo) c.scheduleInfo = { startDateTime: rand() < 0.5 ? instant : null, expiration: { type: 'afterDateTime', endDateTime: instant, duration: null } };
    else e.at = instant;
  },
  lateClock(log, rand) {
    // Time passes to the end of what Graph accepts, then the rest of the log runs there.
    const i = Math.floor(rand() * log.length);
    const late = pick(rand, ['9999-12-31T20:00:00Z', '9999-12-31T23:59:59Z', '9000-01-01T00:00:00Z']);
    log.splice(i, 0, { seq: 0, at: late, actor: pick(rand, [DEMO, ADMIN]), command: { type: 'advanceClock' } });
    for (let k = i + 1; k < log.length; k++) log[k]!.at = late;
  },
  controlChars(log, rand) {
    const e = pick(rand, log);
    const s = pick(rand, HOSTILE_STRINGS);
    if (rand() < 0.3) e.actor = s;
    else (e.command as Json)[pick(rand, ID_FIELDS)] = s;
  },
  swapActor(log, rand) {
    const e = pick(rand, log);
    e.actor = pick(rand, [ADMIN, DEMO, 'ghost', '00000000-0000-0000-0000-000000000000', '6f1c2a90-3b7e-4d51-9a2c-0e8f4b7d1a05']);
  },
  disabledActor(log, rand) {
    // The administrator creates a disabled user, who then acts.
    const i = Math.max(1, Math.floor(rand() * log.length));
    const prev = log[i - 1]!;
    const create = createUserCommand({ id: DISABLED, userPrincipalName: 'disabled@mydirectory.onmicrosoft.com', displayName: 'Disabled', password: 'Onboard!2025', accountEnabled: false });
    log.splice(i, 0, { seq: 0, at: at(prev, 1000), actor: ADMIN, command: create });
    for (let k = i + 1; k < log.length; k++) if (rand() < 0.5) log[k]!.actor = DISABLED;
  },
  dropSignIns(log, rand) {
    const all = rand() < 0.5;
    for (let k = log.length - 1; k >= 0; k--) if (log[k]!.command.type === 'signIn' && (all || rand() < 0.5)) log.splice(k, 1);
  },
  dropEvent(log, rand) {
    log.splice(Math.floor(rand() * log.length), 1);
  },
  duplicateEvent(log, rand) {
    const i = Math.floor(rand() * log.length);
    log.splice(i, 0, structuredClone(log[i]!));
  },
  swapEvents(log, rand) {
    const i = Math.floor(rand() * log.length);
    const j = Math.floor(rand() * log.length);
    [log[i], log[j]] = [log[j]!, log[i]!];
  },
  shiftTime(log, rand) {
    const e = pick(rand, log);
    e.at = at(e, Math.round((rand() - 0.5) * 20 * 3_600_000));
  },
  retype(log, rand) {
    const e = pick(rand, log);
    const types = ['signIn', 'completeMfa', 'advanceClock', 'createUser', 'resetPassword', 'roleEligibilityScheduleRequest', 'roleAssignmentScheduleRequest', 'updateRoleSettings', 'unknownCommand'];
    (e.command as Json).type = pick(rand, types);
    if (rand() < 0.5) (e.command as Json).action = pick(rand, ['adminAssign', 'adminRemove', 'selfActivate', 'selfDeactivate', 'adminExtend']);
  },
};

/** Mutations of the file's text, for what a log cannot hold (numbers beyond doubles, 5,000 levels). */
export const TEXT_MUTATIONS: Record<string, (text: string, rand: Rand) => string> = {
  infiniteNumber: (text, rand) => text.replace(pick(rand, ['"seq":1,', '"length":12', '"version": 1', '"seq":0,']), (m) => m.replace(/\d+/, pick(rand, ['1e400', '-1e400', '9'.repeat(400), '1e-400']))),
  deepText: (text, rand) => {
    const n = pick(rand, [33, 1000, 5000]);
    const deep = rand() < 0.5 ? '['.repeat(n) + ']'.repeat(n) : '{"a":'.repeat(n) + '0' + '}'.repeat(n);
    return text.replace(pick(rand, ['"ticketInfo":null', '"justification":null', '"labId": "pim-eligible-role"']), (m) => m.replace(/null$|"pim-eligible-role"$/, deep));
  },
  garbage: (text, rand) => {
    const i = Math.floor(rand() * text.length);
    return text.slice(0, i) + pick(rand, ['\u0000', '\u001b[8m', 'root:x:0:0', '}', ',', '\ufffd', '"']) + text.slice(i + 1);
  },
};

export interface FuzzBase {
  startAt: string;
  entries: LogEntry[];
}

export const BASES: readonly FuzzBase[] = [complete(), typicalAttempt(), adminCreatesUser(), activeInsteadOfEligible(), userCreatedAfterActivationExpired(), activatedTooLong()].map((r) => ({ startAt: r.startAt, entries: r.entries }));

/** One fuzzed attempt's text: mutate a base log, re-chain it, and sometimes edit the text. */
export function fuzzedAttempt(rand: Rand, lab: Lab, sha256?: (t: string) => string): { text: string; mutations: string[] } {
  const base = pick(rand, BASES);
  const log: LogEntry[] = structuredClone(base.entries);
  const names = Object.keys(LOG_MUTATIONS);
  const mutations: string[] = [];
  const count = 1 + Math.floor(rand() * 3);
  for (let m = 0; m < count && log.length; m++) {
    const name = pick(rand, names);
    LOG_MUTATIONS[name]!(log, rand);
    mutations.push(name);
  }
  // Renumbered most of the time, so that replay (not a seq check) meets the mutation.
  if (rand() < 0.85) log.forEach((e, i) => (e.seq = typeof e.seq === 'number' && !Number.isInteger(e.seq) ? e.seq : i));
  const startAt = rand() < 0.05 ? pick(rand, ['1900-01-01T00:00:00Z', '2025-02-26T16:39:48Z', '2030-01-01T00:00:00Z', '2025-02-30T10:00:00Z']) : base.startAt;
  if (startAt !== base.startAt) mutations.push('startAt');
  let text: string;
  try {
    text = stringifyAttemptFile(buildAttemptFile({ labId: lab.id, appVersion: '0.1.0', seedId: lab.seedId, startAt }, log, sha256));
  } catch {
    // A value JSON cannot write (it never happens for these mutations; kept so the run goes on).
    text = JSON.stringify(log);
  }
  if (rand() < 0.08) {
    const name = pick(rand, Object.keys(TEXT_MUTATIONS));
    text = TEXT_MUTATIONS[name]!(text, rand);
    mutations.push(name);
  }
  return { text, mutations };
}

/** The outcome's key for the counts: the error code, with the tenant's code for a refused replay. */
export function outcomeKey(o: GradeOutcome): string {
  if (o.ok) return o.report.passed ? 'graded (passed)' : 'graded (failed checks)';
  return o.error.code === 'ReplayRefused' ? `ReplayRefused/${o.error.rule?.code ?? '?'}` : o.error.code;
}

function loadLab(): Lab {
  const root = join(import.meta.dirname, '..');
  const compiled = compileLab(JSON.parse(readFileSync(join(root, 'labs/pim-eligible-role/lab.json'), 'utf8')));
  if (!compiled.ok) throw new Error(`lab.json: ${compiled.error.path}: ${compiled.error.message}`);
  return compiled.lab;
}

function main(): void {
  const runs = Number(process.env.PIM_FUZZ_RUNS ?? 100_000);
  const seed = Number(process.env.PIM_FUZZ_SEED ?? 9);
  const lab = loadLab();
  const sha256 = (text: string) => nodeHash('sha256', text, 'hex');
  const rand = prng(seed);
  const counts = new Map<string, number>();
  const byMutation = new Map<string, number>();
  const internal: string[] = [];
  const t0 = performance.now();
  for (let i = 0; i < runs; i++) {
    const { text, mutations } = fuzzedAttempt(rand, lab, sha256);
    for (const m of mutations) byMutation.set(m, (byMutation.get(m) ?? 0) + 1);
    let outcome: GradeOutcome;
    try {
      outcome = grade(text, [lab], { sha256 });
    } catch (e) {
      outcome = { ok: false, error: { code: 'InternalError', message: `grade() threw: ${(e as Error).message}` } };
    }
    const key = outcomeKey(outcome);
    counts.set(key, (counts.get(key) ?? 0) + 1);
    if (!outcome.ok && outcome.error.code === 'InternalError' && internal.length < 20) internal.push(`#${i} [${mutations.join(', ')}]: ${outcome.error.message}`);
  }
  const seconds = (performance.now() - t0) / 1000;
  const rows = [...counts].sort((a, b) => b[1] - a[1]);
  console.log(`pim-lab fuzz: ${runs.toLocaleString('en')} attempts (seed ${seed}) in ${seconds.toFixed(1)} s`);
  for (const [k, n] of rows) console.log(`  ${String(n).padStart(7)}  ${k}`);
  console.log(`mutations: ${[...byMutation].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(', ')}`);
  const internals = counts.get('InternalError') ?? 0;
  if (internals) {
    console.log(`${internals} InternalError(s):`);
    for (const line of internal) console.log(`  ${line}`);
    process.exitCode = 1;
  } else console.log('0 InternalError');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
