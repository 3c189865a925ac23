import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// The house rules of architecture.md, enforced: the tenant core imports only xstate, zod and its own
// files, and never reads the wall clock or draws random numbers; only src/store touches Dexie.

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

describe('the tenant core is pure', () => {
  const files = sourceFiles(join(root, 'src/tenant'));

  it('has source files to check', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it.each(files.map((f) => [relative(root, f), f]))('%s imports only xstate, zod and the core', (_, file) => {
    const code = readFileSync(file, 'utf8');
    const outside = importsOf(code).filter((spec) => {
      if (spec === 'xstate' || spec === 'zod' || spec === 'zod/mini') return false;
      if (spec.startsWith('.')) return !join(file, '..', spec).startsWith(join(root, 'src/tenant'));
      return true;
    });
    expect(outside).toEqual([]);
  });

  it.each(files.map((f) => [relative(root, f), f]))('%s reads no wall clock, randomness, DOM or Node API', (_, file) => {
    const code = readFileSync(file, 'utf8').replace(/\/\/.*$/gm, '').replace(/\/\*[\s\S]*?\*\//g, '');
    expect(code).not.toMatch(/Date\.now\s*\(|new Date\s*\(\s*\)|Math\.random\s*\(|performance\.now|crypto\.randomUUID/);
    expect(code).not.toMatch(/\b(window|document|localStorage|indexedDB|navigator|process)\s*[.[]/);
  });

  it('the import check catches a forbidden import', () => {
    expect(importsOf(`import { db } from '../store/db';\nimport React from "react";`)).toEqual(['../store/db', 'react']);
  });
});

describe('only src/store touches Dexie', () => {
  it('no file outside src/store imports dexie', () => {
    const offenders = sourceFiles(join(root, 'src'))
      .filter((f) => !f.startsWith(join(root, 'src/store')))
      .filter((f) => importsOf(readFileSync(f, 'utf8')).some((s) => s === 'dexie' || s.startsWith('dexie')));
    expect(offenders.map((f) => relative(root, f))).toEqual([]);
  });
});
