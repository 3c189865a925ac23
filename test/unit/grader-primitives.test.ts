import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  activationWithin,
  activationWithMfa,
  assignmentExpired,
  compileLab,
  createdUserWhileActive,
  duration,
  ev,
  instant,
  plainText,
  textWithWords,
  eligibleAssignment,
  noStandingActiveRole,
  PRIMITIVES,
  resetPasswordWhileActive,
  type CheckOutcome,
  type Primitive,
} from '../../src/grader';
import { assignmentRequest, durationWords, eligibilityRequest, HOUR_MS, MINUTE_MS, MY_DIRECTORY_SEED, parseDuration, ROLE, schedule, toInstant, type TenantSeedInput } from '../../src/tenant';
import { loadLabs } from '../../src/cli/labs';
import { activate, ADMIN, AttemptRecorder, complete, DEMO, makeEligible, newUser } from '../../scripts/attemptScenarios';

// The check primitives on tenants produced by driving the core, and the lab manifest compiler:
// friendly parameters in, a precise error with the JSON path for a broken lab.json.

const UPN = 'demouser@mydirectory.onmicrosoft.com';

/** Parses params as a lab would, then evaluates on the recorder's tenant. */
function check<P>(p: Primitive<P>, params: Record<string, unknown>, r: AttemptRecorder): CheckOutcome {
  const parsed = p.params.safeParse(params);
  if (!parsed.success) throw new Error(`bad params: ${JSON.stringify(parsed.error.issues)}`);
  return p.evaluate({ state: r.state, entries: r.entries }, parsed.data);
}

const mfa = { type: 'completeMfa', method: 'microsoftAuthenticator' } as const;
const eligibleThenActive = () => new AttemptRecorder().wait(MINUTE_MS).run(ADMIN, makeEligible()).wait(MINUTE_MS).run(DEMO, mfa).run(DEMO, activate());

