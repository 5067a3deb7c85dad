// `odeforge metrics` and `odeforge compare` as a user runs them: the built bin, its outputs, exit 2 for bad input.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { example } from '../helpers.js';

const bin = new URL('../../bundle/odeforge.js', import.meta.url).pathname;
const badDesign = new URL('../compare/ve-short.yaml', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'odeforge-compare-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(...args: string[]): { status: number; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

function csv(name: string, rows: number[][]): string {
  const path = join(dir, name);
  const header = rows[0]!.map((_, k) => `x${k + 1}`).join(',');
  writeFileSync(path, `${header}\n${rows.map((r) => r.join(',')).join('\n')}\n`);
  return path;
}

describe('odeforge metrics', () => {
  it('prints hand-checkable distances for 2 + 2 points on a line, as JSON and as text', () => {
    const a = csv('a.csv', [[0], [1]]);
    const b = csv('b.csv', [[3], [5]]);
    const json = run('metrics', a, b, '--format', 'json', '--bandwidth', '1');
    expect(json.status).toBe(0);
    const m = JSON.parse(json.stdout);
    // sorted matching 0↔3, 1↔5: W2² = (9 + 16)/2; energy: 2·3.5 − 1 − 2 (cross distances 3, 5, 2, 4)
    expect(m.w2).toBeCloseTo(Math.sqrt(12.5), 14);
    expect(m.slicedW2).toBeCloseTo(Math.sqrt(12.5), 14);
    expect(m.energy).toBeCloseTo(4, 14);
    const E = Math.exp;
    expect(m.mmd2).toBeCloseTo(E(-0.5) + E(-2) - (E(-4.5) + E(-12.5) + E(-2) + E(-8)) / 2, 14);
    expect(m).toMatchObject({ n: 2, m: 2, dim: 1, bandwidth: 1, bandwidthFrom: 'given', w2Method: 'sorted' });
    const text = run('metrics', a, b);
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/^w2\s+3\.53553390593\s+exact/m);
    expect(text.stdout).toMatch(/^bandwidth\s+2\.5\s+median/m);
  });

  it('refuses sets of different dimensions with exit 2 and one line naming both files', () => {
    const a = csv('p2.csv', [
      [0, 1],
      [1, 2],
    ]);
    const b = csv('p3.csv', [
      [0, 1, 2],
      [1, 2, 3],
    ]);
    const { status, stderr } = run('metrics', a, b);
    expect(status).toBe(2);
    expect(stderr).toContain(`${a} has dimension 2 but ${b} has dimension 3`);
    expect(stderr).not.toMatch(/at .*\.js/);
    expect(run('metrics', a, a, '--projections', '0').status).toBe(2);
    expect(run('metrics', a, a, '--format', 'xml').status).toBe(2);
  });
});

describe('odeforge compare', () => {
  it('prints the table, writes the JSON and the HTML page, and ranks the bad design worst on W2', () => {
    const json = join(dir, 'c.json');
    const html = join(dir, 'c.html');
    const { status, stdout, stderr } = run(
      'compare',
      example('ve.yaml'),
      example('rectified-flow.yaml'),
      badDesign,
      '--dataset',
      'moons',
      '--dataset-n',
      '600',
      '--n',
      '300',
      '--json',
      json,
      '-o',
      html,
    );
    expect(stderr).toContain('wrote');
    expect(status).toBe(0);
    expect(stdout).toMatch(/^design\s+W2\s+MMD/);
    const result = JSON.parse(readFileSync(json, 'utf8'));
    expect(result.designs.map((d: { name: string }) => d.name)).toEqual(['ve', 'rectified-flow', 've-T2']);
    const w2 = result.designs.map((d: { w2: number }) => d.w2);
    expect(Math.max(...w2)).toBe(w2[2]);
    expect(result.data).toMatchObject({ label: 'moons', rows: 600, reference: 300, heldOut: 300 });
    expect(readFileSync(html, 'utf8')).toMatch(/^<!DOCTYPE html>/);
  });

  it('refuses designs of different dimensions, data too small to split and a bad fraction, with exit 2', () => {
    const three = join(dir, 've3.yaml');
    writeFileSync(three, readFileSync(example('ve.yaml'), 'utf8').replace(/^dimension: 2$/m, 'dimension: 3'));
    const html = join(dir, 'never.html');
    const dims = run('compare', example('ve.yaml'), three, '--dataset', '8gaussians', '-o', html);
    expect(dims.status).toBe(2);
    expect(dims.stderr).toContain('the designs have different dimensions');
    const small = run('compare', example('ve.yaml'), '--dataset', '8gaussians', '--dataset-n', '12', '-o', html);
    expect(small.status).toBe(2);
    expect(small.stderr).toContain('too few to split');
    const fraction = run('compare', example('ve.yaml'), '--dataset', '8gaussians', '--test-fraction', '1.5');
    expect(fraction.status).toBe(2);
    expect(fraction.stderr).toContain('strictly between 0 and 1');
    expect(run('compare', example('ve.yaml')).status).toBe(2);
    expect(existsSync(html)).toBe(false);
  });
});
