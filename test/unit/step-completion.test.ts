import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../src/grader';
import { completeCount, failingChecks, stepStatus, stepStatuses, whyNotComplete, type StepWithChecks } from '../../src/lesson/completion';
import type { LiveChecks } from '../../src/lesson/liveChecks';

// When a lab step counts as complete (src/lesson/completion.ts): a step with checks when they pass
// in the current attempt, any other step once opened.

const ELIGIBLE = { id: 'eligible', title: 'demouser is eligible' };
const ACTIVATED = { id: 'activated', title: 'demouser activated for at most 8 hours' };
const MFA = { id: 'mfa', title: 'demouser completed MFA' };
const CREATED = { id: 'created', title: 'demouser created a user' };

/** Steps 1–5 of a small lab: 2 leads to eligible, 4 to activated and mfa, 5 to created. */
const STEPS: StepWithChecks[] = [
  { step: 1, checks: [] },
  { step: 2, checks: [ELIGIBLE] },
  { step: 3, checks: [] },
  { step: 4, checks: [ACTIVATED, MFA] },
  { step: 5, checks: [CREATED] },
];

/** A grading of the current attempt in which exactly `passed` pass. */
function graded(passed: string[], attemptId = 'a1'): LiveChecks {
  const all = [ELIGIBLE, ACTIVATED, MFA, CREATED];
  const result = (id: string, title: string): CheckResult =>
    ({ id, title, status: passed.includes(id) ? 'passed' : 'failed', score: 0, maxScore: 20, message: '', steps: [], detail: '', evidence: '', messageParts: [], evidenceParts: [] }) as CheckResult;
  return { kind: 'graded', attemptId, checks: new Map(all.map((c) => [c.id, result(c.id, c.title)])) };
}

const CHECKING: LiveChecks = { kind: 'checking' };
const PROBLEM: LiveChecks = { kind: 'problem', message: 'There is no attempt to check yet.' };

describe('step completion', () => {
  it('a step without checks is complete once opened, whatever the grading', () => {
    for (const live of [CHECKING, PROBLEM, graded([])]) {
      expect(stepStatus(STEPS[0]!, true, live)).toEqual({ kind: 'complete' });
      expect(stepStatus(STEPS[0]!, false, live)).toEqual({ kind: 'notVisited' });
    }
  });

  it('a step with checks is complete only when all of them pass: opening it is not enough', () => {
    const step4 = STEPS[3]!;
    expect(stepStatus(step4, true, graded(['eligible']))).toEqual({ kind: 'visited', why: `not yet: ${ACTIVATED.title}; ${MFA.title}` });
    expect(stepStatus(step4, true, graded(['activated']))).toEqual({ kind: 'visited', why: `not yet: ${MFA.title}` });
    expect(stepStatus(step4, true, graded(['activated', 'mfa']))).toEqual({ kind: 'complete' });
    // The work done from another step counts too: the checks pass, so the step is complete.
    expect(stepStatus(step4, false, graded(['activated', 'mfa']))).toEqual({ kind: 'complete' });
    expect(stepStatus(step4, false, graded(['activated']))).toEqual({ kind: 'notVisited' });
  });

  it('while the grading runs or cannot run, a step with checks is not complete, and says why', () => {
    expect(stepStatus(STEPS[1]!, true, CHECKING)).toEqual({ kind: 'visited', why: 'checking your work' });
    expect(stepStatus(STEPS[1]!, true, PROBLEM)).toEqual({ kind: 'visited', why: 'your work cannot be checked: There is no attempt to check yet.' });
    expect(stepStatus(STEPS[1]!, false, CHECKING)).toEqual({ kind: 'notVisited' });
    expect(failingChecks(STEPS[1]!, CHECKING)).toBeNull();
    expect(whyNotComplete(STEPS[3]!, graded([]))).toBe(`not yet: ${ACTIVATED.title}; ${MFA.title}`);
  });

  it('a check the grading does not know does not pass', () => {
    const unknown: StepWithChecks = { step: 6, checks: [{ id: 'gone', title: 'a check no longer in the lab' }] };
    expect(failingChecks(unknown, graded(['eligible', 'activated', 'mfa', 'created']))).toEqual(['a check no longer in the lab']);
  });

  it('counts complete steps only: every step opened, and the checks of half the work passing', () => {
    const statuses = stepStatuses(STEPS, [1, 2, 3, 4, 5], graded(['eligible', 'activated']));
    expect(statuses.map((s) => s.kind)).toEqual(['complete', 'complete', 'complete', 'visited', 'visited']);
    expect(completeCount(statuses)).toBe(3);
    // Nothing opened and nothing done: none; all done and opened: all.
    expect(completeCount(stepStatuses(STEPS, [], graded([])))).toBe(0);
    expect(completeCount(stepStatuses(STEPS, new Set([5, 4, 3, 2, 1, 1]), graded(['eligible', 'activated', 'mfa', 'created'])))).toBe(5);
    // Steps opened in the attempt that the lab does not have change nothing.
    expect(completeCount(stepStatuses(STEPS, [0, 9], graded([])))).toBe(0);
  });
});
