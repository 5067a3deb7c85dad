// `odeforge sample --data FILE.npy` away from the plane, as a user runs it: the data is read into the memory every
// thread's field reads (even d: the .npy payload straight into the shared WebAssembly memory; odd d: one padded
// copy), the dot-product distances serve what their bound allows, and the samples are the same bytes for any
// number of threads and within far less than the ODE tolerance of the exact field's (--field-tol 0).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatNpy, parseNpy } from '../../src/io/npy.js';
import { testRng } from '../sample/designs.js';

const bin = new URL('../../bundle/odeforge.js', import.meta.url).pathname;
const run = (...args: string[]) => {
  const result = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
};

let dir: string;
const samples = (name: string) => parseNpy(readFileSync(join(dir, `${name}.npy`))).data;

/** m points in 8 clusters in d dimensions. */
function clusters(m: number, d: number, seed: number): Float64Array {
  const rng = testRng(seed);
  const centres = Array.from({ length: 8 }, () => Array.from({ length: d }, () => 3 * rng.normal()));
  const out = new Float64Array(m * d);
  for (let j = 0; j < m; j++) for (let k = 0; k < d; k++) out[j * d + k] = centres[j % 8]![k]! + 0.2 * rng.normal();
  return out;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'odeforge-shared-data-'));
  // VE without a fixed dimension: the data's decides
  writeFileSync(
    join(dir, 've.yaml'),
    'name: ve\nfamily: path\nalpha: 1\nsigma: t\nnoise: gaussian\ntime: { T: 80, epsilon: 0.001 }\nprior: gaussian\n',
  );
  for (const d of [64, 5]) {
    writeFileSync(join(dir, `data${d}.npy`), formatNpy(clusters(1500, d, d), [1500, d]));
    for (const [name, extra] of [
      ['one', ['--threads', '1']],
      ['two', ['--threads', '2']],
      ['exact', ['--threads', '1', '--field-tol', '0']],
    ] as const) {
      const data = join(dir, `data${d}.npy`);
      const out = join(dir, `${name}${d}.npy`);
      const r = run('sample', join(dir, 've.yaml'), '--data', data, '--n', '24', '--seed', '3', ...extra, '--out', out);
      if (r.status !== 0) throw new Error(r.stderr);
    }
  }
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each([64, 5])('sample --data (d = %i)', (d) => {
  it('is the same bytes for 1 and 2 threads (the workers read the shared data)', () => {
    expect(Buffer.from(samples(`two${d}`).buffer).equals(Buffer.from(samples(`one${d}`).buffer))).toBe(true);
  });

  it('is within far less than the ODE tolerance (1e-5) of the exact field', () => {
    const a = samples(`one${d}`);
    const b = samples(`exact${d}`);
    expect(a.length).toBe(24 * d);
    expect(a.every(Number.isFinite)).toBe(true);
    let worst = 0;
    for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
    expect(worst).toBeLessThan(1e-8);
  });
});
