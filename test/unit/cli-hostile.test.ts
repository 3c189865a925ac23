import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, openSync, closeSync, readFileSync, rmSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_DIR } from '../../scripts/gen-attempt-fixtures';

// A submissions folder is written by learners: what one of them puts in it must never abort, hang
// or widen the grading of the whole class, nor publish a byte of a file that is not an attempt.
// These run the real command (bin/pim-lab.mjs), as CI does.

const root = join(import.meta.dirname, '../..');
const bin = join(root, 'bin/pim-lab.mjs');
const fixture = (name: string) => join(FIXTURE_DIR, name);
let dir: string;

const pimLab = (args: string[], opts: { stdout?: number } = {}) => {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 60_000,
    ...(opts.stdout !== undefined ? { stdio: ['ignore', opts.stdout, 'pipe'] } : {}),
  });
  return { ...r, seconds: (performance.now() - t0) / 1000, errLines: (r.stderr ?? '').split('\n').filter(Boolean) };
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pim-lab-hostile-'));
  // Builds the CLI bundle once, so that the timed run below measures grading.
  pimLab(['--version']);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a hostile submissions folder', () => {
  it('grades the good files, names each bad one on its own line, writes a complete report, exits 2, within 5 s', () => {
    const sub = join(dir, 'submissions');
    mkdirSync(sub);
    copyFileSync(fixture('complete.json'), join(sub, 'alice.json'));
    copyFileSync(fixture('no-activation.json'), join(sub, 'bob.json'));
    symlinkSync('/dev/zero', join(sub, 'mallory.json'));
    const outside = join(dir, 'secret.txt');
    writeFileSync(outside, 'root:x:0:0:secret-marker\n');
    symlinkSync(outside, join(sub, 'peek.json'));
    execFileSync('mkfifo', [join(sub, 'fifo.json')]);
    symlinkSync('.', join(sub, 'loop'));
    symlinkSync(join(root, 'node_modules'), join(sub, 'nm'));
    writeFileSync(join(sub, 'huge.json'), Buffer.alloc(50 * 1024 * 1024, 0x20));
    writeFileSync(join(sub, 'report.json'), 'an old report');
    const r = pimLab(['grade', 'submissions/**/*.json', '--format', 'junit', '--out', 'submissions/report.json']);
    console.log(`hostile submissions folder graded in ${r.seconds.toFixed(2)} s`);
    expect(r.seconds).toBeLessThan(5);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    const lines = Object.fromEntries(r.errLines.map((l) => [/^pim-lab: submissions\/([\w.]+): /.exec(l)?.[1] ?? l, l]));
    expect(Object.keys(lines).sort()).toEqual(['fifo.json', 'huge.json', 'mallory.json', 'peek.json']);
    expect(lines['mallory.json']).toMatch(/CannotRead: This is a symbolic link/);
    expect(lines['peek.json']).toMatch(/CannotRead: This is a symbolic link/);
    expect(lines['fifo.json']).toMatch(/CannotRead: This is a named pipe \(FIFO\)/);
    expect(lines['huge.json']).toMatch(/: (TooLarge|EmptyFile|NotJson): /);
    const report = readFileSync(join(sub, 'report.json'), 'utf8');
    expect(report.trimEnd().endsWith('</testsuites>')).toBe(true);
    // The two good attempts, once each (no loop, no node_modules, not the report itself), and the bad ones.
    const suites = [...report.matchAll(/<testsuite name="([^"]+)"/g)].map((m) => m[1]);
    expect(suites.sort()).toEqual(['submissions/alice.json', 'submissions/bob.json', 'submissions/fifo.json', 'submissions/huge.json', 'submissions/mallory.json', 'submissions/peek.json']);
    expect(`${report}${r.stderr}`).not.toMatch(/secret-marker|root:x/);
    // No temporary file is left beside the report.
    expect(execFileSync('ls', ['-A', sub], { encoding: 'utf8' })).not.toMatch(/\.tmp/);
  });

  it('never echoes the bytes of a file that is not an attempt', () => {
    writeFileSync(join(dir, 'passwd.json'), 'root:x:0:0:secret-marker:/root:/bin/bash\n');
    const r = pimLab(['grade', 'passwd.json']);
    expect(r.status).toBe(2);
    expect(r.errLines).toHaveLength(1);
    expect(r.errLines[0]).toMatch(/^pim-lab: passwd\.json: NotJson: The file is not JSON\b.*line 1, column 1\.$/);
    expect(r.stdout + r.stderr).not.toMatch(/secret-marker|root:x/);
  });

  it('names UTF-16 and Latin-1 files as such', () => {
    const text = readFileSync(fixture('complete.json'), 'utf8');
    writeFileSync(join(dir, 'utf16.json'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    writeFileSync(join(dir, 'utf16-nobom.json'), Buffer.from(text, 'utf16le'));
    writeFileSync(join(dir, 'latin1.json'), Buffer.from(text.replace('"events"', '"events" ').replace('}', ', "caf\u00e9": 1}'), 'latin1'));
    const r = pimLab(['grade', 'utf16.json', 'utf16-nobom.json', 'latin1.json']);
    expect(r.status).toBe(2);
    expect(r.errLines[0]).toMatch(/utf16\.json: NotJson: The file is UTF-16 \(little-endian, with a byte order mark\), not UTF-8/);
    expect(r.errLines[1]).toMatch(/utf16-nobom\.json: NotJson: The file is UTF-16 \(little-endian\), not UTF-8/);
    expect(r.errLines[2]).toMatch(/latin1\.json: NotJson: The file is in a legacy encoding such as Latin-1/);
  });

  it('grades a file once, whatever names reach it', () => {
    mkdirSync(join(dir, 'once'));
    copyFileSync(fixture('complete.json'), join(dir, 'once/x.json'));
    const r = pimLab(['grade', '--format', 'json', 'once/x.json', './once/x.json', 'once/../once/x.json', 'once', 'once/*.json']);
    expect(r.status).toBe(0);
    expect(r.stdout.trimEnd().split('\n')).toHaveLength(1);
  });
});

