import type { GradeError } from '../errors';
import type { IntegrityFlag } from '../integrity';
import type { CheckResult, GradeOutcome } from '../grade';

// The report for machines: one object per attempt file. The CLI writes them as JSON Lines (one
// object per line, each as soon as its file is graded). jsonLine escapes, beyond JSON.stringify's
// C0 controls, the characters that could hide or reorder text in a log viewer.

export type JsonFileReport =
  | {
      file: string;
      /** The learner's name or student ID, when the file names one. */
      learner?: string;
      status: 'passed' | 'failed';
      lab: string;
      labTitle: string;
      score: number;
      maxScore: number;
      passed: boolean;
      events: number;
      checks: CheckResult[];
      /** Integrity flags for the instructor; they never change the score. */
      flags: IntegrityFlag[];
    }
  | { file: string; learner?: string; status: 'error'; error: GradeError; /** For an attempt replay refused. */ flags?: IntegrityFlag[] };

export function jsonReport(name: string, outcome: GradeOutcome): JsonFileReport {
  if (!outcome.ok) return { file: name, ...(outcome.learner !== undefined ? { learner: outcome.learner } : {}), status: 'error', error: outcome.error, ...(outcome.flags ? { flags: outcome.flags } : {}) };
  const r = outcome.report;
  return {
    file: name,
    ...(r.attempt.learner !== null ? { learner: r.attempt.learner } : {}),
    status: r.passed ? 'passed' : 'failed',
    lab: r.lab.id,
    labTitle: r.lab.title,
    score: r.score,
    maxScore: r.maxScore,
    passed: r.passed,
    events: r.attempt.events,
    checks: r.checks,
    flags: r.flags,
  };
}

/** One JSON Lines line: JSON.stringify, with U+2028/2029, DEL, C1 controls and bidi controls as \uXXXX. */
export function jsonLine(value: unknown): string {
  // eslint-disable-next-line no-control-regex
  return JSON.stringify(value).replace(/[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
