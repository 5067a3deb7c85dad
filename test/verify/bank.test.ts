// The known-bad bank: each spec in test/fixtures/verify-bad/ fails exactly the properties its first line
// (`# verify-bad: a, b`) names, the first being the one it was built to break, each with a counterexample.
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadDesign } from '../../src/design/index.js';
import { VerificationFailed, expectDesignValid, propertyNames, verifyDesign } from '../../src/verify/index.js';

const bankDir = new URL('../fixtures/verify-bad/', import.meta.url).pathname;
const bank = readdirSync(bankDir)
  .filter((f) => f.endsWith('.yaml'))
  .sort();

/** The properties a bank file declares it fails, from its `# verify-bad: …` line. */
function declared(file: string): string[] {
  const line = readFileSync(`${bankDir}${file}`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('# verify-bad:'));
  return (line ?? '')
    .replace('# verify-bad:', '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

it('the bank has at least 8 specs and covers every property a spec can break', () => {
  expect(bank.length).toBeGreaterThanOrEqual(8);
  const targets = new Set(bank.map((f) => declared(f)[0]));
  for (const name of [
    'normalization',
    'cdf-bounds',
    'monotone',
    'concentration',
    'continuity-conditional',
    'continuity-marginal',
    'transport',
    'finite',
  ]) {
    expect(targets, name).toContain(name);
  }
});

describe.each(bank)('%s', (file) => {
  const expected = declared(file);

  it('fails exactly the declared properties, each with a counterexample', () => {
    expect(expected.length).toBeGreaterThan(0);
    for (const name of expected) expect(propertyNames).toContain(name);
    const report = verifyDesign(loadDesign(`${bankDir}${file}`));
    const failed = report.properties.filter((p) => !p.passed);
    expect(failed.map((p) => p.name).sort()).toEqual([...expected].sort());
    for (const p of failed) {
      expect(p.counterexample).not.toBeNull();
      expect(Number(p.counterexample!.residual) > p.tolerance || Number.isNaN(Number(p.counterexample!.residual))).toBe(
        true,
      );
    }
  });
});

describe('expectDesignValid', () => {
  it('throws VerificationFailed naming the failed properties and their counterexamples', () => {
    const file = `${bankDir}continuity-conditional.yaml`;
    let caught: unknown;
    try {
      expectDesignValid(file, { properties: ['normalization', 'continuity-conditional'] });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(VerificationFailed);
    const message = (caught as Error).message;
    expect(message).toMatch(
      /^design "bad-velocity-override" failed 1 of 2 properties \(continuity-conditional; seed 20240601\)/,
    );
    expect(message).toMatch(/continuity-conditional: residual .* > tolerance 1 \(/);
    expect(message).toMatch(/counterexample: \{"t":0\.001,/);
    expect((caught as VerificationFailed).report.properties[0]!.passed).toBe(true);
  });

  it('returns the report when every property passes', () => {
    const report = expectDesignValid(new URL('../../examples/ve.yaml', import.meta.url).pathname, {
      properties: ['normalization'],
      runs: 5,
    });
    expect(report.passed).toBe(true);
  });
});
