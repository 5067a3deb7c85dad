// Data files read into a caller's array (readDataFile's `allocate`): little-endian float64 .npy straight into it,
// every other dtype, byte order and Fortran order converted into it chunk by chunk, CSV and JSON copied into it;
// and the memory-aware size limit, checked from the file's size and the header's shape before anything is
// allocated. Expected values come from bytes written by hand (hex) or from formulas, not from the reader.
import { constants } from 'node:buffer';
import {
  appendFileSync,
  closeSync,
  ftruncateSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  statfsSync,
  truncateSync,
  unlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDataFile, readDataSource, type ReadDataOptions } from '../../src/io/data.js';
import { formatNpy, parseNpy } from '../../src/io/npy.js';
import { humanBytes } from '../../src/io/read.js';
import { dataBytesLimit, limits } from '../../src/limits.js';
import { thrown } from '../helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'odeforge-npy-read-'));

/** An allocator that records its calls and returns a fresh array each time. */
function recorder(make: (values: number) => Float64Array = (values) => new Float64Array(values)) {
  const calls: [number, number][] = [];
  const arrays: Float64Array[] = [];
  const allocate = (rows: number, dim: number) => {
    calls.push([rows, dim]);
    const array = make(rows * dim);
    arrays.push(array);
    return array;
  };
  return { calls, arrays, options: { allocate } satisfies ReadDataOptions };
}

/** An .npy file of `payload` under a hand-written header (version 1.0, or 2.0/3.0 with a 4-byte length). */
function npy(descr: string, fortran: boolean, shape: string, payload: Uint8Array, major = 1): Uint8Array {
  const preamble = major === 1 ? 10 : 12;
  let header = `{'descr': '${descr}', 'fortran_order': ${fortran ? 'True' : 'False'}, 'shape': ${shape}, }`;
  header += `${' '.repeat((64 - ((preamble + header.length + 1) % 64)) % 64)}\n`;
  const out = new Uint8Array(preamble + header.length + payload.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, major, 0]);
  const view = new DataView(out.buffer);
  if (major === 1) view.setUint16(8, header.length, true);
  else view.setUint32(8, header.length, true);
  for (let i = 0; i < header.length; i++) out[preamble + i] = header.charCodeAt(i);
  out.set(payload, preamble + header.length);
  return out;
}

/** Bytes from hex, spaces ignored: "00 00 c0 3f" is float32 1.5 little-endian. */
function hex(text: string): Uint8Array {
  const digits = text.replace(/\s+/g, '');
  return Uint8Array.from({ length: digits.length / 2 }, (_, i) => Number.parseInt(digits.slice(2 * i, 2 * i + 2), 16));
}

function file(name: string, bytes: Uint8Array | string): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

