import type { GradeError } from '../errors';
import type { CheckResult, GradeOutcome } from '../grade';

// The report for machines: one object per attempt file. The CLI writes them as JSON Lines (one
// object per line, each as soon as its file is graded).

export type JsonFileReport =
  | {
      file: string;
      status: 'passed' | 'failed';
      lab: string;
      labTitle: string;
      score: number;
      maxScore: number;
      passed: boolean;
      events: number;
      checks: CheckResult[];
    }
  | { file: string; status: 'error'; error: GradeError };

export function jsonReport(name: string, outcome: GradeOutcome): JsonFileReport {
  if (!outcome.ok) return { file: name, status: 'error', error: outcome.error };
  const r = outcome.report;
  return {
    file: name,
    status: r.passed ? 'passed' : 'failed',
    lab: r.lab.id,
    labTitle: r.lab.title,
    score: r.score,
    maxScore: r.maxScore,
    passed: r.passed,
    events: r.attempt.events,
    checks: r.checks,
  };
}
