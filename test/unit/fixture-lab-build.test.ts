import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

describe('a lab folder copied into labs/', () => {
  it('appears in a build of the site with its overview and every step', () => {
    for (const entry of ['src', 'content', 'public', 'labs', 'astro.config.mjs', 'tsconfig.json', 'package.json']) cpSync(join(root, entry), join(work, entry), { recursive: true });
    cpSync(join(root, 'test/fixtures/labs/valid'), join(work, 'labs/fixture-helpdesk'), { recursive: true });
    // The folder's lab id is its own: the fixture says "valid", the copy is named fixture-helpdesk.
    const manifestPath = join(work, 'labs/fixture-helpdesk/lab.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { id: string; title: string };
    manifest.id = 'fixture-helpdesk';
    writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));

    try {
      execFileSync(process.execPath, [join(root, 'node_modules/astro/bin/astro.mjs'), 'build'], { cwd: work, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' } });
    } catch (e) {
      const { stdout, stderr } = e as { stdout?: string; stderr?: string };
      throw new Error(`astro build of the copy failed:\n${(stderr || stdout || String(e)).slice(-3000)}`);
    }

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
