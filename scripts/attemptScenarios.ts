import {
  activationRequest,
  assignmentRequest,
  createTenant,
  createUserCommand,
  DEMO_USER_ID,
  eligibilityRequest,
  execute,
  HOUR_MS,
  MAIN_ACCOUNT_ID,
  MINUTE_MS,
  MY_DIRECTORY_SEED,
  parseInstant,
  ROLE,
  schedule,
  toInstant,
  type Command,
  type LogEntry,
  type TenantSeedInput,
  type TenantState,
} from '../src/tenant';
import type { AttemptMeta } from '../src/grader';

// Attempts of the seed lab (labs/pim-eligible-role), produced by DRIVING THE TENANT CORE with the
// portal's command builders: every entry of a scenario is one the rules accepted when it was
// recorded, as in the browser. scripts/gen-attempt-fixtures.ts writes them (and forgeries made from
// them) to test/fixtures/attempts/; bench/grader.ts grades `typicalAttempt`.

export const LAB_ID = 'pim-eligible-role';
export const START = '2025-02-26T16:39:49Z';
export const ADMIN = MAIN_ACCOUNT_ID;
export const DEMO = DEMO_USER_ID;
const PASSWORD = 'Onboard!2025';

/** Keeps the tenant and its clock like the portal's attempt session, and records each accepted command. */
export class AttemptRecorder {
  state: TenantState;
  nowMs: number;
  readonly entries: LogEntry[] = [];

  constructor(
    readonly startAt = START,
    readonly seed: TenantSeedInput = MY_DIRECTORY_SEED,
  ) {
    this.state = createTenant(seed, startAt);
    this.nowMs = parseInstant(startAt)!;
  }

  /** Lets time pass before the next command. */
  wait(ms: number): this {
    this.nowMs += ms;
    return this;
  }

  /** Runs a command now; a scenario only records what the rules accept, so a refusal is a bug here. */
  run(actor: string, command: Command): this {
    // Like the portal (PortalContext's send): an account acting for the first time signs in first.
    if (command.type !== 'signIn' && !this.state.sessions.has(actor) && this.state.users.get(actor)?.accountEnabled) this.run(actor, { type: 'signIn' });
    const entry: LogEntry = { seq: this.entries.length, at: toInstant(this.nowMs), actor, command };
    const result = execute(this.state, entry);
    if (!result.ok) throw new Error(`scenario bug: ${command.type} by ${actor} at ${entry.at} refused: ${result.error.code}: ${result.error.message}`);
    this.state = result.state;
    this.entries.push(entry);
    return this;
  }

  meta(appVersion: string): AttemptMeta {
    return { labId: LAB_ID, appVersion, seedId: this.seed.id, startAt: this.startAt };
  }
}

// Ids are chosen by the portal (crypto.randomUUID()); fixed ones keep the fixtures reproducible.
export const IDS = {
  eligibility: '6f1c2a90-3b7e-4d51-9a2c-0e8f4b7d1a01',
  activation: '6f1c2a90-3b7e-4d51-9a2c-0e8f4b7d1a02',
  activation2: '6f1c2a90-3b7e-4d51-9a2c-0e8f4b7d1a03',
  activeAssignment: '6f1c2a90-3b7e-4d51-9a2c-0e8f4b7d1a04',
  newUser: '6f1c2a90-3b7e-4d51-9a2c-0e8f4b7d1a05',
} as const;

const REASON = 'Create accounts for the new starters in HR';

export const makeEligible = () =>
  eligibilityRequest('adminAssign', { id: IDS.eligibility, principalId: DEMO, roleDefinitionId: ROLE.userAdministrator, scheduleInfo: schedule(null, null) });

export const activate = (duration = 'PT8H', justification = REASON, id: string = IDS.activation) =>
  activationRequest({ id, principalId: DEMO, roleDefinitionId: ROLE.userAdministrator, duration, justification });

export const newUser = (n = 1, id: string = IDS.newUser) =>
  createUserCommand({ id, userPrincipalName: `newstarter${n}@mydirectory.onmicrosoft.com`, displayName: `New Starter ${n}`, password: PASSWORD });

/** Steps 1–9 of the lesson: switching accounts to look around, and the eligible assignment. */
function lookAroundAndMakeEligible(r: AttemptRecorder): AttemptRecorder {
  return r
    .wait(30_000).run(DEMO, { type: 'signIn' }) // step 1: switch to demouser
    .wait(MINUTE_MS).run(ADMIN, { type: 'signIn' }) // step 2: demouser has no role
    .wait(MINUTE_MS).run(DEMO, { type: 'signIn' }) // step 3: demouser cannot create users (refused, not logged)
    .wait(MINUTE_MS).run(ADMIN, { type: 'signIn' }) // step 4: Add assignments
    .wait(2 * MINUTE_MS).run(ADMIN, makeEligible()) // steps 5–6: User Administrator, Eligible, Assign
    .wait(2 * MINUTE_MS).run(DEMO, { type: 'signIn' }); // step 9: demouser sees the eligible role
}

/** The whole lab done right. */
export function complete(): AttemptRecorder {
  return lookAroundAndMakeEligible(new AttemptRecorder())
    .wait(MINUTE_MS).run(DEMO, { type: 'completeMfa', method: 'microsoftAuthenticator' }) // step 12: Additional verification
    .wait(30_000).run(DEMO, activate()) // step 12: Activate, 8 hours, with a reason
    .wait(2 * MINUTE_MS).run(DEMO, newUser()); // step 14
}

