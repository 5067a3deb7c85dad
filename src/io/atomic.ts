// Atomic file writes: the content goes to a temporary file in the same directory, is flushed, then renamed
// over the target, so a failed or interrupted run never leaves a half-written output file.
import {
  accessSync,
  closeSync,
  constants,
  existsSync,
  fsyncSync,
  openSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join, resolve } from 'node:path';
import { OdeforgeError } from '../errors.js';

/**
 * Write `content` to `path` atomically (temp file + fsync + rename).
 * @throws OdeforgeError naming the file when it cannot be written (missing directory, permissions...)
 */
export function writeFileAtomic(path: string, content: string | Uint8Array): void {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let fd: number | undefined;
  if (exitOnSignalsWhileWriting) installSignalCleanup();
  pendingTemps.add(temp);
  try {
    fd = openSync(temp, 'wx');
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    let written = 0;
    while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(temp, path);
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    try {
      unlinkSync(temp);
    } catch {
      // the temporary file was never created
    }
    throw new OdeforgeError(
      `cannot write ${path}: ${(error as Error).message}`,
      { file: path },
      'check that the directory exists and is writable',
    );
  } finally {
    pendingTemps.delete(temp);
  }
}

/** Temporary files being written right now. */
const pendingTemps = new Set<string>();
let exitOnSignalsWhileWriting = false;
let signalCleanupInstalled = false;

/**
 * For the CLI: from the first output write on, SIGINT and SIGTERM end the process only between writes,
 * removing any temporary file, with status 128 + the signal's number. Before that the default action
 * stays (immediate, even in the middle of a long synchronous computation): no temporary file exists yet.
 */
export function exitCleanlyOnSignalsWhileWriting(): void {
  exitOnSignalsWhileWriting = true;
}

function installSignalCleanup(): void {
  if (signalCleanupInstalled) return;
  signalCleanupInstalled = true;
  for (const [signal, status] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    // writes are synchronous, so this runs after the write in progress has finished or failed, never inside it
    process.once(signal, () => {
      removePendingTemps();
      process.stderr.write(`\nodeforge: interrupted (${signal})\n`);
      process.exit(status);
    });
  }
}

/** Remove the temporary files of writes in progress. */
export function removePendingTemps(): void {
  for (const temp of pendingTemps) {
    try {
      unlinkSync(temp);
    } catch {
      // already renamed or never created
    }
  }
  pendingTemps.clear();
}

/**
 * Check, before a long run, that `path` can be written later: its directory exists and is writable, and
 * the path is not a directory.
 * @throws OdeforgeError naming the file
 */
export function checkWritable(path: string): void {
  const directory = dirname(resolve(path));
  if (!existsSync(directory) || !statSync(directory).isDirectory()) {
    throw new OdeforgeError(
      `cannot write ${path}: the directory ${directory} does not exist`,
      { file: path },
      'create it first',
    );
  }
  try {
    accessSync(directory, constants.W_OK);
  } catch {
    throw new OdeforgeError(`cannot write ${path}: the directory ${directory} is not writable`, { file: path });
  }
  if (existsSync(path) && statSync(path).isDirectory())
    throw new OdeforgeError(`cannot write ${path}: it is a directory`, { file: path });
}