describe('little-endian float64 in C order: read straight into the caller array', () => {
  it('the table holds the very array allocate returned, called once with (rows, dim), with the values written', () => {
    const values = Float64Array.from({ length: 12 }, (_, i) => (i - 5.5) / 3);
    const path = file('c.npy', formatNpy(values, [4, 3]));
    const { calls, arrays, options } = recorder();
    const table = readDataFile(path, options);
    expect(calls).toEqual([[4, 3]]);
    expect(table.data).toBe(arrays[0]);
    expect({ rows: table.rows, dim: table.dim }).toEqual({ rows: 4, dim: 3 });
    expect(Array.from(table.data)).toEqual(Array.from({ length: 12 }, (_, i) => (i - 5.5) / 3));
  });

  it('hand-written bytes: 2.25, -0.5, 1e300 (little-endian IEEE 754), 1-D, and format versions 2.0 and 3.0', () => {
    const payload = hex('00 00 00 00 00 00 02 40  00 00 00 00 00 00 e0 bf  9c 75 00 88 3c e4 37 7e');
    for (const major of [1, 2, 3]) {
      const path = file(`v${major}.npy`, npy('<f8', false, '(3,)', payload, major));
      const { calls, arrays, options } = recorder();
      const table = readDataFile(path, options);
      expect(calls).toEqual([[3, 1]]);
      expect(table.data).toBe(arrays[0]);
      expect(Array.from(table.data)).toEqual([2.25, -0.5, 1e300]);
    }
  });

  it("'=f8' is this machine's order; Fortran order with one column or one row is C order too", () => {
    const payload = hex('00 00 00 00 00 00 f0 3f  00 00 00 00 00 00 00 40');
    for (const [descr, fortran, shape] of [
      ['=f8', false, '(2, 1)'],
      ['<f8', true, '(2, 1)'],
      ['<f8', true, '(1, 2)'],
    ] as const) {
      const { calls, options } = recorder();
      const table = readDataFile(file('order.npy', npy(descr, fortran, shape, payload)), options);
      expect(calls).toEqual([shape === '(1, 2)' ? [1, 2] : [2, 1]]);
      expect(Array.from(table.data)).toEqual([1, 2]);
    }
  });

  it('into shared WebAssembly memory at an offset (what the sampler threads will share)', () => {
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true });
    const path = file('shared.npy', formatNpy(Float64Array.of(0.125, -3, 7.5, 1e-300), [2, 2]));
    const table = readDataFile(path, { allocate: (rows, dim) => new Float64Array(memory.buffer, 64, rows * dim) });
    expect(table.data.buffer).toBe(memory.buffer);
    expect(Array.from(new Float64Array(memory.buffer, 64, 4))).toEqual([0.125, -3, 7.5, 1e-300]);
    expect(new Float64Array(memory.buffer, 56, 1)[0]).toBe(0); // nothing written before the offset
  });

  it('an allocate that returns the wrong length is a programming error, not bad input', () => {
    const path = file('len.npy', formatNpy(Float64Array.of(1, 2), [2]));
    expect(() => readDataFile(path, { allocate: () => new Float64Array(3) })).toThrow(
      new TypeError('allocate(2, 1) must return a Float64Array of 2 values'),
    );
  });
});

describe('every other dtype, byte order and Fortran order: converted into the caller array', () => {
  it.each([
    ['<f4', '00 00 c0 3f  00 00 00 c0', [1.5, -2]],
    ['>f4', '3f c0 00 00  c0 00 00 00', [1.5, -2]],
    ['>f8', '40 02 00 00 00 00 00 00  bf e0 00 00 00 00 00 00', [2.25, -0.5]],
    ['<i8', 'fd ff ff ff ff ff ff ff  00 00 00 00 01 00 00 00', [-3, 2 ** 32]],
    ['>i8', 'ff ff ff ff ff ff ff fd  00 00 00 01 00 00 00 00', [-3, 2 ** 32]],
    ['<i4', 'ff ff ff ff  00 00 01 00', [-1, 65536]],
    ['>i4', '00 00 01 02  80 00 00 00', [258, -(2 ** 31)]],
    ['<i2', 'fe ff  02 01', [-2, 258]],
    ['|u1', 'ff  07', [255, 7]],
    ['|i1', 'ff  80', [-1, -128]],
  ])('%s', (descr, bytes, expected) => {
    const { calls, arrays, options } = recorder();
    const table = readDataFile(file('dtype.npy', npy(descr, false, '(1, 2)', hex(bytes))), options);
    expect(calls).toEqual([[1, 2]]);
    expect(table.data).toBe(arrays[0]);
    expect(Array.from(table.data)).toEqual(expected);
  });

  it('Fortran order: [[1, 2, 3], [4, 5, 6]] is stored column by column, 1 4 2 5 3 6 (float64 and int16)', () => {
    const f8 = new Uint8Array(Float64Array.of(1, 4, 2, 5, 3, 6).buffer);
    const i2 = hex('01 00  04 00  02 00  05 00  03 00  06 00');
    for (const [descr, payload] of [
      ['<f8', f8],
      ['<i2', i2],
    ] as const) {
      const { calls, arrays, options } = recorder();
      const table = readDataFile(file('fortran.npy', npy(descr, true, '(2, 3)', payload)), options);
      expect(calls).toEqual([[2, 3]]);
      expect(table.data).toBe(arrays[0]);
      expect(Array.from(table.data)).toEqual([1, 2, 3, 4, 5, 6]);
    }
  });

  it('Fortran order over several conversion chunks: element (i, j) = 10 i + j of 70000 × 3 (1.7 MB)', () => {
    const rows = 70_000;
    const stored = new Float64Array(3 * rows);
    for (let j = 0; j < 3; j++) for (let i = 0; i < rows; i++) stored[j * rows + i] = 10 * i + j;
    const table = readDataFile(
      file('fortran-big.npy', npy('<f8', true, `(${rows}, 3)`, new Uint8Array(stored.buffer))),
    );
    let wrong = 0;
    for (let i = 0; i < rows; i++) for (let j = 0; j < 3; j++) if (table.data[3 * i + j] !== 10 * i + j) wrong++;
    expect(wrong).toBe(0);
  });

  it('a payload of many conversion chunks: float32 k for k < 300000 (1.2 MB), and big-endian float64', () => {
    const n = 300_000;
    const f4 = new Uint8Array(4 * n);
    const be = new Uint8Array(8 * n);
    for (let k = 0; k < n; k++) {
      new DataView(f4.buffer).setFloat32(4 * k, k, true); // k < 2^24: exact in float32
      new DataView(be.buffer).setFloat64(8 * k, k / 4, false);
    }
    for (const [descr, payload, value] of [
      ['<f4', f4, (k: number) => k],
      ['>f8', be, (k: number) => k / 4],
    ] as const) {
      const { calls, arrays, options } = recorder();
      const table = readDataFile(file('chunks.npy', npy(descr, false, `(${n / 2}, 2)`, payload)), options);
      expect(calls).toEqual([[n / 2, 2]]);
      expect(table.data).toBe(arrays[0]);
      let wrong = 0;
      for (let k = 0; k < n; k++) if (table.data[k] !== value(k)) wrong++;
      expect(wrong).toBe(0);
    }
  });
});

