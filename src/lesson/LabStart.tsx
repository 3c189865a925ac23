import { useEffect, useState } from 'react';
import { observeLastStep } from '../store/progress';
import { lessonDb } from './db';
import type { StepLink } from './StepProgress';

// The overview's "Start lab" link, which becomes "Continue" (to the step last opened in this
// browser) once the learner has opened a step. The server render is "Start lab" (step 1).

export default function LabStart({ labId, steps }: { labId: string; steps: StepLink[] }) {
  const [last, setLast] = useState<number | undefined>();
  useEffect(() => {
    const sub = observeLastStep(lessonDb(), labId).subscribe({ next: setLast });
    return () => sub.unsubscribe();
  }, [labId]);

  const first = steps[0];
  const resume = last !== undefined ? steps.find((s) => s.step === last) : undefined;
  if (!first) return null;
  return resume ? (
    <p className="lab-start">
      <a className="lesson-button-link" href={resume.href}>
        Continue
      </a>{' '}
      <span className="muted">
        at step {resume.step} of {steps.length}: {resume.title}
      </span>
    </p>
  ) : (
    <p className="lab-start">
      <a className="lesson-button-link" href={first.href}>
        Start lab
      </a>
    </p>
  );
}
