import { z } from 'zod';

// A lab step's frontmatter (labs/<lab-id>/NN-<slug>.mdx). One schema for the `labs` content
// collection (src/content.config.ts, so `astro build` names the file and field) and for
// `pim-lab validate`, which reads the files itself. What spans files (accounts in the starting
// tenant, check ids in lab.json) is checked in validate.ts.

/** Lab metadata that used to sit in the overview's frontmatter; lab.json is its one home now. */
const MOVED_TO_MANIFEST: Readonly<Record<string, string>> = {
  labTitle: 'title',
  level: 'level',
  minutes: 'minutes',
  objectives: 'objectives',
  seedId: 'startingTenant (or seedId)',
};

const FIELDS = ['title', 'step', 'summary', 'account', 'checks'];

export const stepFrontmatterSchema = z
  .looseObject({
    /** The step's title: the page's h1 and its name in the step list. */
    title: z.string({ error: 'a step needs a title' }).trim().min(1, 'a step needs a title'),
    /** 0 = the lab overview; 1…N = the lesson steps, in order. */
    step: z.number({ error: 'step must be a number: 0 for the overview, then 1, 2, 3…' }).int('step must be a whole number').min(0, 'step must be 0 (the overview) or more'),
    /** One sentence: what the step is about (shown in lists and as the page description). */
    summary: z.string().trim().min(1).optional(),
    /** The account the step expects in the simulator: a user of the lab's starting tenant, by mail nickname or sign-in name. */
    account: z.string().trim().min(1, 'account names a user of the starting tenant').optional(),
    /** Ids of the lab's checks (lab.json) this step leads to, shown on the step. */
    checks: z.array(z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'a check id: lowercase letters, digits and hyphens')).min(1, 'list at least one check id, or leave checks out').optional(),
  })
  .superRefine((data, ctx) => {
    for (const key of Object.keys(data)) {
      if (FIELDS.includes(key)) continue;
      const moved = MOVED_TO_MANIFEST[key];
      ctx.addIssue({
        code: 'custom',
        path: [key],
        message: moved ? `lab metadata lives in lab.json now: set "${moved}" there` : `unknown field (a step has: ${FIELDS.join(', ')})`,
      });
    }
    if (data.step === 0 && data.account !== undefined) ctx.addIssue({ code: 'custom', path: ['account'], message: 'the overview (step 0) expects no account; set it on the steps' });
    if (data.step === 0 && data.checks !== undefined) ctx.addIssue({ code: 'custom', path: ['checks'], message: 'the overview (step 0) shows no checks; list them on the steps' });
  });

export type StepFrontmatter = z.output<typeof stepFrontmatterSchema>;
