// `odeforge sample --field-tol` as a user runs it: the default (1e-12, the tree) moves VE samples from the exact
// field's (--field-tol 0) by far less than the ODE tolerance, the same for any --threads; bad values exit 2.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseNpy } from '../../src/io/npy.js';
import { example } from '../helpers.js';

const bin = new URL('../../bundle/odeforge.js', import.meta.url).pathname;
const run = (...args: string[]) => {
  const result = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
};

// 5000 data points: above the size from which the tree is used (4096)
const common = [example('ve.yaml'), '--dataset', '8gaussians', '--dataset-n', '5000', '--n', '40', '--seed', '2'];
let dir: string;
const samples = (name: string) => parseNpy(readFileSync(join(dir, `${name}.npy`))).data;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'odeforge-field-tol-'));
  for (const [name, extra] of [
    ['default', []],
    ['exact', ['--field-tol', '0']],
    ['two-threads', ['--threads', '2']],
  ] as const) {
    const r = run('sample', ...common, ...extra, '--out', join(dir, `${name}.npy`), '--no-progress');
    if (r.status !== 0) throw new Error(r.stderr);
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('sample --field-tol', () => {
  it('the default tolerance moves samples by far less than the ODE tolerance (1e-5)', () => {
    const a = samples('default');
    const b = samples('exact');
    expect(a.length).toBe(b.length);
    let worst = 0;
    for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
    expect(worst).toBeLessThan(1e-8);
  });

  it('is the same bytes for any number of threads', () => {
    expect(Buffer.from(samples('two-threads').buffer).equals(Buffer.from(samples('default').buffer))).toBe(true);
  });

  it.each(['-1', '1', 'abc', ''])('--field-tol %j exits 2 naming the option', (value) => {
    const r = run('sample', ...common, '--field-tol', value, '--no-progress');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--field-tol/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
