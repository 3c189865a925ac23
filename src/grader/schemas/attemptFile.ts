import * as z from 'zod/mini';
import { instantSchema, objectIdSchema } from '../../tenant';

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

const hash = z.string().check(z.regex(/^[0-9a-f]{64}$/, { error: 'expected a SHA-256 hash: 64 lowercase hexadecimal digits' }));

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
  events: z.array(attemptEventSchema).check(z.maxLength(MAX_EVENTS)),
  /** Hash of the last event (of the header when there is none). */
  lastHash: hash,
});

export type AttemptEvent = z.output<typeof attemptEventSchema>;
export type AttemptFile = z.output<typeof attemptFileSchema>;
/** The header fields: everything but the events and the closing hash. */
export type AttemptMeta = Pick<AttemptFile, 'labId' | 'appVersion' | 'seedId' | 'startAt'>;
