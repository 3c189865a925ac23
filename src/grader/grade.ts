import type { CheckOutcome } from './primitives';
import { parseInstant, replay, tenantFromSeed, type LogEntry, tenantSeedSchema, toInstant, type TenantSeed, type TenantSeedInput, type TenantState } from '../tenant';
import { describeEvent, eventRef, parseAttemptFile, parseAttemptValue, payloadsJson, verifyChain, type ParsedAttempt } from './attemptFile';
import { nobleSha256Hex, type Sha256Hex } from './chain';
import { gradeError, internalError, type GradeError } from './errors';
import { ev, evidence, plainText, type EvidencePart } from './evidence';
import { eventsDigest, integrityFlags, type IntegrityFlag } from './integrity';
import { solutionEntries } from './solution';
import type { Lab } from './lab';

// grade(): an attempt file in, a report or a structured error out, never an exception. The steps,
// each stopping at the first problem: read the file (JSON, format, version, schema), find its lab
// and seed, verify the hash chain, replay every event through the tenant core's rules, then run the
// lab's checks on the replayed tenant. The browser's "Check my work" and the CLI call this same
// function.

export type LabCatalog = ReadonlyMap<string, Lab> | readonly Lab[];

export interface GradeOptions {
  /** Grade against this lab only: an attempt for another lab is refused (LabMismatch). */
  labId?: string;
  /** The SHA-256 used for the chain; default @noble/hashes. The CLI passes Node's native one. */
  sha256?: Sha256Hex;
}

export interface CheckResult {
  id: string;
  title: string;
  status: 'passed' | 'failed';
  score: number;
  maxScore: number;
  /** For the learner: the evidence when passed; what is missing and which step fixes it when failed. */
  message: string;
  /** The lesson steps (file names without .mdx) that fix the check. */
  steps: string[];
  /** For the instructor: what the check verifies. */
  detail: string;
  /** What the grader found in this attempt. */
  evidence: string;
  /** `message` as typed parts (text, instant, duration), for a reader that words times its own way. */
  messageParts: EvidencePart[];
  /** `evidence` as typed parts. */
  evidenceParts: EvidencePart[];
}

export interface GradeReport {
  lab: { id: string; title: string };
  attempt: { labId: string; seedId: string; startAt: string; appVersion: string; /** The learner's name or student ID, as the file gives it (null when it gives none). */ learner: string | null; events: number; endAt: string; /** SHA-256 of the event list (actor, type, payload, time since startAt): equal for identical work. */ eventsDigest: string };
  score: number;
  maxScore: number;
  /** Every check passed. */
  passed: boolean;
  checks: CheckResult[];
  /** Signals that the attempt may not come from the site; they never change the score. */
  flags: IntegrityFlag[];
}

export type GradeOutcome =
  | { ok: true; report: GradeReport }
  /**
   * `flags`: for an attempt replay refused, the integrity flags of its log (read before replay).
   * `learner`: the file's learner, when the file could be read and names one (a report shows who
   * handed in a file that cannot be graded, even one whose edited name broke its chain).
   */
  | { ok: false; error: GradeError; flags?: IntegrityFlag[]; learner?: string };

function findLab(labs: LabCatalog, id: string): Lab | undefined {
  if (Array.isArray(labs)) return (labs as readonly Lab[]).find((l) => l.id === id);
  return (labs as ReadonlyMap<string, Lab>).get(id);
}

function labIds(labs: LabCatalog): string[] {
  return Array.isArray(labs) ? (labs as readonly Lab[]).map((l) => l.id) : [...(labs as ReadonlyMap<string, Lab>).keys()];
}

// Starting a tenant builds the seed's users, policies and schedules, a few % of grading an attempt.
// "Check my work" grades the same attempt (same start time) again and again, and replay never
// changes the state it starts from, so recent starting tenants are reused.
const TENANT_CACHE_SIZE = 32;
const tenants = new Map<string, { seed: TenantSeedInput; state: TenantState }>();

