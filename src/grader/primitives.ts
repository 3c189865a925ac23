import * as z from 'zod/mini';
import {
  durationSchema,
  effectiveEndMs,
  findRole,
  notEndedAt,
  inForceAt,
  parseDuration,
  parseInstant,
  schedulesOf,
  type LogEntry,
  type RoleAssignmentSchedule,
  type RoleEligibilitySchedule,
  type RoleSchedule,
  type TenantState,
  type User,
} from '../tenant';
import { duration, ev, evidence, instant, joinEvidence, plainText, type EvidencePart } from './evidence';

// The named check primitives a lab's checks are built from (labs/<id>/lab.json: "primitive" and
// "params"). Each has a params schema (friendly input: principals by sign-in name, roles by display
// name, durations in ISO 8601) and a predicate over the replayed tenant and its history (schedules,
// schedule requests, directory audits). A predicate returns whether it holds and the evidence: one
// or two sentences of fact about this attempt, for the instructor and the learner alike, built from
// typed parts (evidence.ts) so that each reader words its times and durations its own way.
//
// Adding a primitive: write it here with `primitive({...})` and list it in PRIMITIVES; labs can then
// name it without any other change. Build its evidence with ev`…`, instant() and duration(), never by
// formatting times into the text: Check my work shows them in the learner's time zone.

export interface CheckContext {
  /** The tenant after every event of the attempt; its clock is the time of the last event. */
  state: TenantState;
  /** The attempt's log, in order (every entry accepted by the rules). */
  entries: readonly LogEntry[];
}

export interface CheckOutcome {
  passed: boolean;
  /** The evidence as plain text: instants in UTC and durations in ISO 8601. */
  evidence: string;
  /** The same evidence as typed parts (text, instant, duration). */
  parts: EvidencePart[];
}

/** An outcome from its parts; the plain text is derived, so the two never disagree. */
export const outcome = (passed: boolean, parts: readonly EvidencePart[]): CheckOutcome => ({ passed, evidence: plainText(parts), parts: [...parts] });

export interface Primitive<Params = unknown> {
  name: string;
  /** One sentence for the lab author: what the primitive checks. */
  summary: string;
  params: z.ZodMiniType<Params, unknown>;
  evaluate(ctx: CheckContext, params: Params): CheckOutcome;
}

function primitive<S extends z.ZodMiniType>(p: {
  name: string;
  summary: string;
  params: S;
  evaluate: (ctx: CheckContext, params: z.output<S>) => CheckOutcome;
}): Primitive<z.output<S>> {
  return p as Primitive<z.output<S>>;
}

// ---------- parameters ----------

/** A user: sign-in name (demouser@mydirectory.onmicrosoft.com) or object id, resolved in the replayed tenant. */
const principal = z.string().check(z.minLength(1));

/** A role: display name ("User Administrator") or template id; normalised to the role definition id. */
const role = z.pipe(
  z.string().check(z.minLength(1)),
  z.transform((name: string, ctx) => {
    const found = findRole(name);
    if (found) return found.id;
    ctx.issues.push({ code: 'custom', message: `'${name}' is not a built-in Microsoft Entra role: use its display name (e.g. "User Administrator") or template id`, input: name });
    return z.NEVER;
  }),
);

/** directoryScopeId: "/" is the whole directory. */
const scope = z._default(z.string().check(z.minLength(1)), '/');

// ---------- reading the tenant ----------

function resolveUser(state: TenantState, ref: string): User | undefined {
  const byId = state.users.get(ref);
  if (byId) return byId;
  const id = state.userIdsByPrincipalName.get(ref.trim().toLowerCase());
  return id === undefined ? undefined : state.users.get(id);
}

const nameOf = (state: TenantState, userId: string) => state.users.get(userId)?.userPrincipalName ?? userId;
const roleNameOf = (state: TenantState, roleId: string) => state.roleDefinitions.get(roleId)?.displayName ?? roleId;

