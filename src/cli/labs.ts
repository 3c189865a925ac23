import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileLab, oneLine, type Lab } from '../grader';

// The labs the CLI grades against: every labs/<lab-id>/lab.json of the package, compiled with its
// folder's step files, so that a check pointing at a step that does not exist is a lab error.

export type LoadLabsResult = { ok: true; labs: Map<string, Lab> } | { ok: false; message: string };

export function loadLabs(root: string): LoadLabsResult {
  const labsDir = join(root, 'labs');
  let folders: string[];
  try {
    folders = readdirSync(labsDir, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
  } catch (e) {
    return { ok: false, message: `cannot read the labs folder ${labsDir}: ${(e as Error).message}` };
  }
  const labs = new Map<string, Lab>();
  for (const folder of folders) {
    const dir = join(labsDir, folder);
    const names = readdirSync(dir);
    if (!names.includes('lab.json')) continue;
    const where = `labs/${folder}/lab.json`;
    let manifest: unknown;
    try {
      manifest = JSON.parse(readFileSync(join(dir, 'lab.json'), 'utf8'));
    } catch (e) {
      return { ok: false, message: oneLine(`${where}: not valid JSON: ${(e as Error).message}`) };
    }
    const stepSlugs = names.filter((n) => n.endsWith('.mdx')).map((n) => n.slice(0, -'.mdx'.length));
    const compiled = compileLab(manifest, { stepSlugs });
    if (!compiled.ok) return { ok: false, message: oneLine(`${where}: ${compiled.error.path}: ${compiled.error.message}`) };
    if (compiled.lab.id !== folder) return { ok: false, message: `${where}: $.id: the lab's id '${compiled.lab.id}' must be its folder's name '${folder}'` };
    labs.set(compiled.lab.id, compiled.lab);
  }
  return { ok: true, labs };
}
