import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createTenant,
  createUserCommand,
  DAY_MS,
  execute,
  HOUR_MS,
  MINUTE_MS,
  MY_DIRECTORY_SEED,
  parseInstant,
  summarizePassword,
  toInstant,
  type Command,
  type ExecuteResult,
  type RoleSettings,
  type TenantEvent,
  type TenantState,
} from '../../src/tenant';
import { ADMIN, DEMO, START } from './helpers';

// Property: no permission-requiring command ever SUCCEEDS for an actor who lacks the permission at
// the command's time. The test keeps its own oracle and never asks the core's authorization code:
// it knows which (principal, role) grants exist with which [start, end) windows from the commands
// the core accepted (their payloads, and the schedule ids the events name), including activations,
// their expiry, deactivation and removal (removing an eligibility ends the activations made from
// it), and reads each role's actions straight from the role JSON. The core is used only through
// `execute`, with the time explicit in every entry.
//
// The oracle is also checked the other way round, so the property cannot pass vacuously: when the
// oracle says an actor is allowed, the core must not refuse for lack of permission, and when it
// says not allowed, the core must refuse for that reason (not some other one).
//
// Sessions are part of the oracle too: every command but signIn by an account that has not signed in
// during the attempt must be refused as "not signed in" (whatever the account's roles), and one that
// has signed in never is. Sequences sign the actor in first most of the time, and sometimes not.
//
// Switches:
//   PIM_PROPERTY_CUSTOM_START=0  no custom (future) activation start times (on by default; they once
//                                left activations stuck in Stage 1, which this test found).
//   PIM_PROPERTY_APPROVAL=1      role settings may ask for approval to activate. The core refuses
//                                that setting until the approval workflow exists, so the oracle's
//                                approval branch only matters once it does.
const CUSTOM_START = process.env.PIM_PROPERTY_CUSTOM_START !== '0';
const APPROVAL = process.env.PIM_PROPERTY_APPROVAL === '1';
const NUM_RUNS = Number(process.env.PIM_PROPERTY_RUNS ?? 10_000);

// ---------- the role → actions table, read from the JSON ----------

const root = join(import.meta.dirname, '../..');
const sharedRoles = join(root, '../shared/domain/entra-builtin-roles.json');
const rolesFile = existsSync(sharedRoles) ? sharedRoles : join(root, 'src/tenant/data/entra-builtin-roles.json');
const roleData = JSON.parse(readFileSync(rolesFile, 'utf8')) as { roles: { displayName: string; templateId: string; permissions?: string[] }[] };

const ROLE_ID = new Map(roleData.roles.map((r) => [r.displayName, r.templateId]));
const ROLE_NAME = new Map(roleData.roles.map((r) => [r.templateId, r.displayName]));
const ROLE_ACTIONS = new Map(roleData.roles.map((r) => [r.displayName, r.permissions ?? []]));

const GA = 'Global Administrator';
const PRA = 'Privileged Role Administrator';
const UA = 'User Administrator';
const HDA = 'Helpdesk Administrator';
const PWA = 'Password Administrator';
const SECA = 'Security Administrator';
const GR = 'Global Reader';
const AUTHA = 'Authentication Administrator';
const PAA = 'Privileged Authentication Administrator';
const ROLES = [UA, HDA, GA, PRA, PWA, SECA, GR] as const;
const roleId = (name: string) => {
  const id = ROLE_ID.get(name);
  if (!id) throw new Error(`role ${name} is not in ${rolesFile}`);
  return id;
};

const NEED = {
  createUser: 'microsoft.directory/users/create',
  resetPassword: 'microsoft.directory/users/password/update',
  roleAssignments: 'microsoft.directory/roleAssignments/allProperties/allTasks',
  pim: 'microsoft.directory/privilegedIdentityManagement/allProperties/allTasks',
} as const;

/** <namespace>/<entity>/<rest>: exact, or allEntities / allProperties/allTasks wildcards. */
function covers(granted: string, required: string): boolean {
  if (granted === required) return true;
  const [gNamespace, gEntity, ...gRest] = granted.split('/');
  const [rNamespace, rEntity] = required.split('/');
  if (gNamespace !== rNamespace) return false;
  if (gEntity !== 'allEntities' && gEntity !== rEntity) return false;
  const tail = gRest.join('/');
  return tail === 'allProperties/allTasks' || tail === 'allTasks';
}

// "Who can reset passwords" (shared/domain/password-reset-matrix.md), transcribed for the roles this
// test hands out: the row is the role the target holds, the list the resetter roles it allows.
const NO_ADMIN_ROLE = '(no admin role)';
const RESET_BY: Record<string, readonly string[]> = {
  [GA]: [PAA, GA],
  [PRA]: [PAA, GA],
  [UA]: [UA, PAA, GA],
  [HDA]: [HDA, UA, PAA, GA],
  [PWA]: [PWA, HDA, AUTHA, UA, PAA, GA],
  [NO_ADMIN_ROLE]: [PWA, HDA, AUTHA, UA, PAA, GA],
};
const ALL_OTHER_ROLES = [PAA, GA]; // Security Administrator, Global Reader, …
const resetRow = (targetRole: string) => RESET_BY[targetRole] ?? ALL_OTHER_ROLES;

