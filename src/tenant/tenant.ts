import { roleDefinitions, findRole } from './catalog/roles';
import { decide, tickEvents, validateRoleSettings } from './decide';
import type { TenantError } from './errors';
import { cloneState, evolve, type TenantEvent } from './events';
import type { TenantState, User } from './model';
import { applyRoleSettings, defaultPolicy } from './policy';
import type { LogEntry } from './schemas/logEntry';
import { tenantSeedSchema, type TenantSeed, type TenantSeedInput } from './schemas/seed';
import { parseDuration, parseInstant, toInstant } from './time';

// The tenant's public face: build the starting tenant from a seed, execute one command, replay a
// log. Everything is a pure function of its inputs.

const ROLE_CATALOG: ReadonlyMap<string, (typeof roleDefinitions)[number]> = new Map(roleDefinitions.map((r) => [r.id, r]));

export class SeedError extends Error {}

/** The tenant as the seed describes it at `startAt` (the attempt's start time). */
export function createTenant(seedInput: TenantSeedInput, startAt: string): TenantState {
  return tenantFromSeed(tenantSeedSchema.parse(seedInput), startAt);
}

/**
 * createTenant for a seed already parsed with tenantSeedSchema: the grader parses a lab's seed once
 * and starts a tenant from it for every attempt (each starts at its own time).
 */
export function tenantFromSeed(seed: TenantSeed, startAt: string): TenantState {
  const startMs = parseInstant(startAt);
  if (startMs === null) throw new SeedError(`Start time '${startAt}' is not an ISO 8601 date and time.`);
  const state: TenantState = {
    organization: {
      id: seed.tenantId,
      displayName: seed.displayName,
      verifiedDomains: seed.domains.map((name, i) => ({ name, isDefault: i === 0 })),
      seedId: seed.id,
    },
    nowMs: startMs,
    version: 0,
    users: new Map(),
    roleDefinitions: ROLE_CATALOG,
    policies: new Map(),
    requests: new Map(),
    schedules: new Map(),
    scheduleIdsByPrincipal: new Map(),
    liveSchedules: new Map(),
    liveIdsByRole: new Map(),
    userIdsByPrincipalName: new Map(),
    dueMsById: new Map(),
    dueTimes: [],
    sessions: new Map(),
    audits: [],
  };
  const at = toInstant(startMs);
  for (const u of seed.users) {
    const user: User = {
      id: u.id,
      userPrincipalName: u.userPrincipalName,
      displayName: u.displayName,
      mailNickname: u.mailNickname ?? u.userPrincipalName.split('@')[0]!,
      accountEnabled: u.accountEnabled,
      createdDateTime: at,
      userType: 'Member',
      passwordProfile: { forceChangePasswordNextSignIn: false, password: null, lastChangedDateTime: null },
    };
    evolve(state, { type: 'userCreated', user });
  }
  for (const [name, settings] of Object.entries(seed.roleSettings)) {
    const role = findRole(name);
    if (!role) throw new SeedError(`Seed '${seed.id}': role settings name an unknown role '${name}'.`);
    const invalid = validateRoleSettings(state, settings);
    if (invalid) throw new SeedError(`Seed '${seed.id}': role settings of ${role.displayName}: ${invalid.message}`);
    const base = defaultPolicy(seed.tenantId, role.id);
    evolve(state, { type: 'policyUpdated', policy: { ...base, rules: applyRoleSettings(base, settings) } });
  }
  seed.roleAssignments.forEach((a, i) => {
    const role = findRole(a.role);
    if (!role) throw new SeedError(`Seed '${seed.id}': role assignment ${i + 1} names an unknown role '${a.role}'.`);
    if (!state.users.has(a.principalId)) throw new SeedError(`Seed '${seed.id}': role assignment ${i + 1} names an unknown user '${a.principalId}'.`);
    const endMs = a.duration ? startMs + parseDuration(a.duration)! : null;
    const fields = {
      id: `seed-${i + 1}`,
      principalId: a.principalId,
      roleDefinitionId: role.id,
      directoryScopeId: a.directoryScopeId,
      appScopeId: null,
      memberType: 'Direct' as const,
      scheduleInfo: {
        startDateTime: at,
        expiration: endMs === null ? { type: 'noExpiration' as const, endDateTime: null, duration: null } : { type: 'afterDateTime' as const, endDateTime: toInstant(endMs), duration: null },
      },
      createdUsing: `seed-${i + 1}`,
      createdDateTime: at,
      modifiedDateTime: at,
      startMs,
      endMs,
      endedMs: null,
      endReason: null,
    };
    evolve(
      state,
      a.assignmentType === 'eligible'
        ? { type: 'eligibilityScheduleCreated', nowMs: startMs, schedule: { ...fields, kind: 'eligibility' } }
        : { type: 'assignmentScheduleCreated', nowMs: startMs, schedule: { ...fields, kind: 'assignment', assignmentType: 'Assigned', activatedUsing: null } },
    );
  });
  return state;
}

