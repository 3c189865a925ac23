import type { PolicyRuleName, TenantError } from '../tenant';

// Why an attempt file could not be graded. Errors are values: the grader never throws, and each
// message is one line written for the person reading a CI log (an instructor, or the learner).

export type GradeErrorCode =
  /** The file could not be read (missing, a directory, no permission): the CLI's only error of its own. */
  | 'CannotRead'
  /** The file is empty (or only whitespace). */
  | 'EmptyFile'
  /** The file is not JSON. */
  | 'NotJson'
  /** The JSON stops in the middle: the file was cut short. */
  | 'TruncatedJson'
  /** The file is larger than an attempt file can be. */
  | 'TooLarge'
  /** JSON, but not a PIM Lab attempt file (no or another `format`). */
  | 'NotAnAttemptFile'
  /** An attempt file of a version this grader does not read. */
  | 'UnsupportedVersion'
  /** A field is missing or of the wrong kind, a value nests deeper than 32 levels, a number is beyond doubles, or `$.startAt` is before the lab's startAt; `path` names the first one. */
  | 'InvalidAttemptFile'
  /** The attempt names a lab the grader does not know. */
  | 'UnknownLab'
  /** The attempt is for another lab than the one asked for (`--lab`). */
  | 'LabMismatch'
  /** The attempt starts from another tenant seed than its lab, or from an unknown one. */
  | 'SeedMismatch'
  /** An event does not match its hash: the file was edited after export. */
  | 'BrokenChain'
  /** The tenant's rules refuse an event: the log is not one the simulator could have written. */
  | 'ReplayRefused'
  /** A file argument, directory or glob of the CLI matched no attempt file. */
  | 'NoMatch'
  /** A bug in the grader or a lab's check; the message says which. */
  | 'InternalError';

export interface EventRef {
  /** Position in the file's `events` array (0-based). */
  index: number;
  seq: number | null;
  type: string | null;
  actor: string | null;
  at: string | null;
}

export interface GradeError {
  code: GradeErrorCode;
  message: string;
  /** JSON path of the first problem, e.g. `$.events[3].payload.scheduleInfo` (InvalidAttemptFile, NotAnAttemptFile, UnsupportedVersion). */
  path?: string;
  /** The event concerned (BrokenChain, ReplayRefused). */
  event?: EventRef;
  /** The tenant's own error (ReplayRefused): Graph-style code, message and failed policy rules. */
  rule?: { code: TenantError['code']; message: string; failedRules?: PolicyRuleName[]; /** For the 5-minute rules: when the request could have succeeded. */ retryAt?: string };
}

// Characters that would let text from an attempt (a request id, a display name, a reason) forge a
// report line or hide text: C0 and C1 controls (newline, ESC…), DEL, line/paragraph separators and
// the bidirectional overrides and isolates.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const escapeChar = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** The text with every unsafe character written as \uXXXX: one line, nothing hidden. */
export function escapeControl(text: string): string {
  return text.replace(UNSAFE, escapeChar);
}

/** Control characters and line breaks out, length capped: a message must stay one line in a log. */
export function oneLine(text: string, max = 400): string {
  const flat = text.replace(UNSAFE, (c) => (c === '\n' || c === '\r' || c === '\t' ? ' ' : escapeChar(c)));
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

export function gradeError(code: GradeErrorCode, message: string, extra: Omit<GradeError, 'code' | 'message'> = {}): GradeError {
  return { code, message: oneLine(message), ...extra };
}

/** A thrown exception as an InternalError value (the message names the phase that failed). */
export function internalError(phase: string, e: unknown): GradeError {
  const why = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  return gradeError('InternalError', `The grader failed while ${phase} (a bug in PIM Lab, please report it): ${why}`);
}
