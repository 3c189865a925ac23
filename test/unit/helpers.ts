import {
  activationRequest,
  createTenant,
  createUserCommand,
  DEMO_USER_ID,
  eligibilityRequest,
  execute,
  MAIN_ACCOUNT_ID,
  MY_DIRECTORY_SEED,
  parseInstant,
  ROLE,
  toInstant,
  type Command,
  type ExecuteResult,
  type TenantState,
} from '../../src/tenant';

export const START = '2025-02-26T16:39:49Z';
export const ADMIN = MAIN_ACCOUNT_ID;
export const DEMO = DEMO_USER_ID;
export { ROLE };

/** A tiny driver over the pure core: keeps the state and the clock like the store will. */
export class Lab {
  state: TenantState;
  nowMs: number;
  seq = 0;
  constructor(start = START) {
    this.state = createTenant(MY_DIRECTORY_SEED, start);
    this.nowMs = parseInstant(start)!;
  }
  get now() {
    return toInstant(this.nowMs);
  }
  advance(ms: number) {
    this.nowMs += ms;
    return this;
  }
  /** Like the portal, sign an actor in before their first command (false: test the session rule itself). */
  autoSignIn = true;
  run(actor: string, command: Command): ExecuteResult {
    // Through `this.run`, so that a subclass recording the log records the sign-in too.
    if (this.autoSignIn && command.type !== 'signIn' && !this.state.sessions.has(actor) && this.state.users.get(actor)?.accountEnabled)
      this.run(actor, { type: 'signIn' });
    const result = execute(this.state, { seq: this.seq, at: this.now, actor, command });
    if (result.ok) {
      this.state = result.state;
      this.seq += 1;
    }
    return result;
  }
  /** Runs and expects success; returns the events. */
  must(actor: string, command: Command) {
    const r = this.run(actor, command);
    if (!r.ok) throw new Error(`${command.type} by ${actor} failed: ${r.error.code}: ${r.error.message}`);
    return r.events;
  }
}

export const newUser = (n: string | number, password = 'Passw0rd!x') =>
  createUserCommand({ id: `user-${n}`, userPrincipalName: `user${n}@mydirectory.onmicrosoft.com`, displayName: `User ${n}`, password });

export const makeDemoEligible = (id = 'req-eligible', roleDefinitionId: string = ROLE.userAdministrator) =>
  eligibilityRequest('adminAssign', {
    id,
    principalId: DEMO,
    roleDefinitionId,
    scheduleInfo: { startDateTime: null, expiration: { type: 'noExpiration', endDateTime: null, duration: null } },
  });

export const activate = (id = 'req-activate', duration = 'PT8H', justification = 'Create onboarding accounts', roleDefinitionId: string = ROLE.userAdministrator) =>
  activationRequest({ id, principalId: DEMO, roleDefinitionId, duration, justification });
