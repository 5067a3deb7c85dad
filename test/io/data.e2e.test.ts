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
});
