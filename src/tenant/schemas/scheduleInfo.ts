import * as z from 'zod/mini';
import { isDurationSyntax, parseDuration, parseInstant } from '../time';

// Graph's requestSchedule / expirationPattern. Graph accepts PascalCase expiration types in requests
// ("AfterDuration") and echoes camelCase, so the schema normalises to camelCase.
// (zod/mini: the same schemas as zod's classic API at a fraction of the browser bundle.)
const expirationType = z.pipe(
  z.string(),
  z.pipe(
    z.transform((s: string) => (s.length ? s[0]!.toLowerCase() + s.slice(1) : s)),
    z.enum(['notSpecified', 'noExpiration', 'afterDateTime', 'afterDuration']),
  ),
);

export const instantSchema = z.string().check(
  z.refine((s) => parseInstant(s) !== null, { message: 'Expected an ISO 8601 date and time with an offset, e.g. 2025-03-01T09:00:00Z, that exists (no 30 February, no 24:00) and lies between 0001-01-01 and 9999-12-31T23:59:59Z' }),
);

export const durationSchema = z.string().check(
  z.refine((s) => isDurationSyntax(s), { message: 'Expected an ISO 8601 duration, e.g. PT8H or P365D', abort: true }),
  z.refine((s) => parseDuration(s) !== null, { message: 'Expected a duration no longer than the span Graph dates can hold (about 10,000 years)' }),
);

export const expirationPatternSchema = z.object({
  type: expirationType,
  endDateTime: z.nullish(instantSchema),
  duration: z.nullish(durationSchema),
});

export const requestScheduleSchema = z.object({
  startDateTime: z.nullish(instantSchema),
  expiration: expirationPatternSchema,
});

export const ticketInfoSchema = z.object({
  ticketNumber: z.nullish(z.string()),
  ticketSystem: z.nullish(z.string()),
});

export type ExpirationPattern = z.output<typeof expirationPatternSchema>;
export type RequestSchedule = z.output<typeof requestScheduleSchema>;
export type TicketInfo = z.output<typeof ticketInfoSchema>;
