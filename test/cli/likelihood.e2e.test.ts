// `odeforge likelihood` as a user runs it: JSON and CSV outputs, the closed-form check in them, positioned
// errors (exit 2) for points of the wrong dimension or with non-finite values, and atomic --out.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { example } from '../helpers.js';

const bin = new URL('../../bundle/odeforge.js', import.meta.url).pathname;

function run(...args: string[]): { status: number; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

const dir = mkdtempSync(join(tmpdir(), 'odeforge-likelihood-'));
const file = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const data = file('data.csv', 'x1,x2\n0,0\n1,0\n0,1\n');
const points = file('points.csv', 'x1,x2\n0.0005,0.0002\n0.9,0.1\n');

describe('odeforge likelihood', () => {
  it('JSON: rows with logp − priorGap = logpExact, the mean and bits/dim', () => {
    const { status, stdout, stderr } = run(
      'likelihood',
      example('pfgm.yaml'),
      '--data',
      data,
      '--points',
      points,
      '--rtol',
      '1e-8',
      '--atol',
      '1e-8',
      '--no-progress',
    );
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.points).toBe(2);
    expect(out.dim).toBe(2);
    expect(out.rows).toHaveLength(2);
    // PFGM, d = 2, D = 1: p_ε(x) = (1/3) Σ_i (1/2π) ε/(ε² + r_i²)^{3/2}
    const eps = 0.001;
    const closed = (x: number[]) =>
      Math.log(
        [
          [0, 0],
          [1, 0],
          [0, 1],
        ].reduce(
          (s, c) => s + eps / (2 * Math.PI) / (eps * eps + (x[0]! - c[0]!) ** 2 + (x[1]! - c[1]!) ** 2) ** 1.5,
          0,
        ) / 3,
      );
    [
      [0.0005, 0.0002],
      [0.9, 0.1],
    ].forEach((x, i) => {
      const row = out.rows[i];
      expect(row.logpExact).toBeCloseTo(closed(x), 9);
      expect(Math.abs(row.logp - row.priorGap - row.logpExact)).toBeLessThan(
        1e-4 * Math.max(1, Math.abs(row.logpExact)),
      );
      expect(row.nfe).toBeGreaterThan(0);
    });
    const mean = (out.rows[0].logp + out.rows[1].logp) / 2;
    expect(out.meanLogp).toBeCloseTo(mean, 10);
    expect(out.bitsPerDim).toBeCloseTo(-mean / (2 * Math.LN2), 10);
  });

  it('CSV to a file (by its extension), one row per point; --stats on stderr', () => {
    const out = join(dir, 'rows.csv');
    const { status, stderr } = run(
      'likelihood',
      example('ve.yaml'),
      '--dataset',
      '8gaussians',
      '--dataset-n',
      '64',
      '--points',
      points,
      '--out',
      out,
      '--rtol',
      '1e-8',
      '--atol',
      '1e-8',
      '--stats',
    );
    expect(status).toBe(0);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('logp,logpExact,priorGap,nfe,reason');
    expect(lines).toHaveLength(3);
    for (const line of lines.slice(1)) {
      const [logp, logpExact, priorGap] = line.split(',').map(Number);
      expect(Number.isFinite(logp)).toBe(true);
      expect(Math.abs(logp! - priorGap! - logpExact!)).toBeLessThan(1e-3 * Math.max(1, Math.abs(logpExact!)));
    }
    const stats = JSON.parse(stderr.trim().split('\n').pop()!);
    expect(stats.timeVariable).toBe('lambda');
    expect(stats.nfe).toBeGreaterThan(0);
  });

  it('--dequantize K: levels in, the d·log2 K offset in bits/dim', () => {
    const levels = file('levels.csv', 'x1,x2\n0,1\n3,2\n');
    const { status, stdout } = run(
      'likelihood',
      example('ve.yaml'),
      '--data',
      data,
      '--points',
      levels,
      '--dequantize',
      '4',
      '--seed',
      '1',
    );
    expect(status).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.dequantize).toEqual({ levels: 4, bitsPerDimOffset: 2 });
    expect(out.bitsPerDim).toBeCloseTo(-out.meanLogp / (2 * Math.LN2), 10);
  });

  it('exit 2 with file:line:col for points of the wrong dimension or a non-finite value; no output file', () => {
    const wide = file('wide.csv', 'x1,x2,x3\n1,2,3\n');
    const out = join(dir, 'never.json');
    let r = run('likelihood', example('ve.yaml'), '--data', data, '--points', wide, '--out', out);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      `odeforge: ${wide}:2:5: the points have 3 coordinates per row but the design has dimension 2 (give one column per coordinate of the design)\n`,
    );
    expect(existsSync(out)).toBe(false);
    const nan = file('nan.csv', 'x1,x2\n1,2\n3,inf\n');
    r = run('likelihood', example('ve.yaml'), '--data', data, '--points', nan);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^odeforge: ${nan}:3:3: row 2, column 2 \\(x2\\): inf is not allowed`));
    r = run('likelihood', example('ve.yaml'), '--data', data, '--points', points, '--format', 'xml');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--format must be json or csv/);
    r = run('likelihood', example('ve.yaml'), '--points', points);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/give exactly one of --data FILE and --dataset NAME/);
  });
});