describe('CSV and JSON: parsed, then copied into the caller array', () => {
  it.each([
    ['points.csv', 'x1,x2\n1.5,-2\n0.25,1e3\n3,4\n'],
    ['points.json', '[[1.5, -2], [0.25, 1e3], [3, 4]]'],
  ])('%s', (name, text) => {
    const { calls, arrays, options } = recorder();
    const table = readDataFile(file(name, text), options);
    expect(calls).toEqual([[3, 2]]);
    expect(table.data).toBe(arrays[0]);
    expect(Array.from(table.data)).toEqual([1.5, -2, 0.25, 1000, 3, 4]);
  });

  it('a Gaussian mixture allocates nothing', () => {
    const { calls, options } = recorder();
    const source = readDataSource(file('mix.json', '{"weights": [1], "means": [[0, 1]], "stds": [2]}'), options);
    expect(source.kind).toBe('mixture');
    expect(calls).toEqual([]);
  });
});

describe('bad files, refused before allocate is called', () => {
  it('a truncated payload: the size from stat tells before anything is allocated', () => {
    const good = formatNpy(Float64Array.of(1, 2, 3, 4, 5, 6, 7, 8), [4, 2]);
    const path = file('short.npy', good.subarray(0, good.length - 8));
    const { calls, options } = recorder();
    expect(thrown(() => readDataFile(path, options)).format()).toBe(
      `${path}: truncated .npy file: shape (4, 2) needs 64 bytes of data, found 56`,
    );
    const f4 = file('short-f4.npy', npy('<f4', false, '(3,)', hex('00 00 c0 3f  00 00 00 c0')));
    expect(thrown(() => readDataFile(f4, options)).message).toBe(
      'truncated .npy file: shape (3) needs 12 bytes of data, found 8',
    );
    expect(calls).toEqual([]);
  });

  it('a shape that claims more than the file holds (within the limit) is truncated, not allocated', () => {
    const path = file('claims.npy', npy('<f8', false, '(1000000, 8)', new Uint8Array(16)));
    const { calls, options } = recorder();
    expect(thrown(() => readDataFile(path, options)).message).toBe(
      'truncated .npy file: shape (1000000, 8) needs 64000000 bytes of data, found 16',
    );
    expect(calls).toEqual([]);
  });

  it('a shape of more float64 bytes than the data limit names both numbers and the limit', () => {
    const limit = dataBytesLimit();
    const rows = Math.floor(limit / 16) + 1; // rows × 2 × 8 bytes = limit + 16
    const path = file('huge-shape.npy', npy('<i1', false, `(${rows}, 2)`, new Uint8Array(16)));
    const { calls, options } = recorder();
    const error = thrown(() => readDataFile(path, options));
    expect(error.message).toBe(
      `the data holds ${rows} × 2 float64 values: ${16 * rows} bytes, above the limit of ${limit} bytes ` +
        `(${humanBytes(16 * rows)} > ${humanBytes(limit)}: a quarter of this machine's ${humanBytes(totalmem())} of memory, at most 2.0 GiB)`,
    );
    expect(calls).toEqual([]);
  });

  it('a (sparse) file above the limit is refused from its size, unread: its zeros would be a bad magic string', () => {
    const limit = dataBytesLimit();
    expect(limit).toBe(Math.min(2 ** 31, Math.floor(totalmem() / 4)));
    const path = join(dir, 'sparse.npy');
    const fd = openSync(path, 'w');
    ftruncateSync(fd, limit + 1);
    closeSync(fd);
    const { calls, options } = recorder();
    const error = thrown(() => readDataFile(path, options));
    expect(error.format()).toBe(
      `${path}: cannot read data file: ${limit + 1} bytes, above the limit of ${limit} bytes ` +
        `(${humanBytes(limit + 1)} > ${humanBytes(limit)}: a quarter of this machine's ${humanBytes(totalmem())} of memory, at most 2.0 GiB)`,
    );
    expect(calls).toEqual([]);
    unlinkSync(path);
  });

  it('CSV and JSON: at most the longest string JavaScript holds (they are parsed from one)', () => {
    const most = constants.MAX_STRING_LENGTH;
    expect(most).toBeLessThan(dataBytesLimit()); // 512 MiB − 24 on 64-bit Node
    const path = join(dir, 'sparse.csv');
    writeFileSync(path, '');
    truncateSync(path, most + 1);
    expect(thrown(() => readDataFile(path)).message).toBe(
      `cannot read data file: ${most + 1} bytes, above the limit of ${most} bytes ` +
        `(${humanBytes(most + 1)} > ${humanBytes(most)}: the longest text JavaScript can hold; larger data can be saved as .npy)`,
    );
    unlinkSync(path);
  });

  it('non-finite values are named by row and column (float64, float32, Fortran order)', () => {
    const f8 = new Float64Array(6);
    f8[5] = Number.NaN; // row 2, column 3 of a 2 × 3 array
    const nan = file('nan.npy', formatNpy(f8, [2, 3]));
    expect(thrown(() => readDataFile(nan)).format()).toBe(
      `${nan}: row 2, column 3: NaN is not allowed in data (remove or fix non-finite values)`,
    );
    const inf = file('inf.npy', npy('<f4', false, '(2, 2)', hex('00000000 00000000 00000000 000080ff')));
    expect(thrown(() => readDataFile(inf)).message).toBe('row 2, column 2: -Infinity is not allowed in data');
    // Fortran order: stored element 1 is (row 2, column 1) of a 2 × 2 array
    const fortran = file('inf-f.npy', npy('<f4', true, '(2, 2)', hex('00000000 0000807f 00000000 00000000')));
    expect(thrown(() => readDataFile(fortran)).message).toBe('row 2, column 1: Infinity is not allowed in data');
  });

  it('3-D, no rows, too many columns: refused from the header', () => {
    const { calls, options } = recorder();
    const cases: [string, string][] = [
      ['(2, 2, 2)', 'an .npy data file must be 1-D or 2-D, got shape (2, 2, 2)'],
      ['(0, 2)', 'the data file has no data rows'],
      [
        `(1, ${limits.dimension + 1})`,
        `the data has ${limits.dimension + 1} columns, above the dimension limit of ${limits.dimension}`,
      ],
    ];
    for (const [shape, message] of cases) {
      expect(
        thrown(() => readDataFile(file('shape.npy', npy('<f8', false, shape, new Uint8Array(64))), options)).message,
      ).toBe(message);
    }
    expect(calls).toEqual([]);
  });

  it('headers: too long (numpy refuses over 10000 bytes), cut short, not an .npy', () => {
    const long = npy('<f8', false, '(1,)', new Uint8Array(8), 2);
    new DataView(long.buffer).setUint32(8, 10_001, true);
    expect(thrown(() => readDataFile(file('long.npy', long))).message).toBe(
      "malformed .npy header: 10001 bytes long, above numpy's limit of 10000",
    );
    const cut = npy('<f8', false, '(1,)', new Uint8Array(0)).subarray(0, 40);
    expect(thrown(() => readDataFile(file('cut.npy', cut))).message).toBe(
      'truncated .npy file: it ends within the header',
    );
    expect(thrown(() => parseNpy(cut)).message).toBe('truncated .npy file: it ends within the header');
    expect(thrown(() => readDataFile(file('empty.npy', new Uint8Array(0)))).message).toBe(
      'not a NumPy .npy file (bad magic string)',
    );
  });

  it('not a regular file, a directory, missing', () => {
    mkdirSync(join(dir, 'folder.npy'));
    expect(thrown(() => readDataFile(join(dir, 'folder.npy'))).message).toBe('cannot read data file: is a directory');
    expect(thrown(() => readDataFile(join(dir, 'missing.npy'))).message).toBe('cannot read data file: no such file');
  });
});

