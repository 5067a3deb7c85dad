// NumPy .npy files (format 1.0 written; 1.0–3.0 read): float64 arrays in C order, readable by np.load. Read
// either from bytes in memory (parseNpy) or from an open file into a caller's array (readNpyHeader, then
// readNpyPayload), both through one header parser.
import { endianness } from 'node:os';
import { OdeforgeError } from '../errors.js';
import { limits } from '../limits.js';
import { readFully } from './read.js';

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

export interface NpyArray {
  data: Float64Array;
  shape: number[];
}

const DTYPES: Record<string, { size: number; read: (v: DataView, offset: number, little: boolean) => number }> = {
  f8: { size: 8, read: (v, o, le) => v.getFloat64(o, le) },
  f4: { size: 4, read: (v, o, le) => v.getFloat32(o, le) },
  i8: { size: 8, read: (v, o, le) => Number(v.getBigInt64(o, le)) },
  i4: { size: 4, read: (v, o, le) => v.getInt32(o, le) },
  i2: { size: 2, read: (v, o, le) => v.getInt16(o, le) },
  u1: { size: 1, read: (v, o) => v.getUint8(o) },
  i1: { size: 1, read: (v, o) => v.getInt8(o) },
};

const NATIVE_LITTLE_ENDIAN = endianness() === 'LE';

/**
 * numpy's own default `max_header_size` of np.load: a plain array's header is a hundred bytes or so; a longer
 * one is not a file we read, and would otherwise be decoded whatever its length.
 */
const MAX_HEADER_BYTES = 10_000;

/** Bytes of the payload converted to float64 at a time (a file of another dtype is never held whole). */
const CHUNK_BYTES = 1 << 20;

/** What an .npy header says: the dtype, byte order and memory order of the payload, its shape and where it starts. */
export interface NpyHeader {
  /** 'f8', 'f4', 'i8', 'i4', 'i2', 'u1' or 'i1'. */
  dtype: string;
  /** Bytes of one element in the file. */
  itemBytes: number;
  littleEndian: boolean;
  fortranOrder: boolean;
  shape: number[];
  /** The product of the shape: the number of elements. */
  count: number;
  /** The byte offset of the payload: the length of the magic string, version, header length and header. */
  dataOffset: number;
}

/**
 * The byte offset where the payload starts, from the first 12 bytes of the file (magic string, version, header
 * length): how much to read before the header can be parsed.
 * @throws OdeforgeError for a missing magic string, an unsupported version, an oversized header
 */
export function npyHeaderEnd(prefix: Uint8Array, file?: string): number {
  const where = { file };
  if (prefix.length < 10 || MAGIC.some((b, i) => prefix[i] !== b)) {
    throw new OdeforgeError('not a NumPy .npy file (bad magic string)', where, 'write it with numpy.save');
  }
  const major = prefix[6]!;
  if (major < 1 || major > 3) throw new OdeforgeError(`unsupported .npy format version ${major}.${prefix[7]}`, where);
  const start = major === 1 ? 10 : 12;
  if (prefix.length < start) throw new OdeforgeError(`truncated .npy file: it ends within the header`, where);
  const view = new DataView(prefix.buffer, prefix.byteOffset, prefix.byteLength);
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  if (headerLength > MAX_HEADER_BYTES) {
    throw new OdeforgeError(
      `malformed .npy header: ${headerLength} bytes long, above numpy's limit of ${MAX_HEADER_BYTES}`,
      where,
      'write the file with numpy.save',
    );
  }
  return start + headerLength;
}

/**
 * The header of an .npy file from its first bytes (at least npyHeaderEnd of them; the payload may follow).
 * The one header parser, for files in memory (parseNpy) and read in pieces (readNpyHeader).
 * @throws OdeforgeError for a missing magic string, an unsupported version or dtype, a malformed or cut header
 */
