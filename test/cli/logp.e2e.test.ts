// `odeforge sample --logp` and `odeforge likelihood --threads` as a user runs them: the log-density of every
// sample agrees with `likelihood` of the written samples; CSV carries a logp column, .npy and .json a
// FILE.logp sidecar beside samples that read back as points; 1 and 2 threads write the same bytes; stochastic
// samplers are refused with exit 2 and no stack trace (--logp with --shard: test/cli/merge-logp.e2e.test.ts).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDataFile } from '../../src/io/data.js';
import { example } from '../helpers.js';

const bin = new URL('../../bundle/odeforge.js', import.meta.url).pathname;

function run(...args: string[]): { status: number; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

const dir = mkdtempSync(join(tmpdir(), 'odeforge-logp-'));
const path = (name: string) => join(dir, name);
const ve = example('ve.yaml');
const dataOptions = ['--dataset', '8gaussians', '--dataset-n', '256', '--no-progress'];
const tight = ['--rtol', '1e-8', '--atol', '1e-8'];

describe('odeforge sample --logp', () => {
  it('agrees with `likelihood` of the written samples to 1e-4 relative (rtol = atol = 1e-8)', () => {
    const sampled = run(
      'sample',
      ve,
      ...dataOptions,
      '--n',
      '24',
      '--seed',
      '2',
      '--logp',
      ...tight,
      '--out',
      path('s.npy'),
    );
    expect(sampled.stderr).toBe('');
    expect(sampled.status).toBe(0);
    const logp = readDataFile(path('s.logp.npy')).data;
    expect(logp).toHaveLength(24);
    const back = run('likelihood', ve, ...dataOptions, '--points', path('s.npy'), ...tight, '--threads', '1');
    expect(back.status).toBe(0);
    const rows = (JSON.parse(back.stdout) as { rows: { logp: number }[] }).rows;
    rows.forEach((row, i) => {
      expect(Math.abs(logp[i]! - row.logp) / Math.max(1, Math.abs(row.logp))).toBeLessThan(1e-4);
    });
  });

  it('CSV: x1..xd then logp, the values of the .npy run; JSON: samples as points and a logp array', () => {
    const common = ['sample', ve, ...dataOptions, '--n', '24', '--seed', '2', '--logp', ...tight];
    const csv = run(...common);
    expect(csv.status).toBe(0);
    const lines = csv.stdout.trim().split('\n');
    expect(lines[0]).toBe('x1,x2,logp');
    expect(lines).toHaveLength(25);
    const npy = readDataFile(path('s.npy')).data;
    const logp = readDataFile(path('s.logp.npy')).data;
    lines.slice(1).forEach((line, i) => {
      expect(line.split(',').map(Number)).toEqual([npy[2 * i], npy[2 * i + 1], logp[i]]);
    });
    expect(run(...common, '--out', path('s.json')).status).toBe(0);
    expect(readDataFile(path('s.json')).data).toEqual(npy);
    expect(JSON.parse(readFileSync(path('s.logp.json'), 'utf8'))).toEqual(Array.from(logp));
  });

  it('the same bytes on 1 and 2 threads', () => {
    const common = ['sample', ve, ...dataOptions, '--n', '400', '--seed', '7', '--logp', '--stats'];
    const one = run(...common, '--threads', '1', '--out', path('one.csv'));
    const two = run(...common, '--threads', '2', '--out', path('two.csv'));
    expect(one.status).toBe(0);
    expect(two.status).toBe(0);
    // whether the worker starts in time to take a chunk depends on the machine's load; that 2 threads do compute
    // the same bytes is checked through the API, with a slow caller (test/sample/threads.e2e.test.ts)
    expect([1, 2]).toContain(JSON.parse(two.stderr).threads);
    expect(readFileSync(path('two.csv')).equals(readFileSync(path('one.csv')))).toBe(true);
  }, 180_000);

  it('refuses stochastic samplers with exit 2 and a reason, writing nothing', () => {
    for (const solver of ['euler-maruyama', 'pc']) {
      const out = path(`${solver}.csv`);
      const refused = run('sample', ve, ...dataOptions, '--n', '4', '--logp', '--solver', solver, '--out', out);
      expect(refused.status).toBe(2);
      expect(refused.stderr).toMatch(/deterministic solver/);
      expect(refused.stderr).not.toMatch(/\n\s+at /);
      expect(existsSync(out)).toBe(false);
    }
    const churn = run('sample', ve, ...dataOptions, '--n', '4', '--logp', '--solver', 'edm', '--churn', '5');
    expect(churn.status).toBe(2);
    expect(churn.stderr).toMatch(/--churn > 0/);
  });
});

describe('odeforge likelihood --threads', () => {
  it('the same output on 1 and 2 threads', () => {
    const points = path('points.npy');
    expect(run('sample', ve, ...dataOptions, '--n', '200', '--seed', '4', '--out', points).status).toBe(0);
    const common = ['likelihood', ve, ...dataOptions, '--points', points, '--stats'];
    const one = run(...common, '--threads', '1', '--out', path('l1.json'));
    const two = run(...common, '--threads', '2', '--out', path('l2.json'));
    expect(one.status).toBe(0);
    expect(two.status).toBe(0);
    expect(JSON.parse(one.stderr).threads).toBe(1);
    // 2 when the worker starts before the calling thread has taken every range (the machine's load decides)
    expect([1, 2]).toContain(JSON.parse(two.stderr).threads);
    expect(readFileSync(path('l2.json')).equals(readFileSync(path('l1.json')))).toBe(true);
  }, 180_000);

  it('--threads beyond the cores or not a positive integer: exit 2', () => {
    const points = path('points.npy');
    const bad = run('likelihood', ve, ...dataOptions, '--points', points, '--threads', '0');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/threads/);
  });
});
