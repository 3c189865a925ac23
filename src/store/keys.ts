// Keys of the `meta` table's rows (small key/value facts next to the attempts). Kept apart from
// attempts.ts so that modules that only need a key (progress.ts) do not import the tenant core.

/** The id of the lab's current attempt (the one its pages open). */
export const currentAttemptKey = (labId: string) => `currentAttempt:${labId}`;
/** The step numbers opened (visited) in an attempt. */
export const progressKey = (attemptId: string) => `progress:${attemptId}`;
/** The step the learner last opened in a lab. */
export const lastStepKey = (labId: string) => `lastStep:${labId}`;
/** The learner's name or student ID, for every lab: what new attempts get. */
export const LEARNER_KEY = 'learner';
