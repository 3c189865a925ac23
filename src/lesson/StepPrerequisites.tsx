import { useEffect, useState } from 'react';
import { failingChecks } from './completion';
import { followChecksLater } from './followChecksLater';
import type { LiveChecks } from './liveChecks';

// A step opened without the work it builds on (from a bookmark, a classmate's link, or after
// skipping ahead) says so at its top, and offers, in one click, the first step of the stretch of
// steps that does that work. "The work" is what the lab's checks see: an earlier step that leads
// to checks (frontmatter `checks`) is done when they pass for the current attempt, graded live by
// the same grader as Check my work.

export interface EarlierStep {
  step: number;
  title: string;
  /** The checks the step leads to. */
  checks: { id: string; title: string }[];
  /** The first step of the stretch that leads to it (the step after the previous step with checks). */
  from: { step: number; title: string; href: string };
}

export interface StepPrerequisitesProps {
  labId: string;
  /** Earlier steps with checks, in order. */
  earlier: EarlierStep[];
}

/** The first earlier step whose checks do not all pass, with those that do not; undefined while unknown or when all pass. */
export function firstMissing(earlier: readonly EarlierStep[], live: LiveChecks): { step: EarlierStep; failing: string[] } | undefined {
  for (const step of earlier) {
    const failing = failingChecks(step, live);
    if (failing === null) return undefined;
    if (failing.length) return { step, failing };
  }
  return undefined;
}

export default function StepPrerequisites({ labId, earlier }: StepPrerequisitesProps) {
  const [live, setLive] = useState<LiveChecks>({ kind: 'checking' });
  useEffect(() => followChecksLater(labId, setLive), [labId]);
  const missing = firstMissing(earlier, live);
  if (!missing) return null;
  const { step, failing } = missing;
  const stretch = step.from.step === step.step ? `step ${step.step}` : `steps ${step.from.step} to ${step.step}`;
  return (
    <aside className="step-prerequisites" aria-labelledby="step-prerequisites-title">
      <p id="step-prerequisites-title" className="step-prerequisites-title">
        This step builds on earlier work that is not done yet
      </p>
      <p>
        In this attempt, step {step.step} ({step.title}) is not done: {failing.join('; ')}. Do {stretch} first.
      </p>
      <a className="lesson-button-link" href={step.from.href}>
        Go to step {step.from.step}: {step.from.title}
      </a>
    </aside>
  );
}
