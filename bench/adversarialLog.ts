import {
  createTenant,
  DAY_MS,
  DEMO_USER_ID,
  eligibilityRequest,
  MAIN_ACCOUNT_ID,
  MY_DIRECTORY_SEED,
  parseInstant,
  ROLE,
  schedule,
  toInstant,
  type LogEntry,
  type TenantState,
} from '../src/tenant';

const SECOND_MS = 1000;

// Logs shaped to make replay slow if any rule scans what came before (issue 9, row 2): built by
// hand, entry by entry, since executing each through the core to check it would itself be the
// quadratic loop under test. Every entry is one the rules accept; the bench and
// test/unit/replay-linear.test.ts replay them and require that.

export const ADVERSARIAL_START = '2025-02-26T16:39:49Z';

/** The first entry: the main account signs in (the core refuses commands without a session). */
function signIn(startMs: number): LogEntry {
  return { seq: 0, at: toInstant(startMs), actor: MAIN_ACCOUNT_ID, command: { type: 'signIn' } };
}

/**
 * The main account makes the demo user eligible for User Administrator `count - 1` times, each
 * eligibility in its own future one-day window (day 1, day 2, …), one command a second: every new
 * eligibility is checked for overlap against all the others, and each adds a due time.
 */
export function futureEligibilitiesLog(count: number, start = ADVERSARIAL_START): { initial: TenantState; entries: LogEntry[] } {
  const initial = createTenant(MY_DIRECTORY_SEED, start);
  const startMs = parseInstant(start)!;
  const entries: LogEntry[] = [signIn(startMs)];
  for (let i = 1; i < count; i++) {
    entries.push({
      seq: i,
      at: toInstant(startMs + i * SECOND_MS),
      actor: MAIN_ACCOUNT_ID,
      command: eligibilityRequest('adminAssign', {
        id: `window-${i}`,
        principalId: DEMO_USER_ID,
        roleDefinitionId: ROLE.userAdministrator,
        scheduleInfo: schedule(toInstant(startMs + i * DAY_MS), toInstant(startMs + (i + 1) * DAY_MS)),
      }),
    });
  }
  return { initial, entries };
}

/**
 * `schedules` future one-day eligibilities as above, then the clock walked a day at a time through
 * all of them: every advance starts one eligibility and ends the one before, so each tick has due
 * times to find among thousands that are not due yet.
 */
export function walkedSchedulesLog(schedules: number, start = ADVERSARIAL_START): { initial: TenantState; entries: LogEntry[] } {
  const { initial, entries } = futureEligibilitiesLog(schedules + 1, start);
  const startMs = parseInstant(start)!;
  for (let day = 1; day <= schedules + 1; day++) {
    entries.push({ seq: entries.length, at: toInstant(startMs + day * DAY_MS + 12 * 3600 * SECOND_MS), actor: MAIN_ACCOUNT_ID, command: { type: 'advanceClock' } });
  }
  return { initial, entries };
}
