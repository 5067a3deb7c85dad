import { describe, expect, it } from 'vitest';
import { designFromText, loadDesign } from '../../src/design/index.js';
import { integrate } from '../../src/numeric/quadrature.js';
import { centralDifference, example, relativeError, specWithDimension } from '../helpers.js';

const tanh2 = loadDesign(example('tanh.yaml'));
const origin = [0, 0];

describe('radial family: tanh(r/t) (docs/mathematics.md §2 worked example)', () => {
  it('log φ stays exact where sech² underflows: t = 1e-3, r = 1, d = 2 → −1993.5438', () => {
    // hand value: 2(log 2 − 1000 − log1p(e^−2000)) − log 1e-3 − log 2π − log 1
    const expected = 2 * (Math.LN2 - 1000) - Math.log(1e-3) - Math.log(2 * Math.PI);
    const value = tanh2.kernel.logDensity(1e-3, [1, 0], origin);
    expect(value).toBeCloseTo(-1993.5438, 4);
    expect(relativeError(value, expected)).toBeLessThan(1e-13);
  });

  it('k = 1/t, so v = (x − x0)/t, even where ∂tψ and ∂rψ both underflow', () => {
    for (const [t, x] of [
      [0.7, [1.3, 0]],
      [1e-3, [1, 0.5]],
      [5, [-2, 7]],
    ] as const) {
      const v = tanh2.conditionalVelocity(t, x, [0.1, -0.2]);
      expect(relativeError(v[0]!, (x[0] - 0.1) / t)).toBeLessThan(1e-12);
      expect(relativeError(v[1]!, (x[1] + 0.2) / t)).toBeLessThan(1e-12);
    }
  });

  it('ψ is the radial CDF and φ integrates to 1 over R^d (quadrature, S_1 = 2π)', () => {
    const t = 0.7;
    expect(tanh2.kernel.radialCdf(t, 1.3)).toBeCloseTo(Math.tanh(1.3 / 0.7), 14);
    const shell = (r: number) => 2 * Math.PI * r * Math.exp(tanh2.kernel.logDensity(t, [r, 0], origin));
    expect(integrate(shell, 0, Infinity, { rtol: 1e-12, scale: t }).value).toBeCloseTo(1, 9);
  });

  it('score = ∂r log φ (x − x0)/r matches a finite difference of log φ', () => {
    const t = 0.9,
      x = [0.4, -1.1];
    const score = tanh2.conditionalScore(t, x, origin);
    for (let j = 0; j < 2; j++) {
      const fd = centralDifference(
        (h) =>
          tanh2.kernel.logDensity(
            t,
            x.map((v, i) => (i === j ? h : v)),
            origin,
          ),
        x[j]!,
      );
      expect(relativeError(score[j]!, fd)).toBeLessThan(1e-7);
    }
  });

  it('kernel quantile inverts ψ', () => {
    const r = tanh2.kernel.radialQuantile(2, 0.3);
    expect(r).toBeCloseTo(2 * Math.atanh(0.3), 12);
  });
});

describe('radial family: radial continuity ∂tφ + r^{1−d}∂r(kφ r^d) = 0 (finite differences)', () => {
  const specs = ['tanh.yaml', 'exp-radial.yaml', 'gaussian-density.yaml'];
  it.each(specs)('%s', (file) => {
    for (const d of [2, 3]) {
      const design = designFromText(specWithDimension(file, d));
      const fk = design.fieldKernel;
      if (fk.kind !== 'radial') throw new Error('radial expected');
      for (const [t, r] of [
        [0.5, 0.3],
        [1.2, 2.0],
        [3, 1],
      ] as const) {
        const phi = (tt: number, rr: number) => Math.exp(fk.logPhi(tt, rr));
        const dPhiDt = centralDifference((tt) => phi(tt, r), t);
        const flux = (rr: number) => fk.k(t, rr) * phi(t, rr) * rr ** d;
        const divergence = r ** (1 - d) * centralDifference(flux, r);
        expect(Math.abs(dPhiDt + divergence)).toBeLessThan(1e-6 * Math.abs(dPhiDt) + 1e-12);
      }
    }
  });
});

