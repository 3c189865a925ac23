// Bundles the pim-lab CLI (src/cli/main.ts with the grader and the tenant core) into
// dist-cli/pim-lab.mjs with esbuild, so that bin/pim-lab.mjs starts in a fraction of the time tsx
// would need. bin/pim-lab.mjs calls this on its first run and whenever a source is newer than the
// bundle; `npm run build:cli` runs it ahead of time. esbuild comes with astro/vite/tsx.
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const ROOT = resolve(here, '..');

/** Where the bundle goes, and the list of its source files (for the launcher's staleness check). */
export function bundlePaths(outDir = join(ROOT, 'dist-cli')) {
  return { outDir, bundle: join(outDir, 'pim-lab.mjs'), manifest: join(outDir, 'pim-lab.inputs.json') };
}

/**
 * Builds the bundle into outDir. Writes to temporary names and renames, so a CLI starting at the
 * same moment (a test spawning several) sees either the old bundle or the new one, never half.
 */
export async function buildCli(outDir) {
  const { bundle, manifest } = bundlePaths(outDir);
  const startedMs = Date.now();
  const esbuild = await import('esbuild');
  mkdirSync(dirname(bundle), { recursive: true });
  const tmp = `${bundle}.${process.pid}.tmp.mjs`;
  const result = await esbuild.build({
    entryPoints: [join(ROOT, 'src/cli/main.ts')],
    absWorkingDir: ROOT,
    outfile: tmp,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    metafile: true,
    logLevel: 'silent',
    legalComments: 'none',
  });
  // Sources only: a dependency changes with package-lock.json, which is listed instead.
  const inputs = Object.keys(result.metafile.inputs).filter((f) => !f.includes('node_modules/'));
  inputs.push('package-lock.json', 'scripts/build-cli.mjs', 'bin/pim-lab.mjs');
  const tmpManifest = `${manifest}.${process.pid}.tmp`;
  writeFileSync(tmpManifest, `${JSON.stringify({ builtFromMs: startedMs, inputs }, null, 2)}\n`);
  renameSync(tmpManifest, manifest);
  renameSync(tmp, bundle);
  return bundle;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = process.argv[2] ? resolve(process.argv[2]) : undefined;
  try {
    const bundle = await buildCli(out);
    console.log(`Built ${bundle}`);
  } catch (e) {
    rmSync(`${bundlePaths(out).bundle}.${process.pid}.tmp.mjs`, { force: true });
    console.error(`build-cli: ${e instanceof Error ? e.message : e}`);
    process.exitCode = 1;
  }
}
