import { lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

// File arguments: a path, a directory (its *.json files), or a glob quoted so that the shell leaves
// it alone, as CI configs do ('submissions/*.json', 'class-*/**/*.json'). Supports *, ?, [abc],
// [!abc] and ** (any depth); like a shell, * does not match a leading dot. Node 20's fs has no
// glob, and the CLI must run on it too. Matching never descends into a symbolic link (lstat): a
// learner's `loop -> .` or `nm -> node_modules` must not multiply or widen what a class run grades;
// a link whose name matches is listed, and refused when read.

const MAGIC = /[*?[]/;

export const isGlob = (arg: string) => MAGIC.test(arg);

/** One path segment's pattern as a RegExp. */
export function segmentRegExp(segment: string): RegExp {
  let re = '';
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i]!;
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const close = segment.indexOf(']', i + 2);
      if (close < 0) {
        re += '\\[';
        continue;
      }
      let body = segment.slice(i + 1, close);
      const negate = body[0] === '!' || body[0] === '^';
      if (negate) body = body.slice(1);
      re += `[${negate ? '^' : ''}${body.replace(/[\\\]]/g, '\\$&')}]`;
      i = close;
    } else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  // A leading * or ? never matches a hidden file's dot.
  return new RegExp(`^${/^[*?[]/.test(segment) ? '(?!\\.)' : ''}${re}$`);
}

/** A real directory, not a link to one. */
function isDirectory(path: string): boolean {
  try {
    return lstatSync(path).isDirectory();
  } catch {
    return false;
  }
}

function list(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}

/** The files a glob matches, in sorted order (paths joined onto the pattern's literal prefix). */
export function expandGlob(pattern: string): string[] {
  const normalized = pattern.replace(/\\/g, '/');
  const absolute = normalized.startsWith('/');
  const segments = normalized.split('/').filter((s, i) => s !== '' || i === 0);
  if (absolute) segments.shift();
  // The literal prefix ("submissions/2025" in "submissions/2025/*.json") is walked as is.
  let base = absolute ? '/' : '';
  let i = 0;
  while (i < segments.length - 1 && !MAGIC.test(segments[i]!)) base = base === '' ? segments[i++]! : join(base, segments[i++]!);
  const out: string[] = [];
  const walk = (dir: string, k: number) => {
    const seg = segments[k]!;
    const last = k === segments.length - 1;
    const here = dir === '' ? '.' : dir;
    if (seg === '**') {
      // Zero directories, then each subdirectory (not hidden ones) at any depth.
      if (last) return;
      walk(dir, k + 1);
      for (const name of list(here)) {
        const path = dir === '' ? name : join(dir, name);
        if (!name.startsWith('.') && isDirectory(path)) walk(path, k);
      }
      return;
    }
    if (!MAGIC.test(seg)) {
      const path = dir === '' ? seg : join(dir, seg);
      if (last) {
        if (!isDirectory(path) && list(here).includes(seg)) out.push(path);
      } else if (isDirectory(path)) walk(path, k + 1);
      return;
    }
    const re = segmentRegExp(seg);
    for (const name of list(here)) {
      if (!re.test(name)) continue;
      const path = dir === '' ? name : join(dir, name);
      if (last) {
        if (!isDirectory(path)) out.push(path);
      } else if (isDirectory(path)) walk(path, k + 1);
    }
  };
  walk(base, i);
  return [...new Set(out)].sort();
}
