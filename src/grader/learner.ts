// The learner an attempt belongs to: the "Your name or student ID" a learner gives on a lab's
// overview, stored with the attempt and written into its attempt file (`learner`, covered by the
// hash chain) and its file name. One definition of what a valid name is, for the overview's field,
// the store and the attempt file's schema. Imports nothing, so the overview loads it alone.

/** At most this many characters (Unicode code points). */
export const LEARNER_MAX_LENGTH = 64;

// What the reports escape (errors.ts UNSAFE): C0 and C1 controls, DEL, line/paragraph separators and
// bidirectional overrides and isolates. A name holds none of them: in a file name or a report they
// would break a line or reorder what the instructor reads.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/** Why a learner name (as stored: already trimmed) is not valid, or null when it is. */
export function learnerProblem(name: string): string | null {
  if (name.length === 0) return 'Enter at least 1 character.';
  if (name.trim() !== name) return 'Remove the spaces at the start and end.';
  const length = [...name].length;
  if (length > LEARNER_MAX_LENGTH) return `Use at most ${LEARNER_MAX_LENGTH} characters (this has ${length}).`;
  const control = CONTROL.exec(name);
  if (control) return `Remove the control character (U+${control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}) at position ${[...name.slice(0, control.index)].length + 1}.`;
  return null;
}

export type LearnerInput = { ok: true; learner: string | null } | { ok: false; message: string };

/**
 * What the learner typed, as stored: trimmed; empty means no name (the field is optional);
 * otherwise it must pass learnerProblem.
 */
export function readLearnerInput(text: string): LearnerInput {
  const learner = text.trim();
  if (learner === '') return { ok: true, learner: null };
  const problem = learnerProblem(learner);
  return problem ? { ok: false, message: problem } : { ok: true, learner };
}

/**
 * The learner's name in a file name: letters and digits of any script, lowercased, accents removed
 * (NFKD), every other run of characters one hyphen, at most 40 characters. Such a name is safe on
 * every file system and in a URL path; empty when the name has no letter or digit.
 */
export function learnerSlug(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  return [...slug].slice(0, 40).join('').replace(/-+$/, '');
}

/** YYYY-MM-DD of a moment in the local time zone of whoever runs this (the learner's browser). */
export function localDate(at: Date): string {
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(at.getFullYear(), 4)}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}

/** `<lab>-<learner>-<date>-attempt-<n>.json`, or `<lab>-<date>-attempt-<n>.json` without a name. */
export function attemptFileName(labId: string, learner: string | null | undefined, ordinal: number, at: Date): string {
  const slug = learner ? learnerSlug(learner) : '';
  return `${labId}-${slug ? `${slug}-` : ''}${localDate(at)}-attempt-${ordinal}.json`;
}