/** Step 6 done wrong: User Administrator assigned as Active (standing) instead of Eligible. */
export function activeInsteadOfEligible(): AttemptRecorder {
  const r = new AttemptRecorder()
    .wait(30_000).run(DEMO, { type: 'signIn' })
    .wait(MINUTE_MS).run(ADMIN, { type: 'signIn' })
    .wait(2 * MINUTE_MS)
    .run(ADMIN, assignmentRequest('adminAssign', { id: IDS.activeAssignment, principalId: DEMO, roleDefinitionId: ROLE.userAdministrator, justification: 'demouser creates accounts', scheduleInfo: schedule(null, null) }));
  // demouser can create users at once, without activating anything.
  return r.wait(2 * MINUTE_MS).run(DEMO, { type: 'signIn' }).wait(MINUTE_MS).run(DEMO, newUser());
}

/** Eligible, but demouser never activates (and so cannot create the user). */
export function noActivation(): AttemptRecorder {
  return lookAroundAndMakeEligible(new AttemptRecorder()).wait(MINUTE_MS).run(DEMO, { type: 'completeMfa', method: 'microsoftAuthenticator' });
}

/** Eligible and activated, but the main account creates the user instead of demouser. */
export function adminCreatesUser(): AttemptRecorder {
  return lookAroundAndMakeEligible(new AttemptRecorder())
    .wait(MINUTE_MS).run(DEMO, { type: 'completeMfa', method: 'microsoftAuthenticator' })
    .wait(30_000).run(DEMO, activate())
    .wait(MINUTE_MS).run(ADMIN, { type: 'signIn' })
    .wait(MINUTE_MS).run(ADMIN, newUser());
}

/**
 * The user is created after the lab's activation (1 hour, with a reason) expired. The rules allow a
 * later creation only through another grant: here the main account relaxes the role setting and
 * demouser activates again, for 10 hours without a reason, then creates the user.
 */
export function userCreatedAfterActivationExpired(): AttemptRecorder {
  return lookAroundAndMakeEligible(new AttemptRecorder())
    .wait(MINUTE_MS).run(DEMO, { type: 'completeMfa', method: 'microsoftAuthenticator' })
    .wait(30_000).run(DEMO, activate('PT1H'))
    .wait(2 * HOUR_MS).run(ADMIN, { type: 'signIn' }) // the activation expired an hour ago
    .wait(MINUTE_MS)
    .run(ADMIN, { type: 'updateRoleSettings', roleDefinitionId: ROLE.userAdministrator, settings: { activationMaximumDuration: 'PT10H', requireJustificationOnActivation: false } })
    .wait(MINUTE_MS).run(DEMO, { type: 'signIn' })
    .wait(30_000).run(DEMO, { type: 'completeMfa', method: 'microsoftAuthenticator' })
    .wait(30_000).run(DEMO, activate('PT10H', '', IDS.activation2))
    .wait(MINUTE_MS).run(DEMO, newUser());
}

/** The role setting allows 10 hours and demouser takes them: longer than the lab's 8 hours. */
export function activatedTooLong(): AttemptRecorder {
  return lookAroundAndMakeEligible(new AttemptRecorder())
    .wait(MINUTE_MS)
    .run(ADMIN, { type: 'updateRoleSettings', roleDefinitionId: ROLE.userAdministrator, settings: { activationMaximumDuration: 'PT10H' } })
    .wait(MINUTE_MS).run(DEMO, { type: 'signIn' })
    .wait(MINUTE_MS).run(DEMO, { type: 'completeMfa', method: 'microsoftAuthenticator' })
    .wait(30_000).run(DEMO, activate('PT10H'))
    .wait(2 * MINUTE_MS).run(DEMO, newUser());
}

/**
 * A typical attempt of ~50 events for the benchmark: the lab done right by a learner who looks
 * around (many account switches), creates several users and resets a password while active,
 * deactivates early, activates again the next day and lets that activation expire.
 */
export function typicalAttempt(startAt = START): AttemptRecorder {
  const r = lookAroundAndMakeEligible(new AttemptRecorder(startAt));
  r.wait(MINUTE_MS).run(DEMO, { type: 'completeMfa', method: 'microsoftAuthenticator' }).wait(30_000).run(DEMO, activate('PT4H'));
  for (let i = 1; i <= 6; i++) {
    r.wait(2 * MINUTE_MS).run(DEMO, newUser(i, `typical-user-${i}`));
    r.wait(MINUTE_MS).run(ADMIN, { type: 'signIn' }).wait(MINUTE_MS).run(DEMO, { type: 'signIn' });
  }
  r.wait(MINUTE_MS).run(DEMO, { type: 'resetPassword', userId: 'typical-user-1', password: { length: 12, lowercase: true, uppercase: true, digit: true, symbol: false }, forceChangePasswordNextSignIn: true });
  r.wait(5 * MINUTE_MS).run(DEMO, assignmentRequest('selfDeactivate', { id: 'typical-deactivate-1', principalId: DEMO, roleDefinitionId: ROLE.userAdministrator }));
  r.wait(20 * HOUR_MS).run(DEMO, { type: 'signIn' }).wait(MINUTE_MS).run(DEMO, { type: 'completeMfa', method: 'microsoftAuthenticator' });
  r.wait(MINUTE_MS).run(DEMO, activate('PT2H', 'Second batch of new starters', 'typical-activation-2'));
  for (let i = 7; i <= 12; i++) {
    r.wait(3 * MINUTE_MS).run(DEMO, newUser(i, `typical-user-${i}`));
    r.wait(MINUTE_MS).run(ADMIN, { type: 'signIn' }).wait(MINUTE_MS).run(DEMO, { type: 'signIn' });
  }
  r.wait(3 * HOUR_MS).run(ADMIN, { type: 'signIn' }).wait(MINUTE_MS).run(ADMIN, { type: 'advanceClock' });
  return r;
}
