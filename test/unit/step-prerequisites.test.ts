import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../src/grader';
import type { LiveChecks } from '../../src/lesson/liveChecks';
import { firstMissing, type EarlierStep } from '../../src/lesson/StepPrerequisites';

// A step page says when it builds on earlier work that is not done: firstMissing picks the first
// earlier step (with checks) whose checks do not all pass in the current attempt's grading.

const ELIGIBLE = { id: 'eligible', title: 'demouser is eligible' };
const ACTIVATED = { id: 'activated', title: 'demouser activated for at most 8 hours' };
const MFA = { id: 'mfa', title: 'demouser completed MFA' };

/** A grading of the current attempt in which exactly `passed` pass. */
function graded(passed: string[]): LiveChecks {
  const result = (id: string, title: string): CheckResult =>
    ({ id, title, status: passed.includes(id) ? 'passed' : 'failed', score: 0, maxScore: 20, message: '', steps: [], detail: '', evidence: '', messageParts: [], evidenceParts: [] }) as CheckResult;
  return { kind: 'graded', attemptId: 'a1', checks: new Map([ELIGIBLE, ACTIVATED, MFA].map((c) => [c.id, result(c.id, c.title)])) };
}

const CHECKING: LiveChecks = { kind: 'checking' };
const PROBLEM: LiveChecks = { kind: 'problem', message: 'There is no attempt to check yet.' };

describe('firstMissing (the work a step builds on)', () => {
  const from = (step: number) => ({ step, title: `Step ${step}`, href: `/labs/x/0${step}/` });
  const EARLIER: EarlierStep[] = [
    { step: 2, title: 'Assign', checks: [ELIGIBLE], from: from(1) },
    { step: 4, title: 'Activate', checks: [ACTIVATED, MFA], from: from(3) },
  ];

  it('is nothing while the grading is not known, or when every earlier check passes', () => {
    expect(firstMissing(EARLIER, CHECKING)).toBeUndefined();
    expect(firstMissing(EARLIER, PROBLEM)).toBeUndefined();
    expect(firstMissing(EARLIER, graded(['eligible', 'activated', 'mfa']))).toBeUndefined();
    expect(firstMissing([], graded([]))).toBeUndefined();
  });

  it('is the first earlier step with a failing check, with the titles of those that fail', () => {
    expect(firstMissing(EARLIER, graded([]))).toEqual({ step: EARLIER[0], failing: [ELIGIBLE.title] });
    expect(firstMissing(EARLIER, graded(['eligible', 'mfa']))).toEqual({ step: EARLIER[1], failing: [ACTIVATED.title] });
    // A later step's work done does not hide an earlier step's work missing.
    expect(firstMissing(EARLIER, graded(['activated', 'mfa']))).toEqual({ step: EARLIER[0], failing: [ELIGIBLE.title] });
  });
});