describe('a file that changes between its stat and its read', () => {
  it('shrinks (in allocate, i.e. after the header is checked): the truncated error, naming the bytes found', () => {
    // straight into the array ('<f8') and through the conversion chunks ('>f8')
    for (const descr of ['<f8', '>f8']) {
      const path = file('shrinks.npy', npy(descr, false, '(2, 2)', new Uint8Array(32)));
      const headerEnd = npy(descr, false, '(2, 2)', new Uint8Array(0)).length;
      const allocate = (rows: number, dim: number) => {
        truncateSync(path, headerEnd + 20);
        return new Float64Array(rows * dim);
      };
      expect(thrown(() => readDataFile(path, { allocate })).message).toBe(
        'truncated .npy file: shape (2, 2) needs 32 bytes of data, found 20',
      );
    }
  });

  it('grows: only the bytes the header asks for are read (as np.load does)', () => {
    const path = file('grows.npy', formatNpy(Float64Array.of(1, 2), [2]));
    const allocate = (rows: number, dim: number) => {
      appendFileSync(path, new Uint8Array(Float64Array.of(Number.NaN, 99).buffer));
      return new Float64Array(rows * dim);
    };
    expect(Array.from(readDataFile(path, { allocate }).data)).toEqual([1, 2]);
  });
});

