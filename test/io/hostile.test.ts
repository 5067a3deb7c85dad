// Hostile data and file input, in-process: NPY headers anyone can write, CSV and JSON numbers that overflow,
// JSON syntax errors located by position, devices and oversized files refused before reading, output paths
// checked before a run, and every size limit refused before anything is allocated.
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkWritable } from '../../src/io/atomic.js';
import { parseCsv } from '../../src/io/csv.js';
import { dataset } from '../../src/io/datasets.js';
import { parseJsonData } from '../../src/io/json.js';
import { jsonErrorOffset, lineColumnOf } from '../../src/io/json-syntax.js';
import { parseNpy } from '../../src/io/npy.js';
import { readRegularFile } from '../../src/io/read.js';
import { limits } from '../../src/limits.js';
import { planRun } from '../../src/sample/options.js';
import { thrown } from '../helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'odeforge-io-hostile-'));

/** An .npy file with `shape` written into its header and `dataBytes` bytes of data. */
function npyWithShape(shape: string, dataBytes = 64): Uint8Array {
  let header = `{'descr': '<f8', 'fortran_order': False, 'shape': ${shape}, }`;
  header += `${' '.repeat((64 - ((10 + header.length + 1) % 64)) % 64)}\n`;
  const bytes = new Uint8Array(10 + header.length + dataBytes);
  bytes.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
  new DataView(bytes.buffer).setUint16(8, header.length, true);
  for (let i = 0; i < header.length; i++) bytes[10 + i] = header.charCodeAt(i);
  return bytes;
}

describe('.npy headers', () => {
  it.each([
    ['(-1, 2)', '-1'],
    ['(2.5, 2)', '2.5'],
    ['(abc, 2)', 'abc'],
    ['(2, 1e3)', '1e3'],
  ])('shape %s is refused, naming the file', (shape, entry) => {
    const error = thrown(() => parseNpy(npyWithShape(shape), 'x.npy'));
    expect(error.format()).toBe(
      `x.npy: malformed .npy header: shape entry "${entry}" is not a non-negative integer (write the file with numpy.save)`,
    );
  });

  it('a shape of more values than the limit is refused before allocating', () => {
    const error = thrown(() => parseNpy(npyWithShape(`(${limits.values}, 2)`), 'big.npy'));
    expect(error.format()).toBe(
      `big.npy: .npy shape (${limits.values}, 2) holds ${2 * limits.values} values, above the limit of ${limits.values}`,
    );
  });

  it('a valid header with a trailing-comma 1-D shape still reads', () => {
    const bytes = npyWithShape('(2,)', 16);
    new DataView(bytes.buffer).setFloat64(bytes.length - 16, 1.5, true);
    expect(Array.from(parseNpy(bytes, 'ok.npy').data)).toEqual([1.5, 0]);
  });
});

describe('numbers that overflow', () => {
  it('CSV: 1e999 and -2e400 are reported at their line and column', () => {
    expect(thrown(() => parseCsv('x1,x2\n1,2\n3, 1e999\n', 'd.csv')).format()).toBe(
      'd.csv:3:4: row 2, column 2 (x2): 1e999 overflows to Infinity (beyond ±1.8e308) (rescale the data)',
    );
    expect(thrown(() => parseCsv('-2e400,1\n', 'd.csv')).format()).toMatch(
      /^d\.csv:1:1: row 1, column 1: -2e400 overflows to -Infinity/,
    );
  });

  it('JSON: the value as written, not null', () => {
    expect(thrown(() => parseJsonData('[[1, 2],\n [3, 1e999]]', 'd.json')).format()).toBe(
      'd.json:2:6: row 2, column 2: 1e999 is not a finite number (it overflows to Infinity)',
    );
    expect(thrown(() => parseJsonData('{"weights": [1e999], "means": [[0]], "stds": [1]}', 'm.json')).message).toBe(
      '"weights" entry 1: 1e999 is not a finite number (it overflows to Infinity)',
    );
  });
});

