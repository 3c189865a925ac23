// Transforms ../shared/domain/password-reset-matrix.md (Microsoft's "Who can reset passwords" table)
// into src/tenant/data/password-reset-matrix.json, so the data is loaded, never retyped.
// Usage: node scripts/gen-password-reset-matrix.mjs [source.md] [--check]
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const check = args.includes('--check');
const source = args.find((a) => !a.startsWith('--')) ?? resolve(root, '../shared/domain/password-reset-matrix.md');
const target = resolve(root, 'src/tenant/data/password-reset-matrix.json');

export function parseMatrix(md) {
  const lines = md.split('\n');
  const tables = [];
  let current = null;
  for (const line of lines) {
    if (line.trim().startsWith('|')) {
      const cells = line.trim().replace(/^\|/, '').replace(/\|$/, '').split('|').map((c) => c.trim());
      if (!current) tables.push((current = []));
      if (!cells.every((c) => /^:?-{3,}:?$/.test(c))) current.push(cells);
    } else current = null;
  }
  const [matrix, abbreviations] = tables;
  if (!matrix || !abbreviations) throw new Error('expected two tables: the matrix and the abbreviations');
  const names = Object.fromEntries(abbreviations.slice(1).map(([abbr, name]) => [abbr, name]));
  const full = (abbr) => names[abbr] ?? abbr;
  const [header, ...rows] = matrix;
  const resetters = header.slice(1).map(full);
  const targets = rows.map(([row, ...cells]) => ({
    target: full(row.replace(/\\\*/g, '')),
    resetBy: resetters.filter((_, i) => (cells[i] ?? '').includes('✓')),
  }));
  return { source: 'shared/domain/password-reset-matrix.md', resetters, targets };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const json = JSON.stringify(parseMatrix(readFileSync(source, 'utf8')), null, 2) + '\n';
  if (check) {
    if (readFileSync(target, 'utf8') !== json) {
      console.error(`${target} is out of date with ${source}: run node scripts/gen-password-reset-matrix.mjs`);
      process.exit(1);
    }
  } else writeFileSync(target, json);
}
