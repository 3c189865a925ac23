import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * Initial client JavaScript of a built page: every script the HTML loads at once (module scripts,
 * Astro islands' component and renderer URLs, inline scripts) and, transitively, every module they
 * import statically. Modules only reachable through dynamic import() (blades and panes opened
 * later) are not initial. Sizes are gzip level 9, as a static host would serve them.
 */
export function initialJs(distDir: string, pagePath: string) {
  const htmlFile = join(distDir, pagePath.replace(/^\//, ''), pagePath.endsWith('.html') ? '' : 'index.html');
  const html = readFileSync(htmlFile, 'utf8');
  const seen = new Set<string>();
  const queue: string[] = [];
  const add = (url: string) => {
    if (!url.startsWith('/')) return;
    const file = join(distDir, url);
    if (!seen.has(file) && existsSync(file)) {
      seen.add(file);
      queue.push(file);
    }
  };
  for (const m of html.matchAll(/<script[^>]*\bsrc="([^"]+)"/g)) add(m[1]!);
  for (const m of html.matchAll(/(?:component-url|renderer-url|before-hydration-url)="([^"]+)"/g)) add(m[1]!);
  let inlineBytes = 0;
  for (const m of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)) inlineBytes += gzipSync(m[1]!, { level: 9 }).length;
  while (queue.length) {
    const file = queue.pop()!;
    const code = readFileSync(file, 'utf8');
    // Static imports only: `import … from "x"`, `import "x"`, `export … from "x"`.
    for (const m of code.matchAll(/(?:^|[;\s}])(?:import|export)\s*(?:[\w*{}\s,$]+from\s*)?["']([^"']+\.js)["']/g)) {
      add(resolve('/', dirname(file.slice(distDir.length)), m[1]!));
    }
  }
  const files = [...seen].map((f) => ({ file: f.slice(distDir.length), gzip: gzipSync(readFileSync(f), { level: 9 }).length }));
  return { files, inlineBytes, total: files.reduce((n, f) => n + f.gzip, 0) + inlineBytes };
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const r = initialJs(resolve('dist'), process.argv[2] ?? '/');
  for (const f of r.files.sort((a, b) => b.gzip - a.gzip)) console.log(String(f.gzip).padStart(8), f.file);
  console.log(String(r.inlineBytes).padStart(8), '(inline scripts)');
  console.log(String(r.total).padStart(8), 'total gzip bytes');
}
