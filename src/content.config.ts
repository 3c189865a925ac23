import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';

// Labs are folders under labs/: `labs/<lab-id>/NN-<slug>.mdx`, one file per step. Step 0
// (`00-overview.mdx`) is the lab's overview and carries the lab's metadata; steps 1…N are the
// lesson pages. A frontmatter that does not match this schema fails `astro build` with the file and
// the field named. Rules that span files (one overview per lab, steps numbered 1…N without gaps,
// the file name's number equal to `step`, a known tenant seed) are checked in src/lesson/labs.ts,
// which the lab pages call at build time.

/** The accounts a step can expect: the main account (admin@…) or the demo user. */
export const ACCOUNTS = ['admin', 'demouser'] as const;
export const LEVELS = ['Beginner', 'Intermediate', 'Advanced'] as const;

/** Fields only the overview (step 0) may set, and must set. */
const LAB_FIELDS = ['labTitle', 'summary', 'level', 'minutes', 'objectives', 'seedId'] as const;

export const stepSchema = z
  .strictObject({
    /** The step's title: the page's h1 and its name in the step list. */
    title: z.string().trim().min(1, 'A step needs a title.'),
    /** 0 = the lab overview; 1…N = the lesson steps, in order. */
    step: z.number().int('step must be a whole number.').min(0, 'step must be 0 (the overview) or more.'),
    /** The account the step expects the learner to be signed in as in the simulator. */
    account: z.enum(ACCOUNTS, { error: `account must be one of: ${ACCOUNTS.join(', ')}.` }).optional(),
    /** One sentence: what the step is about (shown in lists and as the page description). */
    summary: z.string().trim().min(1).optional(),

    // Lab metadata: the overview file (step 0) only.
    /** The lab's title, shown in the catalog and as the overview's h1. */
    labTitle: z.string().trim().min(1).optional(),
    level: z.enum(LEVELS, { error: `level must be one of: ${LEVELS.join(', ')}.` }).optional(),
    /** Estimated time to complete, in minutes. */
    minutes: z.number().int().positive().optional(),
    /** What the learner will be able to do afterwards. */
    objectives: z.array(z.string().trim().min(1)).min(1).optional(),
    /** The tenant seed every attempt of the lab starts from (a key of the core's SEEDS). */
    seedId: z.string().trim().min(1).optional(),
  })
  .superRefine((data, ctx) => {
    for (const field of LAB_FIELDS) {
      if (data.step === 0 && data[field] === undefined)
        ctx.addIssue({ code: 'custom', path: [field], message: `The lab overview (step 0) must set '${field}'.` });
      if (data.step > 0 && field !== 'summary' && data[field] !== undefined)
        ctx.addIssue({ code: 'custom', path: [field], message: `'${field}' is lab metadata: set it in the overview (step 0) only.` });
    }
    if (data.step === 0 && data.account !== undefined)
      ctx.addIssue({ code: 'custom', path: ['account'], message: 'The lab overview (step 0) does not expect an account; set it on the steps.' });
  });

export type StepData = z.infer<typeof stepSchema>;

const labs = defineCollection({
  loader: glob({ pattern: '**/*.mdx', base: './labs' }),
  schema: stepSchema,
});

export const collections = { labs };