describe('radial family: ψ = 1 − e^{−r/t} and a density-given Gaussian', () => {
  it('exp-radial: log φ = −r/t − log t − log 2π − log r (d = 2), k = 1/t', () => {
    const design = loadDesign(example('exp-radial.yaml'));
    const t = 0.8,
      r = 1.7;
    const expected = -r / t - Math.log(t) - Math.log(2 * Math.PI) - Math.log(r);
    expect(relativeError(design.kernel.logDensity(t, [r, 0], origin), expected)).toBeLessThan(1e-13);
    const fk = design.fieldKernel;
    expect(fk.kind === 'radial' && fk.k(t, r)).toBeCloseTo(1 / t, 13);
  });

  it.each([2, 3, 4])('Gaussian density in d = %i: log φ is N(0, t² I), ψ = P(d/2, r²/2t²), k = 1/t', (d) => {
    const design = designFromText(specWithDimension('gaussian-density.yaml', d));
    const t = 0.6,
      x = [0.5, ...Array(d - 1).fill(0.2)];
    const r2 = x.reduce((a, b) => a + b * b, 0);
    const expected = -r2 / (2 * t * t) - (d / 2) * Math.log(2 * Math.PI * t * t);
    expect(relativeError(design.kernel.logDensity(t, x, Array(d).fill(0)), expected)).toBeLessThan(1e-10);
    const fk = design.fieldKernel;
    expect(fk.kind === 'radial' && fk.k(t, Math.sqrt(r2))).toBeCloseTo(1 / t, 8);
    // far in the tail φ̃ underflows (r/t = 1000): k stays finite (scaled integrals)
    expect(fk.kind === 'radial' && relativeError(fk.k(1e-3, 1), 1e3)).toBeLessThan(1e-8);
    // d = 2: P(1, u) = 1 − e^{−u}; otherwise compared with the series of the regularized gamma
    if (d === 2) expect(design.kernel.radialCdf(t, 0.9)).toBeCloseTo(1 - Math.exp(-0.81 / (2 * t * t)), 10);
  });
});

describe('k where both derivatives of ψ underflow (log-space fallback)', () => {
  it('ψ = tanh(r/t + r²): k = 1/(t + 2 r t²) at t = 1e-3, r = 1, where sech²(1001) = 0', () => {
    const design = designFromText(
      'family: radial\ndimension: 2\ncumulative: tanh(r/t + r^2)\ntime: {T: 1, epsilon: 0.001}\n',
    );
    const fk = design.fieldKernel;
    if (fk.kind !== 'radial') throw new Error('radial expected');
    for (const [t, r] of [
      [1e-3, 1],
      [0.5, 0.3],
      [2e-3, 3],
    ] as const) {
      expect(relativeError(fk.k(t, r), 1 / (t + 2 * r * t * t))).toBeLessThan(1e-12);
    }
  });
});

describe('log space through sums of underflowing terms', () => {
  it('ψ = (tanh(r/t) + tanh(2r/t))/2 at t = 1e-3, r = 1: log φ exact and k = 1/t', () => {
    const design = designFromText(
      'family: radial\ndimension: 2\ncumulative: (tanh(r/t) + tanh(2 r/t)) / 2\ntime: {T: 1, epsilon: 0.001}\n',
    );
    const fk = design.fieldKernel;
    if (fk.kind !== 'radial') throw new Error('radial expected');
    const t = 1e-3,
      r = 1,
      u = r / t;
    const logSech = (v: number) => Math.LN2 - v - Math.log1p(Math.exp(-2 * v));
    // ∂rψ = (sech²(u) + 2 sech²(2u)) / (2t), summed in log space by hand
    const a = 2 * logSech(u),
      b = Math.LN2 + 2 * logSech(2 * u);
    const logSum = Math.max(a, b) + Math.log1p(Math.exp(Math.min(a, b) - Math.max(a, b)));
    const expected = logSum - Math.log(2 * t) - Math.log(2 * Math.PI) - Math.log(r);
    expect(relativeError(fk.logPhi(t, r), expected)).toBeLessThan(1e-13);
    expect(relativeError(fk.k(t, r), 1 / t)).toBeLessThan(1e-12);
    expect(relativeError(fk.k(0.4, 0.3), 1 / 0.4)).toBeLessThan(1e-12);
  });
});

describe("plain marginal field outside every kernel's support", () => {
  it('says so instead of returning NaN', () => {
    const design = designFromText(
      'family: radial\ndimension: 2\ncumulative: min(r/t, 1)\ntime: {T: 1, epsilon: 0.001}\n',
    );
    const field = design.field(new Float64Array([0, 0, 1, 0]));
    expect([...field.velocity(0.5, [0.2, 0.1])].every(Number.isFinite)).toBe(true);
    expect(() => field.velocity(0.5, [5, 5])).toThrow(/outside the support of every data point's kernel at t = 0.5/);
  });
});
