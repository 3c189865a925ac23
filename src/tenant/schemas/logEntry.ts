import * as z from 'zod/mini';
import { commandSchema } from './commands';
import { instantSchema } from './scheduleInfo';

// One entry of an attempt's append-only log: an accepted command, who asked, and when. The tenant's
// state is the fold of these entries; replay re-runs every rule on each of them.
export const logEntrySchema = z.object({
  seq: z.int().check(z.nonnegative()),
  at: instantSchema,
  actor: z.string().check(z.minLength(1)),
  command: commandSchema,
});

export type LogEntry = z.output<typeof logEntrySchema>;
