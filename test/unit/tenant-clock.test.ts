import { describe, expect, it } from 'vitest';
import { createTenant, execute, HOUR_MS, MAIN_ACCOUNT_ID, MY_DIRECTORY_SEED, parseInstant, toInstant } from '../../src/tenant';
import { clockLead, tenantTime } from '../../src/portal/runtime/clock';

// The portal's tenant clock after time travel: ahead of the wall clock by the travelled time, still
// running, and never behind the tenant's last command (the core refuses time running backwards).

const wall = parseInstant('2025-02-26T16:40:00Z')!;

describe('tenant clock', () => {
  it('follows the wall clock when nobody travelled', () => {
    const inputs = { nowMs: wall - 5000, updatedAt: new Date(wall - 5000).toISOString() };
    expect(clockLead(inputs)).toBe(0);
    expect(tenantTime(wall, inputs)).toBe(wall);
  });

  it('keeps running from the new time after an advanceClock, and accepts the next command', () => {
    let state = createTenant(MY_DIRECTORY_SEED, toInstant(wall));
    // Moving the clock is a command like any other: the account signs in first.
    const signedIn = execute(state, { seq: 0, at: toInstant(wall), actor: MAIN_ACCOUNT_ID, command: { type: 'signIn' } });
    if (!signedIn.ok) throw new Error(signedIn.error.message);
    state = signedIn.state;
    const travelledTo = wall + 2 * HOUR_MS;
    const moved = execute(state, { seq: 1, at: toInstant(travelledTo), actor: MAIN_ACCOUNT_ID, command: { type: 'advanceClock' } });
    expect(moved.ok).toBe(true);
    if (!moved.ok) return;
    state = moved.state;
    // The log was written at wall time `wall`; ten wall minutes later the tenant is 2 h 10 min on.
    const inputs = { nowMs: state.nowMs, updatedAt: new Date(wall).toISOString() };
    expect(clockLead(inputs)).toBe(2 * HOUR_MS);
    const later = tenantTime(wall + 10 * 60_000, inputs);
    expect(later).toBe(travelledTo + 10 * 60_000);
    const next = execute(state, { seq: 2, at: toInstant(later), actor: MAIN_ACCOUNT_ID, command: { type: 'signIn' } });
    expect(next.ok).toBe(true);
  });

  it('never runs behind the last command, even if the wall clock goes back', () => {
    const inputs = { nowMs: wall, updatedAt: new Date(wall).toISOString() };
    expect(tenantTime(wall - HOUR_MS, inputs)).toBe(wall);
    expect(tenantTime(wall, { nowMs: wall, updatedAt: 'not a date' })).toBe(wall);
  });
});