// ---------- the oracle ----------

interface Grant {
  id: string;
  kind: 'eligibility' | 'assigned' | 'activated';
  principal: string;
  role: string; // display name
  startMs: number;
  endMs: number | null;
  endedMs: number | null;
  /** activated: the eligibility it was made from. */
  eligibilityId?: string;
  /** activated while the role required approval (only with PIM_PROPERTY_APPROVAL). */
  unapproved?: boolean;
}

const endOf = (g: Grant) => Math.min(g.endMs ?? Infinity, g.endedMs ?? Infinity);
const inForce = (g: Grant, t: number) => g.startMs <= t && t < endOf(g);
const notEnded = (g: Grant, t: number) => t < endOf(g);

class Oracle {
  grants = new Map<string, Grant>();
  users: string[] = [];
  approvalRequired = new Set<string>();
  /** Accounts that signed in during the attempt. */
  sessions = new Set<string>();

  constructor(seedUsers: string[], seedGrants: Grant[]) {
    this.users = [...seedUsers];
    for (const g of seedGrants) this.grants.set(g.id, g);
  }

  /**
   * Lock-out protection, applied up to t: a Global Administrator eligibility reaching its end while
   * no other Global Administrator grant is in force is kept, without end (shared/domain/pim.md §1).
   */
  protectLastGlobalAdministrator(t: number) {
    const due = [...this.grants.values()]
      .filter((g) => g.kind === 'eligibility' && g.role === GA && g.endedMs === null && g.endMs !== null && g.endMs <= t)
      .sort((a, b) => a.endMs! - b.endMs! || (a.id < b.id ? -1 : 1));
    for (const g of due) {
      const at = g.endMs!;
      const other = [...this.grants.values()].some((o) => o.id !== g.id && o.role === GA && !(o.kind === 'activated' && o.eligibilityId === g.id) && !o.unapproved && inForce(o, at));
      if (!other) g.endMs = null;
    }
  }

  activeRoles(principal: string, t: number): Set<string> {
    const out = new Set<string>();
    for (const g of this.grants.values())
      if (g.principal === principal && g.kind !== 'eligibility' && !g.unapproved && inForce(g, t)) out.add(g.role);
    return out;
  }

  /** Roles the principal holds at t, active or eligible (an eligible admin is protected like an active one). */
  heldRoles(principal: string, t: number): Set<string> {
    const out = new Set<string>();
    for (const g of this.grants.values()) if (g.principal === principal && !g.unapproved && inForce(g, t)) out.add(g.role);
    return out;
  }

  can(principal: string, action: string, t: number): boolean {
    for (const role of this.activeRoles(principal, t)) if ((ROLE_ACTIONS.get(role) ?? []).some((a) => covers(a, action))) return true;
    return false;
  }

  mayResetPasswordOf(actor: string, target: string, t: number): boolean {
    const targetRoles = [...this.heldRoles(target, t)];
    const rows = targetRoles.length ? targetRoles : [NO_ADMIN_ROLE];
    return [...this.activeRoles(actor, t)].some((r) => rows.every((row) => resetRow(row).includes(r)));
  }

  /** The eligibility an activation of [startMs, endMs) would be made from, if any. */
  eligibilityFor(principal: string, role: string, startMs: number, endMs: number): Grant | undefined {
    for (const g of this.grants.values())
      if (g.kind === 'eligibility' && g.principal === principal && g.role === role && inForce(g, startMs) && endMs <= endOf(g)) return g;
    return undefined;
  }

  liveActivation(principal: string, role: string, t: number): Grant | undefined {
    for (const g of this.grants.values()) if (g.kind === 'activated' && g.principal === principal && g.role === role && notEnded(g, t)) return g;
    return undefined;
  }
}

// ---------- commands as the generator describes them ----------

type Spec =
  | { k: 'createUser' }
  | { k: 'resetPassword'; target: number; steer: boolean }
  | { k: 'adminAssign'; kind: 'eligibility' | 'assignment'; principal: number; role: number; startInMs: number | null; durationMs: number | null; justification: boolean }
  | { k: 'adminRemove'; kind: 'eligibility' | 'assignment'; principal: number; role: number; steer: boolean }
  | { k: 'selfActivate'; principal: number | null; role: number; hours: number; justification: boolean; startInMs: number | null; steer: boolean }
  | { k: 'selfDeactivate'; principal: number | null; role: number; steer: boolean }
  | { k: 'completeMfa' }
  | { k: 'signIn' }
  | { k: 'advanceClock' }
  | { k: 'updateRoleSettings'; role: number; settings: RoleSettings };

