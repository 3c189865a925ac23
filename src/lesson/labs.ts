import { getCollection, type CollectionEntry } from 'astro:content';
import { problemLine, resolveAccount, validateLabs, type KitLab, type KitStep, type LabSource, type StepAccount } from '../labkit';
import type { TenantSeedInput } from '../tenant/schemas/seed';
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
  const sources = new Map<string, LabSource>();
  const source = (folder: string) => {
    let s = sources.get(folder);
    if (!s) sources.set(folder, (s = { folder, dir: `labs/${folder}`, manifest: { kind: 'missing' }, steps: [] }));
    return s;
  };
  const entries = new Map<string, StepEntry>();
  for (const entry of await getCollection('labs')) {
    const file = fileOf(entry);
    const parts = file.split('/');
    if (parts.length !== 2) throw new LabError(`labs/${file}: (file): a step file belongs directly in its lab folder: labs/<lab-id>/NN-<slug>.mdx`);
    const [folder, name] = parts as [string, string];
    source(folder).steps.push({ name, frontmatter: entry.data, body: entry.body ?? '' });
    entries.set(file, entry);
  }
  for (const [path, value] of Object.entries(manifests)) source(path.split('/')[2]!).manifest = { kind: 'json', value };

  const { problems, labs } = validateLabs([...sources.values()].sort((a, b) => a.folder.localeCompare(b.folder)));
  if (problems.length) throw new LabError(problems.map(problemLine).join('\n'));
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

/** The tenant seed a lab's attempts start from (registered by loadLabs). */
export function seedOf(lab: Pick<Lab, 'seedId'>): TenantSeedInput {
  const seed = SEEDS[lab.seedId];
  if (!seed) throw new Error(`There is no tenant seed '${lab.seedId}': load the labs first.`);
  return seed;
}

export type ExpectedAccount = StepAccount;

/** The account a step names (mail nickname or sign-in name), resolved in the lab's starting tenant. */
export function expectedAccount(lab: Pick<Lab, 'seedId'>, account: string | undefined): ExpectedAccount | undefined {
  if (!account) return undefined;
  const seed = SEEDS[lab.seedId];
  return seed ? resolveAccount(seed, account) : undefined;
}
