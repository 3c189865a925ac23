import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';
import { stepFrontmatterSchema } from './labkit/frontmatter';

// Labs are folders under labs/: `labs/<lab-id>/lab.json` (the lab's metadata, starting tenant,
// checks and solution) and `NN-<slug>.mdx`, one file per step. Step 0 (`00-overview.mdx`) is the
// lab's overview; steps 1…N are the lesson pages. A frontmatter that does not match the schema
// fails `astro build` with the file and the field named. What spans files (the manifest, accounts
// in the starting tenant, check ids, numbering, the solution path) is checked by src/labkit, which
// src/lesson/labs.ts runs at build time.

const labs = defineCollection({
  loader: glob({ pattern: '**/*.mdx', base: './labs' }),
  schema: stepFrontmatterSchema,
});

// Pages that are not labs (content/): the authoring guide, concepts, glossary.
const pages = defineCollection({
  loader: glob({ pattern: '**/*.{md,mdx}', base: './content' }),
  schema: z.strictObject({ title: z.string().trim().min(1), description: z.string().trim().min(1) }),
});

export const collections = { labs, pages };