describe('eligibleAssignment', () => {
  const params = { principal: UPN, role: 'User Administrator' };

  it('passes for an eligibility made through PIM; names principals by sign-in name or object id, roles by name or template id', () => {
    const r = new AttemptRecorder().wait(MINUTE_MS).run(ADMIN, makeEligible());
    expect(check(eligibleAssignment, params, r)).toMatchObject({ passed: true, evidence: expect.stringMatching(/permanently, assigned at .* by admin@mydirectory\.onmicrosoft\.com \(request /) });
    expect(check(eligibleAssignment, { principal: DEMO, role: ROLE.userAdministrator, scope: '/' }, r).passed).toBe(true);
    expect(check(eligibleAssignment, { principal: 'DemoUser@MyDirectory.onmicrosoft.com', role: 'user administrator' }, r).passed).toBe(true);
    expect(check(eligibleAssignment, { principal: UPN, role: 'Helpdesk Administrator' }, r)).toMatchObject({ passed: false, evidence: expect.stringMatching(/no eligible assignment for Helpdesk Administrator .*\(eligible for: User Administrator at "\/"\)/) });
  });

  it('an eligibility from the starting tenant counts only when createdThroughPim is false', () => {
    const seed: TenantSeedInput = { ...MY_DIRECTORY_SEED, id: 'eligible-seed', roleAssignments: [...MY_DIRECTORY_SEED.roleAssignments, { principalId: DEMO, role: 'User Administrator', assignmentType: 'eligible' }] };
    const r = new AttemptRecorder(undefined, seed);
    expect(check(eligibleAssignment, params, r)).toMatchObject({ passed: false, evidence: expect.stringMatching(/comes from the lab's starting tenant/) });
    expect(check(eligibleAssignment, { ...params, createdThroughPim: false }, r)).toMatchObject({ passed: true, evidence: expect.stringMatching(/in the starting tenant/) });
  });

  it('fails for a removed or expired eligibility, and for one that has not started yet', () => {
    const removed = new AttemptRecorder().wait(MINUTE_MS).run(ADMIN, makeEligible()).wait(10 * MINUTE_MS);
    removed.run(ADMIN, eligibilityRequest('adminRemove', { id: 'remove-1', principalId: DEMO, roleDefinitionId: ROLE.userAdministrator }));
    expect(check(eligibleAssignment, params, removed)).toMatchObject({ passed: false, evidence: expect.stringMatching(/was removed before the end/) });

    const timeBound = new AttemptRecorder().wait(MINUTE_MS);
    const end = toInstant(timeBound.nowMs + 2 * HOUR_MS);
    timeBound.run(ADMIN, eligibilityRequest('adminAssign', { id: 'tb', principalId: DEMO, roleDefinitionId: ROLE.userAdministrator, scheduleInfo: schedule(null, end) }));
    expect(check(eligibleAssignment, params, timeBound).passed).toBe(true);
    timeBound.wait(3 * HOUR_MS).run(ADMIN, { type: 'advanceClock' });
    expect(check(eligibleAssignment, params, timeBound)).toMatchObject({ passed: false, evidence: expect.stringMatching(/was expired before the end/) });

    const later = new AttemptRecorder().wait(MINUTE_MS);
    later.run(ADMIN, eligibilityRequest('adminAssign', { id: 'later', principalId: DEMO, roleDefinitionId: ROLE.userAdministrator, scheduleInfo: schedule(toInstant(later.nowMs + HOUR_MS), null) }));
    expect(check(eligibleAssignment, params, later).passed).toBe(false);
  });

  it('an unknown principal fails with evidence, not an exception', () => {
    expect(check(eligibleAssignment, { principal: 'nobody@mydirectory.onmicrosoft.com', role: 'User Administrator' }, new AttemptRecorder())).toEqual({
      passed: false,
      evidence: "There is no user 'nobody@mydirectory.onmicrosoft.com' in the tenant.",
      parts: [{ text: "There is no user 'nobody@mydirectory.onmicrosoft.com' in the tenant." }],
    });
  });
});

describe('activationWithin', () => {
  const params = { principal: UPN, role: 'User Administrator', maxDuration: 'PT8H' };

  it('counts an activation that was deactivated early: it was active', () => {
    const r = eligibleThenActive().wait(30 * MINUTE_MS);
    r.run(DEMO, assignmentRequest('selfDeactivate', { id: 'deactivate', principalId: DEMO, roleDefinitionId: ROLE.userAdministrator }));
    expect(check(activationWithin, params, r)).toMatchObject({ passed: true, evidence: expect.stringMatching(/for PT8H with the reason/) });
  });

  it('compares the granted duration with maxDuration, not the role setting', () => {
    const r = eligibleThenActive();
    expect(check(activationWithin, { ...params, maxDuration: 'PT4H' }, r)).toMatchObject({ passed: false, evidence: expect.stringMatching(/lasted PT8H, over PT4H/) });
    expect(check(activationWithin, { ...params, maxDuration: 'PT8H' }, r).passed).toBe(true);
  });

  it('requires a reason unless requireJustification is false', () => {
    const r = new AttemptRecorder().wait(MINUTE_MS).run(ADMIN, makeEligible());
    r.run(ADMIN, { type: 'updateRoleSettings', roleDefinitionId: ROLE.userAdministrator, settings: { requireJustificationOnActivation: false } });
    r.wait(MINUTE_MS).run(DEMO, mfa).run(DEMO, activate('PT2H', ''));
    expect(check(activationWithin, params, r)).toMatchObject({ passed: false, evidence: expect.stringMatching(/had no reason/) });
    expect(check(activationWithin, { ...params, requireJustification: false }, r).passed).toBe(true);
  });

  it('does not count an activation whose custom start time has not come by the end of the attempt', () => {
    const r = new AttemptRecorder().wait(MINUTE_MS).run(ADMIN, makeEligible()).wait(MINUTE_MS).run(DEMO, mfa);
    r.run(DEMO, { ...activate('PT2H'), scheduleInfo: { startDateTime: toInstant(r.nowMs + HOUR_MS), expiration: { type: 'afterDuration', duration: 'PT2H', endDateTime: null } } });
    expect(check(activationWithin, params, r)).toMatchObject({ passed: false, evidence: expect.stringMatching(/never became active \(Granted\)/) });
    r.wait(2 * HOUR_MS).run(DEMO, { type: 'advanceClock' });
    expect(check(activationWithin, params, r).passed).toBe(true);
  });

  it('fails when there is no activation at all', () => {
    expect(check(activationWithin, params, new AttemptRecorder())).toMatchObject({ passed: false, evidence: `${UPN} never activated User Administrator at directory scope "/".` });
  });
});

describe('activationWithMfa', () => {
  const params = { principal: UPN, role: 'User Administrator' };
  const signIn = { type: 'signIn' } as const;
  const eligible = () => new AttemptRecorder().wait(MINUTE_MS).run(ADMIN, signIn).run(ADMIN, makeEligible()).wait(MINUTE_MS).run(DEMO, signIn);

  it('passes when the session that requested the activation completed MFA after signing in', () => {
    expect(check(activationWithMfa, params, complete())).toMatchObject({ passed: true, evidence: expect.stringMatching(/after completing MFA at .* in the session signed in at /) });
  });

  it('fails when MFA is off in the role settings and the activation came without it', () => {
    const r = new AttemptRecorder().wait(MINUTE_MS).run(ADMIN, signIn).run(ADMIN, makeEligible());
    r.run(ADMIN, { type: 'updateRoleSettings', roleDefinitionId: ROLE.userAdministrator, settings: { requireMfaOnActivation: false } });
    r.wait(MINUTE_MS).run(DEMO, signIn).wait(30_000).run(DEMO, activate());
    expect(check(activationWithin, params, r).passed).toBe(true);
    expect(check(activationWithMfa, params, r)).toMatchObject({ passed: false, evidence: expect.stringMatching(/without multifactor authentication: request .* came from the session signed in at .*, which had not completed MFA/) });
  });

  it('does not count MFA of an earlier session: a later signIn starts a new one', () => {
    const r = eligible().run(DEMO, mfa).wait(MINUTE_MS).run(DEMO, signIn);
    r.run(ADMIN, { type: 'updateRoleSettings', roleDefinitionId: ROLE.userAdministrator, settings: { requireMfaOnActivation: false } });
    r.wait(30_000).run(DEMO, activate());
    expect(check(activationWithMfa, params, r).passed).toBe(false);
  });

  it('fails when there is no activation that became active', () => {
    expect(check(activationWithMfa, params, eligible().run(DEMO, mfa))).toMatchObject({ passed: false, evidence: expect.stringMatching(/no activation of User Administrator at directory scope "\/" that became active/) });
  });
});

describe('createdUserWhileActive', () => {
  const params = { actor: UPN, role: 'User Administrator' };

  it('passes for a user created inside the activation window, even if the activation was deactivated later', () => {
    const r = eligibleThenActive().wait(MINUTE_MS).run(DEMO, newUser(1)).wait(10 * MINUTE_MS);
    r.run(DEMO, assignmentRequest('selfDeactivate', { id: 'deactivate', principalId: DEMO, roleDefinitionId: ROLE.userAdministrator }));
    expect(check(createdUserWhileActive, params, r)).toMatchObject({ passed: true, evidence: expect.stringMatching(/created newstarter1@mydirectory\.onmicrosoft\.com at .*, while User Administrator was active/) });
  });

  it('counts only activations meeting maxDuration / requireJustification when they are given', () => {
    const r = new AttemptRecorder().wait(MINUTE_MS).run(ADMIN, makeEligible());
    r.run(ADMIN, { type: 'updateRoleSettings', roleDefinitionId: ROLE.userAdministrator, settings: { activationMaximumDuration: 'PT10H' } });
    r.wait(MINUTE_MS).run(DEMO, mfa).run(DEMO, activate('PT10H')).wait(MINUTE_MS).run(DEMO, newUser(1));
    expect(check(createdUserWhileActive, params, r).passed).toBe(true);
    expect(check(createdUserWhileActive, { ...params, maxDuration: 'PT8H' }, r)).toMatchObject({ passed: false, evidence: expect.stringMatching(/no activation counts: the activation at .* lasted PT10H, over PT8H/) });
  });

  it('does not count users created by someone else, or under a standing assignment', () => {
    const byAdmin = eligibleThenActive().wait(MINUTE_MS).run(ADMIN, newUser(1));
    expect(check(createdUserWhileActive, params, byAdmin)).toMatchObject({ passed: false, evidence: expect.stringMatching(/created no user; users created: newstarter1@.* by admin@/) });
    const standing = new AttemptRecorder().wait(MINUTE_MS);
    standing.run(ADMIN, assignmentRequest('adminAssign', { id: 'standing', principalId: DEMO, roleDefinitionId: ROLE.userAdministrator, justification: 'x', scheduleInfo: schedule(null, null) }));
    standing.wait(MINUTE_MS).run(DEMO, newUser(1));
    expect(check(createdUserWhileActive, params, standing)).toMatchObject({ passed: false, evidence: expect.stringMatching(/never activated User Administrator: the permission came from elsewhere/) });
  });
});

describe('noStandingActiveRole', () => {
  it('passes with only eligible and activated assignments; fails for a standing one, in force or scheduled', () => {
    expect(check(noStandingActiveRole, { principal: UPN }, eligibleThenActive()).passed).toBe(true);
    const scheduled = new AttemptRecorder().wait(MINUTE_MS);
    scheduled.run(ADMIN, assignmentRequest('adminAssign', { id: 'later', principalId: DEMO, roleDefinitionId: ROLE.helpdeskAdministrator, justification: 'cover', scheduleInfo: schedule(toInstant(scheduled.nowMs + HOUR_MS), toInstant(scheduled.nowMs + 30 * HOUR_MS)) }));
    expect(check(noStandingActiveRole, { principal: UPN }, scheduled)).toMatchObject({ passed: false, evidence: expect.stringMatching(/Helpdesk Administrator at "\/" \(.* – .*, request later\)/) });
    // Only the roles named count, when named.
    expect(check(noStandingActiveRole, { principal: UPN, roles: ['User Administrator'] }, scheduled).passed).toBe(true);
    expect(check(noStandingActiveRole, { principal: UPN, roles: ['Helpdesk Administrator', 'User Administrator'] }, scheduled).passed).toBe(false);
  });

  it('the main account of the seed holds a standing Global Administrator assignment', () => {
    expect(check(noStandingActiveRole, { principal: 'admin@mydirectory.onmicrosoft.com' }, new AttemptRecorder())).toMatchObject({ passed: false, evidence: expect.stringMatching(/Global Administrator at "\/" \(.* – permanent, from the starting tenant\)/) });
  });

  it('a standing assignment that expired before the end no longer counts', () => {
    const r = new AttemptRecorder().wait(MINUTE_MS);
    r.run(ADMIN, assignmentRequest('adminAssign', { id: 'short', principalId: DEMO, roleDefinitionId: ROLE.userAdministrator, justification: 'x', scheduleInfo: schedule(null, toInstant(r.nowMs + HOUR_MS)) }));
    expect(check(noStandingActiveRole, { principal: UPN }, r).passed).toBe(false);
    r.wait(2 * HOUR_MS).run(ADMIN, { type: 'advanceClock' });
    expect(check(noStandingActiveRole, { principal: UPN }, r).passed).toBe(true);
  });
});

describe('eligibleAssignment: time-bound and "at any time"', () => {
  const params = { principal: UPN, role: 'User Administrator' };
  const eligibleFor = (duration: number | null) => {
    const r = new AttemptRecorder().wait(MINUTE_MS);
    const end = duration === null ? null : toInstant(r.nowMs + duration);
    return r.run(ADMIN, eligibilityRequest('adminAssign', { id: 'tb', principalId: DEMO, roleDefinitionId: ROLE.userAdministrator, scheduleInfo: schedule(null, end) }));
  };

  it('maxDuration passes an eligibility that ends in time and fails a longer or permanent one', () => {
    expect(check(eligibleAssignment, { ...params, maxDuration: 'P7D' }, eligibleFor(7 * 24 * HOUR_MS)).passed).toBe(true);
    expect(check(eligibleAssignment, { ...params, maxDuration: 'P7D' }, eligibleFor(8 * 24 * HOUR_MS))).toMatchObject({ passed: false, evidence: expect.stringMatching(/for P8D, but the eligibility must end within P7D/) });
    expect(check(eligibleAssignment, { ...params, maxDuration: 'P7D' }, eligibleFor(null))).toMatchObject({ passed: false, evidence: expect.stringMatching(/permanently, but the eligibility must end within P7D/) });
  });

  it('at "any" counts an eligibility that has since expired; at "end" does not', () => {
    const r = eligibleFor(7 * 24 * HOUR_MS).wait(8 * 24 * HOUR_MS).run(ADMIN, { type: 'advanceClock' });
    expect(check(eligibleAssignment, { ...params, maxDuration: 'P7D', at: 'any' }, r).passed).toBe(true);
    expect(check(eligibleAssignment, { ...params, maxDuration: 'P7D' }, r)).toMatchObject({ passed: false, evidence: expect.stringMatching(/expired before the end/) });
  });
});

describe('resetPasswordWhileActive', () => {
  const password = { length: 12, lowercase: true, uppercase: true, digit: true, symbol: false };
  const reset = (userId: string) => ({ type: 'resetPassword', userId, password, forceChangePasswordNextSignIn: true }) as const;
  const params = { actor: UPN, role: 'User Administrator', maxDuration: 'PT8H' };

  it('passes for a reset during the activation, and fails for one by someone else or when there was none', () => {
    const during = eligibleThenActive().wait(MINUTE_MS).run(ADMIN, newUser(1, 'plain-1')).wait(MINUTE_MS).run(DEMO, reset('plain-1'));
    expect(check(resetPasswordWhileActive, params, during)).toMatchObject({ passed: true, evidence: expect.stringMatching(/reset the password of newstarter1@mydirectory\.onmicrosoft\.com at .*, while User Administrator was active/) });

    const byAdmin = eligibleThenActive().wait(MINUTE_MS).run(ADMIN, newUser(1, 'plain-1')).wait(MINUTE_MS).run(ADMIN, reset('plain-1'));
    expect(check(resetPasswordWhileActive, params, byAdmin)).toMatchObject({ passed: false, evidence: expect.stringMatching(/reset the password of no user; passwords reset: newstarter1@.* by admin@/) });

    const none = eligibleThenActive();
    expect(check(resetPasswordWhileActive, params, none)).toMatchObject({ passed: false, evidence: expect.stringMatching(/reset the password of no user\.$/) });
  });
});

describe('assignmentExpired', () => {
  const params = { principal: UPN, role: 'User Administrator' };

  it('passes once the tenant clock passes an activation\'s end, not when it was deactivated or is still running', () => {
    const running = eligibleThenActive();
    expect(check(assignmentExpired, { ...params, assignment: 'activated' }, running)).toMatchObject({ passed: false, evidence: expect.stringMatching(/has not expired: the tenant clock is at .* and it ends /) });
    running.wait(9 * HOUR_MS).run(ADMIN, { type: 'advanceClock' });
    expect(check(assignmentExpired, { ...params, assignment: 'activated' }, running)).toMatchObject({ passed: true, evidence: expect.stringMatching(/activation of User Administrator .* expired/) });
    expect(check(assignmentExpired, { ...params, assignment: 'eligible' }, running)).toMatchObject({ passed: false, evidence: expect.stringMatching(/ends never \(permanent\)/) });

    const deactivated = eligibleThenActive().wait(10 * MINUTE_MS).run(DEMO, assignmentRequest('selfDeactivate', { id: 'off', principalId: DEMO, roleDefinitionId: ROLE.userAdministrator }));
    deactivated.wait(9 * HOUR_MS).run(ADMIN, { type: 'advanceClock' });
    expect(check(assignmentExpired, { ...params, assignment: 'activated' }, deactivated)).toMatchObject({ passed: false, evidence: expect.stringMatching(/ended early \(deactivated\)/) });
  });

  it('passes for an eligible assignment that reached its end', () => {
    const r = new AttemptRecorder().wait(MINUTE_MS);
    r.run(ADMIN, eligibilityRequest('adminAssign', { id: 'tb', principalId: DEMO, roleDefinitionId: ROLE.userAdministrator, scheduleInfo: schedule(null, toInstant(r.nowMs + 24 * HOUR_MS)) }));
    expect(check(assignmentExpired, { ...params, assignment: 'eligible' }, r).passed).toBe(false);
    r.wait(25 * HOUR_MS).run(ADMIN, { type: 'advanceClock' });
    expect(check(assignmentExpired, { ...params, assignment: 'eligible' }, r)).toMatchObject({ passed: true, evidence: expect.stringMatching(/eligible assignment of User Administrator .* expired/) });
  });
});

describe('compileLab', () => {
  const root = join(import.meta.dirname, '../..');
  const manifest = JSON.parse(readFileSync(join(root, 'labs/pim-eligible-role/lab.json'), 'utf8'));
  const edit = (f: (m: any) => void) => {
    const m = structuredClone(manifest);
    f(m);
    return compileLab(m);
  };
  const error = (f: (m: any) => void) => {
    const r = edit(f);
    if (r.ok) throw new Error('expected a lab error');
    return r.error;
  };

  it('binds each check to its primitive with parsed parameters (role ids, defaults) and steps as a list', () => {
    const r = compileLab(manifest);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.lab.checks[0]!.primitive).toBe(PRIMITIVES.eligibleAssignment);
    expect(r.lab.checks[0]!.params).toEqual({ principal: UPN, role: ROLE.userAdministrator, scope: '/', createdThroughPim: true, at: 'end' });
    expect(r.lab.checks[4]!.params).toEqual({ principal: UPN });
    expect(r.lab.checks[1]!.steps).toEqual(['12-activate-the-role']);
  });

  it('refuses a broken lab.json with the JSON path of the problem', () => {
    expect(error((m) => (m.checks[0].primitive = 'eligibleAsignment'))).toEqual({ path: '$.checks[0].primitive', message: expect.stringMatching(/'eligibleAsignment' is not a check primitive \(known: eligibleAssignment, /) });
    expect(error((m) => (m.checks[1].params.role = 'User Admin'))).toEqual({ path: '$.checks[1].params.role', message: expect.stringMatching(/'User Admin' is not a built-in Microsoft Entra role/) });
    expect(error((m) => (m.checks[1].params.maxDuraton = 'PT8H'))).toEqual({ path: '$.checks[1].params.maxDuraton', message: 'unexpected field' });
    expect(error((m) => (m.checks[1].params.maxDuration = '8h'))).toMatchObject({ path: '$.checks[1].params.maxDuration', message: expect.stringMatching(/ISO 8601 duration/) });
    expect(error((m) => (m.checks[2].id = m.checks[0].id))).toEqual({ path: '$.checks[2].id', message: "the check id 'eligible-user-administrator' is used twice" });
    expect(error((m) => (m.checks[2].points = -5))).toMatchObject({ path: '$.checks[2].points' });
    expect(error((m) => (m.checks[2].step = '14'))).toMatchObject({ path: '$.checks[2].step' });
    expect(error((m) => delete m.checks[4].detail)).toMatchObject({ path: '$.checks[4].detail', message: expect.stringMatching(/is missing/) });
    expect(error((m) => (m.seedId = 'nope'))).toMatchObject({ path: '$.seedId', message: expect.stringMatching(/either "seedId" .* or "startingTenant"/) });
    expect(error((m) => ((m.seedId = 'nope'), delete m.startingTenant))).toMatchObject({ path: '$.seedId', message: expect.stringMatching(/not a tenant seed \(known: my-directory-v1\)/) });
    expect(error((m) => delete m.startingTenant)).toMatchObject({ path: '$.startingTenant', message: expect.stringMatching(/needs a starting tenant/) });
    expect(error((m) => (m.checks = []))).toMatchObject({ path: '$.checks', message: expect.stringMatching(/at least 1 item/) });
    expect(error((m) => (m.startingTenant.roleAssignments[0].role = 'Global Admin'))).toMatchObject({ path: '$.startingTenant.roleAssignments[0].role', message: expect.stringMatching(/'Global Admin' is not a built-in/) });
    expect(error((m) => (m.startingTenant.roleAssignments[0].principalId = 'nobody@mydirectory.onmicrosoft.com'))).toMatchObject({
      path: '$.startingTenant.roleAssignments[0].principalId',
      message: expect.stringMatching(/not a user of the starting tenant/),
    });
    // The seed lab's tenant keeps the built-in seed's id, so it must stay that very tenant.
    expect(error((m) => (m.startingTenant.users[1].displayName = 'Demo'))).toMatchObject({ path: '$.startingTenant.id', message: expect.stringMatching(/built-in tenant seed/) });
    expect(error((m) => (m.solution = []))).toMatchObject({ path: '$.solution' });
  });

  it('checks "requires": other checks of the lab, not itself, without a cycle', () => {
    const ids = (m: any) => m.checks.map((c: any) => c.id);
    expect(error((m) => (m.checks[1].requires = ['no-such-check']))).toEqual({ path: '$.checks[1].requires[0]', message: expect.stringMatching(/^'no-such-check' is not a check of this lab \(checks: eligible-user-administrator, /) });
    expect(error((m) => (m.checks[1].requires = [ids(m)[1]]))).toEqual({ path: '$.checks[1].requires[0]', message: "the check 'activated-within-8-hours' cannot require itself" });
    expect(error((m) => ((m.checks[0].requires = [ids(m)[1]]), (m.checks[1].requires = [ids(m)[2]]), (m.checks[2].requires = [ids(m)[0]])))).toEqual({
      path: '$.checks[2].requires[0]',
      message: "the checks' requires form a cycle (eligible-user-administrator → activated-within-8-hours → activated-with-mfa → eligible-user-administrator): no attempt could pass them",
    });
    expect(error((m) => (m.checks[1].requires = 'x'))).toMatchObject({ path: '$.checks[1].requires' });
    const r = edit((m) => (m.checks[1].requires = [ids(m)[0]]));
    expect(r.ok && r.lab.checks[1]!.requires).toEqual(['eligible-user-administrator']);
  });

  it('checks steps against the lab folder when given its step slugs', () => {
    const slugs = ['04-open-add-assignments', '05-select-user-administrator', '06-assign-as-eligible', '07-check-the-eligible-assignment', '12-activate-the-role', '14-create-a-user-as-demouser'];
    expect(compileLab(manifest, { stepSlugs: slugs }).ok).toBe(true);
    const r = compileLab(manifest, { stepSlugs: slugs.slice(1) });
    expect(!r.ok && r.error).toEqual({ path: '$.checks[0].step', message: "'04-open-add-assignments' is not a step of lab 'pim-eligible-role' (no 04-open-add-assignments.mdx in its folder)" });
  });

  it('every labs/<id>/lab.json compiles, its steps being files of its folder (as the CLI loads them)', () => {
    const loaded = loadLabs(root);
    // Every folder under labs/ with a manifest.
    const folders = readdirSync(join(root, 'labs'), { withFileTypes: true })
      .filter((d) => d.isDirectory() && existsSync(join(root, 'labs', d.name, 'lab.json')))
      .map((d) => d.name);
    expect(folders).toContain('pim-eligible-role');
    expect(loaded.ok && [...loaded.labs.keys()].sort()).toEqual(folders.sort());
  });

  it('grades complete() with the compiled lab at 100 (the lab and the scenarios agree)', () => {
    const r = compileLab(manifest);
    if (!r.ok) throw new Error(r.error.message);
    const done = complete();
    for (const c of r.lab.checks) expect(c.primitive.evaluate({ state: done.state, entries: done.entries }, c.params).passed, c.id).toBe(true);
  });
});

describe('durations in words', () => {
  it('words an ISO duration as a person reads it, units from days down, milliseconds kept', () => {
    const words = (iso: string) => durationWords(parseDuration(iso)!);
    expect(words('PT1H')).toBe('1 hour');
    expect(words('PT8H')).toBe('8 hours');
    expect(words('PT2H30M')).toBe('2 hours 30 minutes');
    expect(words('P7D')).toBe('7 days');
    expect(words('P1DT1M')).toBe('1 day 1 minute');
    expect(words('PT5M')).toBe('5 minutes');
    expect(words('PT1S')).toBe('1 second');
    expect(words('PT45S')).toBe('45 seconds');
    expect(words('PT0S')).toBe('0 seconds');
    // Just over a limit never reads as the limit.
    expect(durationWords(8 * HOUR_MS + 400)).toBe('8 hours 0.4 seconds');
    expect(durationWords(Infinity)).toBe('without end');
  });
});

describe('structured evidence', () => {
  it('a tagged sentence keeps instants and durations as parts; the plain text is the ISO form reports always had', () => {
    const parts = ev`activated at ${instant(Date.UTC(2026, 11, 2, 7, 56, 46, 599))} for ${duration(HOUR_MS)}; the limit is ${duration('PT8H')}.`;
    expect(parts).toEqual([{ text: 'activated at ' }, { instant: '2026-12-02T07:56:46.599Z' }, { text: ' for ' }, { duration: 'PT1H' }, { text: '; the limit is ' }, { duration: 'PT8H' }, { text: '.' }]);
    expect(plainText(parts)).toBe('activated at 2026-12-02T07:56:46.599Z for PT1H; the limit is PT8H.');
    expect(textWithWords(parts)).toBe('activated at 2026-12-02T07:56:46.599Z for PT1H (1 hour); the limit is PT8H (8 hours).');
    // Nested sentences flatten, adjacent text merges.
    expect(ev`a ${ev`b ${'c'}`} d`).toEqual([{ text: 'a b c d' }]);
  });

  it("every primitive's evidence is its parts' plain text, with the attempt's times and durations as typed parts", () => {
    const r = complete();
    const activation = check(activationWithin, { principal: UPN, role: 'User Administrator', maxDuration: 'PT8H' }, r);
    expect(activation.passed).toBe(true);
    expect(activation.parts).toContainEqual({ duration: 'PT8H' });
    expect(activation.parts.some((p) => 'instant' in p && /^\d{4}-\d\d-\d\dT.*Z$/.test(p.instant))).toBe(true);
    expect(activation.evidence).toBe(plainText(activation.parts));
    expect(activation.evidence).toMatch(/ at \d{4}-\d\d-\d\dT\S+Z for PT8H with the reason .*; the limit is PT8H\.$/);

    const tooLong = check(activationWithin, { principal: UPN, role: 'User Administrator', maxDuration: 'PT4H' }, r);
    expect(tooLong).toMatchObject({ passed: false, evidence: expect.stringMatching(/lasted PT8H, over PT4H/) });
    expect(textWithWords(tooLong.parts)).toMatch(/lasted PT8H \(8 hours\), over PT4H \(4 hours\)/);

    for (const [name, p] of Object.entries(PRIMITIVES)) {
      const params = name === 'noStandingActiveRole' ? { principal: UPN } : name.endsWith('WhileActive') ? { actor: UPN, role: 'User Administrator' } : name === 'assignmentExpired' ? { principal: UPN, role: 'User Administrator', assignment: 'activated' } : { principal: UPN, role: 'User Administrator' };
      const o = check(p, params, r);
      expect(o.evidence, name).toBe(plainText(o.parts));
      expect(o.parts.length, name).toBeGreaterThan(0);
    }
  });
});
