import * as crypto from 'node:crypto';
import { closeSync, fsyncSync, openSync, readFileSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import {
  grade,
  gradeError,
  jsonLine,
  jsonReport,
  junitClose,
  junitOpen,
  junitSuite,
  MAX_ATTEMPT_CHARS,
  oneLine,
  textReport,
  textSummary,
  type GradeError,
  type GradeOutcome,
  type Sha256Hex,
} from '../grader';
import { expandGlob, isGlob } from './glob';
import { decodeAttemptBytes, identityOf, lstatOrNull, MAX_ATTEMPT_BYTES, readAttemptFile, type ReadResult } from './inputs';
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
  /** Reads standard input (for the file argument `-`): its bytes (the command), or text (tests). */
  readStdin?(): string | Uint8Array;
}

export const USAGE = `Usage: pim-lab grade <file | directory | glob>... [--lab <id>] [--format text|json|junit] [--out <file>]

Grades PIM Lab attempt files (the JSON a learner saves with Export attempt) against
their lab's checks. Each file is checked (JSON, format, schema, lab, hash chain), its
events are replayed through the simulator's rules, and the lab's checks are run.

Arguments
  <file>            an attempt file; "-" reads one from standard input
  <directory>       every *.json file directly in it
  <glob>            quoted, e.g. 'submissions/*.json' or 'class-*/**/*.json'

Only regular files are graded: symbolic links, devices, pipes and directories are
refused with one line each, globs never descend into linked directories, and each
file is graded once, whatever names reach it. The file given to --out is never graded.

Options
  --lab <id>        grade against this lab; a file for another lab cannot be graded
  --format <f>      text (default): one block per file as it is graded, then a summary
                    json: JSON Lines, one object per file as it is graded
                    junit: JUnit XML, one <testsuite> per file, one <testcase> per check
  --out <file>      write the report to a file instead of standard output; it is
                    written beside it first and renamed when complete, and may
                    not be one of the attempt files
  -h, --help        show this help
  --version         show the version

Each file that cannot be graded gets one line on standard error:
  pim-lab: <file>: <code>: <what is wrong>

Exit codes
  0  every file was graded and passed every check
  1  every file was graded, and some check failed
  2  some file could not be graded (bad file, unknown lab, broken hash chain, an
     event the rules refuse, an argument matching no file), the command line or a
     lab is wrong, or the report could not be written ("cannot write the report")

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
  /** Real directory + own name: what deduplication and the --out check compare. */
  identity: string | null;
  read(): ReadResult;
}

function fileInput(path: string): Input {
  return { name: path, identity: identityOf(path), read: () => readAttemptFile(path) };
}

/** An argument that matched nothing: graded as an error entry, so it shows in every report format. */
interface Unmatched {
  name: string;
  error: GradeError;
}

type Entry = { kind: 'input'; input: Input } | { kind: 'unmatched'; unmatched: Unmatched };

/**
 * The inputs the arguments name, in order, each real file once. `outIdentity` (the --out file) is
 * left out of what directories and globs match; named explicitly, it is an error (returned).
 */
function resolveInputs(args: readonly string[], io: CliIo, outIdentity: string | null): { entries: Entry[]; outIsInput: string | null } {
  const entries: Entry[] = [];
  const seen = new Set<string>();
  let outIsInput: string | null = null;
  const add = (path: string, explicit: boolean) => {
    const input = fileInput(path);
    if (outIdentity !== null && input.identity === outIdentity) {
      if (explicit) outIsInput = path;
      return;
    }
    if (input.identity !== null) {
      if (seen.has(input.identity)) return;
      seen.add(input.identity);
    }
    entries.push({ kind: 'input', input });
  };
  const none = (arg: string, what: string) =>
    entries.push({ kind: 'unmatched', unmatched: { name: arg, error: gradeError('NoMatch', what) } });
  for (const arg of args) {
    if (arg === '-') {
      entries.push({
        kind: 'input',
        input: {
          name: '<stdin>',
          identity: null,
          read: () => {
            try {
              return decodeAttemptText(io.readStdin ? io.readStdin() : '');
            } catch (e) {
              return { ok: false, error: gradeError('CannotRead', `Standard input cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}).`) };
            }
          },
        },
      });
      continue;
    }
    const stat = lstatOrNull(arg);
    if (stat?.isDirectory()) {
      const files = expandGlob(join(arg, '*.json')).filter((f) => f !== join(arg, '*.json'));
      const before = entries.length;
      files.forEach((f) => add(f, false));
      if (entries.length === before && !files.length) none(arg, 'No attempt file matches: the directory holds no *.json file.');
    } else if (!stat && isGlob(arg)) {
      const files = expandGlob(arg);
      const before = entries.length;
      files.forEach((f) => add(f, false));
      if (entries.length === before && !files.length) none(arg, 'No attempt file matches this pattern.');
    } else add(arg, true);
  }
  return { entries, outIsInput };
}

/** Standard input's bytes (or text, from a test's io) as an attempt's text, read with the same bound. */
function decodeAttemptText(data: string | Uint8Array): ReadResult {
  if (typeof data === 'string') return { ok: true, text: data };
  if (data.length > MAX_ATTEMPT_BYTES) return { ok: false, error: gradeError('TooLarge', `Standard input has more than ${MAX_ATTEMPT_BYTES} bytes; an attempt file has at most ${MAX_ATTEMPT_CHARS} characters.`) };
  return decodeAttemptBytes(data);
}

/** A report write that failed (stdout, or the --out file): the run stops with one line and exit 2. */
class ReportWriteError extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

const errnoOf = (e: unknown) => (e as NodeJS.ErrnoException)?.code ?? 'EIO';

/**
 * Where the report goes. A regular (or new) --out file is written to a temporary file beside it and
 * renamed over it at the end, so an interrupted run never leaves a cut-off report; a device or pipe
 * named by --out (/dev/stdout, a FIFO) is written directly.
 */
interface ReportSink {
  write(text: string): void;
  commit(): void;
  abort(): void;
}

function stdoutSink(io: CliIo): ReportSink {
  return {
    write(text) {
      try {
        io.stdout(text);
      } catch (e) {
        throw new ReportWriteError(errnoOf(e));
      }
    },
    commit() {},
    abort() {},
  };
}

function fileSink(out: string): ReportSink {
  const stat = lstatOrNull(out);
  const direct = stat !== null && !stat.isFile() && !stat.isSymbolicLink();
  const target = out;
  const temp = direct ? out : join(dirname(resolve(out)), `.${basename(out)}.pim-lab-${process.pid}.tmp`);
  let fd: number;
  try {
    fd = openSync(temp, direct ? 'w' : 'wx', 0o644);
  } catch (e) {
    throw new ReportWriteError(errnoOf(e));
  }
  let open = true;
  const close = () => {
    if (!open) return;
    open = false;
    try {
      closeSync(fd);
    } catch {
      /* closing after a failed write */
    }
  };
  return {
    write(text) {
      try {
        writeAll(fd, text);
      } catch (e) {
        throw new ReportWriteError(errnoOf(e));
      }
    },
    commit() {
      try {
        if (!direct) fsyncSync(fd);
        close();
        if (!direct) renameSync(temp, target);
      } catch (e) {
        throw new ReportWriteError(errnoOf(e));
      }
    },
    abort() {
      close();
      if (!direct) rmSync(temp, { force: true });
    },
  };
}

/** writeSync until every byte is written (a short write on a pipe is not an error). */
export function writeAll(fd: number, text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  let off = 0;
  while (off < bytes.length) {
    try {
      off += writeSync(fd, bytes, off, bytes.length - off);
    } catch (e) {
      // A non-blocking pipe that is full: wait for the reader.
      if (errnoOf(e) === 'EAGAIN') {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
        continue;
      }
      throw e;
    }
  }
}

/** Standard input's bytes, at most MAX_ATTEMPT_BYTES + 1 (enough to tell that it is too large). */
export function readStdinCapped(fd = 0): Uint8Array {
  const chunks: Buffer[] = [];
  let total = 0;
  const cap = MAX_ATTEMPT_BYTES + 1;
  while (total < cap) {
    const chunk = Buffer.allocUnsafe(Math.min(1 << 16, cap - total));
    let n: number;
    try {
      n = readSync(fd, chunk, 0, chunk.length, null);
    } catch (e) {
      if (errnoOf(e) === 'EAGAIN') {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
        continue;
      }
      if (errnoOf(e) === 'EOF') break;
      throw e;
    }
    if (n === 0) break;
    chunks.push(chunk.subarray(0, n));
    total += n;
  }
  return Buffer.concat(chunks, total);
}

/** Runs the CLI; resolves to the exit code. Never throws for a bad input or argument. */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  if (argv[0] === 'validate') return runValidate(argv.slice(1), io);
  if (argv[0] === 'new') return runNew(argv.slice(1), io);
  const parsed = parseArgs(argv);
  if (parsed.kind === 'help') return say(io, 'stdout', USAGE, 0);
  if (parsed.kind === 'version') return say(io, 'stdout', `${readVersion(io.root)}\n`, 0);
  if (parsed.kind === 'error') return say(io, 'stderr', `pim-lab: ${oneLine(parsed.message)}. Run pim-lab --help for usage.\n`, EXIT.ungradable);
  const { options } = parsed;

  const labs = loadLabs(io.root);
  if (!labs.ok) return say(io, 'stderr', `pim-lab: ${labs.message}\n`, EXIT.ungradable);
  if (options.lab !== undefined && !labs.labs.has(options.lab))
    return say(io, 'stderr', `pim-lab: --lab: there is no lab '${oneLine(options.lab)}' (known: ${[...labs.labs.keys()].join(', ') || 'none'}).\n`, EXIT.ungradable);

  // Every input is resolved before anything is written, so the report can never overwrite one.
  const outIdentity = options.out === undefined ? null : identityOf(options.out);
  const { entries, outIsInput } = resolveInputs(options.files, io, outIdentity);
  if (outIsInput !== null)
    return say(io, 'stderr', `pim-lab: --out: ${oneLine(options.out!)} is also an attempt file to grade (${oneLine(outIsInput)}); write the report elsewhere.\n`, EXIT.ungradable);

  let sink: ReportSink;
  try {
    sink = options.out === undefined ? stdoutSink(io) : fileSink(options.out);
  } catch (e) {
    return cannotWrite(io, e);
  }
  try {
    const counts = { passed: 0, failed: 0, errors: 0 };
    const digests = new Map<string, string>();
    if (options.format === 'junit') sink.write(junitOpen());
    for (const entry of entries) {
      const t0 = performance.now();
      let name: string;
      let outcome: GradeOutcome;
      if (entry.kind === 'unmatched') {
        name = entry.unmatched.name;
        outcome = { ok: false, error: entry.unmatched.error };
      } else {
        name = entry.input.name;
        const read = entry.input.read();
        outcome = read.ok ? grade(read.text, labs.labs, { ...(options.lab !== undefined ? { labId: options.lab } : {}), sha256: nodeSha256 }) : { ok: false, error: read.error };
      }
      const seconds = (performance.now() - t0) / 1000;
      if (!outcome.ok) {
        counts.errors += 1;
        say(io, 'stderr', `pim-lab: ${withLearner(name, outcome.learner)}: ${outcome.error.code}: ${outcome.error.message}\n`, 0);
      } else {
        if (outcome.report.passed) counts.passed += 1;
        else counts.failed += 1;
        flagIdenticalEvents(outcome, name, digests);
      }
      if (options.format === 'text') sink.write(textReport(name, outcome));
      else if (options.format === 'json') sink.write(`${jsonLine(jsonReport(name, outcome))}\n`);
      else sink.write(junitSuite(name, outcome, seconds));
    }
    if (options.format === 'junit') sink.write(junitClose());
    if (options.format === 'text') sink.write(textSummary(counts));
    sink.commit();
    return counts.errors ? EXIT.ungradable : counts.failed ? EXIT.failed : EXIT.passed;
  } catch (e) {
    sink.abort();
    if (e instanceof ReportWriteError) return cannotWrite(io, e);
    throw e;
  }
}

/** A file as the CLI's own lines name it: with the learner the file names, if any, one line. */
function withLearner(name: string, learner: string | null | undefined): string {
  return learner ? `${oneLine(name)} (learner: ${oneLine(learner)})` : oneLine(name);
}

/** Files of one run with the same event list: the later ones say which file (and learner) they repeat. Never changes a score. */
function flagIdenticalEvents(outcome: Extract<GradeOutcome, { ok: true }>, name: string, digests: Map<string, string>) {
  const digest = outcome.report.attempt.eventsDigest;
  if (!digest || outcome.report.attempt.events === 0) return;
  const first = digests.get(digest);
  if (first === undefined) digests.set(digest, withLearner(name, outcome.report.attempt.learner));
  else outcome.report.flags.push({ code: 'identicalEvents', message: `The same events, at the same times after the start, as ${first}.` });
}

/** Writes a line to stdout or stderr; a failure to write it is not worth a second failure. */
function say(io: CliIo, stream: 'stdout' | 'stderr', text: string, code: number): number {
  try {
    io[stream](text);
  } catch (e) {
    if (stream === 'stdout') return cannotWrite(io, e);
    return EXIT.ungradable;
  }
  return code;
}

function cannotWrite(io: CliIo, e: unknown): number {
  const code = e instanceof ReportWriteError ? e.code : errnoOf(e);
  try {
    io.stderr(`pim-lab: cannot write the report (${code})\n`);
  } catch {
    /* stderr is gone too: the exit code says it */
  }
  return EXIT.ungradable;
}

function readVersion(root: string): string {
  try {
    return (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version?: string }).version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
