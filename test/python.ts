// python3 and NumPy for the e2e tests that run exported modules and data files through them. Where either is
// missing those tests are skipped, and the skip says why in the test's name.
import { spawnSync } from 'node:child_process';

export const havePython = spawnSync('python3', ['-c', 'pass'], { encoding: 'utf8' }).status === 0;
export const haveNumpy = havePython && spawnSync('python3', ['-c', 'import numpy'], { encoding: 'utf8' }).status === 0;

const skipped = (reason: string) => ` (skipped: ${reason}; install python3-numpy to run it)`;
/** Appended to the name of a test or suite that runs python3. */
export const needsPython = havePython ? '' : skipped('python3 is not available here');
/** Appended to the name of a test or suite that imports numpy. */
export const needsNumpy = haveNumpy
  ? ''
  : skipped(havePython ? 'python3 has no numpy here' : 'python3 is not available here');

if (!haveNumpy) console.warn(`tests that need python3 with numpy are skipped:${needsNumpy}`);
