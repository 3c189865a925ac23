import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  attemptFileSchema,
  buildAttemptFile,
  compileLab,
  grade,
  headerHash,
  jsonReport,
  junitSuite,
  parseAttemptFile,
  stringifyAttemptFile,
  textReport,
  verifyChain,
  wellFormedAttemptFile,
  type GradeOutcome,
} from '../../src/grader';
import { attemptFileName, learnerProblem, learnerSlug, localDate, readLearnerInput } from '../../src/grader/learner';
import { MY_DIRECTORY_SEED } from '../../src/tenant';
import {
  createAttempt,
  currentAttempt,
  getAttempt,
  getLearner,
  InvalidArgumentError,
  listAttempts,
  PimLabDb,
  readEntries,
  resetLab,
  SCHEMA_HISTORY,
  setLearner,
  STORES,
} from '../../src/store';
import { run, type CliIo } from '../../src/cli/main';
import { complete } from '../../scripts/attemptScenarios';
import { FIXTURE_DIR } from '../../scripts/gen-attempt-fixtures';

// The learner's name or student ID: what a valid one is, how the store keeps it (schema version 2
// and its upgrade), how it enters the attempt file (header hash) and its file name, and how the
// grader's reports show it.

const root = join(import.meta.dirname, '../..');
const compiled = compileLab(JSON.parse(readFileSync(join(root, 'labs/pim-eligible-role/lab.json'), 'utf8')));
if (!compiled.ok) throw new Error(compiled.error.message);
const lab = compiled.lab;
const recorded = complete();
const withLearner = (learner: string) => buildAttemptFile({ ...recorded.meta('0.1.0'), learner }, recorded.entries);

describe('a learner name', () => {
  it('is trimmed, 1 to 64 characters (code points), without control characters; blank means none', () => {
    expect(readLearnerInput('  Ada Lovelace \t')).toEqual({ ok: true, learner: 'Ada Lovelace' });
    expect(readLearnerInput('   ')).toEqual({ ok: true, learner: null });
    expect(readLearnerInput('s1234567')).toEqual({ ok: true, learner: 's1234567' });
    expect(readLearnerInput('😀'.repeat(64))).toEqual({ ok: true, learner: '😀'.repeat(64) });
    expect(readLearnerInput('x'.repeat(65))).toEqual({ ok: false, message: 'Use at most 64 characters (this has 65).' });
    expect(readLearnerInput('Ada\u0007Lovelace')).toEqual({ ok: false, message: 'Remove the control character (U+0007) at position 4.' });
    for (const c of ['\n', '\u0085', '\u2028', '\u202e', '\u2066', '\u007f']) expect(readLearnerInput(`a${c}b`).ok, JSON.stringify(c)).toBe(false);
    // As stored: the store and the file refuse what the field would have trimmed.
    expect(learnerProblem(' Ada')).toBe('Remove the spaces at the start and end.');
    expect(learnerProblem('')).toBe('Enter at least 1 character.');
    expect(learnerProblem('Zoë Ångström-李')).toBeNull();
  });

  it('becomes a file-name part of letters, digits and hyphens', () => {
    expect(learnerSlug('Ada Lovelace')).toBe('ada-lovelace');
    expect(learnerSlug('  Zoë  Ångström ')).toBe('zoe-angstrom');
    expect(learnerSlug('../../etc/passwd')).toBe('etc-passwd');
    expect(learnerSlug('a:b*c?"d<e>f|g\\h')).toBe('a-b-c-d-e-f-g-h');
    expect(learnerSlug('李雷')).toBe('李雷');
    expect(learnerSlug('s-1234.567')).toBe('s-1234-567');
    expect(learnerSlug('!!!')).toBe('');
    expect(learnerSlug('a'.repeat(39) + ' b')).toBe('a'.repeat(39));
    expect([...learnerSlug('x'.repeat(64))]).toHaveLength(40);
  });

  it('names the attempt file <lab>-<learner>-<date>-attempt-<n>.json, the date in local time', () => {
    const at = new Date(2026, 11, 3, 23, 59); // local time
    expect(localDate(at)).toBe('2026-12-03');
    expect(localDate(new Date(2027, 0, 1, 0, 0))).toBe('2027-01-01');
    expect(attemptFileName('pim-eligible-role', 'Ada Lovelace', 2, at)).toBe('pim-eligible-role-ada-lovelace-2026-12-03-attempt-2.json');
    expect(attemptFileName('pim-eligible-role', null, 1, at)).toBe('pim-eligible-role-2026-12-03-attempt-1.json');
    expect(attemptFileName('pim-eligible-role', '!!!', 1, at)).toBe('pim-eligible-role-2026-12-03-attempt-1.json');
  });
});

