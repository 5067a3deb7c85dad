// NumPy .npy files (format 1.0 written; 1.0–3.0 read): float64 arrays in C order, readable by np.load.
import { OdeforgeError } from '../errors.js';
import { limits } from '../limits.js';

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

/**
 * Parse an .npy file into float64 (integer and float32 arrays are converted).
 * @throws OdeforgeError for a missing magic string, an unsupported dtype, or a truncated file
 */
export function parseNpy(bytes: Uint8Array, file?: string): NpyArray {
  const where = { file };
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b)) {
    throw new OdeforgeError('not a NumPy .npy file (bad magic string)', where, 'write it with numpy.save');
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const major = bytes[6]!;
  if (major < 1 || major > 3) throw new OdeforgeError(`unsupported .npy format version ${major}.${bytes[7]}`, where);
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const start = major === 1 ? 10 : 12;
  const header = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(bytes.subarray(start, start + headerLength));
  const descr = /'descr'\s*:\s*'([<>|=])([a-z])(\d+)'/.exec(header);
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(header);
  const shapeText = /'shape'\s*:\s*\(([^)]*)\)/.exec(header);
  if (!descr || !fortran || !shapeText) throw new OdeforgeError('malformed .npy header', where);
  const key = `${descr[2]}${descr[3]}`;
  const dtype = DTYPES[key];
  if (!dtype) throw new OdeforgeError(`unsupported .npy dtype '${descr[1]}${key}'`, where, 'save the data as float64');
  const little = descr[1] !== '>';
  const shape = parseShape(shapeText[1]!, file);
  const count = shape.reduce((a, b) => a * b, 1);
  if (count > limits.values) {
    throw new OdeforgeError(
      `.npy shape (${shape.join(', ')}) holds ${count} values, above the limit of ${limits.values}`,
      where,
    );
  }
  const offset = start + headerLength;
  if (bytes.length - offset < count * dtype.size) {
    throw new OdeforgeError(
      `truncated .npy file: shape (${shape.join(', ')}) needs ${count * dtype.size} bytes of data, found ${bytes.length - offset}`,
      where,
    );
  }
  const data = new Float64Array(count);
  for (let i = 0; i < count; i++) data[i] = dtype.read(view, offset + i * dtype.size, little);
  return { data: fortran[1] === 'True' ? fromFortranOrder(data, shape) : data, shape };
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

/** C-order copy of a Fortran-order array. */
function fromFortranOrder(data: Float64Array, shape: number[]): Float64Array {
  if (shape.length < 2) return data;
  const out = new Float64Array(data.length);
  const strides = shape.map((_, k) => shape.slice(0, k).reduce((a, b) => a * b, 1));
  const index = new Array<number>(shape.length).fill(0);
  for (let c = 0; c < data.length; c++) {
    let f = 0;
    for (let k = 0; k < shape.length; k++) f += index[k]! * strides[k]!;
    out[c] = data[f]!;
    for (let k = shape.length - 1; k >= 0; k--) {
      if (++index[k]! < shape[k]!) break;
      index[k] = 0;
    }
  }
  return out;
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
