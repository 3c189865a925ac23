import { useEffect, useId, useState } from 'react';
import type { AttemptRow } from '../store/db';
import type { TenantSeedInput } from '../tenant/schemas/seed';
import { observeAttempts, observeCurrentAttempt } from '../store/live';
import { observeVisitedOf } from '../store/progress';
import { completeCount, stepStatuses } from './completion';
import { lessonDb } from './db';
import { liveChecksOf, type LiveChecks } from './liveChecks';
import type { StepLink } from './StepProgress';
import ExportNote, { type ExportNoteValue } from './ExportNote';
import ResetLab from './ResetLab';

// The lab overview's list of the learner's attempts (newest first: title, the learner's name, when it was created,
// how many actions it holds, steps complete, which one is current) and the Reset lab button.
// Attempts live in this browser only (IndexedDB), so the server render shows none. Steps complete
// are counted as on the step list: a step with checks when they pass in that attempt (each attempt
// graded once per change, with the grader loaded on demand), any other step once opened in it.

export interface LabAttemptsProps {
  labId: string;
  /** The lab's starting tenant (Reset lab starts a new attempt from it). */
  seed: TenantSeedInput;
  /** The lab's steps, each with its checks. */
  steps: StepLink[];
}

const when = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });

export default function LabAttempts({ labId, seed, steps }: LabAttemptsProps) {
  const [attempts, setAttempts] = useState<AttemptRow[] | null>(null);
  const [currentId, setCurrentId] = useState<string | undefined>();
  const [visited, setVisited] = useState<Record<string, number[]>>({});
  const [gradings, setGradings] = useState<Record<string, LiveChecks>>({});
  const totalSteps = steps.length;
  const withChecks = steps.map((s) => ({ step: s.step, checks: s.checks ?? [] }));
  const anyChecks = withChecks.some((s) => s.checks.length > 0);
  const headingId = useId();
  const [exportNote, setExportNote] = useState<ExportNoteValue>(null);

  // The grader (and its attempt-file writer) loads only when an attempt is exported.
  const exportOne = async (attempt: AttemptRow) => {
    try {
      const { exportAttempt, downloadAttempt } = await import('./attemptGrading');
      const exported = await exportAttempt(lessonDb(), labId, attempt.id);
      setExportNote(exported ? { kind: 'saved', fileName: downloadAttempt(exported) } : { kind: 'problem', message: `${attempt.title} no longer exists.` });
    } catch (e) {
      setExportNote({ kind: 'problem', message: `${attempt.title} could not be exported: ${e instanceof Error ? e.message : String(e)}` });
    }
  };

  useEffect(() => {
    const db = lessonDb();
    const subs = [
      observeAttempts(db, labId).subscribe({ next: setAttempts, error: () => setAttempts([]) }),
      observeCurrentAttempt(db, labId).subscribe({ next: (a) => setCurrentId(a?.id) }),
    ];
    return () => subs.forEach((s) => s.unsubscribe());
  }, [labId]);

  const ids = (attempts ?? []).map((a) => a.id).join(' ');
  useEffect(() => {
    if (!ids) return;
    const sub = observeVisitedOf(lessonDb(), ids.split(' ')).subscribe({ next: setVisited });
    return () => sub.unsubscribe();
  }, [ids]);

  // Each attempt graded again when its log changes (its length or revision).
  const versions = (attempts ?? []).map((a) => `${a.id}@${a.length}.${a.revision}`).join(' ');
  useEffect(() => {
    if (!versions || !anyChecks) return;
    let cancelled = false;
    void (async () => {
      const { gradeAttempt } = await import('./attemptGrading');
      for (const version of versions.split(' ')) {
        const id = version.slice(0, version.lastIndexOf('@'));
        const grading: LiveChecks = await gradeAttempt(lessonDb(), labId, id).then(liveChecksOf, (e: unknown) => ({ kind: 'problem', message: String(e) }));
        if (cancelled) return;
        setGradings((g) => ({ ...g, [id]: grading }));
      }
    })();
    return () => void (cancelled = true);
  }, [versions, labId, anyChecks]);

  return (
    <section className="lab-attempts" aria-labelledby={headingId}>
      <h2 id={headingId}>Your attempts</h2>
      {attempts === null ? (
        <p className="muted">Loading your attempts…</p>
      ) : attempts.length === 0 ? (
        <p className="muted">No attempt yet: your first one starts when you open a step.</p>
      ) : (
        <ul className="lab-attempts-list">
          {attempts.map((a) => {
            const done = completeCount(stepStatuses(withChecks, visited[a.id] ?? [], gradings[a.id] ?? { kind: 'checking' }));
            const current = a.id === currentId;
            return (
              <li key={a.id} className={current ? 'is-current' : undefined}>
                <span className="lab-attempt-title">{a.title}</span>
                {current && <span className="lab-attempt-badge">current</span>}
                <span className="lab-attempt-facts">
                  {a.learner ? <>by {a.learner} · </> : null}
                  created <time dateTime={a.createdAt}>{when.format(new Date(a.createdAt))}</time> · {a.length} {a.length === 1 ? 'action' : 'actions'} ·{' '}
                  {done} of {totalSteps} steps complete
                </span>
                <button type="button" className="lesson-button lesson-button-secondary lab-attempt-export" onClick={() => void exportOne(a)} aria-label={`Export ${a.title}`}>
                  Export attempt
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <p role="status" className="reset-lab-message">
        <ExportNote note={exportNote} />
      </p>
      <p>Reset lab starts a new attempt from the lab's starting tenant. Earlier attempts stay listed here.</p>
      <ResetLab labId={labId} seed={seed} />
    </section>
  );
}
