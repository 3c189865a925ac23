import { getCollection, type CollectionEntry } from 'astro:content';
import { SEEDS } from '../tenant/seeds';

// The labs as the pages see them, built from the `labs` collection at build time. The schema
// (src/content.config.ts) checks each file; this module checks what spans files and throws a
// message naming the file, which fails `astro build`.

export type StepEntry = CollectionEntry<'labs'>;

export interface LabStep {
  /** 1…N */
  step: number;
  title: string;
  summary: string | undefined;
  account: 'admin' | 'demouser' | undefined;
  /** The URL segment: the file name without `.mdx`, e.g. `01-sign-in-as-demouser`. */
  slug: string;
  href: string;
  entry: StepEntry;
}

export interface Lab {
  id: string;
  title: string;
  summary: string;
  level: string;
  minutes: number;
  objectives: string[];
  seedId: string;
  href: string;
  overview: StepEntry;
  steps: LabStep[];
}

const FILE_NAME = /^(\d{2,3})-[a-z0-9][a-z0-9-]*$/;

class LabError extends Error {
  constructor(file: string, message: string) {
    super(`labs/${file}: ${message}`);
    this.name = 'LabError';
  }
}

function fileOf(entry: StepEntry): string {
  return entry.filePath?.replace(/^(\.\/)?labs\//, '') ?? `${entry.id}.mdx`;
}

let cache: Promise<Lab[]> | undefined;

/** Every lab, sorted by title; throws (failing the build) on a malformed lab folder. */
export function loadLabs(): Promise<Lab[]> {
  return (cache ??= build());
}

export async function loadLab(labId: string): Promise<Lab> {
  const lab = (await loadLabs()).find((l) => l.id === labId);
  if (!lab) throw new Error(`There is no lab '${labId}'.`);
  return lab;
}

async function build(): Promise<Lab[]> {
  const byLab = new Map<string, StepEntry[]>();
  for (const entry of await getCollection('labs')) {
    const file = fileOf(entry);
    const parts = file.replace(/\.mdx$/, '').split('/');
    if (parts.length !== 2) throw new LabError(file, 'a step file belongs directly in its lab folder: labs/<lab-id>/NN-<slug>.mdx.');
    const [labId, name] = parts as [string, string];
    if (!/^[a-z0-9][a-z0-9-]*$/.test(labId)) throw new LabError(file, `'${labId}' is not a lab id: use lowercase letters, digits and hyphens.`);
    const m = FILE_NAME.exec(name);
    if (!m) throw new LabError(file, `'${name}.mdx' must be named NN-<slug>.mdx (e.g. 01-open-assigned-roles.mdx) in lowercase.`);
    if (Number(m[1]) !== entry.data.step) throw new LabError(file, `the file name says step ${Number(m[1])} but its frontmatter says step ${entry.data.step}.`);
    byLab.set(labId, [...(byLab.get(labId) ?? []), entry]);
  }

  const labs: Lab[] = [];
  for (const [id, entries] of byLab) {
    entries.sort((a, b) => a.data.step - b.data.step);
    const [overview, ...rest] = entries;
    if (!overview || overview.data.step !== 0) throw new LabError(`${id}/`, 'the lab has no overview: add 00-overview.mdx with step: 0 and the lab metadata.');
    rest.forEach((entry, i) => {
      if (entry.data.step !== i + 1)
        throw new LabError(fileOf(entry), entry.data.step === i ? `step ${entry.data.step} is used twice.` : `step ${i + 1} is missing: steps are numbered 1, 2, 3… without gaps.`);
    });
    if (rest.length === 0) throw new LabError(`${id}/`, 'the lab has no steps.');
    const d = overview.data;
    // The schema guarantees these on step 0; the checks narrow the types.
    if (!d.labTitle || !d.summary || !d.level || !d.minutes || !d.objectives || !d.seedId) throw new LabError(fileOf(overview), 'the overview is missing lab metadata.');
    if (!Object.hasOwn(SEEDS, d.seedId)) throw new LabError(fileOf(overview), `seedId '${d.seedId}' is not a tenant seed (known: ${Object.keys(SEEDS).join(', ')}).`);
    for (const entry of rest)
      if (entry.data.account && !expectedAccount({ seedId: d.seedId }, entry.data.account))
        throw new LabError(fileOf(entry), `account '${entry.data.account}' has no user in tenant seed '${d.seedId}'.`);
    const href = `/labs/${id}/`;
    labs.push({
      id,
      title: d.labTitle,
      summary: d.summary,
      level: d.level,
      minutes: d.minutes,
      objectives: d.objectives,
      seedId: d.seedId,
      href,
      overview,
      steps: rest.map((entry) => {
        const slug = fileOf(entry).split('/')[1]!.replace(/\.mdx$/, '');
        return { step: entry.data.step, title: entry.data.title, summary: entry.data.summary, account: entry.data.account, slug, href: `${href}${slug}/`, entry };
      }),
    });
  }
  return labs.sort((a, b) => a.title.localeCompare(b.title));
}

export interface ExpectedAccount {
  /** What the simulator is asked to switch to: the sign-in name's part before the @. */
  key: 'admin' | 'demouser';
  /** How lesson text names it: "the main account" or "demouser". */
  label: string;
  /** The sign-in name in the lab's tenant, e.g. admin@mydirectory.onmicrosoft.com. */
  upn: string;
}

/** The account a step expects, resolved in the lab's tenant seed (undefined if the step names none). */
export function expectedAccount(lab: Pick<Lab, 'seedId'>, key: LabStep['account']): ExpectedAccount | undefined {
  if (!key) return undefined;
  const upn = SEEDS[lab.seedId]?.users.find((u) => u.userPrincipalName.split('@')[0]!.toLowerCase() === key)?.userPrincipalName;
  if (!upn) return undefined;
  return { key, label: key === 'admin' ? 'the main account' : key, upn };
}
