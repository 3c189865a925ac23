// Writes the grader's test fixtures to test/fixtures/attempts/ from the scenarios in
// attemptScenarios.ts (recorded by driving the tenant core), plus forgeries and malformed files made
// from them. The output is committed; test/unit/grader-fixtures.test.ts fails when it is stale.
// Usage: npx tsx scripts/gen-attempt-fixtures.ts [--check]
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildAttemptFile, stringifyAttemptFile, type AttemptFile } from '../src/grader';
import { HOUR_MS, parseInstant, toInstant, type LogEntry } from '../src/tenant';
import {
  activatedTooLong,
  activeInsteadOfEligible,
  adminCreatesUser,
  complete,
  DEMO,
  newUser,
  noActivation,
  userCreatedAfterActivationExpired,
  type AttemptRecorder,
} from './attemptScenarios';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const FIXTURE_DIR = join(root, 'test/fixtures/attempts');
/** Fixed, not package.json's: a release should not make every fixture stale (the grader only records it). */
const APP_VERSION = '0.1.0';

const file = (r: AttemptRecorder, entries: readonly LogEntry[] = r.entries) => buildAttemptFile(r.meta(APP_VERSION), entries);
const text = (f: AttemptFile) => stringifyAttemptFile(f);
const renumber = (entries: LogEntry[]) => entries.map((e, seq) => ({ ...e, seq }));

/** Every fixture: file name (relative to the fixture folder) → contents. */
export function fixtures(): Record<string, string> {
  const out: Record<string, string> = {};
  const done = complete();
  out['complete.json'] = text(file(done));
  out['active-instead-of-eligible.json'] = text(file(activeInsteadOfEligible()));
  out['no-activation.json'] = text(file(noActivation()));
  out['admin-creates-user.json'] = text(file(adminCreatesUser()));
  out['user-created-after-activation-expired.json'] = text(file(userCreatedAfterActivationExpired()));
  out['activated-too-long.json'] = text(file(activatedTooLong()));

  // Forgeries that keep a valid chain (re-chained by buildAttemptFile): only replay can refuse them.
  const entries = done.entries;
  const activation = entries.findIndex((e) => e.command.type === 'roleAssignmentScheduleRequest' && e.command.action === 'selfActivate');
  const creation = entries.findIndex((e) => e.command.type === 'createUser');
  {
    const forged = entries.map((e, i) =>
      i === activation && e.command.type === 'roleAssignmentScheduleRequest'
        ? { ...e, command: { ...e.command, scheduleInfo: { startDateTime: null, expiration: { type: 'afterDuration' as const, duration: 'PT9H', endDateTime: null } } } }
        : e,
    );
    out['forged/activation-9-hours.json'] = text(file(done, forged));
  }
  {
    // demouser creates the user between completing MFA and activating.
    const mfaMs = parseInstant(entries[activation - 1]!.at)!;
    const activationMs = parseInstant(entries[activation]!.at)!;
    const creationEntry = { ...entries[creation]!, at: toInstant((mfaMs + activationMs) / 2) };
    const reordered = [...entries.slice(0, activation), creationEntry, ...entries.slice(activation, creation), ...entries.slice(creation + 1)];
    out['forged/user-created-before-activation.json'] = text(file(done, renumber(reordered)));
  }
  {
    // The last event is dated an hour before the one it follows.
    const last = entries.length - 1;
    const backwards = entries.map((e, i) => (i === last ? { ...e, at: toInstant(parseInstant(entries[last - 1]!.at)! - HOUR_MS) } : e));
    out['forged/time-runs-backwards.json'] = text(file(done, backwards));
  }
  {
    // A second user created by demouser 9 hours later, after the activation expired.
    const late = { seq: entries.length, at: toInstant(parseInstant(entries.at(-1)!.at)! + 9 * HOUR_MS), actor: DEMO, command: newUser(2, 'late-user') };
    out['forged/user-created-after-expiry.json'] = text(file(done, [...entries, late]));
  }

  {
    // Every sign-in dropped: nobody ever signed in, so the first command is refused (issue 9, row 8).
    out['forged/no-sign-in.json'] = text(file(done, renumber(entries.filter((e) => e.command.type !== 'signIn'))));
  }

  // Hand edits: the chain is left as exported, so it no longer matches.
  {
    const f = file(done);
    const edited = structuredClone(f);
    const e = edited.events[activation]!;
    (e.payload.scheduleInfo as { expiration: { duration: string } }).expiration.duration = 'PT4H';
    out['edited/payload-edited.json'] = text(edited);
    const removed = structuredClone(f);
    removed.events.splice(activation - 1, 1); // the MFA before the activation
    out['edited/event-removed.json'] = text(removed);
    const tail = structuredClone(f);
    tail.events.pop();
    out['edited/last-event-removed.json'] = text(tail);
    const header = structuredClone(f);
    header.startAt = toInstant(parseInstant(f.startAt)! - HOUR_MS);
    out['edited/start-time-edited.json'] = text(header);
  }

  // Malformed files.
  const good = out['complete.json'];
  out['malformed/empty.json'] = '';
  out['malformed/not-json.json'] = 'Attempt of demouser: eligible, activated 8 hours, created a user.\n';
  out['malformed/truncated.json'] = good.slice(0, Math.floor(good.length / 2));
  out['malformed/wrong-types.json'] = good.replace('"seq":3,', '"seq":"3",');
  out['malformed/unknown-version.json'] = good.replace('"version": 1,', '"version": 2,');
  out['malformed/unknown-lab.json'] = good.replace('"labId": "pim-eligible-role"', '"labId": "pim-approval-workflow"');
  out['malformed/bad-command.json'] = good.replace('"duration":"PT8H"', '"duration":"8 hours"');
  out['malformed/not-an-attempt.json'] = '{ "name": "pim-lab", "version": "0.1.0" }\n';
  return out;
}

function main() {
  const check = process.argv.includes('--check');
  const stale: string[] = [];
  for (const [name, contents] of Object.entries(fixtures())) {
    const path = join(FIXTURE_DIR, name);
    if (check) {
      let current: string | null = null;
      try {
        current = readFileSync(path, 'utf8');
      } catch {
        /* missing */
      }
      if (current !== contents) stale.push(name);
      continue;
    }
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, contents);
  }
  if (stale.length) {
    console.error(`Stale attempt fixtures (run npx tsx scripts/gen-attempt-fixtures.ts): ${stale.join(', ')}`);
    process.exit(1);
  }
  if (!check) console.log(`Wrote ${Object.keys(fixtures()).length} attempt fixtures to ${FIXTURE_DIR}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