const noSuchUser = (ref: string): CheckOutcome => outcome(false, ev`There is no user '${ref}' in the tenant.`);

/** Where "at scope /" reads better than the raw id. */
const scopeWords = (s: string) => (s === '/' ? 'directory scope "/"' : `scope "${s}"`);

function spanOf(s: RoleSchedule): EvidencePart[] {
  const end = effectiveEndMs(s);
  return ev`${instant(s.startMs)} – ${Number.isFinite(end) ? instant(end) : 'permanent'}`;
}

/** Statuses of an activation that never made the role usable (or not yet, at the attempt's end). */
const NEVER_ACTIVE = new Set(['PendingApproval', 'Denied', 'Canceled', 'Failed', 'Granted']);

/** The time an activation made the role usable, [start, end), or null if it never did. */
function activeWindow(s: RoleAssignmentSchedule): { startMs: number; endMs: number } | null {
  if (NEVER_ACTIVE.has(s.status)) return null;
  const endMs = effectiveEndMs(s);
  return s.startMs < endMs ? { startMs: s.startMs, endMs } : null;
}

/** The duration the activation was granted for (an extension later does not count). */
function requestedMs(s: RoleAssignmentSchedule): number {
  const end = s.scheduleInfo.expiration.endDateTime;
  const endMs = end === null ? s.endMs : parseInstant(end);
  return endMs === null ? Infinity : endMs - s.startMs;
}

function activationsOf(state: TenantState, userId: string, roleId: string, scopeId: string): RoleAssignmentSchedule[] {
  return schedulesOf(state, userId).filter(
    (s): s is RoleAssignmentSchedule => s.kind === 'assignment' && s.assignmentType === 'Activated' && s.roleDefinitionId === roleId && s.directoryScopeId === scopeId,
  );
}

interface ActivationRules {
  maxDuration?: string | undefined;
  requireJustification?: boolean | undefined;
}

/** Why an activation does not meet the rules, or null when it does. */
function activationShortfall(state: TenantState, s: RoleAssignmentSchedule, rules: ActivationRules): EvidencePart[] | null {
  if (!activeWindow(s)) return ev`the activation requested at ${instant(s.createdDateTime)} never became active (${s.status})`;
  const problems: EvidencePart[][] = [];
  const ms = requestedMs(s);
  const maxMs = rules.maxDuration === undefined ? null : parseDuration(rules.maxDuration);
  if (maxMs !== null && ms > maxMs) problems.push(ev`lasted ${Number.isFinite(ms) ? duration(ms) : 'without end'}, over ${duration(rules.maxDuration!)}`);
  const reason = state.requests.get(s.createdUsing)?.justification?.trim() ?? '';
  if (rules.requireJustification && !reason) problems.push(ev`had no reason (justification)`);
  return problems.length ? ev`the activation at ${instant(s.startMs)} ${joinEvidence(problems, ' and ')}` : null;
}

function describeActivation(state: TenantState, s: RoleAssignmentSchedule): EvidencePart[] {
  const reason = state.requests.get(s.createdUsing)?.justification?.trim();
  return ev`at ${instant(s.startMs)} for ${duration(requestedMs(s))}${reason ? ` with the reason "${reason}"` : ' without a reason'} (request ${s.createdUsing})`;
}

// ---------- the primitives ----------

