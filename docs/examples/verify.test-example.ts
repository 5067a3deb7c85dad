// An example test file for your own project: verify odeforge designs in your vitest suite.
// (odeforge's test suite runs this file, see test/verify/docs.test.ts.)
import { describe, expect, it } from 'vitest';
import { VerificationFailed, designFromText, expectDesignValid } from 'odeforge';

describe('my diffusion designs', () => {
  it('the tanh(r/t) design passes every property', () => {
    // a path is resolved from the directory vitest runs in; pass { dimension } for specs without one
    const report = expectDesignValid('examples/tanh.yaml');
    expect(report.properties.map((p) => p.name)).toContain('continuity-conditional');
  });

  it('a hand-derived velocity that is off by a factor 2 is caught', () => {
    const design = designFromText(`
      family: radial
      dimension: 2
      cumulative: tanh(r/t)
      velocity: 2/t          # wrong: a scale family psi = F(r/t) has k = 1/t
      time: { T: 40, epsilon: 0.001 }
    `);
    // only the continuity equation, with fewer cases: quick enough for a watch-mode suite
    expect(() => expectDesignValid(design, { properties: ['continuity-conditional'], runs: 10 })).toThrow(
      /continuity-conditional/,
    );
  });

  it('the failure carries the report, with a shrunk counterexample', () => {
    const design = designFromText(`
      family: path
      dimension: 2
      alpha: 1
      sigma: 0.1 + t         # sigma_0 = 0.1: the kernel is not a delta at t = 0
      time: { T: 1, epsilon: 0.001 }
    `);
    try {
      expectDesignValid(design, { properties: ['concentration'], seed: 7 });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(VerificationFailed);
      const [concentration] = (error as VerificationFailed).report.properties;
      expect(concentration?.passed).toBe(false);
      expect(concentration?.counterexample?.sigma).toBeCloseTo(0.1, 6);
    }
  });
});
