import { version as appVersion } from '../../package.json';
import { buildAttemptFile, compileLab, grade, stringifyAttemptFile, type AttemptFile, type GradeOutcome, type Lab } from '../grader';
import { attemptFileName } from '../grader/learner';
import { currentAttempt, getAttempt, readEntries } from '../store/attempts';
import type { AttemptRow, PimLabDb } from '../store/db';

// The browser side of grading, loaded when the learner first asks for it (the grader is not part of
// a lesson page's first download). The attempt file is built from the store's log exactly as the
// CLI reads it, and graded by the same grade(): "Check my work" and `pim-lab grade` agree.

// Every lab's manifest, bundled at build time (labs/<id>/lab.json).
const manifests = import.meta.glob<unknown>('/labs/*/lab.json', { eager: true, import: 'default' });
const compiled = new Map<string, Lab | string>();

/** The lab's compiled checks, or why its manifest is unusable. */
function labOf(labId: string): Lab | string {
  let lab = compiled.get(labId);
  if (lab === undefined) {
    const manifest = manifests[`/labs/${labId}/lab.json`];
    if (manifest === undefined) lab = `The lab '${labId}' declares no checks (labs/${labId}/lab.json is missing).`;
    else {
      const result = compileLab(manifest);
      lab = result.ok ? result.lab : `labs/${labId}/lab.json: ${result.error.path}: ${result.error.message}`;
    }
    compiled.set(labId, lab);
  }
  return lab;
}

export interface AttemptExport {
  attempt: AttemptRow;
  file: AttemptFile;
}

/** The attempt file of an attempt (the lab's current one by default), or undefined if there is none. */
export async function exportAttempt(db: PimLabDb, labId: string, attemptId?: string): Promise<AttemptExport | undefined> {
  const attempt = attemptId ? await getAttempt(db, attemptId) : await currentAttempt(db, labId);
  if (!attempt) return undefined;
  const entries = await readEntries(db, attempt.id);
  const file = buildAttemptFile(
    { labId: attempt.labId, appVersion, seedId: attempt.seedId, startAt: attempt.startAt, ...(attempt.learner ? { learner: attempt.learner } : {}) },
    entries,
  );
  return { attempt, file };
}

export type Grading = { ok: true; attempt: AttemptRow; outcome: GradeOutcome } | { ok: false; message: string };

/** Grades an attempt of the lab (its current one by default) with the lab's checks. */
export async function gradeAttempt(db: PimLabDb, labId: string, attemptId?: string): Promise<Grading> {
  const lab = labOf(labId);
  if (typeof lab === 'string') return { ok: false, message: lab };
  const exported = await exportAttempt(db, labId, attemptId);
  if (!exported) return { ok: false, message: attemptId ? 'This attempt no longer exists.' : 'There is no attempt to check yet: open a step and use the simulator first.' };
  return { ok: true, attempt: exported.attempt, outcome: grade(exported.file, lab, { labId }) };
}

/** Grades the lab's current attempt with the lab's checks. */
export const gradeCurrentAttempt = (db: PimLabDb, labId: string): Promise<Grading> => gradeAttempt(db, labId);

/**
 * Downloads the attempt file as `<lab>-<learner>-<date>-attempt-<n>.json` (the date of the export,
 * in the learner's time zone; no learner part without a name). Returns the file name.
 */
export function downloadAttempt({ attempt, file }: AttemptExport, now: Date = new Date()): string {
  const name = attemptFileName(attempt.labId, attempt.learner, attempt.ordinal, now);
  const url = URL.createObjectURL(new Blob([stringifyAttemptFile(file)], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked after the click has been handled: the download has its own reference by then.
  setTimeout(() => URL.revokeObjectURL(url), 0);
  return name;
}