export const eligibleAssignment = primitive({
  name: 'eligibleAssignment',
  summary: 'The principal holds an eligible assignment of the role at the scope at the end of the attempt (optionally: made through a PIM request, not present in the starting tenant).',
  params: z.strictObject({
    principal,
    role,
    scope,
    /** Only an eligibility made by an adminAssign roleEligibilityScheduleRequest counts, not one from the lab's starting tenant. */
    createdThroughPim: z._default(z.boolean(), true),
    /** ISO 8601 duration, e.g. P7D: the eligibility must be time-bound, ending at most this long after it starts (not permanent). */
    maxDuration: z.optional(durationSchema),
    /** "end": eligible when the attempt ends (default); "any": an eligibility that existed at any time counts, even if it has since expired. */
    at: z._default(z.enum(['end', 'any']), 'end'),
  }),
  evaluate({ state }, p) {
    const user = resolveUser(state, p.principal);
    if (!user) return noSuchUser(p.principal);
    const who = user.userPrincipalName;
    const roleName = roleNameOf(state, p.role);
    const now = state.nowMs;
    const mine = schedulesOf(state, user.id).filter((s) => s.roleDefinitionId === p.role && s.directoryScopeId === p.scope);
    const counts = (s: RoleSchedule): s is RoleEligibilitySchedule =>
      s.kind === 'eligibility' && (p.at === 'any' ? s.startMs <= now && effectiveEndMs(s) > s.startMs : inForceAt(s, now));
    const eligible = mine.filter(counts);
    const throughPim = (s: RoleEligibilitySchedule) => {
      const r = state.requests.get(s.createdUsing);
      return r !== undefined && r.kind === 'eligibility' && r.action === 'adminAssign';
    };
    const maxMs = p.maxDuration === undefined ? null : parseDuration(p.maxDuration);
    const withinDuration = (s: RoleEligibilitySchedule) => maxMs === null || (s.endMs !== null && s.endMs - s.startMs <= maxMs);
    const found = eligible.find((s) => (!p.createdThroughPim || throughPim(s)) && withinDuration(s));
    const tooLong = eligible.find((s) => (!p.createdThroughPim || throughPim(s)) && !withinDuration(s));
    if (!found && tooLong)
      return outcome(
        false,
        ev`${who} is eligible for ${roleName} at ${scopeWords(p.scope)} ${tooLong.endMs === null ? 'permanently' : ev`for ${duration(tooLong.endMs - tooLong.startMs)}`}, but the eligibility must end within ${duration(p.maxDuration!)} of its start.`,
      );
    if (found) {
      const r = state.requests.get(found.createdUsing);
      const by = r ? ` by ${nameOf(state, r.createdBy.user.id)} (request ${r.id})` : ' in the starting tenant';
      const span = found.endMs === null ? 'permanently' : ev`${found.endMs > now ? 'until' : 'from then until'} ${instant(found.endMs)}`;
      return outcome(true, ev`${who} is eligible for ${roleName} at ${scopeWords(p.scope)} ${span}, assigned at ${instant(found.createdDateTime)}${by}.`);
    }
    if (eligible.length) return outcome(false, ev`${who}'s eligibility for ${roleName} comes from the lab's starting tenant, not from an assignment made through PIM.`);
    const active = mine.filter((s) => s.kind === 'assignment' && s.assignmentType === 'Assigned' && notEndedAt(s, now));
    if (active.length)
      return outcome(false, ev`${who} holds ${roleName} at ${scopeWords(p.scope)} as an active (Assigned) assignment made at ${instant(active[0]!.createdDateTime)}, not as an eligible one.`);
    const ended = mine.filter((s) => s.kind === 'eligibility' && !inForceAt(s, now) && s.endReason !== null);
    if (ended.length) {
      const last = ended.at(-1)!;
      return outcome(false, ev`${who}'s eligible assignment for ${roleName} (${spanOf(last)}) was ${last.endReason!} before the end of the attempt.`);
    }
    const elsewhere = schedulesOf(state, user.id).filter((s) => s.kind === 'eligibility' && inForceAt(s, now));
    const other = elsewhere.length ? ` (eligible for: ${elsewhere.map((s) => `${roleNameOf(state, s.roleDefinitionId)} at "${s.directoryScopeId}"`).join(', ')})` : '';
    return outcome(false, ev`${who} has no eligible assignment for ${roleName} at ${scopeWords(p.scope)}${other}.`);
  },
});