describe('the learner in the attempt file', () => {
  it('is written in the header and read back; a file without one is exactly the file as before', () => {
    const f = withLearner('Ada Lovelace');
    expect(Object.keys(f)).toEqual(['format', 'version', 'labId', 'appVersion', 'seedId', 'startAt', 'learner', 'events', 'lastHash']);
    const r = parseAttemptFile(stringifyAttemptFile(f));
    expect(r.ok && r.attempt.file.learner).toBe('Ada Lovelace');
    expect(r.ok && verifyChain(r.attempt.file)).toBeNull();
    const without = buildAttemptFile(recorded.meta('0.1.0'), recorded.entries);
    expect(without).not.toHaveProperty('learner');
  });

  it('is covered by the header hash: an edited, added or removed name breaks the chain at the first event', () => {
    const f = withLearner('Ada Lovelace');
    const base = headerHash(f);
    expect(headerHash({ ...f, learner: 'Ada Lovelacf' })).not.toBe(base);
    for (const edit of [{ learner: 'Grace Hopper' }, { learner: undefined }]) {
      const edited = JSON.parse(JSON.stringify({ ...f, ...edit }));
      const outcome = grade(JSON.stringify(edited), [lab]);
      expect(outcome.ok).toBe(false);
      if (!outcome.ok) {
        expect(outcome.error.code).toBe('BrokenChain');
        expect(outcome.error.message).toMatch(/^The hash chain breaks at event 0 .*learner\) was edited after export/);
      }
    }
    const plain = buildAttemptFile(recorded.meta('0.1.0'), recorded.entries);
    const added = grade(JSON.stringify({ ...plain, learner: 'Mallory' }), [lab]);
    expect(!added.ok && added.error.code).toBe('BrokenChain');
    // The reports still say whose file it claims to be.
    expect(!added.ok && added.learner).toBe('Mallory');
  });

  it('files without the field (the fixtures) verify and grade exactly as before', () => {
    const names = readdirSync(FIXTURE_DIR).filter((n) => n.endsWith('.json'));
    expect(names.length).toBeGreaterThan(3);
    for (const name of names) {
      const text = readFileSync(join(FIXTURE_DIR, name), 'utf8');
      const r = parseAttemptFile(text);
      expect(r.ok, name).toBe(true);
      if (!r.ok) continue;
      expect(r.attempt.file, name).not.toHaveProperty('learner');
      expect(verifyChain(r.attempt.file), name).toBeNull();
      const outcome = grade(text, [lab]);
      expect(outcome.ok && outcome.report.attempt.learner, name).toBeNull();
    }
  });

  it('a name the site would not write is refused with its path; the one-pass read agrees with zod', () => {
    for (const learner of ['', ' Ada', 'x'.repeat(65), 'a\u001b[31mb', 'a\u202eb', 42, null]) {
      const file = { ...JSON.parse(stringifyAttemptFile(withLearner('Ada'))), learner };
      expect(wellFormedAttemptFile(file), JSON.stringify(learner)).toBeUndefined();
      expect(attemptFileSchema.safeParse(file).success).toBe(false);
      const r = parseAttemptFile(JSON.stringify(file));
      expect(!r.ok && r.error.code).toBe('InvalidAttemptFile');
      expect(!r.ok && r.error.path).toBe('$.learner');
    }
    const good = JSON.parse(stringifyAttemptFile(withLearner('Zoë 李')));
    expect(wellFormedAttemptFile(good)).toStrictEqual(attemptFileSchema.parse(good));
    const absent = JSON.parse(stringifyAttemptFile(buildAttemptFile(recorded.meta('0.1.0'), recorded.entries)));
    expect(wellFormedAttemptFile(absent)).toStrictEqual(attemptFileSchema.parse(absent));
    const undef = { ...absent, learner: undefined };
    expect(wellFormedAttemptFile(undef)).toStrictEqual(attemptFileSchema.parse(undef));
  });
});

