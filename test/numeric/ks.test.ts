import { describe, expect, it } from 'vitest';
import { ksPValue, ksStatistic, ksTest } from '../../src/numeric/ks.js';
import { sampleStream } from '../../src/numeric/rng.js';

// Exact P(D_n ≥ d) by Pomeranz's recursion, an algorithm independent of Marsaglia–Tsang–Wang
// (scipy.stats._ksstats._kolmogn_Pomeranz, SciPy 1.17.1, long double). For d = 0.1, n = 100 a 4·10^5-draw
// Monte Carlo gives 0.2521 ± 0.0008, and the uncorrected Kolmogorov limit kstwobign.sf(1.0) = 0.2700 is off.
// (scipy.stats.kstwo.sf itself switches to the Pelz–Good asymptotic for n > 140 and is 3e-8 off at n = 1000.)
const EXACT: Array<[number, number, number]> = [
  [0.1, 100, 0.2526927570063874],
  [0.05, 100, 0.9532159710635724],
  [0.2, 20, 0.352720173623415],
  [0.5, 5, 0.112],
  [0.3, 10, 0.27053557479999946],
  [0.02, 1000, 0.8108971310702102],
  [0.03, 1000, 0.3226902464132934],
];
// Beyond the exact method's range (matrix order > 121): Stephens' corrected limit against scipy.stats.kstwo.sf
// (Pelz–Good there, ~1e-6), within 1e-3.
const LARGE_N: Array<[number, number, number]> = [
  [0.015, 5000, 0.20846142096186204],
  [0.02, 5000, 0.03613941395325637],
  [0.01, 20000, 0.03638603905248727],
  [0.004, 100000, 0.08130148920222469],
];

describe('ksStatistic', () => {
  it('computes D by hand for a small sample, without reordering the input', () => {
    const samples = [0.9, 0.1, 0.5];
    // sorted 0.1, 0.5, 0.9 against U(0,1): max(0.1 − 0, 1/3 − 0.1, 0.5 − 1/3, 2/3 − 0.5, 0.9 − 2/3, 1 − 0.9) = 0.2333…
    expect(ksStatistic(samples, (x) => x)).toBeCloseTo(0.9 - 2 / 3, 15);
    expect(samples).toEqual([0.9, 0.1, 0.5]);
    expect(ksStatistic([0.5], (x) => x)).toBe(0.5);
    expect(ksStatistic([], (x) => x)).toBeNaN();
  });
});

describe('ksPValue', () => {
  it('is exact (Marsaglia–Tsang–Wang) against scipy.stats.kstwo for n·d up to 60', () => {
    for (const [d, n, p] of EXACT) expect(Math.abs(ksPValue(d, n) - p), `d = ${d}, n = ${n}`).toBeLessThan(1e-12);
  });

  it('matches the closed form P(D_1 ≥ d) = 2(1 − d) for n = 1, d ≥ ½', () => {
    for (const d of [0.5, 0.6, 0.9]) expect(ksPValue(d, 1)).toBeCloseTo(2 * (1 - d), 13);
  });

  it('uses the corrected Kolmogorov limit for large n·d, within 1e-3 of the exact value', () => {
    for (const [d, n, p] of LARGE_N) expect(Math.abs(ksPValue(d, n) - p), `d = ${d}, n = ${n}`).toBeLessThan(1e-3);
  });

  it('is 1 at d = 0, 0 at d = 1, decreasing in d, and NaN for a non-integer n', () => {
    expect(ksPValue(0, 10)).toBe(1);
    expect(ksPValue(1, 10)).toBe(0);
    let previous = 1;
    for (let d = 0.01; d < 0.3; d += 0.01) {
      const p = ksPValue(d, 200);
      expect(p).toBeLessThanOrEqual(previous);
      previous = p;
    }
    expect(ksPValue(0.1, 10.5)).toBeNaN();
  });
});

describe('ksTest', () => {
  it('accepts samples from the tested law and rejects a different one (fixed seed)', () => {
    const rng = sampleStream(7, 0);
    const u = new Float64Array(2000);
    rng.uniforms(u);
    expect(ksTest(u, (x) => x).pValue).toBeGreaterThan(0.01);
    // U(0,1) tested against the law with CDF x²
    const wrong = ksTest(u, (x) => x * x);
    expect(wrong.statistic).toBeGreaterThan(0.2);
    expect(wrong.pValue).toBeLessThan(1e-10);
  });

  it('has p-values that are themselves uniform under the null (200 samples of size 50)', () => {
    const pValues = new Float64Array(200);
    const u = new Float64Array(50);
    for (let i = 0; i < pValues.length; i++) {
      sampleStream(11, i).uniforms(u);
      pValues[i] = ksTest(u, (x) => x).pValue;
    }
    expect(ksTest(pValues, (x) => x).pValue).toBeGreaterThan(0.01);
  });
});