export const activationWithin = primitive({
  name: 'activationWithin',
  summary: 'The principal activated the role (a selfActivate request that became active) for at most maxDuration, with a justification if required.',
  params: z.strictObject({
    principal,
    role,
    scope,
    /** ISO 8601 duration, e.g. PT8H: the longest activation that counts. */
    maxDuration: z._default(durationSchema, 'PT8H'),
    requireJustification: z._default(z.boolean(), true),
  }),
  evaluate({ state }, p) {
    const user = resolveUser(state, p.principal);
    if (!user) return noSuchUser(p.principal);
    const who = user.userPrincipalName;
    const roleName = roleNameOf(state, p.role);
    const activations = activationsOf(state, user.id, p.role, p.scope);
    if (!activations.length) return outcome(false, ev`${who} never activated ${roleName} at ${scopeWords(p.scope)}.`);
    const good = activations.find((s) => activationShortfall(state, s, p) === null);
    if (good) return outcome(true, ev`${who} activated ${roleName} ${describeActivation(state, good)}; the limit is ${duration(p.maxDuration)}.`);
    const why = joinEvidence(activations.map((s) => activationShortfall(state, s, p)!), '; ');
    return outcome(false, ev`${who} activated ${roleName}, but ${why}.`);
  },
});

const whileActiveParams = {
  actor: principal,
  role,
  scope,
  /** Count only activations of at most this duration (the activation the lab asked for). */
  maxDuration: z.optional(durationSchema),
  requireJustification: z._default(z.boolean(), false),
};

/**
 * Whether one of the actor's successful `activity` audits (e.g. "Add user") falls inside an active
 * window of a counted activation of the role: the action the lab asks for, done just in time.
 */
function actedWhileActiveOutcome(
  state: TenantState,
  p: z.output<z.ZodMiniObject<typeof whileActiveParams>>,
  activity: { name: string; verb: string; others: string },
): CheckOutcome {
  const { verb } = activity;
  const user = resolveUser(state, p.actor);
  if (!user) return noSuchUser(p.actor);
  const who = user.userPrincipalName;
  const roleName = roleNameOf(state, p.role);
  const done = state.audits
    .filter((a) => a.activityDisplayName === activity.name && a.result === 'success')
    .map((a) => ({ byId: a.initiatedBy.user?.id ?? null, atMs: parseInstant(a.activityDateTime) ?? NaN, name: a.targetResources[0]?.userPrincipalName ?? a.targetResources[0]?.id ?? '?' }));
  const mine = done.filter((c) => c.byId === user.id);
  if (!mine.length) {
    const others = done.map((c) => `${c.name} by ${c.byId === null ? 'an app' : nameOf(state, c.byId)}`);
    return outcome(false, ev`${who} ${verb} no user${others.length ? `; ${activity.others}: ${others.join(', ')}` : ''}.`);
  }
  const activations = activationsOf(state, user.id, p.role, p.scope);
  const counted = activations.filter((s) => activationShortfall(state, s, p) === null);
  for (const c of mine) {
    const during = counted.find((s) => {
      const w = activeWindow(s)!;
      return w.startMs <= c.atMs && c.atMs < w.endMs;
    });
    if (during) return outcome(true, ev`${who} ${verb} ${c.name} at ${instant(c.atMs)}, while ${roleName} was active (activated ${spanOf(during)}, request ${during.createdUsing}).`);
  }
  const when = joinEvidence(mine.map((c) => ev`${c.name} at ${instant(c.atMs)}`), ', ');
  if (!activations.length) return outcome(false, ev`${who} ${verb} ${when}, but never activated ${roleName}: the permission came from elsewhere (a standing assignment?).`);
  const windows = counted.length
    ? ev`the activation${counted.length > 1 ? 's' : ''} that count${counted.length > 1 ? '' : 's'} ran ${joinEvidence(counted.map(spanOf), ', ')}`
    : ev`no activation counts: ${joinEvidence(activations.map((s) => activationShortfall(state, s, p)!), '; ')}`;
  return outcome(false, ev`${who} ${verb} ${when}, outside an activation of ${roleName} (${windows}).`);
}

