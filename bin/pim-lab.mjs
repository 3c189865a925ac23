#!/usr/bin/env node
// The pim-lab command. It runs a prebuilt esbuild bundle of src/cli (dist-cli/pim-lab.mjs) so that
// grading one file starts in well under half a second; running TypeScript through tsx would take
// longer than that on its own. The bundle is (re)built here when it is missing or older than any of
// its sources (a stat of each, listed by the last build), so a fresh checkout needs only `npm ci`.
import { readFileSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function fresh(outDir) {
  try {
    const { builtFromMs, inputs } = JSON.parse(readFileSync(join(outDir, 'pim-lab.inputs.json'), 'utf8'));
    statSync(join(outDir, 'pim-lab.mjs'));
    return inputs.every((f) => statSync(join(root, f)).mtimeMs < builtFromMs);
  } catch {
    return false;
  }
}

async function bundle() {
  const outDir = join(root, 'dist-cli');
  if (fresh(outDir)) return join(outDir, 'pim-lab.mjs');
  const { buildCli } = await import('../scripts/build-cli.mjs');
  try {
    return await buildCli(outDir);
  } catch (e) {
    // A read-only checkout: build next to the system's temporary files instead.
    if (e?.code !== 'EACCES' && e?.code !== 'EROFS' && e?.code !== 'EPERM') throw e;
    const fallback = join(tmpdir(), `pim-lab-cli-${Buffer.from(root).toString('base64url').slice(-40)}`);
    return fresh(fallback) ? join(fallback, 'pim-lab.mjs') : buildCli(fallback);
  }
}

// The CLI writes with writeSync (through writeAll), so that a failed write (EPIPE from `| head`,
// ENOSPC from `> /dev/full`) is an error it sees and reports in one line with exit 2, never an
// asynchronous stream error after the exit code was chosen.
try {
  const { run, writeAll, readStdinCapped } = await import(pathToFileURL(await bundle()).href);
  process.exitCode = await run(process.argv.slice(2), {
    root,
    stdout: (text) => writeAll(1, text),
    stderr: (text) => writeAll(2, text),
    readStdin: () => readStdinCapped(0),
  });
} catch (e) {
  // One line, never a stack trace: the CLI's own errors are values; this is the launcher failing.
  const why = e?.code === 'ERR_MODULE_NOT_FOUND' && /esbuild/.test(String(e?.message)) ? 'esbuild is not installed to build the CLI bundle; run npm ci' : String(e?.message ?? e).split('\n')[0];
  try {
    writeSync(2, `pim-lab: cannot start: ${why}\n`);
  } catch {
    /* stderr is gone: the exit code says it */
  }
  process.exitCode = 2;
}
