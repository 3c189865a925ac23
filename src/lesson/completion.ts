import type { LiveChecks } from './liveChecks';

// When a lab step counts as complete (pure: no React, no store). A step whose frontmatter lists
// checks is complete when those checks pass in the current attempt, graded by the same grader as
// Check my work; opening it, or following its Next link, is not enough. A step without checks is
// complete once the learner has opened it in that attempt.

export interface StepCheck {
  id: string;
  title: string;
}

export interface StepWithChecks {
  step: number;
  /** The checks the step leads to (frontmatter `checks`); empty when it has none. */
  checks: readonly StepCheck[];
}

export type StepStatus =
  | { kind: 'complete' }
  /** Opened, with checks that do not pass (or are not graded yet): `why` says which, or why unknown. */
  | { kind: 'visited'; why: string }
  | { kind: 'notVisited' };

/** The titles of the step's checks that do not pass; null while the grading is not known. */
export function failingChecks(step: StepWithChecks, live: LiveChecks): string[] | null {
  if (live.kind !== 'graded') return null;
  return step.checks.filter((c) => live.checks.get(c.id)?.status !== 'passed').map((c) => c.title);
}

/** Why a step with checks is not complete, in words for the learner. */
export function whyNotComplete(step: StepWithChecks, live: LiveChecks): string {
  const failing = failingChecks(step, live);
  if (failing) return `not yet: ${failing.join('; ')}`;
  return live.kind === 'problem' ? `your work cannot be checked: ${live.message}` : 'checking your work';
}

export function stepStatus(step: StepWithChecks, visited: boolean, live: LiveChecks): StepStatus {
  if (step.checks.length === 0) return visited ? { kind: 'complete' } : { kind: 'notVisited' };
  if (failingChecks(step, live)?.length === 0) return { kind: 'complete' };
  return visited ? { kind: 'visited', why: whyNotComplete(step, live) } : { kind: 'notVisited' };
}

/** Every step's status, in order, given the steps opened in the attempt and its grading. */
export function stepStatuses(steps: readonly StepWithChecks[], visited: Iterable<number>, live: LiveChecks): StepStatus[] {
  const opened = new Set(visited);
  return steps.map((s) => stepStatus(s, opened.has(s.step), live));
}

/** How many of the statuses are complete. */
export const completeCount = (statuses: readonly StepStatus[]) => statuses.filter((s) => s.kind === 'complete').length;