export type ExecuteResult =
  | { ok: true; state: TenantState; events: TenantEvent[] }
  | { ok: false; error: TenantError };

/** The entry's time in ms, or why it cannot be used. */
function entryTime(entry: LogEntry, state: TenantState): number | TenantError {
  const atMs = parseInstant(entry.at);
  if (atMs === null) return { code: 'Request_BadRequest', message: `'${entry.at}' is not an ISO 8601 date and time.`, target: 'at' };
  if (atMs < state.nowMs)
    return { code: 'ClockMovedBackwards', message: `The command's time ${entry.at} is before the tenant's clock ${toInstant(state.nowMs)}: time cannot run backwards.`, target: 'at' };
  return atMs;
}

/**
 * Runs one command at its time. On success returns the new state (the given one is untouched) and
 * the events: first those that time alone caused (expiries), then the command's own.
 */
export function execute(state: TenantState, entry: LogEntry): ExecuteResult {
  const atMs = entryTime(entry, state);
  if (typeof atMs !== 'number') return { ok: false, error: atMs };
  const next = cloneState(state);
  const result = applyEntry(next, entry, atMs);
  return result.ok ? { ok: true, state: next, events: [...result.ticks, ...result.events] } : result;
}

/**
 * Ticks, decides and folds one entry into `state` in place; on failure `state` may be ticked. The
 * expiries and the command's own events are returned apart: replay uses neither list.
 */
function applyEntry(state: TenantState, entry: LogEntry, atMs: number): { ok: true; ticks: TenantEvent[]; events: TenantEvent[] } | { ok: false; error: TenantError } {
  const ticks = tickEvents(state, atMs);
  for (const e of ticks) evolve(state, e);
  const decision = decide(state, entry, atMs);
  if (!decision.ok) return decision;
  for (const e of decision.value) evolve(state, e);
  state.version += 1;
  return { ok: true, ticks, events: decision.value };
}

export type ReplayResult =
  | { ok: true; state: TenantState }
  | { ok: false; state: TenantState; failedAt: number; entry: LogEntry; error: TenantError };

/**
 * Rebuilds the tenant by re-running every logged command through the rules. Stops at the first
 * entry the rules refuse (a forged or corrupted log), reporting it with the state as of its time.
 */
export function replay(initial: TenantState, entries: Iterable<LogEntry>): ReplayResult {
  const state = cloneState(initial);
  let index = 0;
  for (const entry of entries) {
    if (entry.seq !== state.version)
      return { ok: false, state, failedAt: index, entry, error: { code: 'Request_BadRequest', message: `Log entry ${index} has sequence number ${entry.seq}; expected ${state.version}.`, target: 'seq' } };
    const atMs = entryTime(entry, state);
    if (typeof atMs !== 'number') return { ok: false, state, failedAt: index, entry, error: atMs };
    // Folding in place is what keeps a 10,000-entry replay fast. A refused entry has changed
    // nothing but the clock-driven expiries up to its time, so the reported state is still valid.
    const result = applyEntry(state, entry, atMs);
    if (!result.ok) return { ok: false, state, failedAt: index, entry, error: result.error };
    index += 1;
  }
  return { ok: true, state };
}

/** The tenant as seen at `t` ≥ its clock: expiries that time alone causes are applied, nothing is logged. */
export function observeAt(state: TenantState, t: number): TenantState {
  if (t <= state.nowMs) return state;
  const ticks = tickEvents(state, t);
  if (!ticks.length) return state;
  const next = cloneState(state);
  for (const e of ticks) evolve(next, e);
  return next;
}
