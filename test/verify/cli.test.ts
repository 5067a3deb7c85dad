// `odeforge verify`, run in-process through its commander registration (output formats, options, the error
// it throws for a failed property). The built bin and its exit codes are in cli.e2e.test.ts.
import { Command } from 'commander';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { register } from '../../src/cli/commands/verify.js';
import { OdeforgeError } from '../../src/errors.js';
import { VerificationFailed } from '../../src/verify/index.js';
import { example } from '../helpers.js';

const bad = (file: string) => new URL(`../fixtures/verify-bad/${file}`, import.meta.url).pathname;

async function verify(...args: string[]): Promise<{ stdout: string; error?: unknown }> {
  const program = new Command('odeforge').exitOverride();
  register(program);
  let stdout = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  try {
    await program.parseAsync(['verify', ...args], { from: 'user' });
    return { stdout };
  } catch (error) {
    return { stdout, error };
  } finally {
    spy.mockRestore();
  }
}

afterEach(() => vi.restoreAllMocks());

describe('odeforge verify', () => {
  it('--format json prints {design, passed, seed, properties} with the documented keys (docs/verify.md)', async () => {
    const { stdout, error } = await verify(example('ve.yaml'), '--format', 'json', '--runs', '5', '--seed', '3');
    expect(error).toBeUndefined();
    const report = JSON.parse(stdout);
    expect(report).toMatchObject({ design: 've', passed: true, seed: 3 });
    expect(report.properties).toHaveLength(13);
    for (const p of report.properties) {
      expect(Object.keys(p)).toEqual(
        expect.arrayContaining(['name', 'passed', 'runs', 'maxResidual', 'tolerance', 'counterexample']),
      );
    }
  });

  it('prints a table by default', async () => {
    const { stdout } = await verify(example('tanh.yaml'), '--runs', '5');
    expect(stdout).toMatch(/^tanh: all 13 properties passed \(seed 20240601\)\n/);
    expect(stdout).toMatch(/\ncontinuity-conditional +pass +5 /);
  });

  it('prints the report, then throws VerificationFailed for a failed property', async () => {
    const { stdout, error } = await verify(bad('monotone.yaml'), '--runs', '5');
    expect(error).toBeInstanceOf(VerificationFailed);
    expect(stdout).toMatch(/bad-monotone: 1 of 13 properties FAILED/);
    expect(stdout).toMatch(/\nmonotone +FAIL /);
    expect(stdout).toMatch(/counterexample: \{"t":0\.001,/);
  });

  it.each([
    [['--runs', '0'], /--runs must be a positive integer/],
    [['--seed', '-1'], /--seed must be a non-negative integer/],
    [['--format', 'xml'], /--format must be text or json/],
    [['--dim', '3'], /dimension mismatch/],
  ])('bad option %j is an OdeforgeError (exit code 2)', async (options, message) => {
    const { error } = await verify(example('tanh.yaml'), ...options);
    expect(error).toBeInstanceOf(OdeforgeError);
    expect((error as Error).message).toMatch(message);
  });
});