describe('parseNpy (bytes in memory) keeps the values limit, as a parameter', () => {
  it('limits.values by default, or the bound given', () => {
    const bytes = formatNpy(Float64Array.of(1, 2, 3, 4), [2, 2]);
    expect(Array.from(parseNpy(bytes).data)).toEqual([1, 2, 3, 4]);
    expect(thrown(() => parseNpy(bytes, 'x.npy', 3)).format()).toBe(
      'x.npy: .npy shape (2, 2) holds 4 values, above the limit of 3',
    );
  });
});

/** Free bytes on the disk holding os.tmpdir(). */
function freeTmpBytes(): number {
  const stats = statfsSync(tmpdir());
  return stats.bavail * stats.bsize;
}

describe('memory: one copy', () => {
  const rows = 200_000;
  const dim = 64;
  const payload = rows * dim * 8; // 102.4 MB

  it.skipIf(freeTmpBytes() < 1e9)(
    `a ${rows} × ${dim} float64 .npy (100 MB) adds less than 1.2 × its payload to arrayBuffers`,
    () => {
      // written in 1 MiB pieces, so that nothing of the test's own is in memory when the load starts
      const path = join(tmpdir(), `odeforge-memory-${process.pid}.npy`);
      const fd = openSync(path, 'w');
      try {
        writeSync(fd, npy('<f8', false, `(${rows}, ${dim})`, new Uint8Array(0)));
        const piece = new Float64Array(1 << 17);
        for (let first = 0; first < rows * dim; first += piece.length) {
          for (let i = 0; i < piece.length; i++) piece[i] = (first + i) / 1024;
          writeSync(fd, new Uint8Array(piece.buffer, 0, 8 * Math.min(piece.length, rows * dim - first)));
        }
      } finally {
        closeSync(fd);
      }
      try {
        const before = process.memoryUsage().arrayBuffers;
        const table = readDataFile(path);
        const grown = process.memoryUsage().arrayBuffers - before;
        expect(grown).toBeLessThan(1.2 * payload);
        // (no lower bound: a collection during the load may free other tests' garbage)
        for (const k of [0, 1, 4097, rows * dim - 1]) expect(table.data[k]).toBe(k / 1024);
      } finally {
        unlinkSync(path);
      }
    },
  );
});
