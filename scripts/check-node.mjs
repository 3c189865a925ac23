// Fails fast when npm scripts would run on a Node older than 22.
// The node@22 devDependency puts a Node 22 binary in node_modules/.bin, which npm puts first on PATH
// for every `npm run …` / `npx …`. If that binary is missing (e.g. `npm ci --ignore-scripts`), scripts
// would silently fall back to the system Node, and Astro/Vitest need Node >= 22.12.
const major = Number(process.versions.node.split('.')[0]);

if (!Number.isInteger(major) || major < 22) {
  console.error(
    `Node ${process.version} on PATH: the node@22 devDependency is missing; ` +
      'run `npm install` (without --ignore-scripts) so that npm scripts run on Node 22',
  );
  process.exit(1);
}