interface Step {
  delayMs: number;
  actor: number;
  spec: Spec;
  /** Whether an actor without a session signs in before the command (as the portal does). */
  signInFirst: boolean;
}

type Grantee = 'active' | 'activeTimeBound' | 'eligible' | 'none';
interface Setup {
  helpdesk: Grantee;
  privilegedRoleAdmin: Grantee;
  /** Which of the five actors have done MFA before the first step. */
  mfa: boolean[];
}

const HELPDESK_USER = 'prop-helpdesk';
const PRA_USER = 'prop-pra';
const PLAIN_USER = 'prop-plain';
const ACTORS = [ADMIN, DEMO, HELPDESK_USER, PRA_USER, PLAIN_USER];

const delay = fc.oneof(
  { weight: 2, arbitrary: fc.constant(0) },
  { weight: 4, arbitrary: fc.integer({ min: 1, max: 60 }).map((m) => m * MINUTE_MS) },
  { weight: 4, arbitrary: fc.integer({ min: 1, max: 600 }).map((m) => m * MINUTE_MS) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 5 * 24 }).map((h) => h * HOUR_MS) },
);
const principal = fc.integer({ min: 0, max: 7 }); // 0–4: the five actors; 5–7: users created on the way
const role = fc.integer({ min: 0, max: ROLES.length - 1 });
const kind = fc.constantFrom('eligibility' as const, 'assignment' as const);
/** Mostly null (the actor themself); sometimes someone else, which must be refused. */
const self = fc.oneof({ weight: 7, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: principal });
/** Steering picks targets the oracle knows exist (an eligibility to activate, a grant to remove), so
 * that those commands succeed often enough; unsteered picks are uniform. */
const steer = fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) });

const spec: fc.Arbitrary<Spec> = fc.oneof(
  { weight: 2, arbitrary: fc.constant({ k: 'createUser' as const }) },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('resetPassword' as const), target: principal, steer }) },
  {
    weight: 6,
    arbitrary: fc.record({
      k: fc.constant('adminAssign' as const),
      kind,
      principal,
      role,
      startInMs: fc.oneof({ weight: 4, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 48 }).map((h) => h * HOUR_MS) }),
      // Permanent (null) or time-bound: 10 minutes to 10 hours, or 1 to 10 days.
      durationMs: fc.oneof(
        fc.constant(null),
        fc.integer({ min: 10, max: 600 }).map((m) => m * MINUTE_MS),
        fc.integer({ min: 1, max: 10 }).map((d) => d * DAY_MS),
      ),
      justification: fc.oneof({ weight: 9, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
    }),
  },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('adminRemove' as const), kind, principal, role, steer }) },
  {
    weight: 6,
    arbitrary: fc.record({
      k: fc.constant('selfActivate' as const),
      principal: self,
      role,
      hours: fc.integer({ min: 1, max: 9 }),
      justification: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
      steer,
      startInMs: CUSTOM_START ? fc.oneof(fc.constant(null), fc.integer({ min: 1, max: 180 }).map((m) => m * MINUTE_MS)) : fc.constant(null),
    }),
  },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('selfDeactivate' as const), principal: self, role, steer }) },
  { weight: 4, arbitrary: fc.constant({ k: 'completeMfa' as const }) },
  { weight: 1, arbitrary: fc.constant({ k: 'signIn' as const }) },
  { weight: 1, arbitrary: fc.constant({ k: 'advanceClock' as const }) },
  {
    weight: 2,
    arbitrary: fc.record({
      k: fc.constant('updateRoleSettings' as const),
      role,
      settings: fc.record(
        {
          activationMaximumDuration: fc.constantFrom('PT2H', 'PT4H', 'PT8H', 'PT10H'),
          requireMfaOnActivation: fc.boolean(),
          requireJustificationOnActivation: fc.boolean(),
          ...(APPROVAL ? { requireApprovalToActivate: fc.boolean() } : {}),
          allowPermanentEligibleAssignment: fc.boolean(),
          expireEligibleAssignmentsAfter: fc.constantFrom('P1D', 'P30D', 'P365D'),
          allowPermanentActiveAssignment: fc.boolean(),
          expireActiveAssignmentsAfter: fc.constantFrom('P1D', 'P30D', 'P180D'),
          requireMfaOnActiveAssignment: fc.boolean(),
          requireJustificationOnActiveAssignment: fc.boolean(),
        },
        { requiredKeys: [] },
      ) as fc.Arbitrary<RoleSettings>,
    }),
  },
);

