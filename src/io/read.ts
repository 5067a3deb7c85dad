// Reading a user-named input file with its size known first: a device (/dev/zero, /dev/urandom), a pipe
// or a huge file would otherwise be read until memory runs out, or forever.
import { closeSync, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { OdeforgeError } from '../errors.js';

export interface ReadRequest {
  maxBytes: number;
  /** What the file is, for messages: "spec file", "data file". */
  what: string;
  /** The message when the file does not exist (default: `cannot read WHAT: no such file`). */
  notFound?: string;
  /**
   * Where `maxBytes` comes from, when it is not a fixed constant ("a quarter of this machine's memory"): the
   * too-large message then gives both sizes in a human unit too, and this reason.
   */
  limitReason?: string;
}

/**
 * The bytes of a regular file of at most `maxBytes`.
 * @throws OdeforgeError naming the file: missing, a directory, not a regular file, too large, unreadable
 */
export function readRegularFile(file: string, request: ReadRequest): Buffer {
  // at most the size checked: a file that grows meanwhile is not read past the limit; one that shrinks is shorter
  return withRegularFile(file, request, (fd, bytes) => {
    const buffer = Buffer.alloc(bytes);
    return buffer.subarray(0, readFully(fd, buffer, 0));
  });
}

/**
 * `use(fd, bytes)` on a regular file of `bytes` ≤ `maxBytes` (its size when opened), closing it afterwards. A
 * system error while opening or reading (no such file, a directory, EIO…) becomes an OdeforgeError naming the file.
 * @throws OdeforgeError naming the file: missing, a directory, not a regular file, too large, unreadable
 */
export function withRegularFile<T>(file: string, request: ReadRequest, use: (fd: number, bytes: number) => T): T {
  const { what } = request;
  let fd: number | undefined;
  try {
    // stat before opening: opening a named pipe would block until something writes to it
    checkRegular(file, statSync(file), request);
    fd = openSync(file, 'r');
    const stat = fstatSync(fd);
    checkRegular(file, stat, request);
    return use(fd, stat.size);
  } catch (error) {
    if (error instanceof OdeforgeError || !isSystemError(error)) throw error;
    if (error.code === 'ENOENT')
      throw new OdeforgeError(request.notFound ?? `cannot read ${what}: no such file`, { file });
    if (error.code === 'EISDIR') throw new OdeforgeError(`cannot read ${what}: is a directory`, { file });
    throw new OdeforgeError(`cannot read ${what}: ${error.message}`, { file });
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** An error from the system or from Node's I/O (it has a code); anything else is a bug to surface as it is. */
function isSystemError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string';
}

/** readSync's largest request is 2 GiB − 1; a 2 GiB payload is read in two. */
const MAX_READ_BYTES = 2 ** 30;

/**
 * Read into `target` from byte `position` of the file until `target` is full or the file ends (it may have
 * shrunk since it was measured): the number of bytes read.
 */
export function readFully(fd: number, target: Uint8Array, position: number): number {
  let done = 0;
  while (done < target.length) {
    const read = readSync(fd, target, done, Math.min(target.length - done, MAX_READ_BYTES), position + done);
    if (read === 0) break;
    done += read;
  }
  return done;
}

/** `bytes` in the largest binary unit that keeps it ≥ 1, one decimal: "3.0 GiB", "512.0 MiB", "100 bytes". */
export function humanBytes(bytes: number): string {
  const units = ['KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let value = bytes;
  let unit = -1;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit < 0 ? `${bytes} bytes` : `${value.toFixed(1)} ${units[unit]}`;
}

function checkRegular(file: string, stat: Stats, request: ReadRequest): void {
  const { maxBytes, what } = request;
  if (stat.isDirectory()) throw new OdeforgeError(`cannot read ${what}: is a directory`, { file });
  if (!stat.isFile())
    throw new OdeforgeError(
      `cannot read ${what}: not a regular file (a device, pipe or socket)`,
      { file },
      `give the path of a ${what}`,
    );
  if (stat.size > maxBytes) {
    // a limit with a reason says what would help; a fixed one is far above any sensible file
    const hint = request.limitReason === undefined ? `a ${what} is much smaller` : undefined;
    throw new OdeforgeError(`cannot read ${what}: ${tooLarge(stat.size, request)}`, { file }, hint);
  }
}

/**
 * "N bytes, above the limit of M bytes", then both in human units and the limit's reason when the request gives
 * one: "(3.0 GiB > 2.0 GiB: a quarter of …)".
 */
export function tooLarge(bytes: number, { maxBytes, limitReason }: ReadRequest): string {
  const message = `${bytes} bytes, above the limit of ${maxBytes} bytes`;
  if (limitReason === undefined) return message;
  return `${message} (${humanBytes(bytes)} > ${humanBytes(maxBytes)}: ${limitReason})`;
}
