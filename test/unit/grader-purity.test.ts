import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// The grader is pure, like the tenant core it builds on (architecture.md, "Rooms"): it imports only
// the core, zod/mini and @noble/hashes, never reads the wall clock, draws random numbers or touches
// the DOM or Node's APIs, so that the browser's "Check my work" and the CLI grade alike. Only
// src/cli touches the file system and the process.

const root = join(import.meta.dirname, '../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|mts|js|mjs)$/.test(name) ? [path] : [];
  });
}

const importsOf = (code: string) =>
  [...code.matchAll(/(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g)].map(
    (m) => m[1] ?? m[2] ?? m[3]!,
  );

const withoutComments = (code: string) => code.replace(/\/\/.*$/gm, '').replace(/\/\*[\s\S]*?\*\//g, '');

/** Imports a grader file may not make. */
export function forbiddenImports(file: string, code: string): string[] {
  return importsOf(code).filter((spec) => {
    if (spec === 'zod/mini' || spec.startsWith('@noble/hashes/')) return false;
    if (spec.startsWith('.')) {
      const target = join(file, '..', spec);
      return !(target.startsWith(join(root, 'src/grader')) || target === join(root, 'src/tenant') || target.startsWith(join(root, 'src/tenant') + '/'));
    }
    return true;
  });
}

const IMPURE = /Date\.now\s*\(|new Date\s*\(\s*\)|Math\.random\s*\(|performance\.now|crypto\.|\b(window|document|localStorage|indexedDB|navigator|process|require)\s*[.[(]/;

describe('the grader is pure', () => {
  const files = sourceFiles(join(root, 'src/grader'));

  it('has source files to check', () => {
    expect(files.length).toBeGreaterThanOrEqual(10);
  });

  it.each(files.map((f) => [relative(root, f), f]))('%s imports only the tenant core, zod/mini and @noble/hashes', (_, file) => {
    expect(forbiddenImports(file, readFileSync(file, 'utf8'))).toEqual([]);
  });

  it.each(files.map((f) => [relative(root, f), f]))('%s reads no wall clock, randomness, DOM or Node API', (_, file) => {
    expect(withoutComments(readFileSync(file, 'utf8'))).not.toMatch(IMPURE);
  });

  it('the checks catch what they are for', () => {
    const file = join(root, 'src/grader/x.ts');
    expect(forbiddenImports(file, `import { readFileSync } from 'node:fs';\nimport { db } from '../store/db';\nimport { x } from '../tenant';\nimport * as z from 'zod';\nimport { sha256 } from '@noble/hashes/sha2.js';`)).toEqual(['node:fs', '../store/db', 'zod']);
    expect('const t = Date.now();').toMatch(IMPURE);
    expect("const h = crypto.subtle.digest('SHA-256', x);").toMatch(IMPURE);
    expect('const argv = process.argv;').toMatch(IMPURE);
  });
});

describe('only src/cli touches the file system and the process', () => {
  it('no file under src/ outside src/cli imports node:fs, node:child_process or node:process', () => {
    const offenders = sourceFiles(join(root, 'src'))
      .filter((f) => !f.startsWith(join(root, 'src/cli')))
      .filter((f) => importsOf(readFileSync(f, 'utf8')).some((s) => /^(node:)?(fs|fs\/promises|child_process|process)$/.test(s)));
    expect(offenders.map((f) => relative(root, f))).toEqual([]);
  });
});
