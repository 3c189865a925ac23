import { useEffect, useId, useState, type ReactNode } from 'react';
import { markStepVisited, observeLabProgress, setLastStep } from '../store/progress';
import { completeCount, failingChecks, stepStatuses, type StepCheck, type StepStatus, type StepWithChecks } from './completion';
import { lessonDb } from './db';
import { followChecksLater } from './followChecksLater';
import type { LiveChecks } from './liveChecks';

// The lab's step list with the learner's progress in the current attempt ("✓", "n of N steps
// complete"), and on a step page what the step still needs. A step with checks is complete when
// they pass in the current attempt (graded live, as Check my work grades); a step without checks
// once it has been opened. Opening a step page records the visit, per attempt, in IndexedDB
// (src/store/progress.ts), so Reset lab — a new attempt — starts with none. React and the store
// only (no Fluent UI); the grader loads on demand. The list is rendered on the server too, so it
// works without JS.

export interface StepLink {
  step: number;
  title: string;
  href: string;
  /** The checks the step leads to (frontmatter `checks`), with their titles. */
  checks?: StepCheck[];
}

export interface StepProgressProps {
  labId: string;
  steps: StepLink[];
  /** The step page this list is on (none on the overview). */
  current?: number;
  /** Static HTML placed between the step's state and the list (the step page's Previous/Next links). */
  children?: ReactNode;
}

/**
 * The last grading seen per lab, shown while the next page's grading runs (the client router
 * replaces this island from step to step), so that marks do not blink; only for the same attempt.
 */
const lastGraded = new Map<string, Extract<LiveChecks, { kind: 'graded' }>>();

interface Visits {
  attemptId: string | undefined;
  visited: number[];
}

export default function StepProgress({ labId, steps, current, children }: StepProgressProps) {
  const [visits, setVisits] = useState<Visits | null>(null);
  const [live, setLive] = useState<LiveChecks>({ kind: 'checking' });
  const headingId = useId();
  const withChecks = steps.map((s) => ({ step: s.step, checks: s.checks ?? [] }));
  const anyChecks = withChecks.some((s) => s.checks.length > 0);

  useEffect(() => {
    const db = lessonDb();
    const sub = observeLabProgress(db, labId).subscribe({
      next: ({ attempt, visited }) => {
        setVisits({ attemptId: attempt?.id, visited });
        // Opening the step is a visit, recorded once the attempt exists (the simulator creates the first one).
        if (current !== undefined && attempt && !visited.includes(current)) void markStepVisited(db, attempt.id, current).catch(() => undefined);
      },
      error: () => setVisits({ attemptId: undefined, visited: [] }),
    });
    if (current !== undefined) void setLastStep(db, labId, current).catch(() => undefined);
    return () => sub.unsubscribe();
  }, [labId, current]);

  // Grading waits until the page is idle: the simulator opening matters more than the marks.
  useEffect(() => {
    if (!anyChecks) return;
    let stop: (() => void) | undefined;
    const start = () => {
      stop = followChecksLater(labId, (value) => {
        if (value.kind === 'graded') lastGraded.set(labId, value);
        setLive(value);
      });
    };
    const idle = typeof requestIdleCallback === 'function';
    const handle = idle ? requestIdleCallback(start, { timeout: 2000 }) : window.setTimeout(start, 200);
    return () => {
      if (idle) cancelIdleCallback(handle);
      else clearTimeout(handle);
      stop?.();
    };
  }, [labId, anyChecks]);

  // A grading of another attempt (Reset lab just happened) says nothing about this one yet.
  const attemptId = visits?.attemptId;
  const previous = lastGraded.get(labId);
  const grading: LiveChecks =
    live.kind === 'graded'
      ? live.attemptId === attemptId
        ? live
        : { kind: 'checking' }
      : live.kind === 'checking' && previous && previous.attemptId === attemptId
        ? previous
        : live;
  const statuses = stepStatuses(withChecks, visits?.visited ?? [], grading);
  const total = steps.length;
  const here = current === undefined ? -1 : steps.findIndex((s) => s.step === current);

  return (
    <div className="step-progress">
      {here >= 0 && visits !== null && <CurrentStep checks={withChecks[here]!} status={statuses[here]!} grading={grading} />}
      {children}
      <nav className="step-list" aria-labelledby={headingId}>
        <h2 id={headingId} className="step-list-title">
          Lab steps
        </h2>
        <p className="step-list-count">{visits === null ? `${total} steps` : `${completeCount(statuses)} of ${total} steps complete`}</p>
        <ol>
          {steps.map((s, i) => {
            const status = statuses[i]!;
            const isCurrent = s.step === current;
            const state = status.kind === 'complete' ? 'is-done' : status.kind === 'visited' ? 'is-visited' : '';
            return (
              <li key={s.step} className={`${state}${isCurrent ? ' is-current' : ''}`.trim() || undefined}>
                <span className="step-list-mark" aria-hidden="true">
                  {status.kind === 'complete' ? '✓' : status.kind === 'visited' ? '○' : ''}
                </span>
                <a href={s.href} aria-current={isCurrent ? 'step' : undefined}>
                  <span className="step-list-number">{s.step}.</span> {s.title}
                  {status.kind === 'complete' && <span className="visually-hidden"> (complete)</span>}
                  {status.kind === 'visited' && <span className="visually-hidden"> (visited, not complete: {status.why})</span>}
                </a>
              </li>
            );
          })}
        </ol>
      </nav>
    </div>
  );
}

/** What the step page's own step needs: nothing (no checks), or its checks to pass. */
function CurrentStep({ checks, status, grading }: { checks: StepWithChecks; status: StepStatus; grading: LiveChecks }) {
  if (checks.checks.length === 0)
    return status.kind === 'complete' ? (
      <div className="step-progress-mark">
        <p className="step-progress-state is-done">✓ Step complete: it has no checks, so opening it is enough.</p>
      </div>
    ) : null;
  const failing = failingChecks(checks, grading);
  const text =
    status.kind === 'complete'
      ? '✓ Checks pass: step complete.'
      : failing
        ? `Not done yet: ${failing.join('; ')}.`
        : grading.kind === 'problem'
          ? `Your work cannot be checked: ${grading.message}`
          : 'Checking your work…';
  return (
    <div className="step-progress-mark">
      <p className={`step-progress-state${status.kind === 'complete' ? ' is-done' : ''}`} role="status">
        {text}
      </p>
    </div>
  );
}