export function parseNpyHeader(bytes: Uint8Array, file?: string): NpyHeader {
  const where = { file };
  const dataOffset = npyHeaderEnd(bytes, file);
  if (bytes.length < dataOffset) throw new OdeforgeError(`truncated .npy file: it ends within the header`, where);
  const major = bytes[6]!;
  const text = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(
    bytes.subarray(major === 1 ? 10 : 12, dataOffset),
  );
  const descr = /'descr'\s*:\s*'([<>|=])([a-z])(\d+)'/.exec(text);
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(text);
  const shapeText = /'shape'\s*:\s*\(([^)]*)\)/.exec(text);
  if (!descr || !fortran || !shapeText) throw new OdeforgeError('malformed .npy header', where);
  const dtype = `${descr[2]}${descr[3]}`;
  const type = DTYPES[dtype];
  if (!type) throw new OdeforgeError(`unsupported .npy dtype '${descr[1]}${dtype}'`, where, 'save the data as float64');
  const shape = parseShape(shapeText[1]!, file);
  return {
    dtype,
    itemBytes: type.size,
    // '=' is this machine's order; '|' (not applicable) only fits one-byte types, read as the little-endian default
    littleEndian: descr[1] === '=' ? NATIVE_LITTLE_ENDIAN : descr[1] !== '>',
    fortranOrder: fortran[1] === 'True',
    shape,
    count: shape.reduce((a, b) => a * b, 1),
    dataOffset,
  };
}

/**
 * Parse an .npy file in memory into float64 (integer and float32 arrays are converted, any shape, C order).
 * @param maxValues the most elements the shape may hold (checked before allocating)
 * @throws OdeforgeError for a missing magic string, an unsupported dtype, too many values, or a truncated file
 */
export function parseNpy(bytes: Uint8Array, file?: string, maxValues: number = limits.values): NpyArray {
  const header = parseNpyHeader(bytes, file);
  const { shape, count } = header;
  if (count > maxValues) {
    throw new OdeforgeError(`.npy shape (${shape.join(', ')}) holds ${count} values, above the limit of ${maxValues}`, {
      file,
    });
  }
  checkNpyPayload(header, bytes.length - header.dataOffset, file);
  const data = new Float64Array(count);
  const payload = new DataView(bytes.buffer, bytes.byteOffset + header.dataOffset, count * header.itemBytes);
  convertElements(payload, header, data, 0, count);
  return { data, shape };
}

/**
 * That the payload's `found` bytes (what follows the header in the file) hold the shape's elements; more is
 * ignored, as np.load does.
 * @throws OdeforgeError "truncated .npy file" naming the bytes needed and found
 */
export function checkNpyPayload(header: NpyHeader, found: number, file?: string): void {
  const needed = header.count * header.itemBytes;
  if (found < needed) {
    throw new OdeforgeError(
      `truncated .npy file: shape (${header.shape.join(', ')}) needs ${needed} bytes of data, found ${Math.max(found, 0)}`,
      { file },
    );
  }
}

/**
 * The header of the .npy file open as `fd`, reading only the header (`fileBytes`: the file's size).
 * @throws OdeforgeError as parseNpyHeader
 */
export function readNpyHeader(fd: number, fileBytes: number, file?: string): NpyHeader {
  const prefix = new Uint8Array(Math.min(12, fileBytes));
  const end = npyHeaderEnd(prefix.subarray(0, readFully(fd, prefix, 0)), file);
  const bytes = new Uint8Array(end);
  return parseNpyHeader(bytes.subarray(0, readFully(fd, bytes, 0)), file);
}

/**
 * Read the payload of the .npy file open as `fd` into `out` (header.count values), in C order. Little-endian
 * float64 in C order (what numpy writes by default) is read straight into `out`'s memory, with no copy of the
 * file in between; any other dtype, byte order or a Fortran order is converted chunk by chunk (a Fortran-order
 * element goes straight to its C-order place, so no temporary copy of the payload is needed).
 * @throws OdeforgeError "truncated .npy file" if the file ends early (it may have shrunk since it was measured)
 */
