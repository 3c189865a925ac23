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
  toInstant,
  type Command,
  type LogEntry,
  type TenantState,
} from '../src/tenant';

/**
 * A realistic long attempt, produced by the core itself (so every entry is one the rules accept):
 * the seed lab's story again and again — the admin creates users and makes them eligible, each user
 * signs in, completes MFA, activates with a reason, creates users while active, deactivates or lets
 * the activation expire — until `count` entries.
 */
export const BENCH_START = '2025-02-26T16:39:49Z';

export function generateLog(count: number, start = BENCH_START): { initial: TenantState; entries: LogEntry[] } {
  const initial = createTenant(MY_DIRECTORY_SEED, start);
  let state = initial;
  let nowMs = parseInstant(start)!;
  const entries: LogEntry[] = [];
  const run = (actor: string, command: Command) => {
    if (entries.length >= count) return;
    const entry: LogEntry = { seq: entries.length, at: toInstant(nowMs), actor, command };
    const result = execute(state, entry);
    if (!result.ok) throw new Error(`generator bug at entry ${entries.length} (${command.type}): ${result.error.message}`);
    state = result.state;
    entries.push(entry);
  };
  // The core refuses a command by an account that has not signed in.
  run(MAIN_ACCOUNT_ID, { type: 'signIn' });
  let cycle = 0;
  const password = 'Passw0rd!x';
  const users = [DEMO_USER_ID];
  while (entries.length < count) {
    cycle += 1;
    // Every few cycles a new learner account joins and is made eligible.
    if (cycle % 4 === 1) {
      const id = `bench-user-${cycle}`;
      run(MAIN_ACCOUNT_ID, createUserCommand({ id, userPrincipalName: `bench${cycle}@mydirectory.onmicrosoft.com`, displayName: `Bench ${cycle}`, password }));
      nowMs += MINUTE_MS;
      run(MAIN_ACCOUNT_ID, eligibilityRequest('adminAssign', { id: `elig-${cycle}`, principalId: id, roleDefinitionId: ROLE.userAdministrator, scheduleInfo: { startDateTime: null, expiration: { type: 'noExpiration', endDateTime: null, duration: null } } }));
      users.push(id);
    }
    if (cycle === 1) {
      run(MAIN_ACCOUNT_ID, eligibilityRequest('adminAssign', { id: 'elig-demo', principalId: DEMO_USER_ID, roleDefinitionId: ROLE.userAdministrator, scheduleInfo: { startDateTime: null, expiration: { type: 'noExpiration', endDateTime: null, duration: null } } }));
    }
    const actor = users[cycle % users.length]!;
    nowMs += 10 * MINUTE_MS;
    run(actor, { type: 'signIn' });
    run(actor, { type: 'completeMfa', method: 'microsoftAuthenticator' });
    run(actor, activationRequest({ id: `act-${cycle}`, principalId: actor, roleDefinitionId: ROLE.userAdministrator, duration: 'PT8H', justification: `Onboarding batch ${cycle}` }));
    for (let i = 0; i < 3; i++) {
      nowMs += 2 * MINUTE_MS;
      run(actor, createUserCommand({ id: `new-${cycle}-${i}`, userPrincipalName: `new${cycle}x${i}@mydirectory.onmicrosoft.com`, displayName: `New ${cycle}.${i}`, password }));
    }
    if (cycle % 2 === 0) {
      nowMs += 10 * MINUTE_MS;
      run(actor, assignmentRequest('selfDeactivate', { id: `deact-${cycle}`, principalId: actor, roleDefinitionId: ROLE.userAdministrator }));
    } else {
      nowMs += 9 * HOUR_MS;
      run(actor, { type: 'advanceClock' });
    }
  }
  return { initial, entries };
}
