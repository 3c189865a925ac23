import { useEffect, useId, useState, type ReactNode } from 'react';
import { markStepDoneInCurrentAttempt, observeLabProgress, setLastStep } from '../store/progress';
import { lessonDb } from './db';

// The lab's step list with the learner's progress in the current attempt ("✓", "n of N steps
// complete"), and on a step page the "Mark step complete" button. React and the store only (no
// Fluent UI). Progress lives per attempt in IndexedDB (src/store/progress.ts), so Reset lab — a
// new attempt — starts with none. The list is rendered on the server too, so it works without JS.
//
// A step also counts as done when the learner moves on with its "Next" link: any link with
// data-complete-step="<n>" data-lab="<labId>" marks that step done when followed.

export interface StepLink {
  step: number;
  title: string;
  href: string;
}

export interface StepProgressProps {
  labId: string;
  steps: StepLink[];
  /** The step page this list is on (none on the overview: no "Mark step complete" there). */
  current?: number;
  /** Static HTML placed between the button and the list (the step page's Previous/Next links). */
  children?: ReactNode;
}

if (typeof document !== 'undefined' && !(window as { __pimLabNextMarks?: boolean }).__pimLabNextMarks) {
  (window as { __pimLabNextMarks?: boolean }).__pimLabNextMarks = true;
  document.addEventListener('click', (event) => {
    const link = (event.target as Element | null)?.closest?.('a[data-complete-step][data-lab]');
    if (!(link instanceof HTMLAnchorElement)) return;
    const step = Number(link.dataset.completeStep);
    if (Number.isInteger(step)) void markStepDoneInCurrentAttempt(lessonDb(), link.dataset.lab!, step).catch(() => undefined);
  });
}

export default function StepProgress({ labId, steps, current, children }: StepProgressProps) {
  const [done, setDone] = useState<number[] | null>(null);
  const [message, setMessage] = useState('');
  const headingId = useId();

  useEffect(() => {
    const db = lessonDb();
    const sub = observeLabProgress(db, labId).subscribe({
      next: (p) => setDone(p.steps),
      error: () => setDone([]),
    });
    if (current !== undefined) void setLastStep(db, labId, current).catch(() => undefined);
    return () => sub.unsubscribe();
  }, [labId, current]);

  const doneSet = new Set(done ?? []);
  const total = steps.length;
  const count = steps.filter((s) => doneSet.has(s.step)).length;
  const currentDone = current !== undefined && doneSet.has(current);

  const mark = async () => {
    if (current === undefined || currentDone) return;
    const result = await markStepDoneInCurrentAttempt(lessonDb(), labId, current).catch(() => undefined);
    setMessage(result ? `Step ${current} is marked complete.` : 'The simulator is still opening your lab. Try again in a moment.');
  };

  return (
    <div className="step-progress">
      {current !== undefined && (
        <div className="step-progress-mark">
          <button type="button" className="lesson-button" onClick={mark} aria-disabled={currentDone || undefined}>
            {currentDone ? '✓ Step complete' : 'Mark step complete'}
          </button>
          <p className="step-progress-message" role="status">
            {message}
          </p>
        </div>
      )}
      {children}
      <nav className="step-list" aria-labelledby={headingId}>
        <h2 id={headingId} className="step-list-title">
          Lab steps
        </h2>
        <p className="step-list-count">{done === null ? `${total} steps` : `${count} of ${total} steps complete`}</p>
        <ol>
          {steps.map((s) => {
            const isDone = doneSet.has(s.step);
            const isCurrent = s.step === current;
            return (
              <li key={s.step} className={`${isDone ? 'is-done' : ''}${isCurrent ? ' is-current' : ''}`.trim() || undefined}>
                <span className="step-list-mark" aria-hidden="true">
                  {isDone ? '✓' : ''}
                </span>
                <a href={s.href} aria-current={isCurrent ? 'step' : undefined}>
                  <span className="step-list-number">{s.step}.</span> {s.title}
                  {isDone && <span className="visually-hidden"> (complete)</span>}
                </a>
              </li>
            );
          })}
        </ol>
      </nav>
    </div>
  );
}