export function readNpyPayload(fd: number, header: NpyHeader, out: Float64Array, file?: string): void {
  if (out.length !== header.count) throw new Error(`an array of ${header.count} values is needed, got ${out.length}`);
  const { itemBytes, count, dataOffset } = header;
  if (header.dtype === 'f8' && header.littleEndian === NATIVE_LITTLE_ENDIAN && !reorders(header)) {
    const target = new Uint8Array(out.buffer, out.byteOffset, count * itemBytes);
    checkNpyPayload(header, readFully(fd, target, dataOffset), file);
    return;
  }
  const chunk = new Uint8Array(Math.min(CHUNK_BYTES, count * itemBytes));
  const chunkElements = Math.floor(chunk.length / itemBytes);
  for (let first = 0; first < count; first += chunkElements) {
    const bytes = chunk.subarray(0, Math.min(chunkElements, count - first) * itemBytes);
    const read = readFully(fd, bytes, dataOffset + first * itemBytes);
    if (read < bytes.length) checkNpyPayload(header, first * itemBytes + read, file);
    convertElements(
      new DataView(bytes.buffer, bytes.byteOffset, bytes.length),
      header,
      out,
      first,
      bytes.length / itemBytes,
    );
  }
}

/** Whether the file's element order differs from C order: Fortran order with more than one axis longer than 1. */
function reorders({ fortranOrder, shape }: NpyHeader): boolean {
  return fortranOrder && shape.filter((n) => n > 1).length > 1;
}

/**
 * Convert `n` elements of the header's dtype in `source`, elements `first` … `first + n − 1` of the file, to
 * float64 into `out` in C order (a Fortran-order element is placed where C order puts it).
 */
function convertElements(source: DataView, header: NpyHeader, out: Float64Array, first: number, n: number): void {
  const { read, size } = DTYPES[header.dtype]!;
  const little = header.littleEndian;
  if (!reorders(header)) {
    for (let i = 0; i < n; i++) out[first + i] = read(source, i * size, little);
    return;
  }
  const place = fortranToC(header.shape);
  for (let i = 0; i < n; i++) out[place(first + i)] = read(source, i * size, little);
}

/** The C-order index of the element at Fortran-order index f: f's digits in the shape, first axis fastest. */
function fortranToC(shape: readonly number[]): (f: number) => number {
  const cStrides = shape.map((_, k) => shape.slice(k + 1).reduce((a, b) => a * b, 1));
  return (f) => {
    let c = 0;
    for (let k = 0; k < shape.length; k++) {
      c += (f % shape[k]!) * cStrides[k]!;
      f = Math.floor(f / shape[k]!);
    }
    return c;
  };
}

/** The shape tuple's entries: non-negative integers (a header is text anyone can write). */
function parseShape(text: string, file: string | undefined): number[] {
  const entries = text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  return entries.map((entry) => {
    if (!/^\d{1,15}L?$/.test(entry)) {
      throw new OdeforgeError(
        `malformed .npy header: shape entry "${entry}" is not a non-negative integer`,
        { file },
        'write the file with numpy.save',
      );
    }
    return Number.parseInt(entry, 10);
  });
}

/** An .npy (format 1.0, little-endian float64, C order) of `data` with `shape`; header padded to 64 bytes. */
export function formatNpy(data: Float64Array, shape: readonly number[]): Uint8Array {
  const count = shape.reduce((a, b) => a * b, 1);
  if (count !== data.length) throw new Error(`shape (${shape.join(', ')}) does not match ${data.length} values`);
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  let header = `{'descr': '<f8', 'fortran_order': False, 'shape': ${shapeText}, }`;
  const total = 10 + header.length + 1;
  header += ' '.repeat((64 - (total % 64)) % 64) + '\n';
  const out = new Uint8Array(10 + header.length + 8 * count);
  out.set(MAGIC, 0);
  out[6] = 1;
  out[7] = 0;
  const view = new DataView(out.buffer);
  view.setUint16(8, header.length, true);
  for (let i = 0; i < header.length; i++) out[10 + i] = header.charCodeAt(i);
  const offset = 10 + header.length;
  for (let i = 0; i < count; i++) view.setFloat64(offset + 8 * i, data[i]!, true);
  return out;
}
