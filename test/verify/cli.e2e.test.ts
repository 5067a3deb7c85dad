// `odeforge verify` as a user runs it: the built bin (bundle/) and its exit codes 0, 1 and 2.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { example } from '../helpers.js';

const bad = (file: string) => new URL(`../fixtures/verify-bad/${file}`, import.meta.url).pathname;

describe('odeforge verify (built bin)', () => {
  const bin = new URL('../../bundle/odeforge.js', import.meta.url).pathname;
  const run = (...args: string[]) => spawnSync(process.execPath, [bin, 'verify', ...args], { encoding: 'utf8' });

  it('exit code 0 when every property passes', () => {
    const result = run(example('ve.yaml'), '--runs', '5');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^ve: all 13 properties passed/);
  });

  it('exit code 1 and a one-line message when a property fails; the report is on stdout', () => {
    const result = run(bad('monotone.yaml'), '--runs', '5', '--format', 'json');
    expect(result.status).toBe(1);
    expect(JSON.parse(result.stdout).passed).toBe(false);
    expect(result.stderr).toMatch(/^odeforge: .*monotone/);
    expect(result.stderr).not.toMatch(/internal error/);
  });

  it('exit code 2 for a bad option', () => {
    const result = run(example('ve.yaml'), '--seed', 'x');
    expect(result.status).toBe(2);
    expect(result.stderr).toBe('odeforge: --seed must be a non-negative integer, not "x"\n');
  });
});