const signInFirst = fc.oneof({ weight: 9, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) });
const step: fc.Arbitrary<Step> = fc.record({ delayMs: delay, actor: fc.integer({ min: 0, max: ACTORS.length - 1 }), spec, signInFirst });
const grantee = fc.constantFrom<Grantee>('active', 'activeTimeBound', 'eligible', 'none');
const scenario = fc.record({
  setup: fc.record({ helpdesk: grantee, privilegedRoleAdmin: grantee, mfa: fc.array(fc.boolean(), { minLength: ACTORS.length, maxLength: ACTORS.length }) }),
  steps: fc.array(step, { minLength: 5, maxLength: 25 }),
});

// ---------- running a sequence ----------

const START_MS = parseInstant(START)!;
const INITIAL: TenantState = createTenant(MY_DIRECTORY_SEED, START);
const PASSWORD = summarizePassword('Passw0rd!x');

const stats = {
  sequences: 0,
  commands: 0,
  permissionCommands: 0,
  succeeded: 0,
  notPermitted: 0,
  refusedOtherwise: 0,
  byKind: {} as Record<string, { ok: number; notPermitted: number; other: number }>,
  /** resetPassword where the actor holds users/password/update but the matrix forbids the target. */
  matrixRefusals: 0,
  /** …of which: a User or Helpdesk Administrator trying a Global Administrator's password. */
  adminOfGlobalAdmin: 0,
  activationsGranted: 0,
  activationsEndedByEligibilityRemoval: 0,
  deactivations: 0,
  activationsNeedingApproval: 0,
  /** Commands by an account with no session (all refused as not signed in). */
  withoutSession: 0,
};

class Violation extends Error {}

interface Judgement {
  /** The permission question this command asks, or null when it asks none. */
  kind: string | null;
  permitted: boolean;
  /** The error a refusal for lack of permission must have (code, plus failed rule if any). */
  refusal?: { code: string; rule?: string };
}

