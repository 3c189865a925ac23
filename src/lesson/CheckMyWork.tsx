import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { CheckResult, GradeReport } from '../grader';
import { observeCurrentAttempt } from '../store/live';
import { lessonDb } from './db';
import EvidenceText from './EvidenceText';
import ExportNote, { type ExportNoteValue } from './ExportNote';
import type { StepLink } from './StepProgress';

// "Check my work": grades the current attempt by replaying its log through the tenant's rules, with
// the lab's checks, exactly as `pim-lab grade` does in CI; shows each check (passed or not, points,
// what is missing, what the grader found and the step that fixes it) and the score, times and
// durations worded as the portal words them; and exports the attempt file. The grader loads on the
// first check. Once shown, the result follows the attempt as the learner works.

export interface CheckMyWorkProps {
  labId: string;
  steps: StepLink[];
}

type Shown = { kind: 'report'; report: GradeReport } | { kind: 'problem'; message: string };

const loadGrading = () => import('./attemptGrading');

export default function CheckMyWork({ labId, steps }: CheckMyWorkProps) {
  const headingId = useId();
  const [shown, setShown] = useState<Shown | null>(null);
  const [busy, setBusy] = useState(false);
  const [exportNote, setExportNote] = useState<ExportNoteValue>(null);
  const following = useRef(false);

  const check = useCallback(async () => {
    setBusy(true);
    try {
      const { gradeCurrentAttempt } = await loadGrading();
      const grading = await gradeCurrentAttempt(lessonDb(), labId);
      if (!grading.ok) setShown({ kind: 'problem', message: grading.message });
      else if (!grading.outcome.ok) setShown({ kind: 'problem', message: `This attempt cannot be graded: ${grading.outcome.error.message}` });
      else setShown({ kind: 'report', report: grading.outcome.report });
      following.current = true;
    } catch (e) {
      setShown({ kind: 'problem', message: `Checking failed: ${e instanceof Error ? e.message : String(e)}` });
    } finally {
      setBusy(false);
    }
  }, [labId]);

  // After the first check, re-check whenever the current attempt changes (a command, a reset).
  useEffect(() => {
    const sub = observeCurrentAttempt(lessonDb(), labId).subscribe({
      next: () => {
        if (following.current) void check();
      },
    });
    return () => sub.unsubscribe();
  }, [labId, check]);

  const exportFile = async () => {
    setExportNote(null);
    try {
      const { exportAttempt, downloadAttempt } = await loadGrading();
      const exported = await exportAttempt(lessonDb(), labId);
      setExportNote(exported ? { kind: 'saved', fileName: downloadAttempt(exported) } : { kind: 'problem', message: 'There is no attempt to export yet.' });
    } catch (e) {
      setExportNote({ kind: 'problem', message: `The attempt could not be exported: ${e instanceof Error ? e.message : String(e)}` });
    }
  };

  const stepOf = (slug: string) => steps.find((s) => s.href.replace(/\/$/, '').endsWith(`/${slug}`));
  const report = shown?.kind === 'report' ? shown.report : null;
  const passedCount = report ? report.checks.filter((c) => c.status === 'passed').length : 0;

  return (
    <section className="check-my-work" aria-labelledby={headingId}>
      <h2 id={headingId}>Check my work</h2>
      <p className="muted">Your attempt is replayed through the tenant's rules and graded, as your instructor's grader does.</p>
      <div className="check-my-work-actions">
        <button type="button" className="lesson-button" onClick={() => void check()} disabled={busy}>
          {report ? 'Check again' : 'Check my work'}
        </button>
        <button type="button" className="lesson-button lesson-button-secondary" onClick={() => void exportFile()}>
          Export attempt
        </button>
      </div>
      <p role="status" className="check-my-work-status">
        {busy && !shown
          ? 'Checking…'
          : report
            ? `Score: ${report.score} of ${report.maxScore} points (${passedCount} of ${report.checks.length} checks passed).`
            : ''}
        {exportNote && ' '}
        <ExportNote note={exportNote} />
      </p>
      {shown?.kind === 'problem' && (
        <p role="alert" className="check-my-work-problem">
          {shown.message}
        </p>
      )}
      {report && (
        <ul className="check-list" aria-label="Checks">
          {report.checks.map((c) => (
            <CheckItem key={c.id} check={c} stepOf={stepOf} />
          ))}
        </ul>
      )}
    </section>
  );
}

function CheckItem({ check, stepOf }: { check: CheckResult; stepOf: (slug: string) => StepLink | undefined }) {
  const passed = check.status === 'passed';
  const fixes = passed ? [] : check.steps.map(stepOf).filter((s): s is StepLink => s !== undefined);
  return (
    <li className={passed ? 'check passed' : 'check failed'}>
      <p className="check-head">
        <span className="check-status">
          <span aria-hidden="true">{passed ? '✓' : '✗'}</span> {passed ? 'Passed' : 'Not yet'}
        </span>
        <span className="check-title">{check.title}</span>
        <span className="check-points">
          {check.score} of {check.maxScore} points
        </span>
      </p>
      <p className="check-message">
        <EvidenceText parts={check.messageParts} />
      </p>
      {!passed && check.evidenceParts.length > 0 && (
        <p className="check-found">
          What the grader found: <EvidenceText parts={check.evidenceParts} />
        </p>
      )}
      {fixes.length > 0 && (
        <p className="check-steps">
          {fixes.length === 1 ? 'Go to ' : 'Go to steps '}
          {fixes.map((s, i) => (
            <span key={s.step}>
              {i > 0 && ', '}
              <a href={s.href}>
                {s.step}. {s.title}
              </a>
            </span>
          ))}
        </p>
      )}
    </li>
  );
}