function startingTenant(seed: TenantSeedInput, startAt: string): TenantState {
  const key = `${seed.id}\u0000${startAt}`;
  const cached = tenants.get(key);
  // The seed object is part of the identity: a recompiled lab (an edited lab.json) misses.
  if (cached && cached.seed === seed) return cached.state;
  const state = tenantFromSeed(parsedSeed(seed), startAt);
  if (tenants.size >= TENANT_CACHE_SIZE) tenants.delete(tenants.keys().next().value!);
  tenants.set(key, { seed, state });
  return state;
}

// A class's attempts start at different times, so they miss the cache above; the seed they start
// from is the same, and parsing it was half of starting a tenant. Keyed by the seed object, as above.
const parsedSeeds = new WeakMap<TenantSeedInput, TenantSeed>();

function parsedSeed(seed: TenantSeedInput): TenantSeed {
  let parsed = parsedSeeds.get(seed);
  if (!parsed) parsedSeeds.set(seed, (parsed = tenantSeedSchema.parse(seed)));
  return parsed;
}

/**
 * Grades an attempt against its lab. `input` is the attempt file's text, or its parsed JSON value
 * (e.g. what buildAttemptFile returns). `labs` is every lab the grader knows, or just one.
 */
export function grade(input: unknown, labs: LabCatalog | Lab, options: GradeOptions = {}): GradeOutcome {
  try {
    return gradeOrThrow(input, 'checks' in labs ? [labs as Lab] : (labs as LabCatalog), options);
  } catch (e) {
    return { ok: false, error: internalError('grading', e) };
  }
}

function gradeOrThrow(input: unknown, labs: LabCatalog, options: GradeOptions): GradeOutcome {
  const sha256 = options.sha256 ?? nobleSha256Hex;
  const parsed = typeof input === 'string' ? parseAttemptFile(input) : parseAttemptValue(input);
  if (!parsed.ok) return parsed;
  const outcome = gradeParsed(parsed.attempt, labs, options, sha256);
  const { learner } = parsed.attempt.file;
  return outcome.ok || learner === undefined ? outcome : { ...outcome, learner };
}

function gradeParsed(parsed: ParsedAttempt, labs: LabCatalog, options: GradeOptions, sha256: Sha256Hex): GradeOutcome {
  const { file } = parsed;

  if (options.labId !== undefined && file.labId !== options.labId)
    return { ok: false, error: gradeError('LabMismatch', `The attempt is for lab '${file.labId}', not '${options.labId}'.`, { path: '$.labId' }) };
  const lab = findLab(labs, file.labId);
  if (!lab) return { ok: false, error: gradeError('UnknownLab', `$.labId: there is no lab '${file.labId}' (known: ${labIds(labs).join(', ') || 'none'}).`, { path: '$.labId' }) };
  if (file.seedId !== lab.seedId)
    return {
      ok: false,
      error: gradeError('SeedMismatch', `$.seedId: the attempt starts from tenant seed '${file.seedId}', but lab '${lab.id}' starts from '${lab.seedId}'.`, { path: '$.seedId' }),
    };

  // Each payload's canonical JSON, hashed by the chain and again by the events digest.
  const payloadJsons = payloadsJson(file);
  const broken = verifyChain(file, sha256, payloadJsons);
  if (broken) return { ok: false, error: broken };

  // After the chain, so that a hand-edited start time reads as an edit. The portal starts an
  // attempt at the lab's startAt or later; an earlier one would let a log predate the lab itself.
  const startMs = parseInstant(file.startAt);
  const labStartMs = parseInstant(lab.startAt);
  if (startMs !== null && labStartMs !== null && startMs < labStartMs)
    return {
      ok: false,
      error: gradeError('InvalidAttemptFile', `$.startAt: the attempt starts at ${file.startAt}, before lab '${lab.id}' starts (${lab.startAt}).`, { path: '$.startAt' }),
    };

  return replayAndCheck(parsed, lab, sha256, payloadJsons);
}

