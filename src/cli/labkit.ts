import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { load as loadYaml } from 'js-yaml';
import { problemLine, scaffoldLab, validateLab, validateLabs, LAB_ID_PATTERN, type LabSource, type StepSource } from '../labkit';
import { oneLine } from '../grader';
import type { CliIo } from './main';

// `pim-lab validate` and `pim-lab new`: the lab kit's commands. They read and write lab folders;
// every rule is in src/labkit (the same code the build runs).

export const VALIDATE_USAGE = `Usage: pim-lab validate [<lab-id | lab folder>...] [--dir <labs folder>]

Checks lab folders as the build does: lab.json (metadata, starting tenant, check primitives and
their parameters), the step files' names and frontmatter, accounts and check ids across files,
and that the solution path, replayed through the simulator's rules, scores 100%.
Without arguments, every lab in the labs folder (default: this package's labs/).

Each problem is one line on standard error:
  labs/<lab-id>/<file>: <field>: <reason>

Exit codes
  0  every lab is valid
  1  some lab has a problem
  2  the command line is wrong, or a lab folder cannot be found
`;

export const NEW_USAGE = `Usage: pim-lab new <lab-id> [--dir <labs folder>]

Creates <labs folder>/<lab-id>/ (default: this package's labs/) with a lab that works: lab.json
(metadata, a starting tenant, one check, a solution that scores 100%), 00-overview.mdx and
01-make-alex-eligible.mdx. Reshape it, then run pim-lab validate <lab-id>.

Exit codes: 0 created, 2 the id is not valid or the folder exists.
`;

interface KitArgs {
  names: string[];
  dir?: string;
}

function parseKitArgs(rest: readonly string[]): KitArgs | { help: true } | string {
  const args: KitArgs = { names: [] };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (arg === '-h' || arg === '--help') return { help: true };
    if (arg === '--dir' || arg.startsWith('--dir=')) {
      const value = arg === '--dir' ? rest[++i] : arg.slice('--dir='.length);
      if (!value) return '--dir needs a value';
      args.dir = value;
    } else if (arg.startsWith('-')) return `unknown option '${arg}'`;
    else args.names.push(arg);
  }
  return args;
}

/** The frontmatter (YAML between the opening and closing ---) and the body of an MDX file. */
export function splitFrontmatter(text: string): { frontmatter: unknown; body: string } | string {
  const src = text.replace(/^\uFEFF/, '');
  const open = /^---\r?\n/.exec(src);
  if (!open) return 'the file does not start with a frontmatter (a line ---, the fields, a line ---)';
  const close = /^---[ \t]*$/m.exec(src.slice(open[0].length));
  if (!close) return 'the frontmatter is not closed by a line ---';
  const yaml = src.slice(open[0].length, open[0].length + close.index);
  try {
    return { frontmatter: loadYaml(yaml) ?? {}, body: src.slice(open[0].length + close.index + close[0].length) };
  } catch (e) {
    return `the frontmatter is not valid YAML: ${oneLine((e as Error).message)}`;
  }
}

/** A lab folder's contents, as validateLab takes them. `shown` is how problems name the folder. */
export function readLabFolder(path: string, shown: string): LabSource {
  const folder = basename(path);
  const names = readdirSync(path);
  let manifest: LabSource['manifest'] = { kind: 'missing' };
  if (names.includes('lab.json')) {
    try {
      manifest = { kind: 'json', value: JSON.parse(readFileSync(join(path, 'lab.json'), 'utf8')) };
    } catch (e) {
      manifest = { kind: 'unreadable', reason: `not valid JSON: ${oneLine((e as Error).message)}` };
    }
  }
  const steps: StepSource[] = [];
  const broken: { name: string; reason: string }[] = [];
  for (const name of names.filter((n) => n.endsWith('.mdx') || n.endsWith('.md')).sort()) {
    const split = splitFrontmatter(readFileSync(join(path, name), 'utf8'));
    if (typeof split === 'string') broken.push({ name, reason: split });
    else steps.push({ name, ...split });
  }
  return { folder, dir: shown, manifest, steps, ...(broken.length ? { unreadableSteps: broken } : {}) };
}

/** `pim-lab validate`: resolves to the exit code. */
export function runValidate(rest: readonly string[], io: CliIo): number {
  const parsed = parseKitArgs(rest);
  if (typeof parsed === 'string') {
    io.stderr(`pim-lab: ${parsed}. Run pim-lab validate --help for usage.\n`);
    return 2;
  }
  if ('help' in parsed) {
    io.stdout(VALIDATE_USAGE);
    return 0;
  }
  const labsDir = parsed.dir ?? join(io.root, 'labs');
  const shownDir = (parsed.dir ?? 'labs').replace(/\/+$/, '');
  const targets: { path: string; shown: string }[] = [];
  if (!parsed.names.length) {
    let folders: string[];
    try {
      folders = readdirSync(labsDir, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort();
    } catch (e) {
      io.stderr(`pim-lab: cannot read the labs folder ${labsDir}: ${oneLine((e as Error).message)}\n`);
      return 2;
    }
    for (const f of folders) targets.push({ path: join(labsDir, f), shown: `${shownDir}/${f}` });
  }
  for (const name of parsed.names) {
    // A lab id names a folder of the labs folder; anything with a slash is a folder path.
    const isPath = name.includes('/') || name.includes('\\');
    const path = isPath ? name : join(labsDir, name);
    if (!existsSync(path) || !statSync(path).isDirectory()) {
      io.stderr(`pim-lab: ${oneLine(name)}: there is no lab folder ${isPath ? name : `${shownDir}/${name}`}.\n`);
      return 2;
    }
    targets.push({ path, shown: isPath ? name.replace(/[/\\]+$/, '') : `${shownDir}/${name}` });
  }
  const sources = targets.map((t) => readLabFolder(t.path, t.shown));
  const result = sources.length === 1 ? { problems: validateLab(sources[0]!).problems } : validateLabs(sources);
  const lines = result.problems.map(problemLine);
  for (const line of lines) io.stderr(`${oneLine(line)}\n`);
  if (lines.length) return 1;
  io.stdout(`${sources.length} lab${sources.length === 1 ? '' : 's'} valid: ${sources.map((s) => s.folder).join(', ')}\n`);
  return 0;
}

/** `pim-lab new`: resolves to the exit code. */
export function runNew(rest: readonly string[], io: CliIo): number {
  const parsed = parseKitArgs(rest);
  if (typeof parsed === 'string') {
    io.stderr(`pim-lab: ${parsed}. Run pim-lab new --help for usage.\n`);
    return 2;
  }
  if ('help' in parsed) {
    io.stdout(NEW_USAGE);
    return 0;
  }
  if (parsed.names.length !== 1) {
    io.stderr(`pim-lab: new takes one lab id, e.g. pim-lab new helpdesk-password-reset.\n`);
    return 2;
  }
  const id = parsed.names[0]!;
  if (!LAB_ID_PATTERN.test(id)) {
    io.stderr(`pim-lab: '${oneLine(id)}' is not a lab id: use lowercase letters, digits and hyphens.\n`);
    return 2;
  }
  const labsDir = parsed.dir ?? join(io.root, 'labs');
  const target = join(labsDir, id);
  if (existsSync(target)) {
    io.stderr(`pim-lab: ${target} exists already: choose another lab id.\n`);
    return 2;
  }
  mkdirSync(target, { recursive: true });
  const files = scaffoldLab(id);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(target, name), text);
  io.stdout(`Created ${target}/ with ${Object.keys(files).join(', ')}.\nNext: edit them, then run pim-lab validate ${id}.\n`);
  return 0;
}
