// Data files: CSV, NPY and JSON round trips (bit-exact) and every bad-data message with the file, line and
// column it names. NumPy interoperability (python3) is in data.e2e.test.ts.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatCsv, parseCsv } from '../../src/io/csv.js';
import { readDataFile, readDataSource, writeDataFile } from '../../src/io/data.js';
import { parseJsonData } from '../../src/io/json.js';
import { formatNpy, parseNpy } from '../../src/io/npy.js';
import { thrown } from '../helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'odeforge-io-'));
const awkward = Float64Array.of(0.1, -2.5e-300, 1 / 3, 123456789.123, -0, 5e-324, Math.PI, -1e300);

describe.each(['csv', 'npy', 'json'])('%s round trip', (ext) => {
  it('writes and reads back the same bits, with the shape', () => {
    const path = join(dir, `round.${ext}`);
    writeDataFile(path, awkward, 2);
    const table = readDataFile(path);
    expect(table.rows).toBe(4);
    expect(table.dim).toBe(2);
    expect(Array.from(table.data).map((v) => (Object.is(v, -0) ? 0 : v))).toEqual(
      Array.from(awkward).map((v) => (Object.is(v, -0) ? 0 : v)),
    );
  });
});

describe('CSV', () => {
  it('writes the header x1..xd', () => {
    expect(formatCsv(Float64Array.of(1, 2, 3, 4, 5, 6), 3)).toBe('x1,x2,x3\n1,2,3\n4,5,6\n');
  });

  it('skips a last column headed logp (sample --logp output reads back as points), whatever it holds', () => {
    const t = parseCsv('x1,x2,logp\n1,2,-3.5\n4,5,-Infinity\n');
    expect(t).toEqual({ data: Float64Array.of(1, 2, 4, 5), rows: 2, dim: 2 });
    // anywhere else it is a column name like any other, and must hold numbers
    expect(() => parseCsv('logp,x2\n-Infinity,2\n')).toThrow(/column 1 \(logp\): -Infinity is not allowed/);
  });

  it('reads headerless files, CRLF, blank lines, comments and spaces around fields', () => {
    const t = parseCsv('# made by hand\r\n1, 2\r\n\r\n 3 ,4e-1\r\n');
    expect(t).toEqual({ data: Float64Array.of(1, 2, 3, 0.4), rows: 2, dim: 2 });
  });

  it("reads numpy.savetxt output (the reference sampler's save_data format)", () => {
    const t = parseCsv('x1,x2\n4.000000000000000000e+00,-1.000000000000000056e-01\n');
    expect(Array.from(t.data)).toEqual([4, -0.1]);
  });

  it.each([
    [
      'x1,x2\n1,2\n3,4,5\n',
      'data.csv:3:5: row 2 has 3 values, expected 2 (as in the header) (every row needs one value per column)',
    ],
    [
      'x1,x2\n1,2\n3\n',
      'data.csv:3:2: row 2 has 1 values, expected 2 (as in the header) (every row needs one value per column)',
    ],
    ['x1,x2\n1,2\n3,abc\n', 'data.csv:3:3: row 2, column 2 (x2): "abc" is not a number'],
    ['x1,x2\n1,\n', 'data.csv:2:3: row 1, column 2 (x2): an empty field is not a number'],
    [
      'x1,x2\n1,2\nNaN,4\n',
      'data.csv:3:1: row 2, column 1 (x1): NaN is not allowed in data (remove or fix non-finite values)',
    ],
    ['1,2\n3,-inf\n', 'data.csv:2:3: row 2, column 2: -inf is not allowed in data (remove or fix non-finite values)'],
    ['1,2\n0x10,4\n', 'data.csv:2:1: row 2, column 1: "0x10" is not a number'],
    ['x1,x2\n', 'data.csv: the data file has no data rows (give at least one row of numbers)'],
    ['', 'data.csv: the data file has no data rows (give at least one row of numbers)'],
    ['x1,,x3\n1,2,3\n', 'data.csv:1:4: the header has an empty column name (write the header as x1,x2,...)'],
  ])('rejects %j', (text, message) => {
    expect(thrown(() => parseCsv(text, 'data.csv')).format()).toBe(message);
  });
});

