import { z } from 'zod';
import { commandSchema } from './commands';
import { instantSchema } from './scheduleInfo';

// One entry of an attempt's append-only log: an accepted command, who asked, and when. The tenant's
// state is the fold of these entries; replay re-runs every rule on each of them.
export const logEntrySchema = z.object({
  seq: z.number().int().nonnegative(),
  at: instantSchema,
  actor: z.string().min(1),
  command: commandSchema,
});

export type LogEntry = z.output<typeof logEntrySchema>;