// A lab's solution path as log entries, for the solutionPath flag: played (not graded) once per
// compiled lab by solution.ts; a lab without a playable solution raises no solutionPath flag.
function solutionOf(lab: Lab): readonly LogEntry[] | null {
  try {
    const played = solutionEntries(lab);
    return played.ok ? played.entries : null;
  } catch {
    return null;
  }
}

function replayAndCheck(attempt: ParsedAttempt, lab: Lab, sha256: Sha256Hex, payloadJsons: readonly string[]): GradeOutcome {
  const { file, entries } = attempt;
  // From the log alone, before replay, so that an attempt the rules refuse is flagged too.
  const flags = integrityFlags(entries, solutionOf(lab));
  let state: TenantState;
  try {
    const result = replay(startingTenant(lab.seed, file.startAt), entries);
    if (!result.ok) {
      const e = result.error;
      const actor = result.state.users.get(result.entry.actor)?.userPrincipalName ?? result.entry.actor;
      const rules = e.failedRules?.length ? ` [${e.failedRules.join(', ')}]` : '';
      const retry = e.retryAt ? ` It can succeed from ${e.retryAt}.` : '';
      return {
        ok: false,
        error: gradeError('ReplayRefused', `The tenant's rules refuse ${describeEvent(file, result.failedAt)} by ${actor}: ${e.code}${rules}: ${e.message}${retry}`, {
          event: eventRef(file, result.failedAt),
          rule: { code: e.code, message: e.message, ...(e.failedRules ? { failedRules: e.failedRules } : {}), ...(e.retryAt ? { retryAt: e.retryAt } : {}) },
        }),
        flags,
      };
    }
    state = result.state;
  } catch (e) {
    return { ok: false, error: internalError('replaying the attempt', e) };
  }

  const outcomes = new Map<string, CheckOutcome>();
  for (const check of lab.checks) {
    try {
      outcomes.set(check.id, check.primitive.evaluate({ state, entries }, check.params));
    } catch (e) {
      return { ok: false, error: internalError(`running check '${check.id}' of lab '${lab.id}'`, e) };
    }
  }
  // A check passes only when its own predicate and every check it requires pass (compileLab refused
  // cycles), so that e.g. "no standing role" earns nothing on a tenant nobody touched.
  const byId = new Map(lab.checks.map((c) => [c.id, c]));
  const holds = new Map<string, boolean>();
  const passes = (id: string): boolean => {
    let h = holds.get(id);
    if (h === undefined) holds.set(id, (h = outcomes.get(id)!.passed && byId.get(id)!.requires.every(passes)));
    return h;
  };
  const checks: CheckResult[] = [];
  for (const check of lab.checks) {
    const outcome = outcomes.get(check.id)!;
    const missing = check.requires.filter((r) => !passes(r));
    const passed = outcome.passed && missing.length === 0;
    const notChecked = ev`Not checked: it needs ${missing.join(' and ')}, which failed.`;
    // A check that fails on its own says so; one that holds but builds on a failed check says what it needs.
    const messageParts = passed ? outcome.parts : outcome.passed ? notChecked : evidence(check.message);
    const evidenceParts = outcome.passed && !passed ? ev`${notChecked} On its own: ${outcome.parts}` : outcome.parts;
    checks.push({
      id: check.id,
      title: check.title,
      status: passed ? 'passed' : 'failed',
      score: passed ? check.points : 0,
      maxScore: check.points,
      message: plainText(messageParts),
      steps: check.steps,
      detail: check.detail,
      evidence: plainText(evidenceParts),
      messageParts,
      evidenceParts,
    });
  }
  const score = checks.reduce((n, c) => n + c.score, 0);
  return {
    ok: true,
    report: {
      lab: { id: lab.id, title: lab.title },
      attempt: {
        labId: file.labId,
        seedId: file.seedId,
        startAt: file.startAt,
        appVersion: file.appVersion,
        learner: file.learner ?? null,
        events: file.events.length,
        endAt: toInstant(state.nowMs),
        eventsDigest: eventsDigest(file, sha256, payloadJsons),
      },
      score,
      maxScore: lab.maxScore,
      passed: checks.every((c) => c.status === 'passed'),
      checks,
      flags,
    },
  };
}
