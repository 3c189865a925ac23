import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, readdirSync, realpathSync, type Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { gradeError, MAX_ATTEMPT_CHARS, type GradeError } from '../grader';

// The files a `pim-lab grade` run reads. A submissions folder is written by learners, so nothing in
// it is trusted: only regular files are read (no symlinks, devices, FIFOs, sockets), through a file
// descriptor and never past a byte cap, globs never descend into symlinked directories, and every
// file is graded once, whatever names it is reached by.

/** A UTF-16 code unit takes at most 3 bytes of UTF-8: past 3 × the character limit a file is too large unread. */
export const MAX_ATTEMPT_BYTES = MAX_ATTEMPT_CHARS * 3;

export type ReadResult = { ok: true; text: string } | { ok: false; error: GradeError };

const cannotRead = (message: string): ReadResult => ({ ok: false, error: gradeError('CannotRead', message) });

/** What a non-regular file is, in words, or null for a regular file. */
export function notRegular(stat: Stats): string | null {
  if (stat.isFile()) return null;
  if (stat.isSymbolicLink()) return 'This is a symbolic link, not an attempt file: links in a submissions folder are not followed (copy the file itself).';
  if (stat.isDirectory()) return 'This is a directory, not an attempt file.';
  if (stat.isFIFO()) return 'This is a named pipe (FIFO), not an attempt file.';
  if (stat.isSocket()) return 'This is a socket, not an attempt file.';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'This is a device, not an attempt file.';
  return 'This is not a regular file.';
}

/**
 * The text of an attempt file, or why it cannot be read. Checks the path with lstat, opens it without
 * following a link and without blocking (a FIFO swapped in after the check), checks the open file
 * again, and reads at most MAX_ATTEMPT_BYTES + 1 bytes.
 */
export function readAttemptFile(path: string): ReadResult {
  let stat: Stats;
  try {
    stat = lstatSync(path);
  } catch (e) {
    return cannotRead(describeFsError(e));
  }
  const odd = notRegular(stat);
  if (odd) return cannotRead(odd);
  if (stat.size > MAX_ATTEMPT_BYTES) return tooLarge(stat.size);
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') return cannotRead(notRegular({ ...stat, isFile: () => false, isSymbolicLink: () => true } as Stats)!);
    return cannotRead(describeFsError(e));
  }
  try {
    const opened = fstatSync(fd);
    const oddNow = notRegular(opened);
    if (oddNow) return cannotRead(oddNow);
    if (opened.ino !== stat.ino || opened.dev !== stat.dev) return cannotRead('The file was replaced while it was being read.');
    const bytes = readCapped(fd, MAX_ATTEMPT_BYTES + 1);
    if (bytes.length > MAX_ATTEMPT_BYTES) return tooLarge(bytes.length, true);
    return decodeAttemptBytes(bytes);
  } catch (e) {
    return cannotRead(describeFsError(e));
  } finally {
    closeSync(fd);
  }
}

function tooLarge(bytes: number, atLeast = false): ReadResult {
  return { ok: false, error: gradeError('TooLarge', `The file has ${atLeast ? 'more than ' : ''}${bytes} bytes; an attempt file has at most ${MAX_ATTEMPT_CHARS} characters.`) };
}

/** Reads up to `cap` bytes from fd (a regular file: EAGAIN does not happen). */
export function readCapped(fd: number, cap: number): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  while (total < cap) {
    const chunk = Buffer.allocUnsafe(Math.min(1 << 20, cap - total));
    const n = readSync(fd, chunk, 0, chunk.length, null);
    if (n === 0) break;
    chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
    total += n;
  }
  return Buffer.concat(chunks, total);
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The bytes as UTF-8 text, or an error naming the encoding they seem to be in. Never quotes the bytes. */
export function decodeAttemptBytes(bytes: Uint8Array): ReadResult {
  const notUtf8 = (what: string): ReadResult => ({
    ok: false,
    error: gradeError('NotJson', `The file is ${what}, not UTF-8: attempt files are UTF-8 JSON as Export attempt saves them (re-export it, or save it as UTF-8).`),
  });
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return notUtf8('UTF-16 (little-endian, with a byte order mark)');
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return notUtf8('UTF-16 (big-endian, with a byte order mark)');
  if (bytes.length >= 2) {
    // JSON text starts with ASCII: UTF-16 without a BOM has a zero byte beside each of its first characters.
    let evenZeros = 0;
    let oddZeros = 0;
    const n = Math.min(bytes.length, 64) & ~1;
    for (let i = 0; i < n; i += 2) {
      if (bytes[i] === 0) evenZeros++;
      if (bytes[i + 1] === 0) oddZeros++;
    }
    if (oddZeros * 2 > n / 2 && evenZeros === 0) return notUtf8('UTF-16 (little-endian)');
    if (evenZeros * 2 > n / 2 && oddZeros === 0) return notUtf8('UTF-16 (big-endian)');
  }
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    const binary = bytes.subarray(0, 4096).some((b) => b === 0 || (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d));
    return binary
      ? { ok: false, error: gradeError('NotJson', 'The file is binary data, not an attempt file (an attempt file is UTF-8 JSON).') }
      : notUtf8('in a legacy encoding such as Latin-1 or Windows-1252');
  }
  return { ok: true, text };
}

export function describeFsError(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  switch (err.code) {
    case 'ENOENT':
      return 'There is no such file.';
    case 'EACCES':
    case 'EPERM':
      return 'The file cannot be read: permission denied.';
    case 'EISDIR':
      return 'This is a directory, not an attempt file.';
    case 'ELOOP':
      return 'The path goes through too many symbolic links.';
    default:
      return `The file cannot be read (${err.code ?? 'error'}).`;
  }
}

/**
 * The identity of a path for deduplication: its real directory joined with its own name (a link is
 * itself, not what it points to), so `x.json`, `./x.json` and `sub/../x.json` are one file.
 */
export function identityOf(path: string): string {
  const abs = resolve(path);
  try {
    return join(realpathSync(dirname(abs)), basename(abs));
  } catch {
    return abs;
  }
}

/** lstat that says null when the path is not there. */
export function lstatOrNull(path: string): Stats | null {
  try {
    return lstatSync(path);
  } catch {
    return null;
  }
}

/** The names in a directory, sorted; none when it cannot be read. */
export function listDir(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}