export const createdUserWhileActive = primitive({
  name: 'createdUserWhileActive',
  summary: 'The actor created a user (directory audit "Add user") while an activation of the role was active; optionally only activations meeting maxDuration / requireJustification count.',
  params: z.strictObject(whileActiveParams),
  evaluate: ({ state }, p) => actedWhileActiveOutcome(state, p, { name: 'Add user', verb: 'created', others: 'users created' }),
});

export const resetPasswordWhileActive = primitive({
  name: 'resetPasswordWhileActive',
  summary: "The actor reset a user's password (directory audit \"Reset user password\") while an activation of the role was active; optionally only activations meeting maxDuration / requireJustification count.",
  params: z.strictObject(whileActiveParams),
  evaluate: ({ state }, p) => actedWhileActiveOutcome(state, p, { name: 'Reset user password', verb: 'reset the password of', others: 'passwords reset' }),
});

export const assignmentExpired = primitive({
  name: 'assignmentExpired',
  summary: "By the end of the attempt one of the principal's eligible assignments or activations of the role reached its end time and expired (the tenant clock passed it), rather than being removed or deactivated.",
  params: z.strictObject({
    principal,
    role,
    scope,
    /** "eligible": an eligible assignment; "activated": an activation. */
    assignment: z.enum(['eligible', 'activated']),
  }),
  evaluate({ state }, p) {
    const user = resolveUser(state, p.principal);
    if (!user) return noSuchUser(p.principal);
    const who = user.userPrincipalName;
    const roleName = roleNameOf(state, p.role);
    const what = p.assignment === 'eligible' ? 'eligible assignment' : 'activation';
    const mine = schedulesOf(state, user.id).filter(
      (s) =>
        s.roleDefinitionId === p.role &&
        s.directoryScopeId === p.scope &&
        (p.assignment === 'eligible' ? s.kind === 'eligibility' : s.kind === 'assignment' && s.assignmentType === 'Activated'),
    );
    const expired = mine.find((s) => s.endReason === 'expired');
    if (expired) return outcome(true, ev`${who}'s ${what} of ${roleName} (${spanOf(expired)}) expired; the tenant clock reached ${instant(state.nowMs)}.`);
    if (!mine.length) return outcome(false, ev`${who} has no ${what} of ${roleName} at ${scopeWords(p.scope)}.`);
    const open = mine.filter((s) => s.endReason === null);
    if (open.length)
      return outcome(
        false,
        ev`${who}'s ${what} of ${roleName} has not expired: the tenant clock is at ${instant(state.nowMs)}, and it ends ${joinEvidence(open.map((s) => evidence(s.endMs === null ? 'never (permanent)' : instant(s.endMs))), ', ')}.`,
      );
    return outcome(false, ev`${who}'s ${what} of ${roleName} ended early (${mine.map((s) => s.endReason).join(', ')}), not by expiring.`);
  },
});

export const noStandingActiveRole = primitive({
  name: 'noStandingActiveRole',
  summary: 'At the end of the attempt the principal holds no standing (admin-assigned, assignmentType Assigned) active role assignment, in force or scheduled: least privilege.',
  params: z.strictObject({
    principal,
    /** Only these roles count (display names or template ids); default: every role. */
    roles: z.optional(z.array(role).check(z.minLength(1))),
  }),
  evaluate({ state }, p) {
    const user = resolveUser(state, p.principal);
    if (!user) return noSuchUser(p.principal);
    const who = user.userPrincipalName;
    const standing = schedulesOf(state, user.id).filter(
      (s): s is RoleAssignmentSchedule =>
        s.kind === 'assignment' && s.assignmentType === 'Assigned' && notEndedAt(s, state.nowMs) && (!p.roles || p.roles.includes(s.roleDefinitionId)),
    );
    if (!standing.length) return outcome(true, ev`${who} holds no standing active ${p.roles ? p.roles.map((r) => roleNameOf(state, r)).join(' or ') : 'administrator'} role at the end of the attempt.`);
    const list = standing.map((s) => ev`${roleNameOf(state, s.roleDefinitionId)} at "${s.directoryScopeId}" (${spanOf(s)}, ${state.requests.has(s.createdUsing) ? `request ${s.createdUsing}` : 'from the starting tenant'})`);
    return outcome(false, ev`${who} holds standing active role assignments: ${joinEvidence(list, '; ')}.`);
  },
});