describe('run-level entries', () => {
  it('a glob that matches nothing is a failed entry in text, json and junit: exit 2', () => {
    const text = pimLab(['grade', 'nobody-*.json']);
    expect(text.status).toBe(2);
    expect(text.errLines).toEqual(['pim-lab: nobody-*.json: NoMatch: No attempt file matches this pattern.']);
    expect(text.stdout).toMatch(/^nobody-\*\.json: could not be graded: NoMatch: [\s\S]*1 file: 0 passed, 0 failed, 1 could not be graded\n$/);
    const json = pimLab(['grade', 'nobody-*.json', '--format', 'json']);
    expect(json.status).toBe(2);
    expect(json.stdout.trimEnd().split('\n').map((l) => JSON.parse(l))).toEqual([{ file: 'nobody-*.json', status: 'error', error: { code: 'NoMatch', message: 'No attempt file matches this pattern.' } }]);
    const junit = pimLab(['grade', 'nobody-*.json', '--format', 'junit']);
    expect(junit.status).toBe(2);
    expect(junit.stdout).toMatch(/<testsuite name="nobody-\*\.json"[^>]*errors="1"[\s\S]*<error type="NoMatch"[\s\S]*<\/testsuites>\n$/);
  });

  it('the same events in two files of one run: the later one is flagged, its score unchanged', () => {
    mkdirSync(join(dir, 'copies'));
    copyFileSync(fixture('complete.json'), join(dir, 'copies/a.json'));
    copyFileSync(fixture('complete.json'), join(dir, 'copies/b.json'));
    copyFileSync(fixture('no-activation.json'), join(dir, 'copies/c.json'));
    const r = pimLab(['grade', 'copies', '--format', 'json']);
    expect(r.status).toBe(1);
    const lines = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
    const identical = (l: { flags: { code: string; message: string }[] }) => l.flags.filter((f) => f.code === 'identicalEvents');
    const alone = JSON.parse(pimLab(['grade', 'copies/c.json', '--format', 'json']).stdout);
    expect(lines.map((l) => [l.file, l.score, identical(l).length])).toEqual([
      ['copies/a.json', 100, 0],
      ['copies/b.json', 100, 1],
      ['copies/c.json', alone.score, 0],
    ]);
    expect(identical(lines[1])[0]?.message).toMatch(/^The same events\b.* as copies\/a\.json\b/);
  });
});

describe('--out and write failures', () => {
  it('--out equal to an input: refused before anything is written, the input unchanged, one line, exit 2', () => {
    copyFileSync(fixture('complete.json'), join(dir, 'a.json'));
    const before = readFileSync(join(dir, 'a.json'), 'utf8');
    for (const out of ['a.json', './a.json']) {
      const r = pimLab(['grade', 'a.json', '--out', out]);
      expect(r.status).toBe(2);
      expect(r.errLines).toHaveLength(1);
      expect(r.errLines[0]).toMatch(/^pim-lab: --out: .*a\.json is also an attempt file to grade/);
      expect(readFileSync(join(dir, 'a.json'), 'utf8')).toBe(before);
    }
  });

  it('a report that a glob would match is left out of the inputs', () => {
    mkdirSync(join(dir, 'cls'));
    copyFileSync(fixture('complete.json'), join(dir, 'cls/a.json'));
    const first = pimLab(['grade', 'cls/*.json', '--format', 'json', '--out', 'cls/grades.json']);
    expect(first.status).toBe(0);
    const again = pimLab(['grade', 'cls/*.json', '--format', 'json', '--out', 'cls/grades.json']);
    expect(again.status).toBe(0);
    expect(readFileSync(join(dir, 'cls/grades.json'), 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l).file)).toEqual(['cls/a.json']);
  });

  it.skipIf(!existsSync('/dev/full'))('> /dev/full and --out /dev/full: one line, exit 2', () => {
    copyFileSync(fixture('complete.json'), join(dir, 'b.json'));
    const full = openSync('/dev/full', 'w');
    try {
      const r = pimLab(['grade', 'b.json'], { stdout: full });
      expect(r.status).toBe(2);
      expect(r.errLines).toEqual(['pim-lab: cannot write the report (ENOSPC)']);
    } finally {
      closeSync(full);
    }
    const r = pimLab(['grade', 'b.json', '--out', '/dev/full']);
    expect(r.status).toBe(2);
    expect(r.errLines).toEqual(['pim-lab: cannot write the report (ENOSPC)']);
  });

  it('a report directory that cannot be written: one line, exit 2', () => {
    copyFileSync(fixture('complete.json'), join(dir, 'c.json'));
    const r = pimLab(['grade', 'c.json', '--out', join(dir, 'no-such-dir/report.txt')]);
    expect(r.status).toBe(2);
    expect(r.errLines).toEqual(['pim-lab: cannot write the report (ENOENT)']);
  });
});
