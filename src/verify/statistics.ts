// The statistical side of verify: KS critical values, direction (isotropy) tests, and one scale for all of
// them. Every test's p-value is mapped to the KS statistic with that p-value at the same n, so a sampling
// property has one residual (a KS distance) and one tolerance (the critical distance at its significance).
import { ksTest } from '../numeric/ks.js';
import { gammaQ } from '../numeric/special.js';

/** Probability that a correct design fails one sampling property (Bonferroni over its runs and tests). */
export const SIGNIFICANCE = 1e-5;

/**
 * λ with Kolmogorov's Q(λ) = 2 Σ (−1)^{k−1} e^{−2k²λ²} = p, from the first term (exact to ~1e-16 relative for
 * p < 0.1, and monotone in p everywhere, which is all a threshold needs).
 */
function kolmogorovQuantile(p: number): number {
  return Math.sqrt(Math.log(2 / Math.min(p, 1)) / 2);
}

/** The KS distance whose (Stephens-corrected asymptotic) p-value at sample size n is p. */
export function ksDistanceFor(p: number, n: number): number {
  return kolmogorovQuantile(p) / (Math.sqrt(n) + 0.12 + 0.11 / Math.sqrt(n));
}

export interface SampleTest {
  /** KS statistic of the radii, or the KS-equivalent distance of the worst p-value. */
  residual: number;
  /** Which test gave the residual, and its p-value. */
  test: string;
  pValue: number;
}

/** KS of `radii` against `cdf`, and (optionally) the isotropy tests of the unit `directions` (flat n×d). */
export function testSample(
  radii: Float64Array,
  cdf: (r: number) => number,
  directions?: Float64Array,
  d?: number,
): SampleTest {
  const n = radii.length;
  const ks = ksTest(radii, cdf);
  let worst: SampleTest = { residual: ks.statistic, test: 'KS of radii', pValue: ks.pValue };
  if (directions !== undefined && d !== undefined) {
    for (const { test, pValue } of isotropyTests(directions, d)) {
      const residual = ksDistanceFor(pValue, n);
      if (!(residual <= worst.residual)) worst = { residual, test, pValue };
    }
  }
  return worst;
}

/**
 * Uniformity of unit vectors on S^{d−1}: Rayleigh's test of the mean (d n |ū|² ~ χ²_d) and Bingham's test of
 * the scatter matrix M = (1/n) Σ u uᵀ against I/d (n d(d+2)/2 (tr M² − 1/d) ~ χ²_{(d−1)(d+2)/2}), d ≥ 2.
 */
export function isotropyTests(directions: Float64Array, d: number): { test: string; pValue: number }[] {
  const n = directions.length / d;
  const mean = new Float64Array(d);
  const scatter = new Float64Array(d * d);
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < d; a++) {
      const ua = directions[i * d + a]!;
      mean[a]! += ua / n;
      for (let b = 0; b < d; b++) scatter[a * d + b]! += (ua * directions[i * d + b]!) / n;
    }
  }
  let meanNorm2 = 0;
  for (const m of mean) meanNorm2 += m * m;
  const rayleigh = d * n * meanNorm2;
  const tests = [{ test: 'Rayleigh test of the mean direction', pValue: chiSquareSurvival(rayleigh, d) }];
  if (d >= 2) {
    let trace2 = 0;
    for (const m of scatter) trace2 += m * m;
    const bingham = ((n * d * (d + 2)) / 2) * (trace2 - 1 / d);
    tests.push({
      test: 'Bingham test of the direction scatter',
      pValue: chiSquareSurvival(bingham, ((d - 1) * (d + 2)) / 2),
    });
  }
  return tests;
}

/** P(χ²_k > x). */
function chiSquareSurvival(x: number, k: number): number {
  return x <= 0 ? 1 : gammaQ(k / 2, x / 2);
}
