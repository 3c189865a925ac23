import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// A lab is a folder, nothing more: a copy of the site with a fixture lab folder dropped into labs/
// builds, and the lab appears in the catalog with its overview and steps, with no code change.

const root = resolve(import.meta.dirname, '../..');
// Inside the project (test-results/ is ignored), so that the copy finds node_modules by walking up,
// as the site itself does.
mkdirSync(join(root, 'test-results'), { recursive: true });
const work = mkdtempSync(join(root, 'test-results', 'fixture-lab-build-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A copy of the site in `dir`, without dist/ or caches. */
function copySite(dir: string) {
  for (const entry of ['src', 'content', 'public', 'labs', 'astro.config.mjs', 'tsconfig.json', 'package.json']) cpSync(join(root, entry), join(dir, entry), { recursive: true });
}

/** Runs astro build in `dir`: undefined when it succeeds, else what it printed. */
function build(dir: string): string | undefined {
  try {
    execFileSync(process.execPath, [join(root, 'node_modules/astro/bin/astro.mjs'), 'build'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', FORCE_COLOR: '0' } });
    return undefined;
  } catch (e) {
    const { stdout, stderr } = e as { stdout?: string; stderr?: string };
    // Without terminal colours (CI=true may turn them on), so that the text can be searched.
    return `${stdout ?? ''}\n${stderr ?? ''}`.replace(/\u001b\[[0-9;]*m/g, '');
  }
}

describe('a lab folder copied into labs/', () => {
  it('appears in a build of the site with its overview and every step', () => {
    copySite(work);
    cpSync(join(root, 'test/fixtures/labs/valid'), join(work, 'labs/fixture-helpdesk'), { recursive: true });
    // The folder's lab id is its own: the fixture says "valid", the copy is named fixture-helpdesk.
    const manifestPath = join(work, 'labs/fixture-helpdesk/lab.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { id: string; title: string };
    manifest.id = 'fixture-helpdesk';
    writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));

    const failed = build(work);
    if (failed !== undefined) throw new Error(`astro build of the copy failed:\n${failed.slice(-3000)}`);

    const dist = join(work, 'dist');
    const catalog = readFileSync(join(dist, 'index.html'), 'utf8');
    expect(catalog).toContain(manifest.title);
    expect(catalog).toContain('href="/labs/fixture-helpdesk/"');
    expect(existsSync(join(dist, 'labs/fixture-helpdesk/index.html'))).toBe(true);
    for (const step of ['01-make-alex-eligible', '02-activate-as-alex']) {
      const html = readFileSync(join(dist, 'labs/fixture-helpdesk', step, 'index.html'), 'utf8');
      expect(html).toContain('astro-island');
      expect(html).toContain('fixture-helpdesk');
    }
    // Step 2 expects Alex, a user of the lab's own starting tenant (not of the seed lab's tenant).
    expect(readFileSync(join(dist, 'labs/fixture-helpdesk/02-activate-as-alex/index.html'), 'utf8')).toContain('alex@contoso.onmicrosoft.com');
    // The seed lab is still there, untouched.
    expect(existsSync(join(dist, 'labs/pim-eligible-role/01-check-the-demo-user/index.html'))).toBe(true);
  }, 240_000);
});

describe('a broken lab folder copied into labs/', () => {
  const fixtures = join(root, 'test/fixtures/labs');
  const broken = readdirSync(fixtures).filter((name) => name !== 'valid');

  // The lab kit reports every problem of every lab folder at once, so one build with all the broken
  // folders names them all; a folder that Astro's own content schema refuses stops that build first
  // (Astro names one entry and stops), so the build runs again without the folders already named.
  it('fails the build with the same file, field and reason as pim-lab validate, for every fixture', () => {
    const dir = mkdtempSync(join(root, 'test-results', 'broken-lab-build-'));
    try {
      copySite(dir);
      const expected = new Map<string, { file: string; fieldAndReason: string }>();
      for (const name of broken) {
        const validate = spawnSync(process.execPath, [join(root, 'bin/pim-lab.mjs'), 'validate', '--dir', 'test/fixtures/labs', name], { cwd: root, encoding: 'utf8' });
        expect(validate.status, name).toBe(1);
        // pim-lab names the file under the folder it read; in the site it is under labs/.
        const line = validate.stderr.trim().split('\n')[0]!.replace(`test/fixtures/labs/${name}/`, `labs/${name}/`);
        const [, file, fieldAndReason] = /^(\S+?\.(?:mdx|json)): (.*)$/.exec(line)!;
        expected.set(name, { file: file!, fieldAndReason: fieldAndReason!.replace(/\s+/g, ' ') });
        cpSync(join(fixtures, name), join(dir, 'labs', name), { recursive: true });
      }
      let builds = 0;
      while (expected.size > 0) {
        const output = build(dir);
        builds++;
        expect(output, `the build passed with ${[...expected.keys()].join(', ')} in labs/`).toBeDefined();
        // The build names the file (Astro's own schema errors put it under "Location"), the field and
        // the reason, as validate does.
        const flat = output!.replace(/\s+/g, ' ');
        const named = [...expected].filter(([, e]) => flat.includes(e.file) && flat.includes(e.fieldAndReason)).map(([name]) => name);
        expect(named, `the build named none of ${[...expected.keys()].join(', ')}:\n${output!.slice(-3000)}`).not.toEqual([]);
        for (const name of named) {
          expected.delete(name);
          rmSync(join(dir, 'labs', name), { recursive: true, force: true });
        }
      }
      // All the lab kit's problems come in one build: only Astro's schema errors take one each.
      expect(builds).toBeLessThan(broken.length);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 600_000);
});