describe('NPY', () => {
  it('pads the version 1.0 header to a multiple of 64 bytes, ending in a newline', () => {
    const bytes = formatNpy(Float64Array.of(1, 2), [2, 1]);
    const headerLength = bytes[8]! + 256 * bytes[9]!;
    expect((10 + headerLength) % 64).toBe(0);
    expect(bytes[10 + headerLength - 1]).toBe(0x0a);
    expect(new TextDecoder().decode(bytes.subarray(10, 10 + headerLength))).toMatch(
      /^\{'descr': '<f8', 'fortran_order': False, 'shape': \(2, 1\), \} *\n$/,
    );
  });

  it('reads float32, int64, big-endian and Fortran-order arrays as float64 in C order', () => {
    const header = (descr: string, fortran: boolean, shape: string) => {
      let h = `{'descr': '${descr}', 'fortran_order': ${fortran ? 'True' : 'False'}, 'shape': ${shape}, }`;
      h += ' '.repeat((64 - ((11 + h.length) % 64)) % 64) + '\n';
      return h;
    };
    const make = (descr: string, fortran: boolean, shape: string, body: Uint8Array) => {
      const h = header(descr, fortran, shape);
      const out = new Uint8Array(10 + h.length + body.length);
      out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, h.length & 255, h.length >> 8]);
      for (let i = 0; i < h.length; i++) out[10 + i] = h.charCodeAt(i);
      out.set(body, 10 + h.length);
      return out;
    };
    const f4 = make('<f4', false, '(2,)', new Uint8Array(Float32Array.of(1.5, -2).buffer));
    expect(parseNpy(f4)).toEqual({ data: Float64Array.of(1.5, -2), shape: [2] });
    const i8 = make('<i8', false, '(1, 2)', new Uint8Array(BigInt64Array.of(7n, -3n).buffer));
    expect(parseNpy(i8).data).toEqual(Float64Array.of(7, -3));
    const be = new Uint8Array(8);
    new DataView(be.buffer).setFloat64(0, 2.25, false);
    expect(parseNpy(make('>f8', false, '(1,)', be)).data).toEqual(Float64Array.of(2.25));
    // Fortran order: columns stored first; [[1, 2, 3], [4, 5, 6]] is stored 1, 4, 2, 5, 3, 6.
    const fo = make('<f8', true, '(2, 3)', new Uint8Array(Float64Array.of(1, 4, 2, 5, 3, 6).buffer));
    expect(Array.from(parseNpy(fo).data)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('rejects a non-npy file, an unsupported dtype and a truncated file', () => {
    expect(thrown(() => parseNpy(new TextEncoder().encode('x1,x2\n1,2\n'), 'd.npy')).format()).toBe(
      'd.npy: not a NumPy .npy file (bad magic string) (write it with numpy.save)',
    );
    const good = formatNpy(Float64Array.of(1, 2, 3), [3]);
    expect(thrown(() => parseNpy(good.subarray(0, good.length - 4), 'd.npy')).format()).toBe(
      'd.npy: truncated .npy file: shape (3) needs 24 bytes of data, found 20',
    );
    const complex = good.slice();
    const at = new TextDecoder().decode(complex).indexOf('<f8');
    complex[at + 1] = 'c'.charCodeAt(0);
    expect(thrown(() => parseNpy(complex, 'd.npy')).message).toBe("unsupported .npy dtype '<c8'");
  });

  it('rejects NaN in an .npy data file and 3-D arrays', () => {
    const nan = join(dir, 'nan.npy');
    writeFileSync(nan, formatNpy(Float64Array.of(1, Number.NaN), [1, 2]));
    expect(thrown(() => readDataFile(nan)).format()).toBe(
      `${nan}: row 1, column 2: NaN is not allowed in data (remove or fix non-finite values)`,
    );
    const cube = join(dir, 'cube.npy');
    writeFileSync(cube, formatNpy(new Float64Array(8), [2, 2, 2]));
    expect(thrown(() => readDataFile(cube)).message).toBe('an .npy data file must be 1-D or 2-D, got shape (2, 2, 2)');
  });
});

describe('JSON', () => {
  it('reads an array of points, {"data": [...]}, and a one-dimensional list', () => {
    expect(parseJsonData('[[1, 2], [3, 4]]')).toEqual({
      kind: 'table',
      table: { data: Float64Array.of(1, 2, 3, 4), rows: 2, dim: 2 },
    });
    expect(parseJsonData('{"data": [[1], [2]]}')).toEqual({
      kind: 'table',
      table: { data: Float64Array.of(1, 2), rows: 2, dim: 1 },
    });
    expect(parseJsonData('[1, 2, 3]')).toEqual({
      kind: 'table',
      table: { data: Float64Array.of(1, 2, 3), rows: 3, dim: 1 },
    });
  });

  it('reads a Gaussian mixture', () => {
    expect(parseJsonData('{"weights": [1, 2], "means": [[0, 0], [1, 1]], "stds": [0.1, 0.2]}')).toEqual({
      kind: 'mixture',
      mixture: {
        weights: [1, 2],
        means: [
          [0, 0],
          [1, 1],
        ],
        stds: [0.1, 0.2],
      },
    });
  });

  it.each([
    ['[[1, 2],\n [3]]', 'data.json:2:2: row 2 has 1 values, expected 2 (as in the first row)'],
    ['[[1, 2],\n [3, "a"]]', 'data.json:2:6: row 2, column 2: "a" is not a finite number'],
    ['[[1, 2],\n [3, null]]', 'data.json:2:6: row 2, column 2: null is not a finite number'],
    ['[[1, 2],\n [3, 4]', "data.json:2:8: invalid JSON: Expected ',' or ']' after array element"],
    [
      '{"x": 1}',
      'data.json:1:1: a JSON data file must be an array of points, e.g. [[0.1, 2], [1, -1]] (or a Gaussian mixture {"weights": [...], "means": [[...]], "stds": [...]})',
    ],
    ['[]', 'data.json: the data file has no data rows (give at least one point)'],
    [
      '{"weights": [1], "means": [[0]]}',
      'data.json:1:1: a Gaussian mixture needs "stds" as an array (write {"weights": [w1, ...], "means": [[...], ...], "stds": [s1, ...]})',
    ],
    ['{"weights": [1], "means": [0], "stds": [1]}', 'data.json:1:28: mean 1 must be an array of coordinates'],
  ])('rejects %j', (text, message) => {
    expect(thrown(() => parseJsonData(text, 'data.json')).format()).toBe(message);
  });

  it('readDataFile refuses a mixture where points are needed', () => {
    const path = join(dir, 'mix.json');
    writeFileSync(path, '{"weights": [1], "means": [[0]], "stds": [1]}');
    expect(readDataSource(path).kind).toBe('mixture');
    expect(thrown(() => readDataFile(path)).message).toBe('this file holds a Gaussian mixture, not data points');
  });
});

describe('files', () => {
  it('names a missing file and an unknown extension', () => {
    expect(thrown(() => readDataFile(join(dir, 'missing.csv'))).format()).toBe(
      `${join(dir, 'missing.csv')}: cannot read data file: no such file`,
    );
    expect(thrown(() => readDataFile(join(dir, 'data.txt'))).format()).toBe(
      `${join(dir, 'data.txt')}: unknown data file extension ".txt" (use .csv, .npy or .json)`,
    );
  });

  it('writes atomically: a failed write leaves neither the target nor a temporary file', () => {
    const sub = mkdtempSync(join(tmpdir(), 'odeforge-atomic-'));
    const target = join(sub, 'out.csv');
    writeDataFile(target, Float64Array.of(1, 2), 2);
    expect(readFileSync(target, 'utf8')).toBe('x1,x2\n1,2\n');
    writeDataFile(target, Float64Array.of(3, 4), 2);
    expect(readFileSync(target, 'utf8')).toBe('x1,x2\n3,4\n');
    expect(readdirSync(sub)).toEqual(['out.csv']);
    const error = thrown(() => writeDataFile(join(sub, 'no-such-dir', 'out.csv'), Float64Array.of(1), 1));
    expect(error.message).toMatch(/^cannot write .*no-such-dir\/out\.csv: ENOENT/);
    expect(readdirSync(sub)).toEqual(['out.csv']);
  });
});