describe('the learner in the reports', () => {
  const outcome = grade(stringifyAttemptFile(withLearner('Ada Lovelace')), [lab]);

  it('text, JSON and JUnit name the learner beside the file', () => {
    expect(outcome.ok && outcome.report.attempt.learner).toBe('Ada Lovelace');
    expect(textReport('ada.json', outcome).split('\n')[0]).toBe('ada.json (learner: Ada Lovelace): 100/100 PASSED: Configure an eligible role with PIM (pim-eligible-role), 9 events');
    expect(jsonReport('ada.json', outcome)).toMatchObject({ file: 'ada.json', learner: 'Ada Lovelace', status: 'passed' });
    expect(junitSuite('ada.json', outcome)).toContain('<testsuite name="ada.json" tests="5"');
    expect(junitSuite('ada.json', outcome)).toContain('<property name="learner" value="Ada Lovelace"/>');
    // A file without a learner: no learner anywhere.
    const plain = grade(stringifyAttemptFile(buildAttemptFile(recorded.meta('0.1.0'), recorded.entries)), [lab]);
    expect(textReport('p.json', plain).split('\n')[0]).toMatch(/^p\.json: 100\/100 PASSED/);
    expect(jsonReport('p.json', plain)).not.toHaveProperty('learner');
    expect(junitSuite('p.json', plain)).not.toContain('learner');
  });

  it('a file that cannot be graded still shows its learner', () => {
    const f = JSON.parse(stringifyAttemptFile(withLearner('Ada Lovelace')));
    f.events[3].payload.justification = 'edited';
    const broken = grade(JSON.stringify(f), [lab]);
    expect(textReport('ada.json', broken)).toMatch(/^ada\.json \(learner: Ada Lovelace\): could not be graded: BrokenChain: /);
    expect(jsonReport('ada.json', broken)).toMatchObject({ file: 'ada.json', learner: 'Ada Lovelace', status: 'error' });
    expect(junitSuite('ada.json', broken)).toContain('<property name="learner" value="Ada Lovelace"/>');
  });

  it('escapes control characters, separators and bidi controls in the learner, as in every field', () => {
    // The schema refuses such names; a report must still be safe whatever outcome it is handed.
    const hostile = 'Eve\n  PASS 100/100\u202e\u0085';
    const forged: GradeOutcome = outcome.ok ? { ok: true, report: { ...outcome.report, attempt: { ...outcome.report.attempt, learner: hostile } } } : outcome;
    const text = textReport('eve.json', forged);
    expect(text.split('\n')[0]).toBe('eve.json (learner: Eve\\u000a  PASS 100/100\\u202e\\u0085): 100/100 PASSED: Configure an eligible role with PIM (pim-eligible-role), 9 events');
    expect(text).not.toMatch(/^ {2}PASS 100/m);
    const line = JSON.stringify(jsonReport('eve.json', forged));
    expect(JSON.parse(line).learner).toBe(hostile);
    const xml = junitSuite('eve.json', forged);
    // XML holds a line break in an attribute (a parser reads it as a space); the invisible ones are shown.
    expect(xml).toContain('<property name="learner" value="Eve\n  PASS 100/100\\u202e\\u0085"/>');
  });
});

