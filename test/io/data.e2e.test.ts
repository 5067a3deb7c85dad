// NPY files and NumPy (python3): it reads what we write bit for bit, and we read what it writes. Skipped,
// saying so in the test's name, where python3 or numpy is missing.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDataFile, writeDataFile } from '../../src/io/data.js';
import { haveNumpy, needsNumpy } from '../python.js';

const dir = mkdtempSync(join(tmpdir(), 'odeforge-io-'));
const awkward = Float64Array.of(0.1, -2.5e-300, 1 / 3, 123456789.123, -0, 5e-324, Math.PI, -1e300);

describe('NPY', () => {
  it.skipIf(!haveNumpy)(`NumPy reads what we write, and we read what NumPy writes${needsNumpy}`, () => {
    const ours = join(dir, 'ours.npy');
    writeDataFile(ours, awkward, 4);
    const check = `import numpy as np; a = np.load(${JSON.stringify(ours)}); print(a.shape, a.dtype, a[0, 2] == 1 / 3, a[1, 3] == -1e300, a[1, 1] == 5e-324)`;
    expect(execFileSync('python3', ['-c', check]).toString().trim()).toBe('(2, 4) float64 True True True');
    const theirs = join(dir, 'theirs.npy');
    execFileSync('python3', [
      '-c',
      `import numpy as np; np.save(${JSON.stringify(theirs)}, np.arange(6.0).reshape(3, 2) / 7)`,
    ]);
    const t = readDataFile(theirs);
    expect(t.rows).toBe(3);
    expect(t.dim).toBe(2);
    expect(t.data[5]).toBe(5 / 7);
  });

  it.skipIf(!haveNumpy)(
    `what NumPy writes in any supported dtype and order lands in the caller's array as NumPy's float64 values${needsNumpy}`,
    () => {
      const cases = ['<f8', '>f8', '<f4', '>i8', '<i4', '<i2', '|u1', '|i1'].flatMap((dtype) =>
        ['C', 'F'].map((order) => ({
          dtype,
          order,
          path: join(dir, `np-${dtype.slice(1)}-${dtype[0] === '>' ? 'be' : 'le'}-${order}.npy`),
        })),
      );
      // seeded values in each dtype's range; NumPy's own float64 conversion of them is the expected table
      const script = `
import json, sys, numpy as np
out = {}
for case in json.loads(sys.argv[1]):
    rng = np.random.default_rng(7)
    a = (rng.standard_normal((37, 5)) * 60).astype(case['dtype'])
    np.save(case['path'], np.asfortranarray(a) if case['order'] == 'F' else np.ascontiguousarray(a))
    out[case['path']] = a.astype('<f8').tolist()
print(json.dumps(out))`;
      const expected = JSON.parse(execFileSync('python3', ['-c', script, JSON.stringify(cases)]).toString()) as Record<
        string,
        number[][]
      >;
      for (const { path } of cases) {
        const calls: number[][] = [];
        let given: Float64Array | undefined;
        const table = readDataFile(path, {
          allocate: (rows, dim) => {
            calls.push([rows, dim]);
            return (given = new Float64Array(rows * dim));
          },
        });
        expect(calls).toEqual([[37, 5]]);
        expect(table.data).toBe(given);
        expect(Array.from(table.data)).toEqual(expected[path]!.flat());
      }
    },
  );
});
