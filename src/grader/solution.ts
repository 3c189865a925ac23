import { commandSchema, createTenant, execute, findRole, parseDuration, parseInstant, toInstant, type LogEntry, type TenantState } from '../tenant';
import { buildAttemptFile } from './attemptFile';
import { grade, type GradeReport } from './grade';
import { describeIssue, jsonPath, type IssueLike } from './issues';
import type { Lab, LabError } from './lab';

// A lab's solution path (lab.json "solution"), played as a learner would: each command sent by its
// actor at the previous command's time plus `after`, through the core's rules, written into an
// attempt file and graded by the same grade() as a learner's. A lab whose solution does not reach
// its full score cannot be right, so the kit refuses it.

export type SolutionResult =
  | { ok: true; entries: LogEntry[]; report: GradeReport }
  /** The solution could not be played or graded: the command at `path`, and why. */
  | { ok: false; error: LabError };

/** A user by object id, sign-in name or mail nickname, in the tenant as it is at that point. */
function userId(state: TenantState, ref: string): string | undefined {
  if (state.users.has(ref)) return ref;
  const r = ref.trim().toLowerCase();
  const byName = state.userIdsByPrincipalName.get(r);
  if (byName !== undefined) return byName;
  for (const u of state.users.values()) if (u.mailNickname.toLowerCase() === r) return u.id;
  return undefined;
}

/** Principals by name and roles by display name are the author's shorthand; the core takes ids. */
function resolveIds(state: TenantState, command: Record<string, unknown>): Record<string, unknown> {
  const out = { ...command };
  if (typeof out.principalId === 'string') out.principalId = userId(state, out.principalId) ?? out.principalId;
  if (typeof out.userId === 'string') out.userId = userId(state, out.userId) ?? out.userId;
  if (typeof out.roleDefinitionId === 'string') {
    const role = findRole(out.roleDefinitionId);
    if (role) out.roleDefinitionId = role.id;
  }
  return out;
}

export type SolutionEntries = { ok: true; entries: LogEntry[] } | { ok: false; error: LabError };

// The integrity flags compare every graded attempt with its lab's solution path; playing it once per lab is enough.
const played = new WeakMap<Lab, SolutionEntries>();

/** The solution's log entries, played through the core's rules (not graded); cached per compiled lab. */
export function solutionEntries(lab: Lab): SolutionEntries {
  let result = played.get(lab);
  if (!result) played.set(lab, (result = playCommands(lab)));
  return result;
}

function playCommands(lab: Lab): SolutionEntries {
  const fail = (path: readonly PropertyKey[], message: string): SolutionEntries => ({ ok: false, error: { path: jsonPath(path), message } });
  let state = createTenant(lab.seed, lab.startAt);
  let nowMs = parseInstant(lab.startAt)!;
  const entries: LogEntry[] = [];
  const steps = lab.manifest.solution;
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i]!;
    nowMs += parseDuration(step.after)!;
    const actorId = userId(state, step.actor);
    if (actorId === undefined) return fail(['solution', i, 'actor'], `'${step.actor}' is not a user of the tenant at this point of the solution (name one by sign-in name, mail nickname or id)`);
    const raw = resolveIds(state, step.command);
    const parsed = commandSchema.safeParse(raw);
    if (!parsed.success) {
      const d = describeIssue(parsed.error.issues[0] as unknown as IssueLike, raw, ['solution', i, 'command']);
      return { ok: false, error: { path: d.path, message: d.message } };
    }
    const entry: LogEntry = { seq: i, at: toInstant(nowMs), actor: actorId, command: parsed.data };
    const result = execute(state, entry);
    if (!result.ok) {
      const e = result.error;
      const rules = e.failedRules?.length ? ` [${e.failedRules.join(', ')}]` : '';
      return fail(['solution', i, 'command'], `the tenant refuses this ${parsed.data.type} by ${step.actor} at ${entry.at}: ${e.code}${rules}: ${e.message}`);
    }
    state = result.state;
    entries.push(entry);
  }
  return { ok: true, entries };
}

export function playSolution(lab: Lab, appVersion = 'solution'): SolutionResult {
  const fail = (path: readonly PropertyKey[], message: string): SolutionResult => ({ ok: false, error: { path: jsonPath(path), message } });
  const played = solutionEntries(lab);
  if (!played.ok) return played;
  const { entries } = played;
  const file = buildAttemptFile({ labId: lab.id, appVersion, seedId: lab.seedId, startAt: lab.startAt }, entries);
  const outcome = grade(file, lab, { labId: lab.id });
  if (!outcome.ok) return fail(['solution'], `the solution's attempt file cannot be graded: ${outcome.error.code}: ${outcome.error.message}`);
  const { report } = outcome;
  if (report.score < report.maxScore) {
    const failed = report.checks.filter((c) => c.status === 'failed').map((c) => `'${c.id}' fails (${c.evidence})`);
    return fail(['solution'], `the solution scores ${report.score} of ${report.maxScore}: ${failed.join('; ')}`);
  }
  return { ok: true, entries, report };
}
