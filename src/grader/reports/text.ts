import { escapeControl as e } from '../errors';
import { textWithWords } from '../evidence';
import type { GradeOutcome } from '../grade';

// The report for people: one block per attempt file, a line per check, and under a failed check
// what the learner should do (with the lesson step) and what the grader found; the learner the file
// names stands beside its name. Everything that comes from the attempt (the file name, the learner,
// ids, names, evidence) is escaped: no text inside an attempt can
// start a line of its own ("PASS 25/25", a CI workflow command) or hide text with terminal codes.
// Durations read "PT1H (1 hour)": ISO for machines, words for people; instants stay in UTC, since the
// grading machine's time zone is nobody's in particular.

const stepsWords = (steps: readonly string[]) => e(steps.length === 1 ? `step ${steps[0]}` : `steps ${steps.join(', ')}`);

/** The file as a report names it: its name, and the learner the file names, if any. */
export function fileWithLearner(name: string, learner: string | null | undefined): string {
  return learner ? `${e(name)} (learner: ${e(learner)})` : e(name);
}

export function textReport(name: string, outcome: GradeOutcome): string {
  if (!outcome.ok) return [`${fileWithLearner(name, outcome.learner)}: could not be graded: ${outcome.error.code}: ${e(outcome.error.message)}`, ...(outcome.flags ?? []).map((f) => `  FLAG ${f.code}: ${e(f.message)}`)].join('\n') + '\n';
  const r = outcome.report;
  const lines = [`${fileWithLearner(name, r.attempt.learner)}: ${r.score}/${r.maxScore} ${r.passed ? 'PASSED' : 'FAILED'}: ${e(r.lab.title)} (${e(r.lab.id)}), ${r.attempt.events} events`];
  // Flags never change the score: they are for the instructor to look at.
  for (const f of r.flags) lines.push(`  FLAG ${f.code}: ${e(f.message)}`);
  const points = (c: (typeof r.checks)[number]) => `${c.score}/${c.maxScore}`;
  const width = Math.max(...r.checks.map((c) => points(c).length));
  for (const c of r.checks) {
    lines.push(`  ${c.status === 'passed' ? 'PASS' : 'FAIL'} ${points(c).padStart(width)}  ${e(c.id)}: ${e(c.title)}`);
    if (c.status === 'failed') {
      lines.push(`        ${e(textWithWords(c.messageParts))} See ${stepsWords(c.steps)}.`);
      lines.push(`        Found: ${e(textWithWords(c.evidenceParts))}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

export interface BatchCounts {
  passed: number;
  failed: number;
  errors: number;
}

export function textSummary(c: BatchCounts): string {
  const files = c.passed + c.failed + c.errors;
  return `${files} file${files === 1 ? '' : 's'}: ${c.passed} passed, ${c.failed} failed, ${c.errors} could not be graded\n`;
}
