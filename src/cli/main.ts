import * as crypto from 'node:crypto';
import { closeSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import {
  grade,
  gradeError,
  jsonReport,
  junitClose,
  junitOpen,
  junitSuite,
  MAX_ATTEMPT_CHARS,
  oneLine,
  textReport,
  textSummary,
  type GradeOutcome,
  type Sha256Hex,
} from '../grader';
import { expandGlob, isGlob } from './glob';
import { loadLabs } from './labs';
import { runNew, runValidate } from './labkit';

// `pim-lab`: the only code that touches the file system and the process. bin/pim-lab.mjs runs it
// from a bundle (dist-cli/pim-lab.mjs) and passes the package root, where labs/ and package.json are.

export const EXIT = { passed: 0, failed: 1, ungradable: 2 } as const;

const FORMATS = ['text', 'json', 'junit'] as const;
type Format = (typeof FORMATS)[number];

export interface CliIo {
  /** The package root: labs/<id>/lab.json and package.json are read from here, whatever the cwd. */
  root: string;
  stdout(text: string): void;
  stderr(text: string): void;
  /** Reads standard input (for the file argument `-`). */
  readStdin?(): string;
}

export const USAGE = `Usage: pim-lab grade <file | directory | glob>... [--lab <id>] [--format text|json|junit] [--out <file>]

Grades PIM Lab attempt files (the JSON a learner saves with Export attempt) against
their lab's checks. Each file is checked (JSON, format, schema, lab, hash chain), its
events are replayed through the simulator's rules, and the lab's checks are run.

Arguments
  <file>            an attempt file; "-" reads one from standard input
  <directory>       every *.json file directly in it
  <glob>            quoted, e.g. 'submissions/*.json' or 'class-*/**/*.json'

Options
  --lab <id>        grade against this lab; a file for another lab cannot be graded
  --format <f>      text (default): one block per file as it is graded, then a summary
                    json: JSON Lines, one object per file as it is graded
                    junit: JUnit XML, one <testsuite> per file, one <testcase> per check
  --out <file>      write the report to a file instead of standard output
  -h, --help        show this help
  --version         show the version

Each file that cannot be graded gets one line on standard error:
  pim-lab: <file>: <code>: <what is wrong>

Exit codes
  0  every file was graded and passed every check
  1  every file was graded, and some check failed
  2  some file could not be graded (bad file, unknown lab, broken hash chain, an
     event the rules refuse), or the command line or a lab is wrong

Authoring labs (see the authoring guide, /authoring/ on the site)
  pim-lab validate [<lab-id | folder>...]   check labs as the build does
  pim-lab new <lab-id>                      scaffold a lab that passes validate
`;

interface Options {
  files: string[];
  lab?: string;
  format: Format;
  out?: string;
}

type Parsed = { kind: 'help' } | { kind: 'version' } | { kind: 'grade'; options: Options } | { kind: 'error'; message: string };

export function parseArgs(argv: readonly string[]): Parsed {
  const [command, ...rest] = argv;
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') return { kind: 'help' };
  if (command === '--version' || command === '-v') return { kind: 'version' };
  if (command !== 'grade') return { kind: 'error', message: `unknown command '${command}' (the commands are: grade, validate, new)` };
  const options: Options = { files: [], format: 'text' };
  let onlyFiles = false;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (onlyFiles || arg === '-' || !arg.startsWith('-')) {
      options.files.push(arg);
      continue;
    }
    if (arg === '--') {
      onlyFiles = true;
      continue;
    }
    if (arg === '-h' || arg === '--help') return { kind: 'help' };
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (name !== '--lab' && name !== '--format' && name !== '--out') return { kind: 'error', message: `unknown option '${name}'` };
    let value: string | undefined;
    if (eq > 0) value = arg.slice(eq + 1);
    else {
      value = rest[i + 1];
      i += 1;
    }
    if (value === undefined || value === '') return { kind: 'error', message: `${name} needs a value` };
    if (name === '--lab') options.lab = value;
    else if (name === '--out') options.out = value;
    else if ((FORMATS as readonly string[]).includes(value)) options.format = value as Format;
    else return { kind: 'error', message: `--format must be one of ${FORMATS.join(', ')} (got '${value}')` };
  }
  if (!options.files.length) return { kind: 'error', message: 'no attempt file given' };
  return { kind: 'grade', options };
}

/** Node's native SHA-256: the same hash as the grader's pure-JS default, ~7 times faster per event (crypto.hash: Node ≥ 20.12). */
const nodeSha256: Sha256Hex =
  typeof crypto.hash === 'function' ? (text) => crypto.hash('sha256', text, 'hex') : (text) => crypto.createHash('sha256').update(text, 'utf8').digest('hex');

interface Input {
  name: string;
  read(): { ok: true; text: string } | { ok: false; outcome: GradeOutcome };
}

const cannotRead = (message: string): { ok: false; outcome: GradeOutcome } => ({ ok: false, outcome: { ok: false, error: gradeError('CannotRead', message) } });