function runScenario({ setup, steps }: { setup: Setup; steps: Step[] }) {
  stats.sequences += 1;
  let state = INITIAL;
  let t = START_MS;
  let seq = 0;
  let n = 0;
  const log: string[] = [];
  const fresh = (prefix: string) => `${prefix}-${++n}`;

  const seedGrants: Grant[] = MY_DIRECTORY_SEED.roleAssignments.map((a, i) => ({
    id: `seed-${i + 1}`,
    kind: a.assignmentType === 'active' ? 'assigned' : 'eligibility',
    principal: a.principalId,
    role: a.role,
    startMs: START_MS,
    endMs: null,
    endedMs: null,
  }));
  const oracle = new Oracle(
    MY_DIRECTORY_SEED.users.map((u) => u.id),
    seedGrants,
  );

  function fail(why: string): never {
    throw new Violation(`${why}\n  log:\n    ${log.join('\n    ')}`);
  }

  /** What the oracle says about a command before the core sees it. */
  function judge(actor: string, command: Command): Judgement {
    switch (command.type) {
      case 'createUser':
        return { kind: 'createUser', permitted: oracle.can(actor, NEED.createUser, t), refusal: { code: 'Authorization_RequestDenied' } };
      case 'resetPassword': {
        const hasAction = oracle.can(actor, NEED.resetPassword, t);
        // An admin reset never targets the admin's own account (self-service password change does).
        const permitted = hasAction && command.userId !== actor && oracle.mayResetPasswordOf(actor, command.userId, t);
        if (hasAction && !permitted) {
          stats.matrixRefusals += 1;
          const actorRoles = oracle.activeRoles(actor, t);
          if (oracle.heldRoles(command.userId, t).has(GA) && (actorRoles.has(UA) || actorRoles.has(HDA)) && !actorRoles.has(GA)) stats.adminOfGlobalAdmin += 1;
        }
        return { kind: 'resetPassword', permitted, refusal: { code: 'Authorization_RequestDenied' } };
      }
      case 'updateRoleSettings':
        return { kind: 'updateRoleSettings', permitted: oracle.can(actor, NEED.pim, t), refusal: { code: 'Authorization_RequestDenied' } };
      case 'roleEligibilityScheduleRequest':
      case 'roleAssignmentScheduleRequest': {
        const label = `${command.type === 'roleEligibilityScheduleRequest' ? 'eligibility' : 'assignment'} ${command.action}`;
        if (command.action === 'adminAssign' || command.action === 'adminRemove')
          return { kind: label, permitted: oracle.can(actor, NEED.roleAssignments, t), refusal: { code: 'Authorization_RequestDenied' } };
        const roleName = ROLE_NAME.get(command.roleDefinitionId)!;
        if (command.principalId !== actor) return { kind: label, permitted: false, refusal: { code: 'Authorization_RequestDenied' } };
        if (command.action === 'selfActivate') {
          const { startMs, endMs } = activationWindow(command);
          return {
            kind: label,
            permitted: oracle.eligibilityFor(actor, roleName, startMs, endMs) !== undefined,
            refusal: { code: 'RoleAssignmentRequestPolicyValidationFailed', rule: 'EligibilityRule' },
          };
        }
        return { kind: label, permitted: oracle.liveActivation(actor, roleName, t) !== undefined, refusal: { code: 'RoleAssignmentDoesNotExist' } };
      }
      default:
        return { kind: null, permitted: true };
    }
  }

  function activationWindow(command: Extract<Command, { type: 'roleAssignmentScheduleRequest' }>) {
    const requested = command.scheduleInfo?.startDateTime ? parseInstant(command.scheduleInfo.startDateTime)! : t;
    const startMs = Math.max(requested, t);
    const hours = Number(/^PT(\d+)H$/.exec(command.scheduleInfo!.expiration.duration!)![1]);
    return { startMs, endMs: startMs + hours * HOUR_MS };
  }

  function adminWindow(command: Extract<Command, { type: 'roleEligibilityScheduleRequest' | 'roleAssignmentScheduleRequest' }>) {
    const info = command.scheduleInfo!;
    const startMs = Math.max(info.startDateTime ? parseInstant(info.startDateTime)! : t, t);
    const endMs = info.expiration.type === 'noExpiration' ? null : parseInstant(info.expiration.endDateTime!)!;
    return { startMs, endMs };
  }

  /** Which schedule an accepted command ended: the event names it; the oracle checks it is a fair target. */
  function endedSchedule(events: TenantEvent[], commandId: string, types: string[]): string {
    const own = events.filter((e) => e.type === 'requestRecorded' && e.request.id === commandId);
    const target = own[0]?.type === 'requestRecorded' ? own[0].request.targetScheduleId : null;
    const transitioned = events.find((e) => e.type === 'scheduleTransitioned' && e.scheduleId === target && types.includes(e.event.type));
    if (!target || !transitioned) fail(`accepted ${commandId} without ending a schedule (${types.join('/')})`);
    return target!;
  }

  /** Folds an accepted command into the oracle. */
  function learn(actor: string, command: Command, events: TenantEvent[]) {
    switch (command.type) {
      case 'signIn':
        oracle.sessions.add(actor);
        return;
      case 'createUser':
        oracle.users.push(command.id);
        return;
      case 'updateRoleSettings':
        if (command.settings.requireApprovalToActivate !== undefined) {
          const name = ROLE_NAME.get(command.roleDefinitionId)!;
          if (command.settings.requireApprovalToActivate) oracle.approvalRequired.add(name);
          else oracle.approvalRequired.delete(name);
        }
        return;
      case 'roleEligibilityScheduleRequest':
      case 'roleAssignmentScheduleRequest': {
        const roleName = ROLE_NAME.get(command.roleDefinitionId)!;
        const eligibility = command.type === 'roleEligibilityScheduleRequest';
        if (command.action === 'adminAssign') {
          const w = adminWindow(command);
          const created = events.find((e) => (e.type === 'eligibilityScheduleCreated' || e.type === 'assignmentScheduleCreated') && e.schedule.id === command.id);
          if (!created || (created.type !== 'eligibilityScheduleCreated' && created.type !== 'assignmentScheduleCreated')) return fail(`adminAssign ${command.id} accepted without a schedule`);
          if (created.schedule.startMs !== w.startMs || created.schedule.endMs !== w.endMs)
            fail(`adminAssign ${command.id}: schedule window [${created.schedule.startMs}, ${created.schedule.endMs}) is not the requested [${w.startMs}, ${w.endMs})`);
          oracle.grants.set(command.id, { id: command.id, kind: eligibility ? 'eligibility' : 'assigned', principal: command.principalId, role: roleName, ...w, endedMs: null });
          return;
        }
        if (command.action === 'adminRemove') {
          const id = endedSchedule(events, command.id, ['REMOVE']);
          const g = oracle.grants.get(id);
          if (!g || g.kind !== (eligibility ? 'eligibility' : 'assigned') || g.principal !== command.principalId || g.role !== roleName || !notEnded(g, t))
            return fail(`adminRemove ${command.id} ended ${id}, which is not a live ${eligibility ? 'eligibility' : 'assignment'} of that principal and role`);
          g.endedMs = t;
          if (eligibility) {
            // An activation lives on its eligibility: it ends with it (even one that has not started yet).
            for (const a of oracle.grants.values()) {
              if (a.kind === 'activated' && a.eligibilityId === g.id && notEnded(a, t)) {
                a.endedMs = t;
                stats.activationsEndedByEligibilityRemoval += 1;
              }
            }
          }
          return;
        }
        if (command.action === 'selfActivate') {
          const w = activationWindow(command);
          const from = oracle.eligibilityFor(actor, roleName, w.startMs, w.endMs)!;
          if (oracle.approvalRequired.has(roleName)) {
            // Only reachable with PIM_PROPERTY_APPROVAL=1: the request must wait for an approver.
            stats.activationsNeedingApproval += 1;
            const recorded = events.find((e) => e.type === 'requestRecorded' && e.request.id === command.id);
            const status = recorded?.type === 'requestRecorded' ? recorded.request.status : null;
            if (status !== 'PendingApproval') fail(`selfActivate ${command.id} of ${roleName} is ${status} at once although the role requires approval to activate`);
          }
          oracle.grants.set(command.id, {
            id: command.id,
            kind: 'activated',
            principal: actor,
            role: roleName,
            ...w,
            endedMs: null,
            eligibilityId: from.id,
            ...(oracle.approvalRequired.has(roleName) ? { unapproved: true } : {}),
          });
          stats.activationsGranted += 1;
          return;
        }
        // selfDeactivate
        const id = endedSchedule(events, command.id, ['DEACTIVATE', 'CANCEL']);
        const g = oracle.grants.get(id);
        if (!g || g.kind !== 'activated' || g.principal !== actor || g.role !== roleName || !notEnded(g, t))
          return fail(`selfDeactivate ${command.id} ended ${id}, which is not a live activation of the actor for that role`);
        g.endedMs = t;
        stats.deactivations += 1;
        return;
      }
      default:
        return;
    }
  }

  function run(actor: string, command: Command) {
    oracle.protectLastGlobalAdministrator(t);
    const signedIn = command.type === 'signIn' || oracle.sessions.has(actor);
    const judgement: Judgement = signedIn ? judge(actor, command) : { kind: null, permitted: false };
    const result: ExecuteResult = execute(state, { seq, at: toInstant(t), actor, command });
    stats.commands += 1;
    // THE SESSION RULE: no command but signIn by an account that has not signed in; the refusal says so.
    const notSignedIn = !result.ok && result.error.code === 'Authorization_RequestDenied' && result.error.message.includes('is not signed in');
    if (!signedIn) {
      stats.withoutSession += 1;
      if (!notSignedIn) fail(`${command.type} by ${actor}, who never signed in, was ${result.ok ? 'accepted' : `refused with ${result.error.code} (${result.error.message})`}, expected "not signed in"`);
    } else if (notSignedIn) fail(`${command.type} by ${actor} was refused as not signed in although ${actor} signed in`);
    log.push(`${toInstant(t)} ${actor.slice(0, 13)} ${show(command)} → ${result.ok ? 'ok' : result.error.code}${judgement.kind ? ` (oracle: ${judgement.permitted ? 'permitted' : 'NOT permitted'})` : ''}`);
    if (judgement.kind) {
      stats.permissionCommands += 1;
      const k = (stats.byKind[judgement.kind] ??= { ok: 0, notPermitted: 0, other: 0 });
      if (!judgement.permitted) {
        stats.notPermitted += 1;
        k.notPermitted += 1;
        // THE PROPERTY: no success without the permission.
        if (result.ok) fail(`${judgement.kind} by ${actor} SUCCEEDED although the actor lacks the permission at ${toInstant(t)}`);
        // …and the refusal says why (the permission is checked before anything else).
        if (result.error.code !== judgement.refusal!.code || (judgement.refusal!.rule && !result.error.failedRules?.includes(judgement.refusal!.rule as never)))
          fail(`${judgement.kind} by ${actor} was refused with ${result.error.code} (${result.error.message}), expected ${JSON.stringify(judgement.refusal)}`);
      } else if (result.ok) {
        stats.succeeded += 1;
        k.ok += 1;
      } else {
        stats.refusedOtherwise += 1;
        k.other += 1;
        // The converse: a permitted actor is never refused for lack of permission.
        const guard = result.error.message.includes('cannot remove their own Global Administrator');
        const lacks = result.error.code === judgement.refusal!.code && (!judgement.refusal!.rule || result.error.failedRules?.includes(judgement.refusal!.rule as never));
        if (lacks && !guard) fail(`${judgement.kind} by ${actor} was refused with ${result.error.code} (${result.error.message}) although the oracle says it is permitted`);
      }
    }
    if (result.ok) {
      state = result.state;
      seq += 1;
      learn(actor, command, result.events);
    }
    return result;
  }

  const pick = (i: number) => {
    if (i < ACTORS.length) return ACTORS[i]!;
    const created = oracle.users.filter((u) => !ACTORS.includes(u));
    return created.length ? created[i % created.length]! : DEMO;
  };
  const newUser = (id: string) => createUserCommand({ id, userPrincipalName: `${id}@mydirectory.onmicrosoft.com`, displayName: id, password: 'Passw0rd!x' });
  const scheduleInfo = (startInMs: number | null, durationMs: number | null) => {
    const startMs = t + (startInMs ?? 0);
    return {
      startDateTime: startInMs === null ? null : toInstant(startMs),
      expiration: durationMs === null
        ? { type: 'noExpiration' as const, endDateTime: null, duration: null }
        : { type: 'afterDateTime' as const, endDateTime: toInstant(startMs + durationMs), duration: null },
    };
  };
  const request = <T extends 'roleEligibilityScheduleRequest' | 'roleAssignmentScheduleRequest'>(
    type: T,
    action: Extract<Command, { type: T }>['action'],
    principalId: string,
    roleName: string,
    extra: { justification?: string | null; scheduleInfo?: Extract<Command, { type: T }>['scheduleInfo'] } = {},
  ) =>
    ({
      type,
      action,
      id: fresh('req'),
      principalId,
      roleDefinitionId: roleId(roleName),
      directoryScopeId: '/',
      justification: extra.justification ?? null,
      scheduleInfo: extra.scheduleInfo ?? null,
      ticketInfo: null,
    }) as Extract<Command, { type: T }>;

  // Setup through commands by ADMIN: a helpdesk admin, a privileged role admin, a plain user.
  const signIn = (who: string) => {
    const r = run(who, { type: 'signIn' });
    if (!r.ok) fail(`setup: ${r.error.message}`);
  };
  signIn(ADMIN);
  const grant = (who: string, roleName: string, how: Grantee) => {
    if (how === 'none') return;
    const type = how === 'eligible' ? 'roleEligibilityScheduleRequest' : 'roleAssignmentScheduleRequest';
    const r = run(ADMIN, request(type, 'adminAssign', who, roleName, { justification: 'property setup', scheduleInfo: scheduleInfo(null, how === 'activeTimeBound' ? 6 * HOUR_MS : null) }));
    if (!r.ok) fail(`setup: ${r.error.message}`);
  };
  for (const id of [HELPDESK_USER, PRA_USER, PLAIN_USER]) {
    const r = run(ADMIN, newUser(id));
    if (!r.ok) fail(`setup: ${r.error.message}`);
  }
  grant(HELPDESK_USER, HDA, setup.helpdesk);
  grant(PRA_USER, PRA, setup.privilegedRoleAdmin);
  setup.mfa.forEach((done, i) => {
    if (!done) return;
    if (!oracle.sessions.has(ACTORS[i]!)) signIn(ACTORS[i]!);
    run(ACTORS[i]!, { type: 'completeMfa', method: 'microsoftAuthenticator' });
  });

  /** The oracle's grants of a kind, not yet ended, optionally of one principal. */
  const live = (kind: Grant['kind'], who?: string) =>
    [...oracle.grants.values()].filter((g) => g.kind === kind && (who === undefined || g.principal === who) && notEnded(g, t));
  const steered = <T,>(on: boolean, choices: T[], i: number): T | undefined => (on && choices.length ? choices[i % choices.length] : undefined);

  for (const { delayMs, actor: actorIndex, spec: s, signInFirst } of steps) {
    t += delayMs;
    let actor = ACTORS[actorIndex]!;
    let command: Command;
    switch (s.k) {
      case 'createUser':
        command = newUser(fresh('prop-user'));
        break;
      case 'resetPassword':
        // Steered: someone who holds a role (so the password-reset matrix has something to say).
        command = {
          type: 'resetPassword',
          userId: steered(s.steer, [...new Set([...oracle.grants.values()].filter((g) => notEnded(g, t)).map((g) => g.principal))], s.target) ?? pick(s.target),
          forceChangePasswordNextSignIn: true,
          password: PASSWORD,
        };
        break;
      case 'adminAssign':
        command = request(s.kind === 'eligibility' ? 'roleEligibilityScheduleRequest' : 'roleAssignmentScheduleRequest', 'adminAssign', pick(s.principal), ROLES[s.role]!, {
          justification: s.justification ? 'Property test assignment' : null,
          scheduleInfo: scheduleInfo(s.startInMs, s.durationMs),
        });
        break;
      case 'adminRemove': {
        const target = steered(s.steer, live(s.kind === 'eligibility' ? 'eligibility' : 'assigned'), s.principal);
        command = request(s.kind === 'eligibility' ? 'roleEligibilityScheduleRequest' : 'roleAssignmentScheduleRequest', 'adminRemove', target?.principal ?? pick(s.principal), target?.role ?? ROLES[s.role]!, {
          justification: 'Property test removal',
        });
        break;
      }
      case 'selfActivate': {
        // Steered: one of the actors' eligibilities, activated by its holder.
        const eligibility = steered(s.steer, live('eligibility').filter((g) => ACTORS.includes(g.principal)), s.role);
        if (eligibility) actor = eligibility.principal;
        command = request('roleAssignmentScheduleRequest', 'selfActivate', s.principal === null ? actor : pick(s.principal), eligibility?.role ?? ROLES[s.role]!, {
          justification: s.justification ? 'Property test activation' : null,
          scheduleInfo: {
            startDateTime: s.startInMs === null ? null : toInstant(t + s.startInMs),
            expiration: { type: 'afterDuration', duration: `PT${s.hours}H`, endDateTime: null },
          },
        });
        break;
      }
      case 'selfDeactivate': {
        const activation = steered(s.steer, live('activated'), s.role);
        if (activation) actor = activation.principal;
        command = request('roleAssignmentScheduleRequest', 'selfDeactivate', s.principal === null ? actor : pick(s.principal), activation?.role ?? ROLES[s.role]!);
        break;
      }
      case 'completeMfa':
        command = { type: 'completeMfa', method: 'microsoftAuthenticator' };
        break;
      case 'signIn':
        command = { type: 'signIn' };
        break;
      case 'advanceClock':
        command = { type: 'advanceClock' };
        break;
      case 'updateRoleSettings':
        command = { type: 'updateRoleSettings', roleDefinitionId: roleId(ROLES[s.role]!), settings: s.settings };
        break;
    }
    if (signInFirst && command.type !== 'signIn' && !oracle.sessions.has(actor)) run(actor, { type: 'signIn' });
    run(actor, command);
  }
}