/**
 * Whether the session the activation was requested from had completed MFA: in the log, the actor's
 * latest signIn before the request, then a completeMfa after that signIn and at or before the
 * request. Read from the log, not state.sessions, because a later signIn replaces the session.
 */
function mfaBefore(entries: readonly LogEntry[], requestId: string): { requestAt: string; signedInAt: string | null; mfaAt: string | null } | null {
  const i = entries.findIndex((e) => e.command.type === 'roleAssignmentScheduleRequest' && e.command.id === requestId);
  if (i < 0) return null;
  const actor = entries[i]!.actor;
  let signIn = -1;
  for (let j = i - 1; j >= 0 && signIn < 0; j--) if (entries[j]!.actor === actor && entries[j]!.command.type === 'signIn') signIn = j;
  let mfa = -1;
  if (signIn >= 0) for (let j = signIn + 1; j < i && mfa < 0; j++) if (entries[j]!.actor === actor && entries[j]!.command.type === 'completeMfa') mfa = j;
  return { requestAt: entries[i]!.at, signedInAt: signIn < 0 ? null : entries[signIn]!.at, mfaAt: mfa < 0 ? null : entries[mfa]!.at };
}

export const activationWithMfa = primitive({
  name: 'activationWithMfa',
  summary:
    "The principal activated the role (an activation that became active) from a session that had completed multifactor authentication before the request: the actor's latest signIn before it, then a completeMfa at or before it.",
  params: z.strictObject({ principal, role, scope }),
  evaluate({ state, entries }, p) {
    const user = resolveUser(state, p.principal);
    if (!user) return noSuchUser(p.principal);
    const who = user.userPrincipalName;
    const roleName = roleNameOf(state, p.role);
    const activations = activationsOf(state, user.id, p.role, p.scope).filter((s) => activeWindow(s) !== null);
    if (!activations.length) return outcome(false, ev`${who} has no activation of ${roleName} at ${scopeWords(p.scope)} that became active.`);
    const why: EvidencePart[][] = [];
    for (const s of activations) {
      const m = mfaBefore(entries, s.createdUsing);
      if (m?.mfaAt)
        return outcome(true, ev`${who} activated ${roleName} at ${instant(m.requestAt)} (request ${s.createdUsing}) after completing MFA at ${instant(m.mfaAt)} in the session signed in at ${instant(m.signedInAt!)}.`);
      why.push(
        m === null
          ? ev`request ${s.createdUsing} is not in the attempt's log`
          : m.signedInAt === null
            ? ev`request ${s.createdUsing} at ${instant(m.requestAt)} came from no sign-in`
            : ev`request ${s.createdUsing} at ${instant(m.requestAt)} came from the session signed in at ${instant(m.signedInAt)}, which had not completed MFA`,
      );
    }
    return outcome(false, ev`${who} activated ${roleName} without multifactor authentication: ${joinEvidence(why, '; ')}.`);
  },
});

/** Every primitive by name: what a lab's "primitive" may say. */
export const PRIMITIVES: Readonly<Record<string, Primitive<any>>> = Object.freeze({
  eligibleAssignment,
  activationWithin,
  activationWithMfa,
  createdUserWhileActive,
  resetPasswordWhileActive,
  assignmentExpired,
  noStandingActiveRole,
});
