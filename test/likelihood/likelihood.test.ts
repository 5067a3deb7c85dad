// likelihoodSync(): logpExact against closed forms written here (a Gaussian mixture, the Poisson kernel's formula,
// the tanh kernel's density), and logp − priorGap = logpExact through the ODE at tight tolerances, for VE,
// PFGM and tanh with 64 data points and 40 points near and far from them.
import { describe, expect, it } from 'vitest';
import { loadDesign } from '../../src/design/index.js';
import { dataset } from '../../src/io/datasets.js';
import { likelihoodSync, marginalLogDensity } from '../../src/likelihood/index.js';
import { createRng } from '../../src/numeric/rng.js';
import { example } from '../helpers.js';

const d = 2;
const data = dataset('8gaussians', { n: 64, dim: d, seed: 0 });

/** 20 points within a few ε of data points, 20 spread over the plane (far from the data at t = ε). */
function evaluationPoints(): Float64Array {
  const rng = createRng(5);
  const out = new Float64Array(40 * d);
  for (let i = 0; i < 20; i++) {
    const j = (7 * i) % 64;
    for (let k = 0; k < d; k++) out[i * d + k] = data[j * d + k]! + 0.004 * (rng.uniform() - 0.5);
  }
  for (let i = 20; i < 40; i++) for (let k = 0; k < d; k++) out[i * d + k] = 6 * (rng.uniform() - 0.5);
  return out;
}
const points = evaluationPoints();

/** log (1/M) Σ exp(terms_i), written out with its own maximum. */
function logMean(terms: number[]): number {
  const top = Math.max(...terms);
  return top + Math.log(terms.reduce((s, l) => s + Math.exp(l - top), 0) / terms.length);
}

function distance2(x: ArrayLike<number>, i: number): number {
  return (x[0]! - data[i * d]!) ** 2 + (x[1]! - data[i * d + 1]!) ** 2;
}

/** Closed-form log p_t(x) of the data in the plane, per design, independent of odeforge's kernels. */
const closedForms: Record<string, (t: number, x: ArrayLike<number>) => number> = {
  // Gaussian VE, σ = t: N(x; x_i, t² I)
  've.yaml': (t, x) =>
    logMean(Array.from({ length: 64 }, (_, i) => -distance2(x, i) / (2 * t * t) - Math.log(2 * Math.PI * t * t))),
  // PFGM, d = 2, D = 1: p_t(x|x_i) = (Γ(3/2)/π^{3/2}) t / (t² + r²)^{3/2}, Γ(3/2) = √π/2
  'pfgm.yaml': (t, x) =>
    logMean(
      Array.from(
        { length: 64 },
        (_, i) => Math.log(1 / (2 * Math.PI)) + Math.log(t) - 1.5 * Math.log(t * t + distance2(x, i)),
      ),
    ),
  // ψ = tanh(r/t): φ = ∂rψ / (2π r) = sech²(r/t) / (2π t r), log sech u = log 2 − u − log1p(e^{−2u})
  'tanh.yaml': (t, x) =>
    logMean(
      Array.from({ length: 64 }, (_, i) => {
        const r = Math.sqrt(distance2(x, i));
        const logSech = Math.log(2) - r / t - Math.log1p(Math.exp((-2 * r) / t));
        return 2 * logSech - Math.log(2 * Math.PI * t * r);
      }),
    ),
};

describe('likelihood', () => {
  for (const file of ['ve.yaml', 'pfgm.yaml', 'tanh.yaml']) {
    it(`${file}: logpExact is the closed-form marginal at ε to 1e-10`, () => {
      const design = loadDesign(example(file));
      for (let i = 0; i < 40; i++) {
        const x = points.subarray(i * d, (i + 1) * d);
        for (const t of [design.epsilon, 0.1, design.T]) {
          const expected = closedForms[file]!(t, x);
          expect(Math.abs(marginalLogDensity(design.kernel, t, x, data, d) - expected)).toBeLessThanOrEqual(
            1e-10 * Math.max(1, Math.abs(expected)),
          );
        }
      }
    });

    it(`${file}: logp − priorGap equals logpExact to 1e-4 relative at rtol = atol = 1e-8`, () => {
      const design = loadDesign(example(file));
      const result = likelihoodSync(design, { data, points, rtol: 1e-8, atol: 1e-8 });
      expect(result.rows).toHaveLength(40);
      let worst = 0;
      result.rows.forEach((row, i) => {
        const expected = closedForms[file]!(design.epsilon, points.subarray(i * d, (i + 1) * d));
        expect(Math.abs(row.logpExact - expected)).toBeLessThanOrEqual(1e-10 * Math.max(1, Math.abs(expected)));
        const error = Math.abs(row.logp - row.priorGap - row.logpExact) / Math.max(1, Math.abs(row.logpExact));
        worst = Math.max(worst, error);
        expect(row.reason).toBeUndefined();
        expect(row.nfe).toBeGreaterThan(0);
      });
      expect(worst).toBeLessThan(1e-4);
      expect(result.meanLogp).toBeCloseTo(result.rows.reduce((s, r) => s + r.logp, 0) / 40, 8);
      expect(result.bitsPerDim).toBeCloseTo(-result.meanLogp / (d * Math.LN2), 8);
    });
  }
});