describe('the learner in pim-lab grade', () => {
  it('names the learner on the standard error line of a file that cannot be graded, and in the identicalEvents flag', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pim-lab-learner-'));
    try {
      const good = stringifyAttemptFile(withLearner('Ada Lovelace'));
      writeFileSync(join(dir, 'a-ada.json'), good);
      // The same work handed in under another name: re-chained, so it grades, and is flagged.
      writeFileSync(join(dir, 'b-copy.json'), stringifyAttemptFile(withLearner('Mallory')));
      const edited = JSON.parse(good);
      edited.learner = 'Grace Hopper';
      writeFileSync(join(dir, 'c-edited.json'), JSON.stringify(edited));
      let stdout = '';
      let stderr = '';
      const io: CliIo = { root, stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), readStdin: () => '' };
      expect(await run(['grade', join(dir, '*.json')], io)).toBe(2);
      expect(stderr).toBe(`pim-lab: ${join(dir, 'c-edited.json')} (learner: Grace Hopper): BrokenChain: The hash chain breaks at event 0 (seq 0, signIn at 2025-02-26T16:40:19Z): its hash does not match its content; the event or the file header (lab, seed, start time, versions, learner) was edited after export.\n`);
      expect(stdout).toContain(`${join(dir, 'b-copy.json')} (learner: Mallory): 100/100 PASSED`);
      expect(stdout).toContain(`FLAG identicalEvents: The same events, at the same times after the start, as ${join(dir, 'a-ada.json')} (learner: Ada Lovelace).`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

// ---------- the store ----------

const SEED = MY_DIRECTORY_SEED.id;
const START = '2025-02-26T16:39:49Z';
const NOW = '2025-03-01T10:00:00.000Z';
let counter = 0;
const opened: Dexie[] = [];
const names = new Set<string>();
const dbName = () => {
  const name = `pim-lab-learner-${process.pid}-${++counter}`;
  names.add(name);
  return name;
};
const openDb = (name = dbName()) => {
  const db = new PimLabDb(name);
  opened.push(db);
  return db;
};

afterEach(async () => {
  for (const db of opened.splice(0)) db.close();
  for (const name of names) await Dexie.delete(name);
  names.clear();
});

describe('the store keeps the learner', () => {
  it('upgrades a version 1 database: every attempt and its log kept, with learner null', async () => {
    const name = dbName();
    // The database as version 1 wrote it: the same tables, attempt rows without a learner.
    const v1 = new Dexie(name);
    opened.push(v1);
    v1.version(1).stores(SCHEMA_HISTORY[0]!.stores);
    const oldRow = { id: 'a1', labId: 'lab-a', seedId: SEED, startAt: START, createdAt: NOW, updatedAt: NOW, length: 1, revision: 1, ordinal: 1, title: 'Attempt 1' };
    await v1.table('attempts').add(oldRow);
    await v1.table('entries').add({ attemptId: 'a1', seq: 0, at: START, actor: 'x', command: { type: 'signIn' } });
    await v1.table('meta').put({ key: 'currentAttempt:lab-a', value: 'a1' });
    v1.close();

    const db = openDb(name);
    await db.open();
    expect(db.verno).toBe(2);
    expect(await getAttempt(db, 'a1')).toEqual({ ...oldRow, learner: null });
    expect(await readEntries(db, 'a1')).toHaveLength(1);
    expect((await currentAttempt(db, 'lab-a'))?.id).toBe('a1');
    expect(await getLearner(db)).toBeNull();
    expect(STORES.attempts).toBe('id, labId, [labId+createdAt]');
  });

  it('new attempts get the saved name; changing it updates each lab\'s current attempt, not earlier ones', async () => {
    const db = openDb();
    const first = await createAttempt(db, { id: 'a1', labId: 'lab-a', seedId: SEED, startAt: START, now: NOW, makeCurrent: true });
    expect(first.learner).toBeNull();
    expect(await setLearner(db, 'Ada Lovelace')).toEqual([{ ...first, learner: 'Ada Lovelace' }]);
    expect(await getLearner(db)).toBe('Ada Lovelace');
    const other = await createAttempt(db, { id: 'b1', labId: 'lab-b', seedId: SEED, startAt: START, now: NOW, makeCurrent: true });
    expect(other.learner).toBe('Ada Lovelace');
    const second = await resetLab(db, 'lab-a', { id: 'a2', startAt: START, now: NOW });
    expect(second.learner).toBe('Ada Lovelace');

    await setLearner(db, 's1234567');
    const byId = Object.fromEntries([...(await listAttempts(db, 'lab-a')), ...(await listAttempts(db, 'lab-b'))].map((a) => [a.id, a.learner]));
    // a1 is no longer lab-a's current attempt: it keeps the name it had.
    expect(byId).toEqual({ a1: 'Ada Lovelace', a2: 's1234567', b1: 's1234567' });

    await setLearner(db, null);
    expect(await getLearner(db)).toBeNull();
    expect((await getAttempt(db, 'a2'))?.learner).toBeNull();
    expect((await createAttempt(db, { id: 'c1', labId: 'lab-c', seedId: SEED, startAt: START, now: NOW })).learner).toBeNull();
  });

  it('refuses a name that is not valid, and writes nothing', async () => {
    const db = openDb();
    await createAttempt(db, { id: 'a1', labId: 'lab-a', seedId: SEED, startAt: START, now: NOW, makeCurrent: true });
    await setLearner(db, 'Ada');
    for (const bad of ['', ' Ada', 'x'.repeat(65), 'a\nb']) {
      expect(() => setLearner(db, bad), JSON.stringify(bad)).toThrow(InvalidArgumentError);
    }
    await expect(createAttempt(db, { id: 'a2', labId: 'lab-a', seedId: SEED, startAt: START, now: NOW, learner: 'a\u202eb' })).rejects.toThrow(/control character/);
    expect(await getLearner(db)).toBe('Ada');
    expect((await getAttempt(db, 'a1'))?.learner).toBe('Ada');
    expect(await getAttempt(db, 'a2')).toBeUndefined();
  });
});
