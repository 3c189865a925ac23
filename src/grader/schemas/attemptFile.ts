import * as z from 'zod/mini';
import { instantSchema, OBJECT_ID_PATTERN, objectIdSchema, parseInstant } from '../../tenant';
import { LEARNER_MAX_LENGTH, learnerProblem } from '../learner';

// The attempt file (format "pim-lab/attempt", version 1): what the browser exports and CI grades.
// The header says which lab, app and tenant seed the attempt belongs to and when its tenant clock
// started; `events` is the attempt's log, one accepted command each, in order, hash-chained
// (src/grader/chain.ts). An event's `type` is its command's type and `payload` the rest of the
// command; the commands themselves are checked against the core's command schemas afterwards
// (attemptFile.ts), so that a problem inside a payload is reported with its full JSON path.

export const ATTEMPT_FORMAT = 'pim-lab/attempt';
export const ATTEMPT_VERSION = 1;

/** Far more than any lab needs (the seed lab takes ~15 events); a bound keeps a hostile file cheap to refuse. */
export const MAX_EVENTS = 100_000;
/**
 * How deeply values may nest anywhere in the file (the file itself is level 1; a command's deepest
 * field, scheduleInfo.expiration.type, is at level 7). A bound keeps every later step (canonical
 * JSON, zod, replay) far from any engine's recursion limit.
 */
export const MAX_DEPTH = 32;
/** Characters (64 Mi): a 10,000-event attempt takes ~3.5 MB. */
export const MAX_ATTEMPT_CHARS = 64 * 1024 * 1024;

const HASH_PATTERN = /^[0-9a-f]{64}$/;
const hash = z.string().check(z.regex(HASH_PATTERN, { error: 'expected a SHA-256 hash: 64 lowercase hexadecimal digits' }));

const LEARNER_ERROR = `expected a name or student ID: 1 to ${LEARNER_MAX_LENGTH} characters, no spaces at either end, no control characters`;

export const attemptEventSchema = z.strictObject({
  /** 0, 1, 2…: the event's place in the log. */
  seq: z.int().check(z.nonnegative()),
  /** The tenant clock when the command ran (ISO 8601 with an offset). */
  at: instantSchema,
  /** Object id of the signed-in user who ran the command (the core's id alphabet). */
  actor: objectIdSchema,
  /** The command's type, e.g. "roleAssignmentScheduleRequest". */
  type: z.string().check(z.minLength(1)),
  /** The rest of the command (checked against the command's schema afterwards). A plain check, not z.looseObject, which would copy every payload. */
  payload: z.custom<Record<string, unknown>>((v) => typeof v === 'object' && v !== null && !Array.isArray(v), { error: 'expected an object' }),
  hash,
});

export const attemptFileSchema = z.object({
  format: z.literal(ATTEMPT_FORMAT),
  version: z.literal(ATTEMPT_VERSION),
  /** The lab folder's id, e.g. "pim-eligible-role". */
  labId: z.string().check(z.minLength(1)),
  /** package.json version of the PIM Lab that wrote the file. */
  appVersion: z.string().check(z.minLength(1)),
  /** The tenant seed the attempt started from (a key of the core's SEEDS). */
  seedId: z.string().check(z.minLength(1)),
  /** The tenant clock at the start of the attempt: createTenant(seed, startAt). */
  startAt: instantSchema,
  /**
   * The learner's name or student ID as given on the lab's overview (trimmed, 1–64 characters, no
   * control characters); absent when none was given. In the header hash when present.
   */
  learner: z.optional(z.string().check(z.refine((v) => learnerProblem(v) === null, { error: LEARNER_ERROR }))),
  events: z.array(attemptEventSchema).check(z.maxLength(MAX_EVENTS)),
  /** Hash of the last event (of the header when there is none). */
  lastHash: hash,
});

export type AttemptEvent = z.output<typeof attemptEventSchema>;
export type AttemptFile = z.output<typeof attemptFileSchema>;
/** The header fields: everything but the events and the closing hash. */
export type AttemptMeta = Pick<AttemptFile, 'labId' | 'appVersion' | 'seedId' | 'startAt' | 'learner'>;

// ---------- the well-formed file, without zod's per-field work ----------
//
// zod parses an event field by field, a check at a time: for a typical attempt that was a quarter
// of grading it. A file as the site writes it is read here in one pass instead; anything this pass
// does not accept, zod parses, so zod stays the definition and words every error. The pass accepts
// nothing zod refuses and returns what zod returns (grader-fuzz.test.ts holds it to that over
// thousands of mutated files).

const EVENT_KEYS: ReadonlySet<string> = new Set(Object.keys(attemptEventSchema.def.shape));
const isString = (v: unknown): v is string => typeof v === 'string';
const isNonEmpty = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
/** HASH_PATTERN, a character at a time: the regex showed in the profile of grading. */
function isHash(v: unknown): v is string {
  if (typeof v !== 'string' || v.length !== 64) return false;
  for (let i = 0; i < 64; i++) {
    const c = v.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return false;
  }
  return true;
}
const isInstant = (v: unknown): v is string => typeof v === 'string' && parseInstant(v) !== null;

/** attemptEventSchema's output for a well-formed event, or undefined. */
function wellFormedEvent(e: unknown): AttemptEvent | undefined {
  if (typeof e !== 'object' || e === null || Array.isArray(e)) return undefined;
  const r = e as Record<string, unknown>;
  // A strict object: every key (zod reads them with for…in too) is one of the shape's six.
  let keys = 0;
  for (const key in r) {
    if (!EVENT_KEYS.has(key)) return undefined;
    keys++;
  }
  if (keys !== EVENT_KEYS.size) return undefined;
  const { seq, at, actor, type, payload } = r;
  if (!Number.isSafeInteger(seq) || (seq as number) < 0 || !isInstant(at) || !isString(actor) || !OBJECT_ID_PATTERN.test(actor) || !isNonEmpty(type)) return undefined;
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload) || !isHash(r.hash)) return undefined;
  // A new object with the shape's keys in order, as zod writes it.
  return { seq: seq as number, at, actor, type, payload: payload as Record<string, unknown>, hash: r.hash };
}

/**
 * attemptFileSchema.parse(value) for a well-formed file (its header fields in order, unknown header
 * fields dropped, each event a new object); undefined for anything else, which attemptFileSchema
 * then parses to say what is wrong.
 */
export function wellFormedAttemptFile(value: Record<string, unknown>): AttemptFile | undefined {
  const { format, version, labId, appVersion, seedId, startAt, learner, events, lastHash } = value;
  if (format !== ATTEMPT_FORMAT || version !== ATTEMPT_VERSION || !isNonEmpty(labId) || !isNonEmpty(appVersion) || !isNonEmpty(seedId) || !isInstant(startAt) || !isHash(lastHash)) return undefined;
  // Optional: zod leaves a key not `in` the value out of its output, and keeps one present as undefined.
  const hasLearner = 'learner' in value;
  if (hasLearner && learner !== undefined && !(typeof learner === 'string' && learnerProblem(learner) === null)) return undefined;
  if (!Array.isArray(events) || events.length > MAX_EVENTS) return undefined;
  const parsed: AttemptEvent[] = new Array(events.length);
  for (let i = 0; i < events.length; i++) {
    const e = wellFormedEvent(events[i]);
    if (!e) return undefined;
    parsed[i] = e;
  }
  return { format, version, labId, appVersion, seedId, startAt, ...(hasLearner ? { learner: learner as string | undefined } : {}), events: parsed, lastHash };
}