function fileInput(path: string): Input {
  return {
    name: path,
    read() {
      try {
        const stat = statSync(path);
        if (stat.isDirectory()) return cannotRead('This is a directory, not an attempt file.');
        // A UTF-16 code unit takes at most 3 bytes of UTF-8: past 3 × the limit, it is too large unread.
        if (stat.size > MAX_ATTEMPT_CHARS * 3)
          return { ok: false, outcome: { ok: false, error: gradeError('TooLarge', `The file has ${stat.size} bytes; an attempt file has at most ${MAX_ATTEMPT_CHARS} characters.`) } };
        return { ok: true, text: readFileSync(path, 'utf8') };
      } catch (e) {
        const err = e as NodeJS.ErrnoException;
        return cannotRead(err.code === 'ENOENT' ? 'There is no such file.' : `The file cannot be read (${err.code ?? err.message}).`);
      }
    },
  };
}

/** The inputs the arguments name, in order; globs that match nothing are reported, not fatal. */
function resolveInputs(args: readonly string[], io: CliIo): { inputs: Input[]; unmatched: string[] } {
  const inputs: Input[] = [];
  const unmatched: string[] = [];
  const seen = new Set<string>();
  const add = (path: string) => {
    if (seen.has(path)) return;
    seen.add(path);
    inputs.push(fileInput(path));
  };
  for (const arg of args) {
    if (arg === '-') {
      inputs.push({
        name: '<stdin>',
        read: () => {
          try {
            return { ok: true, text: io.readStdin ? io.readStdin() : '' };
          } catch (e) {
            return cannotRead(`Standard input cannot be read (${(e as Error).message}).`);
          }
        },
      });
      continue;
    }
    let directory = false;
    try {
      directory = statSync(arg).isDirectory();
    } catch {
      /* not there: a glob, or a missing file reported when read */
    }
    if (directory) {
      const files = expandGlob(join(arg, '*.json'));
      if (!files.length) unmatched.push(arg);
      files.forEach(add);
    } else if (isGlob(arg)) {
      const files = expandGlob(arg);
      if (!files.length) unmatched.push(arg);
      files.forEach(add);
    } else add(arg);
  }
  return { inputs, unmatched };
}

/** Runs the CLI; resolves to the exit code. Never throws for a bad input or argument. */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  if (argv[0] === 'validate') return runValidate(argv.slice(1), io);
  if (argv[0] === 'new') return runNew(argv.slice(1), io);
  const parsed = parseArgs(argv);
  if (parsed.kind === 'help') {
    io.stdout(USAGE);
    return 0;
  }
  if (parsed.kind === 'version') {
    io.stdout(`${readVersion(io.root)}\n`);
    return 0;
  }
  if (parsed.kind === 'error') {
    io.stderr(`pim-lab: ${oneLine(parsed.message)}. Run pim-lab --help for usage.\n`);
    return EXIT.ungradable;
  }
  const { options } = parsed;

  const labs = loadLabs(io.root);
  if (!labs.ok) {
    io.stderr(`pim-lab: ${labs.message}\n`);
    return EXIT.ungradable;
  }
  if (options.lab !== undefined && !labs.labs.has(options.lab)) {
    io.stderr(`pim-lab: --lab: there is no lab '${oneLine(options.lab)}' (known: ${[...labs.labs.keys()].join(', ') || 'none'}).\n`);
    return EXIT.ungradable;
  }

  let outFd: number | null = null;
  if (options.out !== undefined) {
    try {
      outFd = openSync(options.out, 'w');
    } catch (e) {
      io.stderr(`pim-lab: --out: cannot write ${oneLine(options.out)} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}).\n`);
      return EXIT.ungradable;
    }
  }
  const write = outFd === null ? io.stdout : (text: string) => void writeSync(outFd!, text);

  try {
    const { inputs, unmatched } = resolveInputs(options.files, io);
    const counts = { passed: 0, failed: 0, errors: 0 };
    for (const pattern of unmatched) {
      io.stderr(`pim-lab: ${oneLine(pattern)}: no attempt file matches.\n`);
      counts.errors += 1;
    }
    if (options.format === 'junit') write(junitOpen());
    for (const input of inputs) {
      const t0 = performance.now();
      const read = input.read();
      const outcome = read.ok ? grade(read.text, labs.labs, { ...(options.lab !== undefined ? { labId: options.lab } : {}), sha256: nodeSha256 }) : read.outcome;
      const seconds = (performance.now() - t0) / 1000;
      if (!outcome.ok) {
        counts.errors += 1;
        io.stderr(`pim-lab: ${oneLine(input.name)}: ${outcome.error.code}: ${outcome.error.message}\n`);
      } else if (outcome.report.passed) counts.passed += 1;
      else counts.failed += 1;
      if (options.format === 'text') write(textReport(input.name, outcome));
      else if (options.format === 'json') write(`${JSON.stringify(jsonReport(input.name, outcome))}\n`);
      else write(junitSuite(input.name, outcome, seconds));
    }
    if (options.format === 'junit') write(junitClose());
    if (options.format === 'text') write(textSummary(counts));
    return counts.errors ? EXIT.ungradable : counts.failed ? EXIT.failed : EXIT.passed;
  } finally {
    if (outFd !== null) closeSync(outFd);
  }
}

function readVersion(root: string): string {
  try {
    return (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version?: string }).version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
