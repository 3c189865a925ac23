import { getCollection, type CollectionEntry } from 'astro:content';
import { labSourcesOf, problemLine, resolveAccount, validateLabs, type KitLab, type KitStep, type StepAccount } from '../labkit';
import { registerSeed, SEEDS } from '../tenant/seeds';

// The labs as the pages see them, built at build time from the `labs` collection (the step files)
// and labs/*/lab.json (everything else about a lab), validated by the lab kit (src/labkit): any
// problem throws one line per problem, `labs/<lab-id>/<file>: <field>: <reason>`, which fails
// `astro build`. Each lab's starting tenant is registered by its seed id, so that components
// rendering a step (<ExpectAccount>) resolve accounts in it.

export type StepEntry = CollectionEntry<'labs'>;

export interface LabStep extends KitStep {
  href: string;
  entry: StepEntry;
}

export interface Lab extends Omit<KitLab, 'overview' | 'steps'> {
  href: string;
  overview: StepEntry;
  steps: LabStep[];
}

// Every lab's manifest, read by Vite at build time (a JSON import per file).
const manifests = import.meta.glob<unknown>('/labs/*/lab.json', { eager: true, import: 'default' });

export class LabError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LabError';
  }
}

function fileOf(entry: StepEntry): string {
  return entry.filePath?.replace(/^(\.\/)?labs\//, '') ?? `${entry.id}.mdx`;
}

let cache: Promise<Lab[]> | undefined;

/** Every lab, sorted by title; throws (failing the build) on any problem in any lab folder. */
export function loadLabs(): Promise<Lab[]> {
  return (cache ??= build());
}

export async function loadLab(labId: string): Promise<Lab> {
  const lab = (await loadLabs()).find((l) => l.id === labId);
  if (!lab) throw new Error(`There is no lab '${labId}'.`);
  return lab;
}

async function build(): Promise<Lab[]> {
  const entries = new Map<string, StepEntry>();
  for (const entry of await getCollection('labs')) entries.set(fileOf(entry), entry);
  const files = [...entries].map(([path, entry]) => ({ path, frontmatter: entry.data, body: entry.body ?? '' }));
  const byFolder = Object.fromEntries(Object.entries(manifests).map(([path, value]) => [path.replace(/^\/labs\//, ''), value]));
  const read = labSourcesOf(files, byFolder);
  const { problems, labs } = validateLabs(read.sources);
  if (read.problems.length || problems.length) throw new LabError([...read.problems, ...problems].map(problemLine).join('\n'));
  for (const lab of labs) registerSeed(lab.seed);

  return labs.map((lab) => {
    const href = `/labs/${lab.id}/`;
    const entryOf = (step: KitStep) => entries.get(`${lab.id}/${step.name}`)!;
    return {
      ...lab,
      href,
      overview: entryOf(lab.overview),
      steps: lab.steps.map((step) => ({ ...step, href: `${href}${step.slug}/`, entry: entryOf(step) })),
    };
  });
}

export type ExpectedAccount = StepAccount;

/** The account a step names (mail nickname or sign-in name), resolved in the lab's starting tenant. */
export function expectedAccount(lab: Pick<Lab, 'seedId'>, account: string | undefined): ExpectedAccount | undefined {
  if (!account) return undefined;
  const seed = SEEDS[lab.seedId];
  return seed ? resolveAccount(seed, account) : undefined;
}
