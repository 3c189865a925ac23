import { z } from 'zod';
import { parseDuration, parseInstant } from '../time';

// Graph's requestSchedule / expirationPattern. Graph accepts PascalCase expiration types in requests
// ("AfterDuration") and echoes camelCase, so the schema normalises to camelCase.
const expirationType = z
  .string()
  .transform((s) => (s.length ? s[0]!.toLowerCase() + s.slice(1) : s))
  .pipe(z.enum(['notSpecified', 'noExpiration', 'afterDateTime', 'afterDuration']));

export const instantSchema = z.string().refine((s) => parseInstant(s) !== null, {
  message: 'Expected an ISO 8601 date and time with an offset, e.g. 2025-03-01T09:00:00Z',
});

export const durationSchema = z.string().refine((s) => parseDuration(s) !== null, {
  message: 'Expected an ISO 8601 duration, e.g. PT8H or P365D',
});

export const expirationPatternSchema = z.object({
  type: expirationType,
  endDateTime: instantSchema.nullish(),
  duration: durationSchema.nullish(),
});

export const requestScheduleSchema = z.object({
  startDateTime: instantSchema.nullish(),
  expiration: expirationPatternSchema,
});

export const ticketInfoSchema = z.object({
  ticketNumber: z.string().nullish(),
  ticketSystem: z.string().nullish(),
});

export type ExpirationPattern = z.output<typeof expirationPatternSchema>;
export type RequestSchedule = z.output<typeof requestScheduleSchema>;
export type TicketInfo = z.output<typeof ticketInfoSchema>;
