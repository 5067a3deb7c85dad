// The CLI as a user runs it: the built bin, exit codes, one-line errors, JSON outputs.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { example } from '../helpers.js';

const bin = new URL('../../bundle/odeforge.js', import.meta.url).pathname;
const bad = (file: string) => new URL(`../fixtures/bad/${file}`, import.meta.url).pathname;

export function run(...args: string[]): { status: number; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

describe('odeforge eval', () => {
  it('tanh, d = 2, t = 0.7, x = (1.3, 0), x0 = 0: every kernel quantity', () => {
    const { status, stdout } = run('eval', example('tanh.yaml'), '--t', '0.7', '--x', '1.3,0', '--x0', '0,0');
    expect(status).toBe(0);
    const out = JSON.parse(stdout);
    const u = 1.3 / 0.7;
    // log φ = log(sech²(u)/t) − log 2π − log r
    expect(out.logDensity).toBeCloseTo(
      Math.log(1 / Math.cosh(u) ** 2 / 0.7) - Math.log(2 * Math.PI) - Math.log(1.3),
      12,
    );
    expect(out.conditionalVelocity[0]).toBeCloseTo(1.3 / 0.7, 12);
    expect(out.conditionalVelocity[1]).toBe(0);
    expect(out.radialCdf).toBeCloseTo(Math.tanh(u), 14);
    expect(out.priorLogDensity).toBeCloseTo(
      Math.log(1 / Math.cosh(1.3 / 40) ** 2 / 40) - Math.log(2 * Math.PI) - Math.log(1.3),
      12,
    );
    expect(out.alpha).toBeUndefined();
  });

  it('PFGM, d = 2, t = 2, x = (3, 0): negative coordinates with --x=', () => {
    const { status, stdout } = run('eval', example('pfgm.yaml'), '--t', '2', '--x=-3,0', '--x0=0,0');
    expect(status).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.logDensity).toBeCloseTo(Math.log(2 / (2 * Math.PI)) - 1.5 * Math.log(13), 12);
    expect(out.conditionalVelocity).toEqual([-1.5, 0]);
    expect(out.alpha).toBe(1);
    expect(out.sigma).toBe(2);
  });

  it('VP at t = 0.5: alpha and sigma', () => {
    const { stdout } = run('eval', example('vp-sde.yaml'), '--t', '0.5', '--x', '0.1,0.2');
    const out = JSON.parse(stdout);
    const B = 0.05 + (0.25 * 19.9) / 2;
    expect(out.alpha).toBeCloseTo(Math.exp(-B / 2), 12);
    expect(out.sigma).toBeCloseTo(Math.sqrt(1 - Math.exp(-B)), 12);
  });

  it('rejects a point of the wrong dimension and a non-numeric coordinate with exit 2', () => {
    const wrong = run('eval', example('tanh.yaml'), '--t', '1', '--x', '1,2,3');
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toMatch(/dimension mismatch|coordinates/);
    const nan = run('eval', example('tanh.yaml'), '--t', '1', '--x', '1,abc');
    expect(nan.status).toBe(2);
    expect(nan.stderr).toContain('coordinate 2 ("abc") is not a finite number');
  });
});

describe('odeforge derive', () => {
  it('json: the documented derivation document (docs/cli.md, derive)', () => {
    const { status, stdout } = run('derive', example('tanh.yaml'), '--format', 'json');
    expect(status).toBe(0);
    const out = JSON.parse(stdout);
    expect(out).toMatchObject({ name: 'tanh', family: 'radial', dimension: 2, T: 40, epsilon: 0.001 });
    for (const q of ['psi', 'dpsi_dr', 'dpsi_dt', 'phi', 'log_phi', 'varphi', 'k']) {
      expect(out.quantities[q].expr.length).toBeGreaterThan(0);
      expect(out.quantities[q].latex.length).toBeGreaterThan(0);
    }
    expect(out.quantities.k.expr).toBe('1 / t');
    expect(out.prior.kind).toBe('kernel');
  });

  it('text and latex', () => {
    expect(run('derive', example('vp-sde.yaml')).stdout).toMatch(/alpha\s+= /);
    expect(run('derive', example('tanh.yaml'), '--format', 'latex').stdout).toContain('\\begin{align*}');
  });
});

describe('bad input through the CLI: one line, exit 2, no stack trace', () => {
  it.each([
    'yaml-syntax.yaml',
    'json-syntax.json',
    'unknown-family.yaml',
    'unknown-symbol.yaml',
    'unbalanced.yaml',
    'cycle.yaml',
    'non-numeric-parameter.yaml',
    'code-constructor.yaml',
    'code-import.yaml',
    'code-proto.yaml',
  ])('%s', (file) => {
    const { status, stderr, stdout } = run('derive', bad(file), '--dim', '2');
    expect(status).toBe(2);
    expect(stdout).toBe('');
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^odeforge: ${bad(file).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: `));
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('the constructor exploit does not exit the process with 7', () => {
    expect(run('derive', bad('code-constructor.yaml'), '--dim', '2').status).toBe(2);
  });

  it('usage errors exit 2', () => {
    expect(run('eval', example('tanh.yaml')).status).toBe(2);
    expect(run('nonsense').status).toBe(2);
    expect(run('derive', example('tanh.yaml'), '--format', 'xml').status).toBe(2);
  });
});
