// likelihoodSync(): dequantization (the d ln K offset, levels checked), bad input as OdeforgeError, a prior of
// compact support (−∞ with a reason, never NaN), determinism, the integration variables agreeing, and the
// verify property on every example and on designs with a wrong velocity.
import { describe, expect, it } from 'vitest';
import { designFromText, loadDesign } from '../../src/design/index.js';
import { OdeforgeError } from '../../src/errors.js';
import { likelihoodSync } from '../../src/likelihood/index.js';
import { verifyDesign } from '../../src/verify/index.js';
import { example, exampleFiles } from '../helpers.js';

const data = new Float64Array([0.1, 0.2, 0.6, 0.4, 0.3, 0.8]);

describe('likelihood options and input', () => {
  const design = loadDesign(example('ve.yaml'));

  it('dequantize K: y = (x + u)/K with the seed, and both logp and logpExact lowered by d ln K', () => {
    const K = 4;
    const points = new Float64Array([1, 2, 3, 0]);
    const quantized = likelihoodSync(design, { data, points, dequantize: K, seed: 3, rtol: 1e-8, atol: 1e-8 });
    expect(quantized.dequantize).toEqual({ levels: K, bitsPerDimOffset: 2 });
    quantized.rows.forEach((row) => {
      expect(row.logpExact).toBeLessThan(Math.log(1e9));
      expect(Math.abs(row.logp - row.priorGap - row.logpExact)).toBeLessThan(
        1e-5 * Math.max(1, Math.abs(row.logpExact)),
      );
    });
    // the same rows again with the same seed; a different seed moves the dequantized points
    const again = likelihoodSync(design, { data, points, dequantize: K, seed: 3, rtol: 1e-8, atol: 1e-8 });
    expect(again.rows).toEqual(quantized.rows);
    const other = likelihoodSync(design, { data, points, dequantize: K, seed: 4, rtol: 1e-8, atol: 1e-8 });
    expect(other.rows[0]!.logpExact).not.toBe(quantized.rows[0]!.logpExact);
    // bits/dim = −mean(log p(y) − d ln K)/(d ln 2) = −mean log p(y)/(d ln 2) + log2 K
    expect(quantized.bitsPerDim).toBeCloseTo(-quantized.meanLogp / (2 * Math.LN2), 10);
  });

  it('rejects levels outside 0..K−1, a bad K, wrong dimensions and non-finite points', () => {
    expect(() => likelihoodSync(design, { data, points: new Float64Array([1, 4]), dequantize: 4 })).toThrow(
      /point 1, coordinate 2 is 4, not an integer level from 0 to 3/,
    );
    expect(() => likelihoodSync(design, { data, points: new Float64Array([0.5, 1]), dequantize: 4 })).toThrow(
      OdeforgeError,
    );
    expect(() => likelihoodSync(design, { data, points: new Float64Array([1, 1]), dequantize: 1 })).toThrow(
      /dequantize/,
    );
    expect(() =>
      likelihoodSync(design, { data, points: { data: new Float64Array([1, 2, 3]), rows: 1, dim: 3 } }),
    ).toThrow(/points have dimension 3 but the design has dimension 2/);
    expect(() => likelihoodSync(design, { data, points: new Float64Array([0, Number.NaN]) })).toThrow(
      /point 1, coordinate 2 is NaN/,
    );
    expect(() => likelihoodSync(design, { data, points: new Float64Array([0, 0]), rtol: 0 })).toThrow(/rtol/);
  });

  it('gives the same rows point by point or all at once (each point is its own solve)', () => {
    const points = new Float64Array([0.1, 0.25, 0.5, 0.5, -1, 2]);
    const all = likelihoodSync(design, { data, points });
    for (let i = 0; i < 3; i++) {
      const one = likelihoodSync(design, { data, points: points.slice(2 * i, 2 * i + 2) });
      expect(one.rows[0]).toEqual(all.rows[i]);
    }
  });

  it('λ and log t agree to the tolerance', () => {
    const points = new Float64Array([0.1001, 0.2002, 0.45, 0.5]);
    const lambda = likelihoodSync(design, { data, points, rtol: 1e-9, atol: 1e-9, timeVariable: 'lambda' });
    const log = likelihoodSync(design, { data, points, rtol: 1e-9, atol: 1e-9, timeVariable: 'log' });
    expect(lambda.stats.timeVariable).toBe('lambda');
    expect(log.stats.timeVariable).toBe('log');
    lambda.rows.forEach((row, i) =>
      expect(Math.abs(row.logp - log.rows[i]!.logp)).toBeLessThan(1e-6 * Math.max(1, Math.abs(row.logp))),
    );
  });
});

describe('a prior of compact support', () => {
  // tanh kernel with a prior that is 0 beyond r = 1: points carried beyond it get −∞ and a reason
  const spec = `
family: radial
dimension: 2
cumulative: tanh(r/t)
time: { T: 40, epsilon: 0.001 }
prior:
  custom:
    density: heaviside(1 - r)
`;

  it('reports logp = −∞ with the reason, never NaN', () => {
    const design = designFromText(spec);
    const result = likelihoodSync(design, { data, points: new Float64Array([0.1005, 0.2, 3, 3]) });
    for (const row of result.rows) {
      expect(row.logp).toBe(-Infinity);
      expect(row.reason).toMatch(/the prior density is 0 at x_T/);
      expect(Number.isNaN(row.logpExact)).toBe(false);
    }
    expect(result.meanLogp).toBe(-Infinity);
    expect(result.bitsPerDim).toBe(Infinity);
  });
});

describe('verify: likelihood-consistency', () => {
  for (const file of exampleFiles) {
    it(`${file} passes`, () => {
      const report = verifyDesign(loadDesign(example(file), { dimension: 2 }), {
        properties: ['likelihood-consistency'],
      });
      const property = report.properties[0]!;
      expect(property.name).toBe('likelihood-consistency');
      expect(property.passed).toBe(true);
      expect(property.maxResidual).toBeLessThan(1e-6);
    });
  }

  it('fails a velocity 0.1% off (k = 1.001/t for tanh(r/t)) with a counterexample', () => {
    const design = designFromText(
      'family: radial\ndimension: 2\ncumulative: tanh(r/t)\nvelocity: 1.001/t\ntime: { T: 40, epsilon: 0.001 }\n',
    );
    const property = verifyDesign(design, { properties: ['likelihood-consistency'] }).properties[0]!;
    expect(property.passed).toBe(false);
    expect(Number(property.counterexample!.residual)).toBeGreaterThan(1e-4);
  });
});
