// The stochastic and few-step samplers from the built CLI: the same bytes on 1 and 2 threads and across shards,
// stochastic sampling from given starting points, the spec's `sampler:` defaults, and exit 2 naming the option
// or the families a sampler supports.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { example } from '../helpers.js';

const bin = new URL('../../bundle/odeforge.js', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'odeforge-samplers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(...args: string[]): { status: number; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

const common = ['--dataset', '8gaussians', '--dataset-n', '128', '--seed', '3'];

const solvers: [string, string[]][] = [
  ['euler-maruyama', ['--steps', '60', '--eta', '0.8']],
  ['pc', ['--steps', '40', '--snr', '0.2', '--corrector-steps', '2']],
  ['edm', ['--steps', '12', '--churn', '10', '--s-tmin', '0.01', '--s-tmax', '50', '--s-noise', '1.003']],
  ['dpmpp-2m', ['--steps', '15']],
  ['dpmpp-3m', ['--steps', '15']],
];

describe('odeforge sample --solver (stochastic and few-step)', () => {
  it.each(solvers)('%s: identical bytes with --threads 1 and 2, and shards concatenate to the run', (solver, extra) => {
    const spec = example('vp-sde.yaml');
    const args = ['sample', spec, ...common, '--n', '600', '--solver', solver, ...extra];
    const one = run(...args, '--threads', '1', '--stats');
    const two = run(...args, '--threads', '2', '--stats');
    expect(one.status, one.stderr).toBe(0);
    expect(two.status, two.stderr).toBe(0);
    expect(two.stdout).toBe(one.stdout);
    const stats = JSON.parse(two.stderr.trim().split('\n').at(-1)!);
    expect(stats.n).toBe(600);
    const rows = (text: string) => text.trim().split('\n').slice(1);
    const first = run(...args, '--threads', '1', '--shard', '0/2');
    const second = run(...args, '--threads', '2', '--shard', '1/2');
    expect([...rows(first.stdout), ...rows(second.stdout)]).toEqual(rows(one.stdout));
  });

  it('a stochastic sampler from --init: the starts are given, the noise comes from --seed', () => {
    const init = join(dir, 'init.csv');
    writeFileSync(init, 'x1,x2\n0.5,-1\n1.5,0.2\n-0.3,0.9\n');
    const args = ['sample', example('vp-sde.yaml'), ...common, '--init', init, '--solver', 'euler-maruyama'];
    const a = run(...args, '--steps', '50');
    const b = run(...args, '--steps', '50');
    const c = run(...args, '--steps', '50', '--seed', '4');
    expect(a.status, a.stderr).toBe(0);
    expect(a.stdout.trim().split('\n')).toHaveLength(4);
    expect(b.stdout).toBe(a.stdout);
    expect(c.stdout).not.toBe(a.stdout);
  });

  it("the spec's sampler: block chooses the solver and its options", () => {
    const spec = join(dir, 'vp-dpmpp.yaml');
    const text = readFileSync(example('vp-sde.yaml'), 'utf8').replace(/\$schema:.*\n/, '');
    writeFileSync(spec, `${text}sampler: { solver: dpmpp-2m, steps: 9 }\n`);
    // no --seed: seed 0
    const out = run('sample', spec, '--dataset', '8gaussians', '--dataset-n', '128', '--n', '20', '--stats');
    expect(out.status, out.stderr).toBe(0);
    expect(JSON.parse(out.stderr.trim().split('\n').at(-1)!).nfe).toBe(9);
  });

  it('DPM-Solver++ runs on a radial design (x̂ := x − t f); EDM churn there exits 2 naming what it supports', () => {
    const ok = run('sample', example('tanh.yaml'), ...common, '--n', '20', '--solver', 'dpmpp-3m', '--steps', '20');
    expect(ok.status, ok.stderr).toBe(0);
    const churn = run('sample', example('tanh.yaml'), ...common, '--n', '20', '--solver', 'edm', '--churn', '5');
    expect(churn.status).toBe(2);
    expect(churn.stderr).toMatch(/Gaussian paths/);
    expect(churn.stderr).not.toMatch(/\n\s+at /);
  });

  it.each([
    ['--eta', '-1', 'euler-maruyama'],
    ['--snr', '0', 'pc'],
    ['--churn', '-2', 'edm'],
    ['--steps', '0', 'dpmpp-2m'],
    ['--corrector-steps', '-1', 'pc'],
  ])('%s %s exits 2 naming the option', (option, value, solver) => {
    const out = run('sample', example('ve.yaml'), ...common, '--n', '4', '--solver', solver, `${option}=${value}`);
    expect(out.status).toBe(2);
    expect(out.stderr).toContain(option);
    expect(out.stderr).not.toMatch(/\n\s+at /);
  });
});