describe('JSON syntax errors: the offending token', () => {
  it.each([
    ['{\n  "a": tanh\n}', 2, 8],
    ['{"a": 1,}', 1, 9],
    ['[1, 2,]', 1, 7],
    ['{"a" 1}', 1, 6],
    ['{"a": 1} x', 1, 10],
    ['{"a": "b\nc"}', 1, 9],
    ['{"a": [1, 2\n', 1, 12],
    ['{"a": "\\q"}', 1, 9],
  ])('%j → line %i, column %i', (text, line, column) => {
    expect(() => JSON.parse(text)).toThrow();
    expect(lineColumnOf(text, jsonErrorOffset(text))).toEqual({ line, column });
  });

  it('valid JSON has no error offset', () => {
    expect(jsonErrorOffset('{"a": [1, -2.5e3, true, null, "x\\u00e9"]}')).toBe(-1);
  });

  it('a data file: one line, no excerpt of the text', () => {
    const error = thrown(() => parseJsonData('[\n  [1, 2],\n  [3, x]\n]', 'd.json'));
    expect(error.format()).toBe("d.json:3:7: invalid JSON: Unexpected token 'x'");
  });
});

describe('input files are checked before they are read', () => {
  const request = { maxBytes: 1000, what: 'data file' };
  it.each(['/dev/zero', '/dev/urandom', '/dev/null'])('%s is not a regular file', (device) => {
    expect(thrown(() => readRegularFile(device, request)).message).toBe(
      'cannot read data file: not a regular file (a device, pipe or socket)',
    );
  });

  it('a file above the limit, a directory, a missing file', () => {
    writeFileSync(join(dir, 'big.csv'), 'x'.repeat(1001));
    expect(thrown(() => readRegularFile(join(dir, 'big.csv'), request)).message).toBe(
      'cannot read data file: 1001 bytes, above the limit of 1000 bytes',
    );
    expect(thrown(() => readRegularFile(dir, request)).message).toBe('cannot read data file: is a directory');
    expect(thrown(() => readRegularFile(join(dir, 'nope.csv'), request)).format()).toBe(
      `${join(dir, 'nope.csv')}: cannot read data file: no such file`,
    );
  });
});

describe('output paths are checked before a run', () => {
  it('a missing directory, or a path that is a directory', () => {
    expect(thrown(() => checkWritable(join(dir, 'missing', 'o.csv'))).message).toBe(
      `cannot write ${join(dir, 'missing', 'o.csv')}: the directory ${join(dir, 'missing')} does not exist`,
    );
    mkdirSync(join(dir, 'taken.csv'));
    expect(thrown(() => checkWritable(join(dir, 'taken.csv'))).message).toBe(
      `cannot write ${join(dir, 'taken.csv')}: it is a directory`,
    );
    expect(() => checkWritable(join(dir, 'fine.csv'))).not.toThrow();
  });
});

describe('size limits, before any allocation', () => {
  it('toy data sets: points, dimension (the rotation is O(d³)) and values', () => {
    expect(thrown(() => dataset('moons', { n: 1e12 })).message).toBe(
      `1000000000000 points is above the limit of ${limits.points} points`,
    );
    expect(thrown(() => dataset('moons', { n: 10, dim: 20_000 })).message).toMatch(
      `toy data sets have dimension at most ${limits.datasetDimension}`,
    );
    expect(thrown(() => dataset('moons', { n: limits.points, dim: 512 })).message).toMatch(
      `values is above the limit of ${limits.values}`,
    );
  });

  it('the sampler: n, n × d, steps (also from the spec), trajectory points and their values', () => {
    const design = { dimension: 2, T: 1, epsilon: 0.01, sampler: {} };
    const data = new Float64Array(2);
    const plan =
      (options: object, sampler = {}) =>
      () =>
        planRun({ ...design, sampler }, { data, n: 4, ...options }, 1);
    expect(thrown(plan({ n: 1e12 })).message).toMatch(`above the limit of ${limits.points}`);
    expect(thrown(plan({ steps: 1e12 })).message).toBe(`1000000000000 steps is above the limit of ${limits.steps}`);
    expect(thrown(plan({}, { steps: 1e12 })).message).toBe(`1000000000000 steps is above the limit of ${limits.steps}`);
    expect(thrown(plan({ trajectories: 1e9 })).message).toBe(
      `1000000000 trajectory points is above the limit of ${limits.trajectoryPoints}`,
    );
    expect(thrown(plan({ n: 1_000_000, trajectories: 1000 })).message).toMatch(`above the limit of ${limits.values}`);
    expect(() => plan({ steps: 100, trajectories: 65 })()).not.toThrow();
  });
});