function show(command: Command): string {
  switch (command.type) {
    case 'createUser':
      return `createUser ${command.id}`;
    case 'resetPassword':
      return `resetPassword of ${command.userId.slice(0, 13)}`;
    case 'updateRoleSettings':
      return `updateRoleSettings ${ROLE_NAME.get(command.roleDefinitionId)} ${JSON.stringify(command.settings)}`;
    case 'roleEligibilityScheduleRequest':
    case 'roleAssignmentScheduleRequest':
      return `${command.type === 'roleEligibilityScheduleRequest' ? 'eligibility' : 'assignment'} ${command.action} ${command.id} ${command.principalId.slice(0, 13)} ${ROLE_NAME.get(command.roleDefinitionId)} ${JSON.stringify(command.scheduleInfo)}${command.justification ? '' : ' (no justification)'}`;
    default:
      return command.type;
  }
}

describe('permissions (property, independent oracle)', () => {
  it(`no permission-requiring command succeeds without the permission (${NUM_RUNS} random sequences)`, () => {
    const started = performance.now();
    fc.assert(
      fc.property(scenario, (sc) => runScenario(sc)),
      { numRuns: NUM_RUNS },
    );
    const seconds = (performance.now() - started) / 1000;
    console.log(
      [
        `permissions property: ${stats.sequences} sequences (numRuns ${NUM_RUNS}), ${stats.commands} commands in ${seconds.toFixed(1)} s` +
          `${CUSTOM_START ? ', custom start times ON' : ''}${APPROVAL ? ', approval ON' : ''}`,
        `  permission-requiring: ${stats.permissionCommands}; succeeded ${stats.succeeded}; refused for lack of permission ${stats.notPermitted}; permitted but refused for another reason ${stats.refusedOtherwise}`,
        ...Object.entries(stats.byKind)
          .sort()
          .map(([k, v]) => `    ${k.padEnd(24)} ok ${String(v.ok).padStart(6)}  not permitted ${String(v.notPermitted).padStart(6)}  other refusals ${String(v.other).padStart(6)}`),
        `  password-reset matrix refusals ${stats.matrixRefusals} (User/Helpdesk Administrator vs a Global Administrator: ${stats.adminOfGlobalAdmin})`,
        `  activations ${stats.activationsGranted}, deactivations ${stats.deactivations}, activations ended by removing their eligibility ${stats.activationsEndedByEligibilityRemoval}` +
          (APPROVAL ? `, activations of roles requiring approval ${stats.activationsNeedingApproval}` : ''),
        `  commands by an account that had not signed in (refused as not signed in) ${stats.withoutSession}`,
      ].join('\n'),
    );
    // The property is not vacuous: both outcomes happen often, for every kind of command.
    expect(stats.sequences).toBeGreaterThanOrEqual(NUM_RUNS);
    if (NUM_RUNS >= 10_000) {
      expect(stats.succeeded).toBeGreaterThan(1000);
      expect(stats.notPermitted).toBeGreaterThan(1000);
      for (const [k, v] of Object.entries(stats.byKind)) {
        expect(v.ok, `${k} succeeded`).toBeGreaterThan(50);
        expect(v.notPermitted, `${k} refused`).toBeGreaterThan(50);
      }
      expect(Object.keys(stats.byKind).sort()).toEqual([
        'assignment adminAssign',
        'assignment adminRemove',
        'assignment selfActivate',
        'assignment selfDeactivate',
        'createUser',
        'eligibility adminAssign',
        'eligibility adminRemove',
        'resetPassword',
        'updateRoleSettings',
      ]);
      expect(stats.matrixRefusals).toBeGreaterThan(100);
      expect(stats.adminOfGlobalAdmin).toBeGreaterThan(10);
      expect(stats.activationsEndedByEligibilityRemoval).toBeGreaterThan(10);
      expect(stats.withoutSession).toBeGreaterThan(1000);
    }
  });
});
