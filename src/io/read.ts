// Reading a user-named input file with its size known first: a device (/dev/zero, /dev/urandom), a pipe
// or a huge file would otherwise be read until memory runs out, or forever.
import { closeSync, fstatSync, openSync, readFileSync, statSync, type Stats } from 'node:fs';
import { OdeforgeError } from '../errors.js';

export interface ReadRequest {
  maxBytes: number;
  /** What the file is, for messages: "spec file", "data file". */
  what: string;
  /** The message when the file does not exist (default: `cannot read WHAT: no such file`). */
  notFound?: string;
}

/**
 * The bytes of a regular file of at most `maxBytes`.
 * @throws OdeforgeError naming the file: missing, a directory, not a regular file, too large, unreadable
 */
export function readRegularFile(file: string, request: ReadRequest): Buffer {
  const { what } = request;
  let fd: number | undefined;
  try {
    // stat before opening: opening a named pipe would block until something writes to it
    checkRegular(file, statSync(file), request);
    fd = openSync(file, 'r');
    checkRegular(file, fstatSync(fd), request);
    return readFileSync(fd);
  } catch (error) {
    if (error instanceof OdeforgeError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new OdeforgeError(request.notFound ?? `cannot read ${what}: no such file`, { file });
    if (code === 'EISDIR') throw new OdeforgeError(`cannot read ${what}: is a directory`, { file });
    throw new OdeforgeError(`cannot read ${what}: ${(error as Error).message}`, { file });
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function checkRegular(file: string, stat: Stats, { maxBytes, what }: ReadRequest): void {
  if (stat.isDirectory()) throw new OdeforgeError(`cannot read ${what}: is a directory`, { file });
  if (!stat.isFile())
    throw new OdeforgeError(
      `cannot read ${what}: not a regular file (a device, pipe or socket)`,
      { file },
      `give the path of a ${what}`,
    );
  if (stat.size > maxBytes) {
    throw new OdeforgeError(
      `cannot read ${what}: ${stat.size} bytes, above the limit of ${maxBytes} bytes`,
      { file },
      `a ${what} is much smaller`,
    );
  }
}
